/**
 * Everything the Ink run view shows, as a pure reducer over what the run
 * tells it: listr2 task snapshots (from the Ink renderer), the engine's run
 * events, and decisions waiting for the user. No React here, so tests feed
 * it recorded events directly and the view stays a function of this state.
 */
import type { DoneEvent } from '../errors.js';
import type { PlanCost } from '../cost/planCost.js';
import type { LogLevel, TerraformEvent } from '../terraform/events.js';
import type { GuardResult } from '../terraform/guard.js';
import type { StackOutput } from '../terraform/jsonCommands.js';
import type { PlanSummary } from '../terraform/planReader.js';
import type { Decision, DecisionRequest } from './decisions.js';
import type { RenderedTask, RenderedTaskState } from './inkRenderer.js';
import { emptyProgress, reduceProgress, seedProgress, type ProgressState, type ResourceProgress } from './progress.js';
import type { RunEvent, TaskId } from './runEvents.js';

/** A task as the run view keeps it: the renderer's fields, keyed by the first title. */
export interface RunTaskView extends Pick<RenderedTask, 'title' | 'state' | 'output' | 'detail' | 'startedAt' | 'elapsedMs'> {
  /** The task's first title: what both the renderer and the engine's events know it by. */
  readonly key: string;
  readonly id?: TaskId;
}

export interface LogLine {
  readonly id: number;
  /** The Terraform command that printed it (`plan`, `apply`, …). */
  readonly command: string;
  readonly level: LogLevel;
  readonly text: string;
}

/** An error diagnostic, kept whole: summary, detail and the resource it is about. */
export interface RunError {
  readonly command: string;
  readonly summary: string;
  readonly detail: string;
  readonly address?: string;
}

/** Lines that are final: printed once, above the live area, through Ink's <Static>. */
export type HistoryItem =
  | { readonly kind: 'task'; readonly key: string; readonly task: RunTaskView }
  | { readonly kind: 'resource'; readonly key: string; readonly resource: ResourceProgress }
  | { readonly kind: 'warning'; readonly key: string; readonly message: string }
  /** ecs-wizard.json saved (ok) or left as it was. */
  | { readonly kind: 'config'; readonly key: string; readonly message: string; readonly saved: boolean };

export interface PendingDecision {
  readonly request: DecisionRequest;
  readonly resolve: (decision: Decision) => void;
}

/**
 * A question on screen and what has been typed in answer. The typed text
 * lives here, not in a component, so keys that arrive together (a paste, a
 * burst ending in Enter) each see the text the previous one left.
 */
export interface OpenDecision extends PendingDecision {
  /** The text typed at a guard prompt: a resource address, an environment's name. */
  readonly typed: string;
  /** What Enter was pressed on when it was not the word asked for (shown until the next edit). */
  readonly mismatch?: string;
}

export interface RunFailureView {
  readonly message: string;
  readonly logFile?: string;
  readonly next?: string;
}

export interface RunState {
  readonly tasks: readonly RunTaskView[];
  /** Set by the first renderer snapshot: from then on a task is history once listr2 closes it. */
  readonly rendered: boolean;
  readonly plan?: { readonly environment: string; readonly summary: PlanSummary; readonly destroy: boolean; readonly cost?: PlanCost };
  readonly guard?: GuardResult;
  /** Resource by resource, seeded from the reviewed plan, moved by apply/destroy events. */
  readonly progress: ProgressState;
  /** The latest Terraform messages, at most LOG_LIMIT. */
  readonly log: readonly LogLine[];
  /** Every error diagnostic of the run, never trimmed. */
  readonly errors: readonly RunError[];
  readonly history: readonly HistoryItem[];
  readonly decision?: OpenDecision;
  readonly outputs?: readonly StackOutput[];
  readonly stopping?: { readonly escalated: boolean; readonly at: number };
  readonly failure?: RunFailureView;
  readonly done?: Pick<DoneEvent, 'exitCode' | 'summary'>;
  readonly nextLogId: number;
}

export type RunAction =
  | { readonly type: 'event'; readonly event: RunEvent; readonly at: number }
  | { readonly type: 'tasks'; readonly tasks: readonly RenderedTask[] }
  | { readonly type: 'decision'; readonly decision: PendingDecision }
  /** The guard prompt's text after a key (see runKeys.ts). */
  | { readonly type: 'prompt'; readonly typed: string; readonly mismatch?: string }
  | { readonly type: 'decided' };

/** Enough to scroll back through in the pane; everything is in the log file anyway. */
export const LOG_LIMIT = 200;

/** The commands whose events move the resource pane. */
const PROGRESS_COMMANDS: ReadonlySet<string> = new Set(['apply', 'destroy']);

export const initialRunState: RunState = { tasks: [], rendered: false, progress: emptyProgress, log: [], errors: [], history: [], nextLogId: 0 };

const isFinal = (state: RenderedTaskState): boolean => state === 'done' || state === 'skipped' || state === 'failed';

function upsertTask(tasks: readonly RunTaskView[], key: string, change: (previous: RunTaskView | undefined) => RunTaskView): RunTaskView[] {
  const index = tasks.findIndex((task) => task.key === key);
  if (index === -1) return [...tasks, change(undefined)];
  const next = [...tasks];
  next[index] = change(tasks[index]);
  return next;
}

const taskHistory = (task: RunTaskView): HistoryItem => ({ kind: 'task', key: `task:${task.key}`, task });

/** Merges a renderer snapshot: live titles, outputs and waiting tasks come from listr2. */
function fromRenderer(state: RunState, rendered: readonly RenderedTask[]): RunState {
  let tasks = state.tasks;
  for (const task of rendered) {
    tasks = upsertTask(tasks, task.initialTitle, (previous) => ({
      ...previous,
      key: task.initialTitle,
      title: task.title,
      // The engine reports a task finished a moment before listr2 does: never
      // let a stale "running" snapshot take a finished task back.
      state: previous && isFinal(previous.state) && !isFinal(task.state) ? previous.state : task.state,
      ...(task.output !== undefined ? { output: task.output } : {}),
      ...(task.detail !== undefined ? { detail: task.detail } : {}),
      ...(task.startedAt !== undefined && previous?.startedAt === undefined ? { startedAt: task.startedAt } : {}),
      ...(previous?.elapsedMs === undefined && task.elapsedMs !== undefined ? { elapsedMs: task.elapsedMs } : {}),
    }));
  }
  // listr2 closes a task after its title, skip reason and error are final:
  // the moment it can be printed once and never redrawn.
  const closedKeys = new Set(rendered.filter((task) => task.closed).map((task) => task.initialTitle));
  const history = [...state.history];
  const known = new Set(history.map((item) => item.key));
  for (const task of tasks) {
    if (closedKeys.has(task.key) && isFinal(task.state) && !known.has(`task:${task.key}`)) history.push(taskHistory(task));
  }
  return { ...state, rendered: true, tasks, history };
}

function fromTaskEvent(state: RunState, event: Extract<RunEvent, { type: 'task' }>, at: number): RunState {
  const tasks = upsertTask(state.tasks, event.title, (previous) => ({
    ...previous,
    key: event.title,
    id: event.id,
    title: previous?.title ?? event.title,
    state: event.state,
    ...(event.detail !== undefined ? { detail: event.detail } : {}),
    ...(event.state === 'running' && previous?.startedAt === undefined ? { startedAt: at } : {}),
    // The engine times the task body itself: prefer its figure to the renderer's.
    ...(event.elapsedMs !== undefined ? { elapsedMs: event.elapsedMs } : {}),
  }));
  const next = { ...state, tasks };
  // Without a renderer (recorded events, other front-ends) the engine's word is final.
  if (state.rendered || !isFinal(event.state)) return next;
  const task = tasks.find((candidate) => candidate.key === event.title)!;
  return { ...next, history: [...state.history, taskHistory(task)] };
}

function logLines(state: RunState, command: string, level: LogLevel, text: string): RunState {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return state;
  let id = state.nextLogId;
  const added = lines.map((line): LogLine => ({ id: id++, command, level, text: line }));
  const log = [...state.log, ...added];
  return { ...state, log: log.length > LOG_LIMIT ? log.slice(log.length - LOG_LIMIT) : log, nextLogId: id };
}

function fromTerraform(state: RunState, command: string, event: TerraformEvent, at: number): RunState {
  let next = state;
  if (event.type === 'diagnostic' && event.diagnostic.severity === 'error') {
    const d = event.diagnostic;
    const error: RunError = { command, summary: d.summary, detail: d.detail, ...(d.address ? { address: d.address } : {}) };
    // Terraform repeats some errors ("execution halted" comes twice): keep one.
    const seen = state.errors.some((e) => e.summary === error.summary && e.detail === error.detail && e.address === error.address);
    if (!seen) next = { ...next, errors: [...next.errors, error] };
  }
  next = logLines(next, command, event.level, event.message);
  if (!PROGRESS_COMMANDS.has(command)) return next;
  const progress = reduceProgress(next.progress, event, at, next.stopping !== undefined);
  if (progress === next.progress) return next;
  const finished: HistoryItem[] = [];
  if (event.type === 'apply_complete' || event.type === 'apply_errored') {
    const resource = progress.resources[`${event.address}#${event.action}`];
    if (resource) finished.push({ kind: 'resource', key: `resource:${resource.key}`, resource });
  }
  return { ...next, progress, history: finished.length ? [...next.history, ...finished] : next.history };
}

function fromEvent(state: RunState, event: RunEvent, at: number): RunState {
  switch (event.type) {
    case 'task':
      return fromTaskEvent(state, event, at);
    case 'terraform':
      return fromTerraform(state, event.command, event.event, at);
    case 'plan':
      // The reviewed plan is what apply will do: every resource starts out waiting.
      return {
        ...state,
        plan: { environment: event.environment, summary: event.summary, destroy: event.destroy, ...(event.cost ? { cost: event.cost } : {}) },
        progress: seedProgress(event.summary.changes),
      };
    case 'guard':
      return { ...state, guard: event.result };
    case 'warning':
      return { ...state, history: [...state.history, { kind: 'warning', key: `warning:${state.history.length}`, message: event.message }] };
    case 'config':
      return { ...state, history: [...state.history, { kind: 'config', key: `config:${state.history.length}`, message: event.message, saved: event.saved }] };
    case 'failure':
      return {
        ...state,
        failure: { message: event.message, ...(event.logFile ? { logFile: event.logFile } : {}), ...(event.next ? { next: event.next } : {}) },
      };
    case 'outputs':
      return { ...state, outputs: event.outputs };
    case 'stopping':
      return { ...state, stopping: { escalated: event.escalated, at } };
    case 'done':
      return { ...state, done: { exitCode: event.exitCode, summary: event.summary } };
  }
}

export function reduceRun(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'event':
      return fromEvent(state, action.event, action.at);
    case 'tasks':
      return fromRenderer(state, action.tasks);
    case 'decision':
      // Every question starts empty: nothing typed for one is carried to the next.
      return { ...state, decision: { request: action.decision.request, resolve: action.decision.resolve, typed: '' } };
    case 'prompt': {
      if (!state.decision) return state;
      const { mismatch: _shown, ...decision } = state.decision;
      return { ...state, decision: { ...decision, typed: action.typed, ...(action.mismatch !== undefined ? { mismatch: action.mismatch } : {}) } };
    }
    case 'decided': {
      const { decision: _answered, ...rest } = state;
      return rest;
    }
  }
}

/** Is anything moving (so elapsed times need a ticking clock)? Not while waiting for the user. */
export function isRunning(state: RunState): boolean {
  return !state.done && !state.decision && state.tasks.some((task) => task.state === 'running');
}

/** The apply or destroy is under way (or was), so the resource pane has something to show. */
export function resourcePhase(state: RunState): boolean {
  return state.tasks.some((task) => (task.id === 'apply' || task.id === 'destroy') && task.state !== 'waiting');
}
