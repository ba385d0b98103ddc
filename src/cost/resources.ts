/**
 * Resources as the estimate reads them: a type, a name and Terraform's
 * attribute values. The same shape comes from a synthesized cdk.tf.json
 * (values hold `${…}` references) and from a plan's `before` objects (values
 * hold what AWS returned), so one reader prices both sides of a plan.
 */
import type { PlanSummary } from '../terraform/planReader.js';

export interface ResourceRecord {
  readonly type: string;
  readonly name: string;
  /** `type.name`, as Terraform addresses it. */
  readonly address: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Every managed resource of a synthesized stack (the JSON text or its parse). */
export function stackResources(stack: string | Record<string, unknown>): ResourceRecord[] {
  const json = typeof stack === 'string' ? (JSON.parse(stack) as Record<string, unknown>) : stack;
  const resource = (json.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  return Object.entries(resource).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, values]) => ({ type, name, address: `${type}.${name}`, values })),
  );
}

/** The resource types a synthesized stack creates. */
export function stackResourceTypes(stack: string | Record<string, unknown>): string[] {
  return [...new Set(stackResources(stack).map((record) => record.type))].sort();
}

/**
 * What exists before a plan runs. From `show -json`, every change carries its
 * `before` object (no-ops included). From the streamed events there is no
 * attribute detail: then it is the stack less what the plan creates, plus
 * bare records of what it deletes; the engine reads show -json whenever a
 * change touches a price that depends on attributes (see needsAttributeDetail).
 */
export function resourcesBefore(summary: PlanSummary, after: readonly ResourceRecord[]): ResourceRecord[] {
  const managed = summary.changes.filter((change) => change.mode === 'managed');
  if (summary.formatVersion !== 'ui-events') {
    return managed
      .filter((change) => change.before !== null && typeof change.before === 'object')
      .map((change) => ({ type: change.type, name: change.name, address: change.address, values: change.before as Record<string, unknown> }));
  }
  const created = new Set(managed.filter((change) => change.action === 'create').map((change) => change.address));
  const kept = after.filter((record) => !created.has(record.address));
  const present = new Set(kept.map((record) => record.address));
  const deleted = managed
    .filter((change) => (change.action === 'delete' || change.action === 'replace') && !present.has(change.address))
    .map((change) => ({ type: change.type, name: change.name, address: change.address, values: {} }));
  return [...kept, ...deleted];
}
