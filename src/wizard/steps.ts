import { basename } from 'node:path';
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
  domain: 'Domain',
  pipeline: 'Pipeline',
  deploys: 'Deploys',
  review: 'Review',
};

export function stepIndex(step: StepId): number {
  return STEP_IDS.indexOf(step);
}

/** The wizard's walk, for a screen's breadcrumb line. */
export function breadcrumbOf(step: StepId): { readonly titles: readonly string[]; readonly current: number } {
  return { titles: STEP_IDS.map((id) => STEP_TITLES[id]), current: stepIndex(step) };
}

/** The questions of a step that apply to these answers (the ARN only for an existing connection). */
export function visibleQuestions(step: StepId, answers: Answers, context: WizardContext): Question[] {
  return QUESTIONS.filter((entry) => entry.step === step && (entry.visible?.(answers, context) ?? true));
}

/** What the wizard is doing, for the header and plain mode's first line. */
export function wizardTitle(context: WizardContext, answers: Answers): string {
  if (context.mode === 'modify') return `modifying ${context.environment} of ${answers['app.name']}`;
  if (context.mode === 'add') return `adding an environment to ${answers['app.name']}`;
  return context.dir ? `new project in ${basename(context.dir)}/` : 'new project';
}
