/**
 * Navigation and answers as a pure reducer: the Ink app and plain mode drive
 * the same transitions, and tests run them without React. The schema's
 * verdict on the answers, which 'next' needs, is given (wizardMachine): this
 * module loads no zod, so the Ink wizard's first frame is drawn without it and
 * its validation loads just after (src/hooks/useWizard.ts). reducer.ts gives
 * the reducer with the schema's validation, for plain mode and the tests.
 */
import type { KeyInput } from '../input/editors.js';
import { keyEvents } from './formKeys.js';
import { DEFAULT_ENGINE_VERSION, ENGINE_VERSIONS, type DatabaseEngine } from '../config/databaseClasses.js';
import { fargateMemoryFor } from '../config/fargate.js';
import type { PresetName } from '../config/presets.js';
import { findRegion } from '../config/regions.js';
import { initialAnswers, presetAnswers } from './answers.js';
import { question } from './questions.js';
import { stepIndex, visibleQuestions } from './steps.js';
import { STEP_IDS, type AnswerValue, type Answers, type FieldId, type Question, type StepId, type WizardContext } from './types.js';
import type { WizardIssues } from './validation.js';

/** The schema's verdict on a set of answers: validateAnswers (src/wizard/validation.ts). */
export type ValidateAnswers = (answers: Answers, context: WizardContext) => WizardIssues;

/** Where the editing is within the step's fields: text cursors, list filters, checkbox cursors. */
export interface FormUi {
  readonly cursors: Partial<Record<FieldId, number>>;
  readonly queries: Partial<Record<FieldId, string>>;
  readonly listCursors: Partial<Record<FieldId, number>>;
  /** Review: the drawing of the stack is shown instead of the summary. */
  readonly diagram?: boolean;
}

const NO_UI: FormUi = { cursors: {}, queries: {}, listCursors: {} };

export interface WizardState {
  readonly context: WizardContext;
  readonly step: StepId;
  readonly answers: Answers;
  /** Where the answers started: the "old" side of the review diff. */
  readonly initial: Answers;
  /** Fields the user changed; a preset change leaves these alone. */
  readonly edited: readonly FieldId[];
  /** Steps where next was refused: their problems show even on untouched fields. */
  readonly attempted: readonly StepId[];
  /** Index into the step's visible questions. */
  readonly focus: number;
  readonly help: boolean;
  readonly ui: FormUi;
  /** left: Esc on the first step, back to the start menu of an existing file. */
  readonly status: 'editing' | 'done' | 'left';
}

export type WizardEvent =
  | { readonly type: 'set'; readonly field: FieldId; readonly value: AnswerValue }
  | { readonly type: 'next' }
  | { readonly type: 'back' }
  | { readonly type: 'goTo'; readonly step: StepId }
  | { readonly type: 'focus'; readonly index: number }
  | { readonly type: 'focusNext'; readonly wrap?: boolean }
  | { readonly type: 'focusPrevious'; readonly wrap?: boolean }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'toggleDiagram' }
  /** A key pressed on the step; see formKeys.ts. */
  | { readonly type: 'key'; readonly input: string; readonly key: KeyInput; readonly page?: number }
  | { readonly type: 'cursor'; readonly field: FieldId; readonly cursor: number }
  | { readonly type: 'query'; readonly field: FieldId; readonly query: string }
  | { readonly type: 'listCursor'; readonly field: FieldId; readonly cursor: number };

export function createWizardState(context: WizardContext): WizardState {
  const answers = initialAnswers(context);
  return { context, step: 'project', answers, initial: answers, edited: [], attempted: [], focus: 0, help: false, ui: NO_UI, status: 'editing' };
}

export function currentQuestions(state: WizardState): Question[] {
  return visibleQuestions(state.step, state.answers, state.context);
}

export function focusedQuestion(state: WizardState): Question | undefined {
  return currentQuestions(state)[state.focus];
}

/** Problems of a step that block next: on review, every problem left. */
export function blockingFields(state: WizardState, issues: WizardIssues): FieldId[] {
  if (state.step === 'review') return (Object.keys(issues.fields) as FieldId[]).filter((id) => issues.fields[id]);
  return currentQuestions(state)
    .map((entry) => entry.id)
    .filter((id) => issues.fields[id] !== undefined);
}

const isEmpty = (value: unknown) => (typeof value === 'string' ? value.trim() === '' : Array.isArray(value) && value.length === 0);

/**
 * The messages to show now. A field that holds a value shows its problem at
 * once, even when another field caused it (storage above its ceiling); an
 * empty field the user has not reached yet stays quiet until it is edited or
 * Enter is refused, so a fresh screen does not open with a wall of red.
 */
export function shownIssues(state: WizardState, issues: WizardIssues): Partial<Record<FieldId, string>> {
  const attempted = state.attempted.includes(state.step);
  const shown: Partial<Record<FieldId, string>> = {};
  for (const entry of currentQuestions(state)) {
    const message = issues.fields[entry.id];
    if (message === undefined) continue;
    if (attempted || state.edited.includes(entry.id) || !isEmpty(state.answers[entry.id])) shown[entry.id] = message;
  }
  return shown;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** Keeps answers that depend on the changed one consistent with it. */
function reconcile(answers: Answers, field: FieldId, edited: readonly FieldId[]): { answers: Answers; edited: readonly FieldId[] } {
  const next: Record<string, AnswerValue> = { ...answers };
  let keep = edited;
  if (field === 'env.region') {
    const zones = findRegion(answers['env.region'])?.zones ?? [];
    const current = answers['env.availabilityZones'];
    if (!current.every((zone) => zones.includes(zone))) {
      // The same number of zones as before (a production preset's three stay
      // three), never fewer than the two the load balancer needs.
      next['env.availabilityZones'] = zones.slice(0, clamp(current.length, 2, zones.length));
      keep = keep.filter((id) => id !== 'env.availabilityZones');
    }
  }
  if (field === 'env.database.engine') {
    const engine = answers['env.database.engine'] as DatabaseEngine;
    const versions = ENGINE_VERSIONS[engine] ?? [];
    if (!versions.includes(answers['env.database.engineVersion'])) next['env.database.engineVersion'] = DEFAULT_ENGINE_VERSION[engine] ?? '';
  }
  if (field === 'app.cpu') {
    const sizes = fargateMemoryFor(Number(answers['app.cpu']));
    const memory = Number(answers['app.memory']);
    if (sizes.length > 0 && !sizes.includes(memory)) {
      // The nearest size keeps the task's memory roughly where it was.
      const nearest = sizes.reduce((best, size) => (Math.abs(size - memory) < Math.abs(best - memory) ? size : best));
      next['app.memory'] = String(nearest);
    }
  }
  return { answers: next as unknown as Answers, edited: keep };
}

function setAnswer(state: WizardState, field: FieldId, value: AnswerValue): WizardState {
  if (question(field).locked?.(state.context) !== undefined) return state;
  const edited = state.edited.includes(field) ? state.edited : [...state.edited, field];
  let answers = { ...state.answers, [field]: value } as Answers;
  if (field === 'wizard.preset') {
    const filled = presetAnswers(value as PresetName, answers, state.context);
    const untouched = Object.entries(filled).filter(([id]) => !state.edited.includes(id as FieldId));
    answers = { ...answers, ...Object.fromEntries(untouched) };
  }
  const reconciled = reconcile(answers, field, edited);
  const moved = { ...state, answers: reconciled.answers, edited: reconciled.edited };
  return { ...moved, focus: clamp(state.focus, 0, Math.max(currentQuestions(moved).length - 1, 0)) };
}

function move(state: WizardState, delta: number, wrap: boolean): WizardState {
  const count = currentQuestions(state).length;
  if (count === 0) return state;
  const target = state.focus + delta;
  const focus = wrap ? (target + count) % count : clamp(target, 0, count - 1);
  return { ...state, focus };
}

function enterStep(state: WizardState, step: StepId): WizardState {
  return { ...state, step, focus: 0, help: false, ui: NO_UI };
}

/** The reducer, judging 'next' with `validateAnswers`. */
export function wizardMachine(validateAnswers: ValidateAnswers): (state: WizardState, event: WizardEvent) => WizardState {
  const reducer = (state: WizardState, event: WizardEvent): WizardState => reduce(state, event, reducer, validateAnswers);
  return reducer;
}

function reduce(state: WizardState, event: WizardEvent, wizardReducer: (state: WizardState, event: WizardEvent) => WizardState, validateAnswers: ValidateAnswers): WizardState {
  if (state.status !== 'editing') return state;
  switch (event.type) {
    case 'set':
      return setAnswer(state, event.field, event.value);
    case 'next': {
      const issues = validateAnswers(state.answers, state.context);
      const blocking = blockingFields(state, issues);
      // On review, a problem no question owns (a hand-edited file) also blocks.
      const other = state.step === 'review' ? issues.other : [];
      if (blocking.length > 0 || other.length > 0) {
        const first = currentQuestions(state).findIndex((entry) => blocking.includes(entry.id));
        const attempted = state.attempted.includes(state.step) ? state.attempted : [...state.attempted, state.step];
        return { ...state, attempted, focus: first >= 0 ? first : state.focus };
      }
      if (state.step === 'review') return { ...state, status: 'done' };
      return enterStep(state, STEP_IDS[stepIndex(state.step) + 1]!);
    }
    case 'back': {
      const index = stepIndex(state.step);
      if (index > 0) return enterStep(state, STEP_IDS[index - 1]!);
      // Only an existing file has a start menu to go back to.
      return state.context.existing ? { ...state, status: 'left' } : state;
    }
    case 'goTo':
      return stepIndex(event.step) <= stepIndex(state.step) ? enterStep(state, event.step) : state;
    case 'focus':
      return move({ ...state, focus: 0 }, event.index, false);
    case 'focusNext':
      return move(state, 1, event.wrap ?? false);
    case 'focusPrevious':
      return move(state, -1, event.wrap ?? false);
    case 'toggleHelp':
      return { ...state, help: !state.help };
    case 'toggleDiagram':
      return state.step === 'review' ? { ...state, ui: { ...state.ui, diagram: !state.ui.diagram } } : state;
    case 'key':
      return keyEvents(state, event.input, event.key, event.page).reduce(wizardReducer, state);
    case 'cursor':
      return { ...state, ui: { ...state.ui, cursors: { ...state.ui.cursors, [event.field]: event.cursor } } };
    case 'query':
      return { ...state, ui: { ...state.ui, queries: { ...state.ui.queries, [event.field]: event.query } } };
    case 'listCursor':
      return { ...state, ui: { ...state.ui, listCursors: { ...state.ui.listCursors, [event.field]: event.cursor } } };
  }
}
