/**
 * The wizard's state for React: the pure reducer from src/wizard/reducer.ts
 * (re-exported so tests and plain mode use it without React) plus the
 * schema's verdicts on the answers, recomputed only when the answers change
 * and first given just after the first frame (see useAfterFirstFrame).
 */
import { useMemo, useReducer } from 'react';
import { useAfterFirstFrame } from './useAfterFirstFrame.js';
import { createWizardState, wizardReducer, type WizardEvent, type WizardState } from '../wizard/reducer.js';
import { validateAnswers } from '../wizard/validation.js';
import type { Verdicts } from '../wizard/verdicts.js';
import type { WizardContext } from '../wizard/types.js';

export { createWizardState, wizardReducer, currentQuestions, focusedQuestion, shownIssues, blockingFields } from '../wizard/reducer.js';
export type { FormUi, WizardEvent, WizardState } from '../wizard/reducer.js';

export interface WizardControls {
  readonly state: WizardState;
  /**
   * The problems and the cost of the answers; undefined while the first
   * frame renders. Only what is shown waits: the reducer validates for
   * itself before it moves on, so no key is judged without them.
   */
  readonly verdicts: Verdicts | undefined;
  readonly dispatch: (event: WizardEvent) => void;
}

export function useWizard(context: WizardContext): WizardControls {
  const [state, dispatch] = useReducer(wizardReducer, context, createWizardState);
  // The cost module brings the price table (~110 KB); the first frame shows the defaults, which hold, and no estimate.
  const costLines = useAfterFirstFrame(async () => (await import('../wizard/cost.js')).stepCostLines);
  // Validating is cheap (about 0.3 ms per keystroke, measured), but needless on renders that change no answer;
  // the first validation is not (zod compiles its parsers then: about 10 ms).
  const issues = useMemo(() => (costLines ? validateAnswers(state.answers, state.context) : undefined), [costLines, state.answers, state.context]);
  const verdicts = useMemo(() => (costLines && issues ? { issues, costLines } : undefined), [costLines, issues]);
  return { state, verdicts, dispatch };
}
