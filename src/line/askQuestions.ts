/**
 * Plain mode: the wizard's questions one after another, one per line (see
 * prompts.ts), for terminals that cannot redraw a screen and for screen
 * readers. Same questions, same validation, same outcome as the Ink
 * wizard; the explanations the screens show are printed as lines.
 */
import { ConfigError } from '../errors.js';
import type { Config, ConfigInput } from '../config/index.js';
import { question } from '../wizard/questions.js';
import { blockingFields, createWizardState, currentQuestions, wizardReducer, type WizardState } from '../wizard/reducer.js';
import { outcomeOf } from '../wizard/outcome.js';
import { STEP_TITLES, stepIndex, wizardTitle } from '../wizard/steps.js';
import { parseStartChoice, startChoices } from '../wizard/start.js';
import { STEP_IDS, type WizardContext, type WizardDefaults, type WizardOutcome } from '../wizard/types.js';
import { validateAnswers } from '../wizard/validation.js';
import { askQuestion } from './askQuestion.js';
import { explainStep, reviewLines } from './explain.js';
import { isPromptCancel, linePrompts, type Prompts } from './prompts.js';

export interface AskOptions {
  readonly dir: string;
  readonly existing?: Config;
  readonly defaults: WizardDefaults;
  /** The line prompts on the process's terminal unless given (tests inject fakes). */
  readonly prompts?: Prompts;
  /** Where explanations, the review and the diff go; stdout by default. */
  readonly print?: (line: string) => void;
}

/** Asks the step's questions from `from` on; visibility is re-read after each answer (the ARN appears once "existing" is chosen). */
async function askFrom(prompts: Prompts, start: WizardState, from: number, print: (line: string) => void): Promise<WizardState> {
  let state = start;
  for (let index = from; index < currentQuestions(state).length; index++) {
    state = await askQuestion(prompts, state, currentQuestions(state)[index]!, print);
  }
  return state;
}

async function askStep(prompts: Prompts, start: WizardState, print: (line: string) => void): Promise<WizardState> {
  const step = start.step;
  print('');
  print(`${STEP_TITLES[step]} (${stepIndex(step) + 1} of ${STEP_IDS.length})`);
  let state = await askFrom(prompts, start, 0, print);
  for (;;) {
    const next = wizardReducer(state, { type: 'next' });
    if (next.step !== step) {
      explainStep(state, print);
      return next;
    }
    // A rule across answers (minimum above maximum) blames one answer; the
    // step resumes there, so the user can fix either side of the rule.
    const issues = validateAnswers(state.answers, state.context);
    const blocking = blockingFields(state, issues).map(question);
    if (blocking.every((entry) => entry.locked?.(state.context) !== undefined)) {
      // Nothing asked here can fix them: the file must change.
      throw new ConfigError(
        blocking.map((entry) => `${entry.label}: ${issues.fields[entry.id]}`),
        'answers that cannot be changed in this walk are not valid; fix them in ecs-wizard.json, then run the wizard again.',
      );
    }
    for (const entry of blocking) print(`✗ ${entry.label}: ${issues.fields[entry.id]}`);
    const first = currentQuestions(state).findIndex((entry) => blocking.includes(entry));
    state = await askFrom(prompts, state, Math.max(first, 0), print);
  }
}

async function review(prompts: Prompts, state: WizardState, print: (line: string) => void): Promise<WizardState> {
  print('');
  print(`Review (${STEP_IDS.length} of ${STEP_IDS.length})`);
  for (const line of reviewLines(state)) print(line);
  const { other } = validateAnswers(state.answers, state.context);
  for (const problem of other) print(`✗ ${problem.path}: ${problem.message}`);
  const entry = question('wizard.action');
  const choice = await prompts.select({
    message: entry.label,
    choices: [
      ...(entry.choices?.(state.answers) ?? []).map((action) => ({ value: action.value, name: action.label, ...(action.hint ? { description: action.hint } : {}) })),
      { value: 'edit', name: 'Change an answer', description: 'go back to a step; later answers are kept as defaults' },
    ],
    default: state.answers['wizard.action'],
  });
  if (choice === 'edit') {
    const steps = STEP_IDS.filter((step) => step !== 'review');
    const step = await prompts.select({ message: 'Go back to', choices: steps.map((id) => ({ value: id, name: STEP_TITLES[id] })) });
    return wizardReducer(state, { type: 'goTo', step: step as (typeof steps)[number] });
  }
  const finished = wizardReducer(wizardReducer(state, { type: 'set', field: 'wizard.action', value: choice }), { type: 'next' });
  if (finished.status !== 'done') print('✗ Some answers need fixing first: choose "Change an answer".');
  return finished;
}

async function walk(prompts: Prompts, options: AskOptions, print: (line: string) => void): Promise<WizardOutcome> {
  let context: WizardContext = { mode: 'new', defaults: options.defaults, dir: options.dir };
  const { existing } = options;
  if (existing) {
    const value = await prompts.select({
      message: 'ecs-wizard.json is here. What would you like to do?',
      choices: startChoices(existing).map((choice) => ({ value: choice.value, name: choice.label, ...(choice.hint ? { description: choice.hint } : {}) })),
    });
    const choice = parseStartChoice(value);
    if (choice.kind === 'add') context = { mode: 'add', defaults: options.defaults, existing, dir: options.dir };
    else if (choice.kind === 'modify') context = { mode: 'modify', defaults: options.defaults, existing, environment: choice.environment, dir: options.dir };
    // Running Terraform on a saved environment needs no answers: the file is the config.
    else return { kind: 'done', config: existing as ConfigInput, environment: choice.environment, action: choice.kind };
  }
  let state = createWizardState(context);
  print(`ecs-wizard · ${wizardTitle(context, state.answers)}`);
  print('Press Enter to keep an answer, ? for help; Ctrl-C quits without writing anything.');
  while (state.status !== 'done') {
    state = state.step === 'review' ? await review(prompts, state, print) : await askStep(prompts, state, print);
  }
  return outcomeOf(state);
}

export async function askQuestions(options: AskOptions): Promise<WizardOutcome> {
  // Prompts made here read the terminal until the last answer; given ones are the caller's.
  const own = options.prompts ? undefined : linePrompts();
  const prompts = options.prompts ?? own!;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  try {
    return await walk(prompts, options, print);
  } catch (error) {
    if (isPromptCancel(error)) return { kind: 'cancelled' };
    throw error;
  } finally {
    own?.close?.();
  }
}
