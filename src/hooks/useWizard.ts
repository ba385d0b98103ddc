/**
 * The wizard's state for React: the pure reducer from src/wizard/reducer.ts
 * (re-exported so tests and plain mode use it without React) plus the
 * schema-backed issues, recomputed only when the answers change, and first
 * computed just after the first frame (see useFirstFrameDrawn).
 */
import { useMemo, useReducer } from 'react';
import { useFirstFrameDrawn } from './useFirstFrameDrawn.js';
import { createWizardState, wizardReducer, type WizardEvent, type WizardState } from '../wizard/reducer.js';
import { validateAnswers, type WizardIssues } from '../wizard/validation.js';
import type { WizardContext } from '../wizard/types.js';

export { createWizardState, wizardReducer, currentQuestions, focusedQuestion, shownIssues, blockingFields } from '../wizard/reducer.js';
export type { FormUi, WizardEvent, WizardState } from '../wizard/reducer.js';

export interface WizardControls {
  readonly state: WizardState;
  /**
   * Every problem the schema finds in the answers, by question; undefined
   * while the first frame renders. Only what is shown waits: the reducer
   * validates for itself before it moves on.
   */
  readonly issues: WizardIssues | undefined;
  readonly dispatch: (event: WizardEvent) => void;
}

export function useWizard(context: WizardContext): WizardControls {
  const [state, dispatch] = useReducer(wizardReducer, context, createWizardState);
  // Validating is cheap (about 0.3 ms per keystroke, measured), but needless on renders that change no answer;
  // the first one is not (zod compiles its parsers then: about 10 ms), and the first frame shows the defaults, which hold.
  const drawn = useFirstFrameDrawn();
  const issues = useMemo(() => (drawn ? validateAnswers(state.answers, state.context) : undefined), [drawn, state.answers, state.context]);
  return { state, issues, dispatch };
}
