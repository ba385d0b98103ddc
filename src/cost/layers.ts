/**
 * An environment in the middle of a blue/green change of its infrastructure
 * (`copies` in ecs-wizard.json, between `bluegreen start` and `finish`) is
 * several stacks: the shared layer (network, database, images, pipeline,
 * domain) and one serving layer per copy (load balancer, cluster, service,
 * tasks, logs, alarms). Each is a layer of the estimate: the shared one
 * priced as it is, each copy's lines named after the copy, its traffic its
 * share of the name's (the records' weight). An environment without copies
 * is one layer, priced exactly as before.
 */
import type { Config } from '../config/index.js';
import { COMPONENTS } from '../terraform/components.js';
import { environmentLayout, type CopyLayout } from '../infra/contract.js';
import { estimateCost, resolveUsage, type CostLine, type Estimate, type EstimateInput } from './estimate.js';
import { factsFromConfig, factsFromResources, type StackFacts } from './facts.js';
import { stackResources } from './resources.js';

/** Which copy a layer is, and what share of the traffic it carries. */
export interface CopyRole {
  readonly name: string;
  /** live: serving before the change began; next: being brought in. */
  readonly role: 'live' | 'next';
  /** Percent of the name's traffic its records carry. */
  readonly weight: number;
  /** The shared layer has records for it (a next copy gets them once it is up). */
  readonly routed: boolean;
}

export interface CostLayer {
  /** Absent: the shared layer, or the whole environment when it has no copies. */
  readonly copy?: CopyRole;
  readonly facts: StackFacts;
}

export const copyRole = (layout: CopyLayout): CopyRole => ({ name: layout.copy, role: layout.role, weight: layout.weight, routed: layout.routed });

/** "copy green (new, 10% of the traffic)". */
export function copyDescription(copy: CopyRole): string {
  const share = !copy.routed ? 'no traffic yet: not in DNS' : `${copy.weight}% of the traffic`;
  return `copy ${copy.name} (${copy.role === 'live' ? 'live' : 'new'}, ${share})`;
}

const emptyFacts: StackFacts = {
  natGateways: 0,
  elasticIps: 0,
  loadBalancers: [],
  services: [],
  databases: [],
  logGroups: [],
  repositories: 0,
  secrets: 0,
  pipelines: [],
  buildProjects: [],
  hostedZones: 0,
  flowLogs: [],
  alarms: { standard: 0, highResolution: 0 },
  buckets: 0,
  insightsClusters: 0,
};

/** The facts of several layers as one stack's (what the wizard's per-step lines and the coverage test read). */
export function mergeFacts(layers: readonly CostLayer[]): StackFacts {
  return layers.reduce<StackFacts>(
    (sum, { facts }) => ({
      natGateways: sum.natGateways + facts.natGateways,
      elasticIps: sum.elasticIps + facts.elasticIps,
      loadBalancers: [...sum.loadBalancers, ...facts.loadBalancers],
      services: [...sum.services, ...facts.services],
      databases: [...sum.databases, ...facts.databases],
      logGroups: [...sum.logGroups, ...facts.logGroups],
      repositories: sum.repositories + facts.repositories,
      secrets: sum.secrets + facts.secrets,
      pipelines: [...sum.pipelines, ...facts.pipelines],
      buildProjects: [...sum.buildProjects, ...facts.buildProjects],
      hostedZones: sum.hostedZones + facts.hostedZones,
      flowLogs: [...sum.flowLogs, ...facts.flowLogs],
      alarms: { standard: sum.alarms.standard + facts.alarms.standard, highResolution: sum.alarms.highResolution + facts.alarms.highResolution },
      buckets: sum.buckets + facts.buckets,
      insightsClusters: sum.insightsClusters + facts.insightsClusters,
    }),
    emptyFacts,
  );
}

/**
 * The layers of an environment from the config alone, as
 * src/infra/environmentStack.ts splits it: what the wizard prices.
 */
export function layersFromConfig(config: Config, environment: string): CostLayer[] {
  const env = config.environments[environment];
  if (!env) throw new Error(`no environment "${environment}" in the config`);
  const layout = environmentLayout(environment, env.copies);
  // One copy's serving layer is what the environment has without copies, less the shared layer.
  const single: Config = { ...config, environments: { ...config.environments, [environment]: { ...env, copies: undefined } } };
  const whole = factsFromConfig(single, environment);
  if (layout.kind === 'single') return [{ facts: whole }];
  const retention = env.logRetentionDays;
  const serving: StackFacts = {
    ...emptyFacts,
    loadBalancers: whole.loadBalancers,
    services: whole.services,
    // web and migrate.
    logGroups: [retention, retention],
    alarms: whole.alarms,
    buckets: env.loadBalancer.accessLogs ? 1 : 0,
    insightsClusters: whole.insightsClusters,
  };
  const shared: StackFacts = {
    ...whole,
    loadBalancers: [],
    services: [],
    logGroups: whole.logGroups.slice(2),
    alarms: { standard: 0, highResolution: 0 },
    buckets: whole.buckets - serving.buckets,
    insightsClusters: 0,
  };
  return [{ facts: shared }, ...layout.copies.map((copy) => ({ copy: copyRole(copy), facts: serving }))];
}

/** One synthesized stack of an environment: its JSON text, and which copy it is (none: shared or whole). */
export interface LayerStack {
  readonly json: string | Record<string, unknown>;
  readonly copy?: CopyRole;
}

/**
 * The layers from the synthesized stacks. A copy's load balancer spans the
 * shared layer's public subnets, which it reads from a variable: `zones`
 * (the environment's availability zones) counts its addresses.
 */
export function layersFromStacks(stacks: readonly LayerStack[], zones: number): CostLayer[] {
  return stacks.map(({ json, copy }) => {
    const facts = factsFromResources(stackResources(json));
    if (!copy) return { facts };
    return { copy, facts: { ...facts, loadBalancers: facts.loadBalancers.map((lb) => (lb.zones === 0 ? { ...lb, zones } : lb)) } };
  });
}

/** The copy's name on each of its lines: `alb.hours.green`, "green: Application Load Balancer × 1". */
function copyLine(line: CostLine, copy: CopyRole): CostLine {
  return { ...line, key: `${line.key}.${copy.name}`, item: `${copy.name}: ${line.item}`, assumption: `${copyDescription(copy)}: ${line.assumption}` };
}

/**
 * The estimate of an environment's layers. The usage settings are the
 * environment's: the traffic through the load balancers (and so its LCU and
 * data out) is split between the copies by their weights, and the logs
 * (one volume for the environment) are priced once, on the shared layer,
 * across the log groups of every layer.
 */
export function estimateLayers(input: Omit<EstimateInput, 'facts'> & { readonly layers: readonly CostLayer[] }): Estimate {
  const { layers, ...rest } = input;
  if (layers.length === 1 && !layers[0]!.copy) return estimateCost({ ...rest, facts: layers[0]!.facts });
  const usage = resolveUsage(input.usage);
  const allLogGroups = layers.flatMap((layer) => layer.facts.logGroups);
  const estimates = layers.map((layer) => {
    if (!layer.copy) return estimateCost({ ...rest, usage, facts: { ...layer.facts, logGroups: allLogGroups } });
    const share = layer.copy.routed ? layer.copy.weight / 100 : 0;
    const estimate = estimateCost({ ...rest, usage: { ...usage, loadBalancerGb: usage.loadBalancerGb * share }, facts: { ...layer.facts, logGroups: [] } });
    return { ...estimate, lines: estimate.lines.map((line) => copyLine(line, layer.copy!)) };
  });
  // Grouped by component as one stack's estimate is (the shared layer's line first, then each copy's).
  const all = estimates.flatMap((estimate) => estimate.lines);
  const order = [...new Set(estimateCost({ ...rest, usage, facts: mergeFacts(layers) }).lines.map((line) => line.component)), ...COMPONENTS];
  const lines = [...all].sort((a, b) => order.indexOf(a.component) - order.indexOf(b.component));
  return {
    region: input.region,
    currency: input.prices.currency,
    priceDate: input.prices.date,
    lines,
    monthly: {
      min: estimates.reduce((sum, estimate) => sum + estimate.monthly.min, 0),
      max: estimates.reduce((sum, estimate) => sum + estimate.monthly.max, 0),
    },
    unknown: estimates.reduce((sum, estimate) => sum + estimate.unknown, 0),
  };
}
