/**
 * Resource-by-resource progress of an apply or destroy, as a pure reducer over
 * Terraform's events. The Ink pane, the headless lines and the JSON stream all
 * read this one model, so they can never disagree.
 *
 * Keyed on address AND action: a replacement applies as a delete and a create
 * of the same address, and each half has its own start, progress and end.
 */
import type { TerraformEvent } from '../terraform/events.js';

/**
 * `stopped`: Terraform gave up on it because the run was interrupted (Ctrl-C
 * cancels what is in flight); not a failure of the resource.
 */
export type ResourceState = 'waiting' | 'running' | 'done' | 'failed' | 'stopped';

export interface ResourceProgress {
  readonly key: string;
  readonly address: string;
  readonly resourceType: string;
  readonly action: string;
  readonly state: ResourceState;
  /** Seconds Terraform reported, or measured from our clock while running. */
  readonly elapsedSeconds: number;
  /** Typical total seconds for this kind of resource, for the ETA. */
  readonly typicalSeconds: number;
  /** When we saw it start (ms since epoch), to tick elapsed time between Terraform's 10 s updates. */
  readonly startedAt?: number;
  readonly message?: string;
}

export interface ProgressState {
  /** In the order Terraform planned or started them. */
  readonly order: readonly string[];
  readonly resources: Readonly<Record<string, ResourceProgress>>;
}

export const emptyProgress: ProgressState = { order: [], resources: {} };

/**
 * How long AWS usually takes, in seconds (create; delete is similar). RDS and
 * NAT gateways take minutes; most others take seconds.
 */
const TYPICAL_SECONDS: Readonly<Record<string, number>> = {
  aws_db_instance: 600,
  aws_nat_gateway: 120,
  aws_lb: 180,
  aws_ecs_service: 60,
  aws_codepipeline: 10,
  aws_codebuild_project: 10,
  aws_internet_gateway: 5,
  aws_vpc: 5,
  aws_eip: 3,
  aws_ecr_repository: 3,
  aws_ecs_cluster: 10,
  aws_lb_target_group: 5,
  aws_lb_listener: 3,
  aws_iam_role: 3,
  aws_s3_bucket: 5,
};
const DEFAULT_TYPICAL_SECONDS = 3;

export function typicalSeconds(resourceType: string, action: string): number {
  const base = TYPICAL_SECONDS[resourceType] ?? DEFAULT_TYPICAL_SECONDS;
  // Deleting a database still takes its final snapshot; other deletes are quicker.
  return action === 'delete' && resourceType !== 'aws_db_instance' ? Math.ceil(base / 2) : base;
}

const keyOf = (address: string, action: string) => `${address}#${action}`;

function upsert(state: ProgressState, key: string, next: ResourceProgress): ProgressState {
  const known = key in state.resources;
  return {
    order: known ? state.order : [...state.order, key],
    resources: { ...state.resources, [key]: next },
  };
}

/** Seeds the pane with what the reviewed plan will do, all waiting. */
export function seedProgress(changes: ReadonlyArray<{ address: string; type: string; action: string }>): ProgressState {
  let state = emptyProgress;
  for (const change of changes) {
    // A replacement shows as its two halves, as Terraform applies it.
    const actions = change.action === 'replace' ? ['delete', 'create'] : [change.action];
    for (const action of actions) {
      if (action === 'no-op' || action === 'read') continue;
      const key = keyOf(change.address, action);
      state = upsert(state, key, {
        key,
        address: change.address,
        resourceType: change.type,
        action,
        state: 'waiting',
        elapsedSeconds: 0,
        typicalSeconds: typicalSeconds(change.type, action),
      });
    }
  }
  return state;
}

/** `stopping`: the person asked the run to stop, so what errors from now on was stopped, not broken. */
export function reduceProgress(state: ProgressState, event: TerraformEvent, now: number = Date.now(), stopping = false): ProgressState {
  switch (event.type) {
    case 'apply_start':
    case 'apply_progress':
    case 'apply_complete':
    case 'apply_errored': {
      const key = keyOf(event.address, event.action);
      const previous = state.resources[key];
      const elapsed = event.type === 'apply_start' ? 0 : event.elapsedSeconds;
      const base: ResourceProgress = previous ?? {
        key,
        address: event.address,
        resourceType: event.resource.resourceType,
        action: event.action,
        state: 'waiting',
        elapsedSeconds: 0,
        typicalSeconds: typicalSeconds(event.resource.resourceType, event.action),
      };
      const stateFor: Record<typeof event.type, ResourceState> = {
        apply_start: 'running',
        apply_progress: 'running',
        apply_complete: 'done',
        apply_errored: stopping ? 'stopped' : 'failed',
      };
      return upsert(state, key, {
        ...base,
        state: stateFor[event.type],
        elapsedSeconds: elapsed,
        startedAt: event.type === 'apply_start' ? now : (base.startedAt ?? now - elapsed * 1000),
        message: event.message,
      });
    }
    default:
      return state;
  }
}

export interface ProgressTotals {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly running: number;
  /** Rough seconds left: typical time of what has not finished, minus time already spent on it. */
  readonly etaSeconds: number;
}

/** Elapsed seconds of a resource at `now`, ticking between Terraform's updates. */
export function elapsedAt(resource: ResourceProgress, now: number): number {
  if (resource.state !== 'running' || resource.startedAt === undefined) return resource.elapsedSeconds;
  return Math.max(resource.elapsedSeconds, Math.floor((now - resource.startedAt) / 1000));
}

export function progressTotals(state: ProgressState, now: number = Date.now()): ProgressTotals {
  let done = 0;
  let failed = 0;
  let running = 0;
  let longestRunning = 0;
  let waitingWork = 0;
  for (const key of state.order) {
    const resource = state.resources[key]!;
    if (resource.state === 'done') done++;
    else if (resource.state === 'failed') failed++;
    else if (resource.state === 'stopped') continue;
    else if (resource.state === 'running') {
      running++;
      longestRunning = Math.max(longestRunning, Math.max(0, resource.typicalSeconds - elapsedAt(resource, now)));
    } else waitingWork += resource.typicalSeconds;
  }
  // Terraform applies up to 10 resources at once, so waiting work overlaps;
  // the slowest running resource bounds what is in flight.
  const etaSeconds = Math.round(longestRunning + waitingWork / 4);
  return { total: state.order.length, done, failed, running, etaSeconds };
}
