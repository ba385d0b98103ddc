import type { StepFormProps } from './StepForm.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import type { StepId } from '../wizard/types.js';

/**
 * What every step screen receives: the answers (all of them, because choices
 * and sentences depend on earlier steps), the issues to show, the focus, the
 * cursors, and one callback for keys. Screens hold no wizard state: what a
 * key does is decided by the reducer, against the latest state. The form's
 * fields come from the form itself, so the two cannot drift apart.
 */
export interface ScreenProps
  extends Pick<StepFormProps, 'context' | 'questions' | 'answers' | 'issues' | 'focus' | 'help' | 'ui' | 'onKey'> {
  readonly step: StepId;
  readonly size: TerminalSize;
  /** Esc on the first step leaves to the start menu only when there is one. */
  readonly canGoBack: boolean;
  /** What the step's choices cost a month and the stack's total, already in words (src/wizard/cost.ts). */
  readonly cost?: readonly string[];
}
