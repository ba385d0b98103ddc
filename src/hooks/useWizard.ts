/**
 * The wizard's state for React: the pure reducer from src/wizard/machine.ts
 * plus the schema's verdicts on the answers, recomputed only when the answers
 * change. The first frame is drawn without the schema: zod, the schema it
 * builds and the price table load just after it (see useAfterFirstFrame),
 * and until they have, events wait in order, so no key is judged without
 * the schema and none is lost.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { useAfterFirstFrame } from './useAfterFirstFrame.js';
import { createWizardState, wizardMachine, type ValidateAnswers, type WizardEvent, type WizardState } from '../wizard/machine.js';
import type { Verdicts } from '../wizard/verdicts.js';
import type { WizardContext } from '../wizard/types.js';

export { createWizardState, currentQuestions, focusedQuestion, shownIssues, blockingFields } from '../wizard/machine.js';
export type { FormUi, WizardEvent, WizardState } from '../wizard/machine.js';

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

/** What the frame after the first needs: the schema's validation (zod) and the cost module with its price table (~110 KB). */
async function loadJudges() {
  const [{ validateAnswers }, { stepCostLines }] = await Promise.all([import('../wizard/validation.js'), import('../wizard/cost.js')]);
  return { validateAnswers, stepCostLines };
}

const notLoaded: ValidateAnswers = () => {
  throw new Error('the wizard judged answers before its validation loaded');
};

export function useWizard(context: WizardContext): WizardControls {
  const judges = useAfterFirstFrame(loadJudges);
  const reducer = useMemo(() => wizardMachine(judges?.validateAnswers ?? notLoaded), [judges]);
  const [state, apply] = useReducer(reducer, context, createWizardState);
  // Events that came before the judges, in order; undefined once they are here.
  const waiting = useRef<WizardEvent[] | undefined>([]);
  useEffect(() => {
    if (!judges || !waiting.current) return;
    const events = waiting.current;
    waiting.current = undefined;
    for (const event of events) apply(event);
  }, [judges]);
  const dispatch = useCallback((event: WizardEvent) => {
    if (waiting.current) waiting.current.push(event);
    else apply(event);
  }, []);
  // Validating is cheap (about 0.3 ms per keystroke, measured), but needless on renders that change no answer;
  // the first validation is not (zod compiles its parsers then: about 10 ms).
  const issues = useMemo(() => (judges ? judges.validateAnswers(state.answers, state.context) : undefined), [judges, state.answers, state.context]);
  const verdicts = useMemo(() => (judges && issues ? { issues, costLines: judges.stepCostLines } : undefined), [judges, issues]);
  return { state, verdicts, dispatch };
}
