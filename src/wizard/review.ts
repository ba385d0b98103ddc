/**
 * What the review shows: every answer in a few lines, and when an existing
 * file is being changed, each changed answer as old → new.
 */
import { findDatabaseClass } from '../config/databaseClasses.js';
import { TRAFFIC_CONFIGS } from '../config/deployment.js';
import { findRegion, regionLabel } from '../config/regions.js';
import { QUESTIONS, choicesOf, question } from './questions.js';
import { STEP_TITLES } from './steps.js';
import type { Answers, FieldId, Question, StepId, WizardContext } from './types.js';

const EMPTY = '(empty)';

/** An answer as a person reads it: the choice's label, yes/no, the unit. */
export function displayAnswer(entry: Question, answers: Answers, context: WizardContext): string {
  if (!(entry.visible?.(answers, context) ?? true)) return '(none)';
  const value = answers[entry.id];
  switch (entry.kind) {
    case 'boolean':
      return value ? 'yes' : 'no';
    case 'multiselect':
      return (value as readonly string[]).join(', ') || '(none)';
    case 'select': {
      const choice = choicesOf(entry, answers).find((candidate) => candidate.value === value);
      if (!choice) return String(value) || EMPTY;
      // Sizes read better with their hint: "db.t4g.micro (2 vCPU, 1 GiB)".
      return entry.id === 'env.database.instanceClass' && choice.hint ? `${choice.label} (${choice.hint})` : choice.label;
    }
    default: {
      const text = String(value);
      if (text.trim() === '') return EMPTY;
      return entry.unit ? `${text} ${entry.unit}` : text;
    }
  }
}

export interface ReviewLine {
  readonly step: StepId;
  readonly title: string;
  readonly text: string;
  /** Some answer in this line differs from the file. */
  readonly changed: boolean;
}

const show = (id: FieldId, answers: Answers, context: WizardContext) => displayAnswer(question(id), answers, context);

function summaries(a: Answers, context: WizardContext): Record<Exclude<StepId, 'review' | 'zones' | 'deploys'>, string> {
  const region = findRegion(a['env.region']);
  const instance = findDatabaseClass(a['env.database.instanceClass']);
  const preset = context.mode === 'modify' ? '' : ` · ${a['wizard.preset']} preset`;
  return {
    project: `${a['app.name']} · ${a['wizard.environment']}${preset}`,
    region: `${region ? regionLabel(region) : a['env.region']} · ${a['env.availabilityZones'].join(', ')}`,
    network: `${a['env.network.vpcCidr']} · ${a['env.network.natGateways'] === 'perAz' ? 'one NAT gateway per zone' : 'one shared NAT gateway'}`,
    database: [
      `${show('env.database.engine', a, context)} ${a['env.database.engineVersion']}`,
      instance ? `${instance.name} (${instance.vcpu} vCPU, ${instance.memoryGiB} GiB)` : a['env.database.instanceClass'],
      `${a['env.database.allocatedStorage']}-${a['env.database.maxAllocatedStorage']} GiB`,
      a['env.database.multiAz'] ? 'multi-AZ' : 'single-AZ',
      `${a['env.database.backupRetentionDays']}-day backups`,
      a['env.database.deletionProtection'] ? 'deletion-protected' : 'unprotected',
    ].join(' · '),
    container: [
      `${show('app.cpu', a, context)}, ${show('app.memory', a, context)}`,
      `port ${a['app.containerPort']}`,
      a['app.healthCheckPath'],
      `migrate: ${a['app.migrateCommand']}`,
    ].join(' · '),
    scaling: [
      `${a['env.service.minCount']}-${a['env.service.maxCount']} tasks`,
      `up above ${a['env.service.scaleUpCpuThreshold']}%`,
      `down below ${a['env.service.scaleDownCpuThreshold']}%`,
      `${a['env.service.evaluationPeriods']} × ${a['env.service.periodSeconds']} s`,
    ].join(' · '),
    domain: domainSummary(a),
    pipeline: [
      `${a['env.pipeline.owner']}/${a['env.pipeline.repo']} @ ${a['env.pipeline.branch']}`,
      a['wizard.connection'] === 'existing' ? 'existing connection' : 'new connection',
      deploysSummary(a),
    ].join(' · '),
  };
}

function domainSummary(a: Answers): string {
  const name = a['env.domain.name'].trim();
  if (name === '') return "none: plain HTTP on the load balancer's name";
  const certificate = a['wizard.certificate'] === 'existing' ? 'existing certificate' : 'new certificate';
  return `https://${name} · ${a['env.domain.hostedZoneId'] || '(no zone)'} · ${certificate}`;
}

function deploysSummary(a: Answers): string {
  if (a['env.deployment.strategy'] !== 'blueGreen') return 'rolling deploys';
  const traffic = TRAFFIC_CONFIGS.find((entry) => entry.name === a['env.deployment.traffic'])?.label ?? a['env.deployment.traffic'];
  return `blue/green: ${traffic.toLowerCase()}, old tasks kept ${a['env.deployment.keepOldMinutes']} min`;
}

/**
 * For an environment half-way through a blue/green change of its
 * infrastructure: which copy serves, with what share, and what comes next.
 */
export function copiesLine(context: WizardContext): string | undefined {
  if (context.mode !== 'modify' || !context.environment) return undefined;
  const copies = context.existing?.environments[context.environment]?.copies;
  if (!copies?.next) return undefined;
  const weight = copies.nextWeight ?? 0;
  const live = `${copies.live} live (${100 - weight}%)`;
  const next = `${copies.next} next (${weight}%)`;
  return `${live}, ${next}: changes apply to ${copies.next}; then ecs-wizard bluegreen switch, rollback or finish`;
}

/** Region and zones share a line, as do the pipeline and its deploys, so the whole review fits 80×24. */
const LINE_OF: Partial<Record<StepId, Exclude<StepId, 'review' | 'zones' | 'deploys'>>> = { zones: 'region', deploys: 'pipeline' };

export function reviewSummary(answers: Answers, context: WizardContext, initial?: Answers): ReviewLine[] {
  const changedSteps = new Set(reviewChanges(initial ?? answers, answers, context).map((change) => LINE_OF[change.step] ?? change.step));
  const texts = summaries(answers, context);
  return (Object.keys(texts) as Array<keyof typeof texts>).map((step) => ({
    step,
    title: STEP_TITLES[step],
    text: texts[step],
    changed: changedSteps.has(step),
  }));
}

export interface ReviewChange {
  readonly id: FieldId;
  readonly step: StepId;
  /** "Database › Instance class" */
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/**
 * The answers that differ from the file. Adding an environment changes only
 * the shared app settings of the others, so only those are compared then.
 */
export function reviewChanges(initial: Answers, answers: Answers, context: WizardContext): ReviewChange[] {
  if (context.mode === 'new') return [];
  const compared = QUESTIONS.filter(
    (entry) => !entry.id.startsWith('wizard.') && (context.mode === 'modify' || entry.id.startsWith('app.')),
  );
  return compared.flatMap((entry) => {
    const before = displayAnswer(entry, initial, context);
    const after = displayAnswer(entry, answers, context);
    return before === after ? [] : [{ id: entry.id, step: entry.step, label: `${STEP_TITLES[entry.step]} › ${entry.label}`, before, after }];
  });
}
