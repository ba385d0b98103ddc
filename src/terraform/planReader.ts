/**
 * Reads `terraform show -json PLANFILE` into what a person needs to approve a
 * plan: what changes, grouped by part of the stack, why things are replaced,
 * what drifted since the last apply, and the outputs, with every sensitive
 * value masked. Pure: give it the parsed JSON.
 *
 * The show output is the plan file itself, so what is summarised here is
 * exactly what `apply PLANFILE` will do (unlike the streamed plan events,
 * which carry no attribute detail).
 */
import { COMPONENTS, COMPONENT_LABELS, componentOf, type Component } from './components.js';
import { fillUnknown, marksSomething, maskMarked, SENSITIVE } from './mask.js';
import { planNotices, type PlanNotice } from './planNotices.js';

/** What happens to a resource. `forget` = dropped from state, left running (a `removed` block). */
export type ResourceAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read' | 'forget';

export interface ResourceChangeSummary {
  readonly address: string;
  /** Former address when the resource was moved (`moved` block). */
  readonly previousAddress: string | undefined;
  readonly moduleAddress: string | undefined;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly providerName: string;
  readonly component: Component;
  readonly action: ResourceAction;
  /** Terraform's own action list, e.g. `["delete","create"]`. */
  readonly actions: readonly string[];
  /** For a replacement: destroy the old object first (default) or create the new one first. */
  readonly replaceOrder: 'delete-first' | 'create-first' | undefined;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`. */
  readonly actionReason: string | undefined;
  /** The same, in words; undefined when Terraform gave no reason. */
  readonly reasonText: string | undefined;
  /** Attributes forcing a replacement (`replace_paths`), e.g. `engine`, `ingress[0].cidr_blocks`. */
  readonly replacePaths: readonly string[];
  /**
   * Top-level attributes whose known value changes (update, replace); values
   * computed at apply are not listed. Empty for create and delete.
   */
  readonly changedAttributes: readonly string[];
  /** Object before the change, sensitive parts masked; null when it does not exist yet. */
  readonly before: unknown;
  /** Object after the change, sensitive parts masked, unknown parts "(known after apply)"; null when deleted. */
  readonly after: unknown;
  /** The change imports an existing object. */
  readonly importing: boolean;
  /** Set when the change is about a deposed object (the old half of a create-before-destroy). */
  readonly deposed: string | undefined;
}

export interface ChangeCounts {
  add: number;
  change: number;
  replace: number;
  destroy: number;
  import: number;
  forget: number;
  read: number;
}

export interface ComponentSummary {
  readonly component: Component;
  readonly label: string;
  readonly counts: Readonly<ChangeCounts>;
  /** Resources of this part that change (no-ops left out), in address order. */
  readonly changes: readonly ResourceChangeSummary[];
}

export interface OutputChangeSummary {
  readonly name: string;
  readonly action: ResourceAction;
  readonly sensitive: boolean;
  /** New value, SENSITIVE when sensitive, "(known after apply)" when unknown; null when removed. */
  readonly value: unknown;
}

export interface PlanSummary {
  readonly formatVersion: string;
  readonly terraformVersion: string | undefined;
  readonly timestamp: string | undefined;
  /** Terraform's own verdict: false when there is nothing to apply. */
  readonly applyable: boolean;
  readonly complete: boolean;
  readonly errored: boolean;
  /** Every resource change, no-ops included, in address order. */
  readonly changes: readonly ResourceChangeSummary[];
  /** One entry per part of the stack that has changes, in the wizard's order. */
  readonly components: readonly ComponentSummary[];
  readonly totals: Readonly<ChangeCounts>;
  /** Objects changed or deleted outside Terraform since the last apply. */
  readonly drift: readonly ResourceChangeSummary[];
  readonly outputs: readonly OutputChangeSummary[];
  /** What the counts do not say: when a database change takes effect, a major upgrade's risk. */
  readonly notices: readonly PlanNotice[];
  /** Anything to apply at all (resources or outputs)? */
  readonly hasChanges: boolean;
  /** What the plan means for the app's users, in sentences (see planNotes.ts); set by the engine. */
  readonly notes?: readonly string[];
}

export class PlanReadError extends Error {
  override readonly name = 'PlanReadError';
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: 'some changed attributes cannot be updated in place',
  replace_because_tainted: 'it is tainted (an earlier apply failed part-way through creating it)',
  replace_by_request: 'a replacement was requested (-replace)',
  replace_by_triggers: 'a resource in its replace_triggered_by changed',
  delete_because_no_resource_config: 'it was removed from the configuration',
  delete_because_no_module: 'its module was removed from the configuration',
  delete_because_wrong_repetition: 'count or for_each was added to or removed from it',
  delete_because_count_index: 'its count index is no longer in range',
  delete_because_each_key: 'its for_each key no longer exists',
  delete_because_no_move_target: 'it was moved to an address that does not exist',
  read_because_config_unknown: 'its configuration depends on values only known after apply',
  read_because_dependency_pending: 'it depends on a change that is still pending',
  read_because_check_nested: 'it is used by a check block',
};

/** The words for Terraform's `action_reason`; the code itself for one we do not know. */
export function describeReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  return REASONS[reason] ?? reason.replace(/_/g, ' ');
}

/** Terraform's action list → one action. Unknown combinations err towards the destructive reading. */
export function actionOf(actions: readonly string[]): ResourceAction {
  const has = (a: string): boolean => actions.includes(a);
  if (has('delete') && has('create')) return 'replace';
  if (has('delete')) return 'delete';
  if (has('create')) return 'create';
  if (has('update')) return 'update';
  if (has('read')) return 'read';
  if (has('forget')) return 'forget';
  if (actions.length === 0 || actions.every((a) => a === 'no-op')) return 'no-op';
  // A future action we do not know: show it as a change to review, never as "nothing".
  return 'update';
}

/** `["ingress", 0, "cidr_blocks"]` → `ingress[0].cidr_blocks`. */
export function formatPath(path: readonly unknown[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out === '' ? String(step) : `.${String(step)}`;
  }
  return out;
}

export function emptyCounts(): ChangeCounts {
  return { add: 0, change: 0, replace: 0, destroy: 0, import: 0, forget: 0, read: 0 };
}

function count(counts: ChangeCounts, change: ResourceChangeSummary): void {
  switch (change.action) {
    case 'create':
      counts.add++;
      break;
    case 'update':
      counts.change++;
      break;
    case 'replace':
      counts.replace++;
      break;
    case 'delete':
      counts.destroy++;
      break;
    case 'forget':
      counts.forget++;
      break;
    case 'read':
      counts.read++;
      break;
    case 'no-op':
      break;
  }
  if (change.importing) counts.import++;
}

/** Reads the parsed output of `terraform show -json PLANFILE`. Throws PlanReadError if it is not one. */
export function readPlan(json: unknown): PlanSummary {
  const doc = asObject(json);
  if (!doc) throw new PlanReadError('The plan is not a JSON object: expected the output of `terraform show -json PLANFILE`.');
  const formatVersion = typeof doc['format_version'] === 'string' ? doc['format_version'] : '';
  if (!formatVersion.startsWith('1.')) {
    throw new PlanReadError(
      `Unsupported plan format "${formatVersion || 'missing'}": expected format 1.x from \`terraform show -json\`.`,
    );
  }
  if (!('resource_changes' in doc) && !('planned_values' in doc)) {
    // show -json of a STATE has format 1.0 too, but no planned values.
    throw new PlanReadError('This JSON is a state, not a plan: run `terraform show -json PLANFILE` on a plan file.');
  }

  const changes = list(doc['resource_changes']).flatMap((rc) => summarizeChange(rc) ?? []);
  const drift = list(doc['resource_drift']).flatMap((rc) => summarizeChange(rc) ?? []);
  const outputs = Object.entries(asObject(doc['output_changes']) ?? {}).map(([name, raw]) => summarizeOutput(name, raw));
  return assembleSummary(changes, drift, outputs, {
    formatVersion,
    terraformVersion: typeof doc['terraform_version'] === 'string' ? doc['terraform_version'] : undefined,
    timestamp: typeof doc['timestamp'] === 'string' ? doc['timestamp'] : undefined,
    applyable: doc['applyable'] !== false,
    complete: doc['complete'] !== false,
    errored: doc['errored'] === true,
  });
}

type SummaryMeta = Pick<PlanSummary, 'formatVersion' | 'terraformVersion' | 'timestamp' | 'applyable' | 'complete' | 'errored'>;

/** Sorts, groups by component and counts: the same for a plan read from show -json or from its events. */
export function assembleSummary(
  unsortedChanges: readonly ResourceChangeSummary[],
  unsortedDrift: readonly ResourceChangeSummary[],
  unsortedOutputs: readonly OutputChangeSummary[],
  meta: SummaryMeta,
): PlanSummary {
  const changes = [...unsortedChanges].sort(byAddress);
  const drift = [...unsortedDrift].sort(byAddress);
  const outputs = [...unsortedOutputs].sort((a, b) => a.name.localeCompare(b.name));
  const totals = emptyCounts();
  const perComponent = new Map<Component, { counts: ChangeCounts; changes: ResourceChangeSummary[] }>();
  for (const change of changes) {
    count(totals, change);
    if (change.action === 'no-op') continue;
    let entry = perComponent.get(change.component);
    if (!entry) perComponent.set(change.component, (entry = { counts: emptyCounts(), changes: [] }));
    count(entry.counts, change);
    entry.changes.push(change);
  }
  const components = COMPONENTS.flatMap((component): ComponentSummary[] => {
    const entry = perComponent.get(component);
    return entry ? [{ component, label: COMPONENT_LABELS[component], counts: entry.counts, changes: entry.changes }] : [];
  });
  const hasChanges =
    changes.some((c) => c.action !== 'no-op' && c.action !== 'read') || outputs.some((o) => o.action !== 'no-op');
  return { ...meta, changes, components, totals, drift, outputs, notices: planNotices(changes), hasChanges };
}

function summarizeChange(raw: unknown): ResourceChangeSummary | undefined {
  const rc = asObject(raw);
  const change = asObject(rc?.['change']);
  if (!rc || !change || typeof rc['address'] !== 'string') return undefined;
  const actions = list(change['actions']).filter((a): a is string => typeof a === 'string');
  const action = actionOf(actions);
  const type = str(rc['type']) ?? '';
  const name = str(rc['name']) ?? '';
  const actionReason = str(rc['action_reason']);
  const beforeRaw = change['before'] ?? null;
  const afterRaw = change['after'] ?? null;
  const afterUnknown = change['after_unknown'];
  return {
    address: rc['address'],
    previousAddress: str(rc['previous_address']),
    moduleAddress: str(rc['module_address']),
    mode: rc['mode'] === 'data' ? 'data' : 'managed',
    type,
    name,
    providerName: str(rc['provider_name']) ?? '',
    component: componentOf(type, name),
    action,
    actions,
    replaceOrder: action === 'replace' ? (actions[0] === 'create' ? 'create-first' : 'delete-first') : undefined,
    actionReason,
    reasonText: describeReason(actionReason),
    replacePaths: list(change['replace_paths']).map((p) => formatPath(list(p))),
    changedAttributes: action === 'update' || action === 'replace' ? changedKeys(beforeRaw, afterRaw, afterUnknown) : [],
    before: beforeRaw === null ? null : maskMarked(beforeRaw, change['before_sensitive']),
    after: afterRaw === null && !marksSomething(afterUnknown) ? null : maskMarked(fillUnknown(afterRaw, afterUnknown), change['after_sensitive']),
    importing: change['importing'] !== undefined && change['importing'] !== null,
    deposed: str(rc['deposed']),
  };
}

/**
 * Top-level attributes whose new value is known and differs from the old one.
 * Attributes only computed at apply time (arn, id... "known after apply") are
 * left out: for a replacement they are all of them, and they hide the one
 * attribute the user changed. Names only: values may be sensitive.
 */
function changedKeys(before: unknown, after: unknown, afterUnknown: unknown): string[] {
  const b = asObject(before) ?? {};
  const a = asObject(after) ?? {};
  const u = asObject(afterUnknown) ?? {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const changed: string[] = [];
  for (const key of keys) {
    if (u[key] === true) continue;
    if (!sameValue(b[key] ?? null, a[key] ?? null)) changed.push(key);
  }
  return changed.sort();
}

function sameValue(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function summarizeOutput(name: string, raw: unknown): OutputChangeSummary {
  const o = asObject(raw) ?? {};
  const actions = list(o['actions']).filter((a): a is string => typeof a === 'string');
  const action = actionOf(actions);
  // Sensitive if either side is: a value turning non-sensitive is still
  // shown masked until it is applied and read back as such.
  const sensitive = marksSomething(o['after_sensitive']) || marksSomething(o['before_sensitive']);
  const after = fillUnknown(o['after'] ?? null, o['after_unknown']);
  return { name, action, sensitive, value: sensitive && after !== null ? SENSITIVE : after };
}

function byAddress(a: { address: string }, b: { address: string }): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
