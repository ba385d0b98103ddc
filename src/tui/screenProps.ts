/**
 * Wizard state → the props of the current screen. One function, used by the
 * app and by the screen tests, so tests exercise the wiring users get.
 */
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import type { ScreenProps } from '../screens/types.js';
import { currentQuestions, shownIssues, type WizardEvent, type WizardState } from '../wizard/reducer.js';
import type { WizardIssues } from '../wizard/validation.js';
import { stepCostLines } from '../wizard/cost.js';

export function screenProps(state: WizardState, issues: WizardIssues, dispatch: (event: WizardEvent) => void, size: TerminalSize): ScreenProps {
  return {
    step: state.step,
    context: state.context,
    questions: currentQuestions(state),
    answers: state.answers,
    issues: shownIssues(state, issues),
    focus: state.focus,
    help: state.help,
    ui: state.ui,
    size,
    canGoBack: state.step !== 'project' || state.context.existing !== undefined,
    cost: stepCostLines(state.step, state.answers, state.context),
    onKey: (input, key, page) => dispatch({ type: 'key', input, key, page }),
  };
}

/** Review shows what blocks finishing only after Enter was refused there. */
export function reviewBlocking(state: WizardState, issues: WizardIssues) {
  const attempted = state.attempted.includes('review');
  return { blocking: attempted ? issues.fields : {}, otherProblems: attempted ? issues.other : [] };
}
