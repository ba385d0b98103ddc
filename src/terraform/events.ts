/**
 * Typed events of Terraform's machine-readable UI, version 1.2 (Terraform >= 1.6).
 *
 * Every line `terraform <plan|apply|destroy|init|refresh> -json` prints maps to
 * exactly one of these. The shapes follow Terraform's own `views/json` package,
 * renamed to camelCase and flattened where the nesting carried no meaning
 * (`change.resource.addr` becomes `address`). Only what a front-end needs is
 * kept: the raw line is in the run's log file, not in memory.
 */

/** `@level` of a line. Terraform only emits these five. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/**
 * Action of a planned change in the UI stream (`planned_change`, `resource_drift`).
 * `remove` is Terraform's name for "forget" (a `removed` block): the object is
 * dropped from state but left running.
 */
export type PlannedAction =
  | 'noop'
  | 'create'
  | 'read'
  | 'update'
  | 'replace'
  | 'delete'
  | 'move'
  | 'import'
  | 'remove';

/**
 * Action carried by apply hooks. Terraform applies a replacement as a `delete`
 * and a `create` of the same address (in either order), so progress must be
 * keyed on address AND action (see operationKey). `replace` is in the type
 * only because Terraform's hook encoder can name it; 1.11 never sends it.
 */
export type HookAction = 'noop' | 'create' | 'read' | 'update' | 'delete' | 'replace' | 'import' | 'remove';

/** Where a resource lives. `address` is the full instance address, module path included. */
export interface ResourceRef {
  readonly address: string;
  /** Module path (`module.a.module.b`), empty for the root module. */
  readonly module: string;
  /** `type.name` without module path or instance key. */
  readonly resource: string;
  readonly resourceType: string;
  readonly resourceName: string;
  /** `count` index or `for_each` key, null for a single instance. */
  readonly resourceKey: string | number | null;
  readonly impliedProvider: string;
}

/** Fields every event has. */
export interface EventBase {
  readonly level: LogLevel;
  /** Terraform's human-readable rendering of the line (`@message`). */
  readonly message: string;
  /**
   * `@timestamp` exactly as printed (RFC 3339, sometimes without fraction, e.g.
   * init's lines). Kept raw so nothing is lost; undefined for non-JSON lines.
   */
  readonly timestamp: string | undefined;
}

export interface VersionEvent extends EventBase {
  readonly type: 'version';
  readonly terraform: string;
  readonly ui: string;
}

/**
 * A message with no structure worth typing. Also the landing place of every line
 * the parser does not understand, so that nothing is ever dropped:
 * - `source: 'terraform'` a `type: "log"` line;
 * - `source: 'text'` a line that is not JSON (init's plain lines, panics);
 * - `source: 'other'` valid JSON of a type we do not model (provision_*,
 *   ephemeral_*, test_*, a future type) or a known type with a malformed body;
 *   `originalType` names it.
 */
export interface LogEvent extends EventBase {
  readonly type: 'log';
  readonly source: 'terraform' | 'text' | 'other';
  readonly originalType?: string;
  /** Resource the line is about, when it carried one (provisioner output). */
  readonly address?: string;
  /** Set when the line came from Terraform's stderr rather than its stdout. */
  readonly stream?: 'stderr';
}

export interface DiagnosticPosition {
  readonly line: number;
  readonly column: number;
  readonly byte: number;
}

export interface DiagnosticRange {
  readonly filename: string;
  readonly start: DiagnosticPosition;
  readonly end: DiagnosticPosition;
}

export interface DiagnosticSnippet {
  /** The enclosing block, e.g. `resource.aws_vpc.vpc`. */
  readonly context: string | null;
  readonly code: string;
  readonly startLine: number;
  readonly highlightStartOffset: number;
  readonly highlightEndOffset: number;
  readonly values: readonly { readonly traversal: string; readonly statement: string }[];
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  /** Resource the diagnostic is about (apply errors carry it). */
  readonly address?: string;
  readonly range?: DiagnosticRange;
  readonly snippet?: DiagnosticSnippet;
}

export interface DiagnosticEvent extends EventBase {
  readonly type: 'diagnostic';
  readonly diagnostic: Diagnostic;
}

/** A change in the plan (`planned_change`) or one found outside Terraform (`resource_drift`). */
export interface ChangeEvent extends EventBase {
  readonly type: 'planned_change' | 'resource_drift';
  readonly address: string;
  readonly resource: ResourceRef;
  readonly action: PlannedAction;
  /** Why, when Terraform says (`cannot_update`, `delete_because_no_resource_config`, ...). */
  readonly reason?: string;
  /** Former address when the resource was moved. */
  readonly previousAddress?: string;
}

export interface PlannedChangeEvent extends ChangeEvent {
  readonly type: 'planned_change';
}

export interface ResourceDriftEvent extends ChangeEvent {
  readonly type: 'resource_drift';
}

export interface ChangeSummaryEvent extends EventBase {
  readonly type: 'change_summary';
  readonly add: number;
  readonly change: number;
  readonly import: number;
  readonly remove: number;
  /** `plan` after planning, `apply` / `destroy` at the end of an apply. */
  readonly operation: 'plan' | 'apply' | 'destroy';
}

interface HookEventBase extends EventBase {
  readonly address: string;
  readonly resource: ResourceRef;
  readonly action: HookAction;
}

export interface ApplyStartEvent extends HookEventBase {
  readonly type: 'apply_start';
  readonly idKey?: string;
  readonly idValue?: string;
}

export interface ApplyProgressEvent extends HookEventBase {
  readonly type: 'apply_progress';
  readonly elapsedSeconds: number;
}

export interface ApplyCompleteEvent extends HookEventBase {
  readonly type: 'apply_complete';
  readonly elapsedSeconds: number;
  readonly idKey?: string;
  readonly idValue?: string;
}

export interface ApplyErroredEvent extends HookEventBase {
  readonly type: 'apply_errored';
  readonly elapsedSeconds: number;
}

export interface RefreshEvent extends EventBase {
  readonly type: 'refresh_start' | 'refresh_complete';
  readonly address: string;
  readonly resource: ResourceRef;
  readonly idKey?: string;
  readonly idValue?: string;
}

export interface RefreshStartEvent extends RefreshEvent {
  readonly type: 'refresh_start';
}

export interface RefreshCompleteEvent extends RefreshEvent {
  readonly type: 'refresh_complete';
}

/**
 * One output in an `outputs` event. During a plan only `action` is known; after
 * an apply, `value` is present for non-sensitive outputs. A sensitive output
 * never carries its value here: the parser drops it even if Terraform sent it.
 */
export interface OutputInfo {
  readonly sensitive: boolean;
  readonly action?: string;
  readonly type?: unknown;
  readonly value?: unknown;
}

export interface OutputsEvent extends EventBase {
  readonly type: 'outputs';
  readonly outputs: Readonly<Record<string, OutputInfo>>;
}

/** `terraform init -json` progress (Terraform >= 1.9). */
export interface InitOutputEvent extends EventBase {
  readonly type: 'init_output';
  /** Stable code, e.g. `initializing_backend_message`, `output_init_success_message`. */
  readonly messageCode: string;
}

export type TerraformEvent =
  | VersionEvent
  | LogEvent
  | DiagnosticEvent
  | PlannedChangeEvent
  | ResourceDriftEvent
  | ChangeSummaryEvent
  | ApplyStartEvent
  | ApplyProgressEvent
  | ApplyCompleteEvent
  | ApplyErroredEvent
  | RefreshStartEvent
  | RefreshCompleteEvent
  | OutputsEvent
  | InitOutputEvent;

export type TerraformEventType = TerraformEvent['type'];

/** Events about one resource's apply, in the order Terraform emits them. */
export type ApplyHookEvent = ApplyStartEvent | ApplyProgressEvent | ApplyCompleteEvent | ApplyErroredEvent;

/**
 * Key of a resource operation during apply. A replacement is two operations on
 * one address (`delete` then `create`, or the reverse with create_before_destroy);
 * keying on the address alone would merge them and show a finished delete as a
 * finished create.
 */
export function operationKey(event: { readonly address: string; readonly action: string }): string {
  return `${event.address}\u0000${event.action}`;
}
