/**
 * A plan summary from the plan's own streamed events, without `terraform
 * show -json`. Show starts the AWS provider once more (about 2 s, a fifth of
 * a whole plan of this stack), and for most plans the events already say
 * everything the review and the data guard need: every resource's address,
 * action and reason, the drift and the outputs.
 *
 * What they lack is attribute detail: which attributes force a replacement,
 * the current values a destroy must check (deletion protection), and what a
 * database update changes (when it applies, a major upgrade). So
 * `needsPlanDocument` sends replacements, destroys and database updates to
 * show -json, and this reader serves the rest. Either way the summary describes the plan file that
 * apply will run, because both come from the same plan run.
 */
import { componentOf } from './components.js';
import type { ChangeEvent, OutputsEvent, PlannedAction, TerraformEvent, VersionEvent } from './events.js';
import { KNOWN_AFTER_APPLY, SENSITIVE } from './mask.js';
import { assembleSummary, describeReason, type OutputChangeSummary, type PlanSummary, type ResourceAction, type ResourceChangeSummary } from './planReader.js';

/** Replacements, destroys and database updates need attribute detail only `show -json` has. */
export function needsPlanDocument(events: readonly TerraformEvent[], destroy: boolean): boolean {
  return (
    destroy ||
    events.some(
      (event) => event.type === 'planned_change' && (event.action === 'replace' || (event.action === 'update' && event.resource.resourceType === 'aws_db_instance')),
    )
  );
}

const ACTIONS: Readonly<Record<PlannedAction, { action: ResourceAction; actions: readonly string[] }>> = {
  noop: { action: 'no-op', actions: ['no-op'] },
  create: { action: 'create', actions: ['create'] },
  read: { action: 'read', actions: ['read'] },
  update: { action: 'update', actions: ['update'] },
  replace: { action: 'replace', actions: ['delete', 'create'] },
  delete: { action: 'delete', actions: ['delete'] },
  // Moved or imported with nothing else to do: no change to the object itself.
  move: { action: 'no-op', actions: ['no-op'] },
  import: { action: 'no-op', actions: ['no-op'] },
  remove: { action: 'forget', actions: ['forget'] },
};

/** The UI stream's short reasons, in show -json's words (the planReader's vocabulary). */
const REASONS: Readonly<Record<string, string>> = {
  tainted: 'replace_because_tainted',
  requested: 'replace_by_request',
  cannot_update: 'replace_because_cannot_update',
};

function fromEvent(event: ChangeEvent): ResourceChangeSummary {
  const { action, actions } = ACTIONS[event.action];
  const { resource } = event;
  const actionReason = event.reason === undefined ? undefined : (REASONS[event.reason] ?? event.reason);
  return {
    address: event.address,
    previousAddress: event.previousAddress,
    moduleAddress: resource.module === '' ? undefined : resource.module,
    mode: resource.resource.startsWith('data.') ? 'data' : 'managed',
    type: resource.resourceType,
    name: resource.resourceName,
    providerName: resource.impliedProvider,
    component: componentOf(resource.resourceType, resource.resourceName),
    action,
    actions,
    replaceOrder: undefined,
    actionReason,
    reasonText: describeReason(actionReason),
    replacePaths: [],
    changedAttributes: [],
    before: null,
    after: null,
    importing: event.action === 'import',
    deposed: undefined,
  };
}

function outputsFrom(event: OutputsEvent | undefined): OutputChangeSummary[] {
  if (!event) return [];
  return Object.entries(event.outputs).map(([name, info]) => {
    const action = info.action === undefined ? 'no-op' : (ACTIONS[info.action as PlannedAction]?.action ?? 'update');
    return {
      name,
      action,
      sensitive: info.sensitive,
      value: action === 'delete' ? null : info.sensitive ? SENSITIVE : KNOWN_AFTER_APPLY,
    };
  });
}

/** The summary of a plan from the events `terraform plan -json` printed. */
export function readPlanEvents(events: readonly TerraformEvent[]): PlanSummary {
  const changes = events.filter((event) => event.type === 'planned_change').map(fromEvent);
  const drift = events.filter((event) => event.type === 'resource_drift').map(fromEvent);
  const outputs = outputsFrom(events.findLast((event): event is OutputsEvent => event.type === 'outputs'));
  const version = events.find((event): event is VersionEvent => event.type === 'version');
  const errored = events.some((event) => event.type === 'diagnostic' && event.diagnostic.severity === 'error');
  const summary = events.findLast((event) => event.type === 'change_summary');
  return assembleSummary(changes, drift, outputs, {
    formatVersion: 'ui-events',
    terraformVersion: version?.terraform,
    timestamp: summary?.timestamp,
    applyable: !errored,
    complete: !errored,
    errored,
  });
}
