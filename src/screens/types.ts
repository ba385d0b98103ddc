import type { TerminalSize } from '../hooks/useTerminalSize.js';
import type { KeyInput } from '../wizard/editors.js';
import type { FormUi } from '../wizard/reducer.js';
import type { Answers, FieldId, Question, StepId, WizardContext } from '../wizard/types.js';

/**
 * What every step screen receives: the answers (all of them, because choices
 * and sentences depend on earlier steps), the issues to show, the focus, the
 * cursors, and one callback for keys. Screens hold no wizard state: what a
 * key does is decided by the reducer, against the latest state.
 */
export interface ScreenProps {
  readonly step: StepId;
  readonly context: WizardContext;
  readonly questions: readonly Question[];
  readonly answers: Answers;
  readonly issues: Partial<Record<FieldId, string>>;
  readonly focus: number;
  readonly help: boolean;
  readonly ui: FormUi;
  readonly size: TerminalSize;
  /** Esc on the first step leaves to the start menu only when there is one. */
  readonly canGoBack: boolean;
  readonly onKey: (input: string, key: KeyInput, page: number) => void;
}
