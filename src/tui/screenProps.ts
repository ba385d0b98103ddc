/**
 * Wizard state → the props of the current screen. One function, used by the
 * app and by the screen tests, so tests exercise the wiring users get.
 */
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import type { ScreenProps } from '../screens/types.js';
import { currentQuestions, shownIssues, type WizardEvent, type WizardState } from '../wizard/machine.js';
import type { WizardIssues } from '../wizard/validation.js';
import type { Verdicts } from '../wizard/verdicts.js';

/** The cost line while the first frame renders: the estimate follows in the next one. */
export const COST_PENDING = 'Cost: estimating…';

/** `verdicts` undefined: they are not in yet (the first frame), so no problem shows and the cost waits. */
export function screenProps(state: WizardState, verdicts: Verdicts | undefined, dispatch: (event: WizardEvent) => void, size: TerminalSize): ScreenProps {
  return {
    step: state.step,
    context: state.context,
    questions: currentQuestions(state),
    answers: state.answers,
    issues: verdicts ? shownIssues(state, verdicts.issues) : {},
    focus: state.focus,
    help: state.help,
    ui: state.ui,
    size,
    canGoBack: state.step !== 'project' || state.context.existing !== undefined,
    cost: verdicts ? verdicts.costLines(state.step, state.answers, state.context) : [COST_PENDING],
    onKey: (input, key, page) => dispatch({ type: 'key', input, key, page }),
  };
}

/** Review shows what blocks finishing only after Enter was refused there. */
export function reviewBlocking(state: WizardState, issues: WizardIssues | undefined) {
  const attempted = issues !== undefined && state.attempted.includes('review');
  return { blocking: attempted ? issues.fields : {}, otherProblems: attempted ? issues.other : [] };
}
