import { QUESTIONS } from './questions.js';
import { STEP_IDS, type Answers, type Question, type StepId, type WizardContext } from './types.js';

export const STEP_TITLES: Record<StepId, string> = {
  project: 'Project',
  region: 'Region',
  zones: 'Zones',
  network: 'Network',
  database: 'Database',
  container: 'Container',
  scaling: 'Scaling',
  pipeline: 'Pipeline',
  review: 'Review',
};

export function stepIndex(step: StepId): number {
  return STEP_IDS.indexOf(step);
}

/** The questions of a step that apply to these answers (the ARN only for an existing connection). */
export function visibleQuestions(step: StepId, answers: Answers, context: WizardContext): Question[] {
  return QUESTIONS.filter((entry) => entry.step === step && (entry.visible?.(answers, context) ?? true));
}
