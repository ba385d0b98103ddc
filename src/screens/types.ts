import type { FormCallbacks } from '../components/StepForm.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import type { Answers, FieldId, Question, StepId, WizardContext } from '../wizard/types.js';

/**
 * What every step screen receives: the answers (all of them, because choices
 * and sentences depend on earlier steps), the issues to show, the focus and
 * the callbacks. Screens hold no wizard state of their own.
 */
export interface ScreenProps extends FormCallbacks {
  readonly step: StepId;
  readonly context: WizardContext;
  readonly questions: readonly Question[];
  readonly answers: Answers;
  readonly issues: Partial<Record<FieldId, string>>;
  readonly focus: number;
  readonly help: boolean;
  readonly size: TerminalSize;
  /** False when stdin cannot be read raw (not a TTY), or once the wizard is done. */
  readonly isActive: boolean;
  /** Esc on the first step leaves to the start menu only when there is one. */
  readonly canGoBack: boolean;
}
