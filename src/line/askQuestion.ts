/**
 * One question of the shared list, asked with the prompt that fits its kind.
 * Answers are checked by the schema as they are typed; `?` at any prompt
 * shows the question's help.
 */
import { filterChoices } from '../input/filter.js';
import { choicesOf } from '../wizard/questions.js';
import { wizardReducer, type WizardState } from '../wizard/reducer.js';
import type { AnswerValue, Choice, Question } from '../wizard/types.js';
import { ownProblem } from '../wizard/validation.js';
import type { PromptChoice, Prompts } from './prompts.js';

const PAGE = 10;

/**
 * The schema's message for this answer by itself, or true. Rules across
 * answers wait until the step is complete: "minimum 3" must not be refused
 * only because the maximum, asked next, is still 2.
 */
function check(entry: Question, value: AnswerValue): string | true {
  return ownProblem(entry, value) ?? true;
}

const toPrompt = (choice: Choice): PromptChoice => ({
  value: choice.value,
  name: choice.label,
  ...(choice.hint ? { description: choice.hint } : {}),
});

/** Keeps the zones already chosen in their order (their subnets keep their numbers), new ones after. */
function keepOrder(before: readonly string[], chosen: readonly string[]): string[] {
  return [...before.filter((value) => chosen.includes(value)), ...chosen.filter((value) => !before.includes(value))];
}

export async function askQuestion(prompts: Prompts, state: WizardState, entry: Question, print: (line: string) => void): Promise<WizardState> {
  const current = state.answers[entry.id];
  const locked = entry.locked?.(state.context);
  if (locked !== undefined) {
    print(`${entry.label}: ${String(current)} (fixed: ${locked})`);
    return state;
  }
  const choices = choicesOf(entry, state.answers);
  let value: AnswerValue;
  switch (entry.kind) {
    case 'text':
    case 'number': {
      const unit = entry.unit ? ` (${entry.unit})` : '';
      const text = String(current);
      value = await prompts.input({
        message: `${entry.label}${unit}`,
        help: entry.help,
        ...(text === '' ? {} : { default: text }),
        validate: (answer) => check(entry, answer),
      });
      break;
    }
    case 'select':
      if (entry.searchable) {
        // No default in a search prompt: the current answer comes first, so Enter keeps it.
        const ordered = [...choices.filter((choice) => choice.value === current), ...choices.filter((choice) => choice.value !== current)];
        value = await prompts.search({
          message: `${entry.label} (type to filter)`,
          help: entry.help,
          source: (term) => filterChoices(ordered, term ?? '').map(toPrompt),
          pageSize: PAGE,
        });
      } else {
        value = await prompts.select({ message: entry.label, help: entry.help, choices: choices.map(toPrompt), default: String(current), pageSize: PAGE });
      }
      break;
    case 'multiselect': {
      const before = current as readonly string[];
      const chosen = await prompts.checkbox({
        message: entry.label,
        help: entry.help,
        choices: choices.map((choice) => ({ ...toPrompt(choice), checked: before.includes(choice.value) })),
        validate: (selected) => check(entry, selected.map((item) => item.value)),
        pageSize: PAGE,
      });
      value = keepOrder(before, chosen);
      break;
    }
    case 'boolean':
      value = await prompts.confirm({ message: entry.label, help: entry.help, default: current === true });
      break;
  }
  return wizardReducer(state, { type: 'set', field: entry.id, value });
}
