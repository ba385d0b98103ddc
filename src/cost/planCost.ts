/**
 * The monthly change a plan makes: the estimate of what exists after it minus
 * the estimate of what exists before, line by line. After is the synthesized
 * stack (what apply builds; nothing for a destroy); before is read from the
 * plan (see resourcesBefore). Pure: the engine hands in the plan and the
 * stack's JSON.
 */
import type { Config } from '../config/index.js';
import type { TerraformEvent } from '../terraform/events.js';
import type { PlanSummary } from '../terraform/planReader.js';
import { estimateCost, type Estimate } from './estimate.js';
import { factsFromResources, PRICED_TYPES } from './facts.js';
import { PRICE_TABLE, type PriceTable } from './priceTable.js';
import { resourcesBefore, stackResources } from './resources.js';

export interface PlanCost {
  /** Change of the monthly estimate, at the minimum and the maximum task count. */
  readonly min: number;
  readonly max: number;
  /** Items whose change is not known (their price is not known for the region). */
  readonly unknown: readonly string[];
  /** The estimate once the plan is applied. */
  readonly after: Estimate;
}

/** Priced types whose price does not depend on any attribute: a change of them needs no `before` detail. */
const COUNTED_ONLY = new Set(['aws_eip', 'aws_ecr_repository', 'aws_secretsmanager_secret', 'aws_route53_zone', 'aws_s3_bucket']);

/**
 * True when the streamed events lack what the cost change needs: an update
 * or delete of a resource whose price reads its attributes (a database's
 * class, a scaling target's limits). The engine then reads show -json.
 */
export function needsAttributeDetail(events: readonly TerraformEvent[]): boolean {
  return events.some(
    (event) =>
      event.type === 'planned_change' &&
      (event.action === 'update' || event.action === 'delete') &&
      event.resource.resourceType in PRICED_TYPES &&
      !COUNTED_ONLY.has(event.resource.resourceType),
  );
}

export function estimateDifference(before: Estimate, after: Estimate): Omit<PlanCost, 'after'> {
  const keys = [...new Set([...before.lines, ...after.lines].map((line) => line.key))];
  let min = 0;
  let max = 0;
  const unknown: string[] = [];
  for (const key of keys) {
    const old = before.lines.find((line) => line.key === key);
    const now = after.lines.find((line) => line.key === key);
    if (old && now && old.monthly === null && now.monthly === null && old.quantity === now.quantity) continue;
    if ((old && old.monthly === null) || (now && now.monthly === null)) {
      unknown.push((now ?? old)!.item);
      continue;
    }
    min += (now?.monthly?.min ?? 0) - (old?.monthly?.min ?? 0);
    max += (now?.monthly?.max ?? 0) - (old?.monthly?.max ?? 0);
  }
  return { min, max, unknown };
}

export interface PlanCostInput {
  readonly summary: PlanSummary;
  /** The synthesized cdk.tf.json of the environment. */
  readonly stackJson: string;
  readonly destroy: boolean;
  readonly region: string;
  readonly usage?: Config['environments'][string]['usage'];
  readonly prices?: PriceTable;
}

export function planCost(input: PlanCostInput): PlanCost {
  const prices = input.prices ?? PRICE_TABLE;
  const stack = stackResources(input.stackJson);
  const afterRecords = input.destroy ? [] : stack;
  const estimate = (records: Parameters<typeof factsFromResources>[0]) =>
    estimateCost({ facts: factsFromResources(records), region: input.region, usage: input.usage, prices });
  const before = estimate(resourcesBefore(input.summary, stack));
  const after = estimate(afterRecords);
  return { ...estimateDifference(before, after), after };
}

/** What the engine calls: bound to one environment of the config. */
export interface PlanCostHooks {
  readonly needsDocument: (events: readonly TerraformEvent[]) => boolean;
  readonly estimate: (summary: PlanSummary, stackJson: string, destroy: boolean) => PlanCost;
}

export function planCostHooks(config: Config, environment: string): PlanCostHooks | undefined {
  const env = config.environments[environment];
  if (!env) return undefined;
  return {
    needsDocument: needsAttributeDetail,
    estimate: (summary, stackJson, destroy) => planCost({ summary, stackJson, destroy, region: env.region, usage: env.usage }),
  };
}
