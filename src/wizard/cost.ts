/**
 * What the wizard's answers cost a month, on every step: the lines the step's
 * choices decide ("NAT gateway × 2 $65.70"), what they add up to, and the
 * whole stack's estimate with the answers so far. Review adds the change
 * against the saved file. Pure and fast (no synthesis): the stack's facts
 * come from factsFromConfig, which a test holds equal to the synthesized ones.
 */
import { parseConfig, presetConfig, type Config, type ConfigInput } from '../config/index.js';
import type { CostLine, Estimate } from '../cost/estimate.js';
import { estimateLayers, layersFromConfig } from '../cost/layers.js';
import { formatChangeRange, formatRange } from '../cost/format.js';
import { estimateDifference } from '../cost/planCost.js';
import { PRICE_TABLE } from '../cost/priceTable.js';
import { buildConfig, environmentKey } from './answers.js';
import type { Answers, StepId, WizardContext } from './types.js';

/** The estimate lines each step's choices decide, by line key (prefix). */
const STEP_LINES: Partial<Record<StepId, readonly string[]>> = {
  zones: ['publicIpv4', 'natGateway.hours'],
  network: ['natGateway.hours', 'natGateway.data', 'publicIpv4'],
  database: ['rds.instance', 'rds.storage', 'rds.backup', 'secrets'],
  container: ['fargate.vcpu', 'fargate.memory'],
  scaling: ['fargate.vcpu', 'fargate.memory', 'alarms'],
  pipeline: ['codePipeline', 'codeBuild', 'ecr.storage', 's3.storage'],
};

type Json = Record<string, unknown>;

/** The parts of a config the estimate reads; the rest of a valid base stays as the preset has it. */
const COST_PATHS: readonly (readonly string[])[] = [
  ['region'],
  ['availabilityZones'],
  ['network', 'natGateways'],
  ['database', 'engine'],
  ['database', 'engineVersion'],
  ['database', 'instanceClass'],
  ['database', 'allocatedStorage'],
  ['database', 'maxAllocatedStorage'],
  ['database', 'multiAz'],
  ['database', 'backupRetentionDays'],
  ['service', 'minCount'],
  ['service', 'maxCount'],
  ['service', 'desiredCount'],
  ['service', 'periodSeconds'],
  ['network', 'flowLogs'],
  ['loadBalancer', 'accessLogs'],
  ['database', 'logExports'],
  ['cpu'],
  ['memory'],
  ['logRetentionDays'],
  ['containerInsights'],
  // The name's zone, CodeDeploy's alarms, and both copies of the serving layer during a blue/green change.
  ['domain'],
  ['deployment'],
  ['copies'],
  ['usage'],
];

function at(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Json)[key] : undefined;
  return node;
}

function put(root: Json, path: readonly string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Json;
  if (value === undefined) delete node[path[path.length - 1]!];
  else node[path[path.length - 1]!] = value;
}

/**
 * The config the estimate prices: the cost-bearing answers laid over a valid
 * preset, so an app name or GitHub owner not typed yet does not hide the
 * price. Undefined while a cost-bearing answer is itself invalid.
 */
export function costConfig(config: ConfigInput, environment: string, preset: 'starter' | 'production' = 'starter'): Config | undefined {
  const env = config.environments?.[environment];
  if (!env) return undefined;
  const region = typeof env.region === 'string' ? env.region : 'us-east-1';
  const base = presetConfig(preset, { appName: 'estimate', environment: 'estimate', region, github: { owner: 'estimate', repo: 'estimate' } }) as Json;
  const target = (base.environments as Json).estimate as Json;
  for (const path of COST_PATHS) put(target, path, structuredClone(at(env, path)));
  (base.app as Json).cpu = config.app?.cpu;
  (base.app as Json).memory = config.app?.memory;
  const parsed = parseConfig(base);
  return parsed.ok ? parsed.config : undefined;
}

export function configEstimate(config: ConfigInput, environment: string, preset?: 'starter' | 'production'): Estimate | undefined {
  const priced = costConfig(config, environment, preset);
  if (!priced) return undefined;
  const env = priced.environments.estimate!;
  return estimateLayers({ layers: layersFromConfig(priced, 'estimate'), region: env.region, usage: env.usage, prices: PRICE_TABLE });
}

export function answersEstimate(answers: Answers, context: WizardContext): Estimate | undefined {
  return configEstimate(buildConfig(answers, context), environmentKey(answers, context), answers['wizard.preset']);
}

/** What the step's choices are, in a few words: "NAT per zone", "db.t4g.micro multi-AZ". */
function choiceLabel(step: StepId, answers: Answers): string {
  switch (step) {
    case 'zones':
      return `${answers['env.availabilityZones'].length} zones`;
    case 'network':
      return answers['env.network.natGateways'] === 'perAz' ? 'NAT per zone' : 'One shared NAT';
    case 'database':
      return `${answers['env.database.instanceClass']} ${answers['env.database.multiAz'] ? 'multi-AZ' : 'single-AZ'}`;
    case 'container':
      return 'Task size';
    case 'scaling':
      return `${answers['env.service.minCount']}-${answers['env.service.maxCount']} tasks`;
    case 'pipeline':
      return 'Pipeline, builds, images';
    default:
      return 'Stack';
  }
}

const sumOf = (lines: readonly CostLine[]) => ({
  min: lines.reduce((total, line) => total + (line.monthly?.min ?? 0), 0),
  max: lines.reduce((total, line) => total + (line.monthly?.max ?? 0), 0),
});

/**
 * The one line a step shows: what its choices cost a month, and the stack's
 * total with the answers so far ("NAT per zone: +$65.70/month · stack
 * $137.27-$146.28/month"). Review: the total, and the change against the
 * saved file when there is one. Every line fits 80 columns.
 */
export function stepCostLines(step: StepId, answers: Answers, context: WizardContext): string[] {
  const estimate = answersEstimate(answers, context);
  if (!estimate) return ['Cost: shown once the answers that set it are valid.'];
  const unknownNote = (count: number) => (count ? ` + ${count} unknown` : '');
  const total = `${formatRange(estimate.monthly)}/month`;
  if (step === 'review') {
    if (context.mode === 'modify' && context.existing && context.environment) {
      const before = configEstimate(context.existing as ConfigInput, context.environment);
      if (before) {
        const difference = estimateDifference(before, estimate);
        return [`${formatChangeRange(difference)}/month${difference.unknown.length ? ' and unknown' : ''}; ${total} in all${unknownNote(estimate.unknown)}`];
      }
    }
    return [`${total}${unknownNote(estimate.unknown)}${context.mode === 'add' ? ' added to the bill' : ''}, minimum to maximum tasks`];
  }
  const keys = STEP_LINES[step] ?? [];
  const own = estimate.lines.filter((line) => keys.some((key) => line.key === key || line.key.startsWith(`${key}.`)));
  const stack = `stack ${total}${unknownNote(estimate.unknown)}`;
  if (own.length === 0) return [`Cost: ${stack}, ${estimate.region} prices of ${estimate.priceDate}`];
  const unknown = own.filter((line) => line.monthly === null).length;
  const minTasks = Number(answers['env.service.minCount']);
  const sum = sumOf(own);
  const amount =
    step === 'container' && Number.isInteger(minTasks) && minTasks > 0
      ? `+${formatRange({ min: sum.min / minTasks, max: sum.min / minTasks })}/month a task`
      : `+${formatRange(sum)}/month`;
  return [`${choiceLabel(step, answers)}: ${unknown === own.length ? 'unknown' : amount}${unknown && unknown < own.length ? ' and unknown' : ''} · ${stack}`];
}
