/**
 * What the schema and the price table say about a set of answers: the
 * problems, by question, and the cost lines of each step. The Ink wizard
 * gets them just after its first frame (src/hooks/useWizard.ts).
 */
import type { Answers, StepId, WizardContext } from './types.js';
import type { WizardIssues } from './validation.js';

export interface Verdicts {
  /** Every problem the schema finds in the answers (validateAnswers). */
  readonly issues: WizardIssues;
  /** The cost lines a step shows (stepCostLines, src/wizard/cost.ts). */
  readonly costLines: (step: StepId, answers: Answers, context: WizardContext) => string[];
}
