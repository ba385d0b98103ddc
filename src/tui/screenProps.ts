/**
 * Wizard state → the props of the current screen. One function, used by the
 * app and by the screen tests, so tests exercise the wiring users get.
 */
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import type { ScreenProps } from '../screens/types.js';
import { currentQuestions, shownIssues, type WizardEvent, type WizardState } from '../wizard/reducer.js';
import type { AnswerValue, FieldId } from '../wizard/types.js';
import type { WizardIssues } from '../wizard/validation.js';

export interface ScreenWiring {
  readonly size: TerminalSize;
  readonly isActive: boolean;
  /** Esc on the first step; without it the first step has no way back. */
  readonly onLeave?: () => void;
}

export function screenProps(state: WizardState, issues: WizardIssues, dispatch: (event: WizardEvent) => void, wiring: ScreenWiring): ScreenProps {
  const first = state.step === 'project';
  return {
    step: state.step,
    context: state.context,
    questions: currentQuestions(state),
    answers: state.answers,
    issues: shownIssues(state, issues),
    focus: state.focus,
    help: state.help,
    size: wiring.size,
    isActive: wiring.isActive && state.status === 'editing',
    canGoBack: !first || wiring.onLeave !== undefined,
    onChange: (field: FieldId, value: AnswerValue) => dispatch({ type: 'set', field, value }),
    onFocus: (direction, wrap) => dispatch({ type: direction === 'next' ? 'focusNext' : 'focusPrevious', wrap }),
    onToggleHelp: () => dispatch({ type: 'toggleHelp' }),
    onNext: () => dispatch({ type: 'next' }),
    onBack: first ? (wiring.onLeave ?? (() => {})) : () => dispatch({ type: 'back' }),
  };
}

/** Review shows what blocks finishing only after Enter was refused there. */
export function reviewBlocking(state: WizardState, issues: WizardIssues) {
  const attempted = state.attempted.includes('review');
  return { blocking: attempted ? issues.fields : {}, otherProblems: attempted ? issues.other : [] };
}
