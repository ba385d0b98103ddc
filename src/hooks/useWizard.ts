/**
 * The wizard's state for React: the pure reducer from src/wizard/reducer.ts
 * (re-exported so tests and plain mode use it without React) plus the
 * schema-backed issues, recomputed only when the answers change.
 */
import { useCallback, useMemo, useReducer } from 'react';
import { createWizardState, shownIssues, wizardReducer, type WizardEvent, type WizardState } from '../wizard/reducer.js';
import { validateAnswers, type WizardIssues } from '../wizard/validation.js';
import type { AnswerValue, FieldId, WizardContext } from '../wizard/types.js';

export { createWizardState, wizardReducer, currentQuestions, focusedQuestion, shownIssues, blockingFields } from '../wizard/reducer.js';
export type { WizardEvent, WizardState } from '../wizard/reducer.js';

export interface WizardControls {
  readonly state: WizardState;
  readonly issues: WizardIssues;
  /** The messages to display on the current step. */
  readonly shown: Partial<Record<FieldId, string>>;
  readonly dispatch: (event: WizardEvent) => void;
  readonly set: (field: FieldId, value: AnswerValue) => void;
}

export function useWizard(context: WizardContext): WizardControls {
  const [state, dispatch] = useReducer(wizardReducer, context, createWizardState);
  const issues = useMemo(() => validateAnswers(state.answers, state.context), [state.answers, state.context]);
  const shown = useMemo(() => shownIssues(state, issues), [state, issues]);
  const set = useCallback((field: FieldId, value: AnswerValue) => dispatch({ type: 'set', field, value }), []);
  return { state, issues, shown, dispatch, set };
}
