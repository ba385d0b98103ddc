/**
 * A listr2 renderer that draws nothing. Under Ink exactly one thing may own
 * the terminal, so instead of writing (listr2's default renderer patches
 * process.stdout), it turns each task's title, state and output changes into
 * plain snapshots and hands them to a callback: the Ink run store.
 */
import { ListrTaskEventType, ListrTaskState, type ListrRendererFactory, type ListrTaskObject } from 'listr2';
import type { TaskState } from './runEvents.js';

/** A task's state as the run view shows it; `waiting` is the one the engine never emits. */
export type RenderedTaskState = TaskState | 'waiting';

export interface RenderedTask {
  /** listr2's own id: stable for the task's life. */
  readonly key: string;
  /** The title as first given: the engine's `task` events carry this one. */
  readonly initialTitle: string;
  /** The current title (the plan task appends its counts, for instance). */
  readonly title: string;
  readonly state: RenderedTaskState;
  /** The task's latest output line. */
  readonly output?: string;
  /** Why it was skipped or how it failed. */
  readonly detail?: string;
  /** When it started (ms since epoch), to tick its elapsed time. */
  readonly startedAt?: number;
  /** Set once it finished. */
  readonly elapsedMs?: number;
  /** 0 for top-level tasks, 1 for their subtasks, and so on. */
  readonly depth: number;
  /**
   * listr2 is done with it: its title, skip reason and error are final, so a
   * view may print it once and never redraw it.
   */
  readonly closed: boolean;
}

// Type alias rather than interface: listr2 wants a Record-compatible options type.
export type InkRendererOptions = {
  /** Called with every task, in order, after each change. Must be cheap: the Ink store coalesces renders. */
  readonly onUpdate: (tasks: readonly RenderedTask[]) => void;
  /** Clock for elapsed times; tests pass their own. */
  readonly now?: () => number;
};

// listr2 hands every renderer the same task objects, whatever their renderer type.
type AnyTask = ListrTaskObject<unknown, ListrRendererFactory, ListrRendererFactory>;

/** listr2 has a dozen states; a person needs five. */
function stateOf(task: AnyTask): RenderedTaskState {
  switch (task.state) {
    case ListrTaskState.WAITING:
      return 'waiting';
    case ListrTaskState.COMPLETED:
    case ListrTaskState.ROLLED_BACK:
      return 'done';
    case ListrTaskState.SKIPPED:
      return 'skipped';
    case ListrTaskState.FAILED:
    case ListrTaskState.PROMPT_FAILED:
      return 'failed';
    default:
      // Started, retrying, paused, prompting, rolling back: all still running.
      return 'running';
  }
}

const FINAL: ReadonlySet<RenderedTaskState> = new Set(['done', 'skipped', 'failed']);

export class InkRenderer {
  // A custom renderer draws nothing, so nothing stops it working without a TTY.
  static nonTTY = true;
  // Only a type for listr2's generics: the options always come from the caller.
  declare static rendererOptions: InkRendererOptions;
  declare static rendererTaskOptions: Record<PropertyKey, never>;

  private readonly onUpdate: InkRendererOptions['onUpdate'];
  private readonly now: () => number;
  private readonly timing = new Map<string, { startedAt?: number; elapsedMs?: number }>();
  private readonly closed = new Set<string>();
  private ended = false;

  constructor(
    private readonly tasks: readonly AnyTask[],
    options: InkRendererOptions,
  ) {
    this.onUpdate = options.onUpdate;
    this.now = options.now ?? Date.now;
  }

  render(): void {
    this.watch(this.tasks);
    this.publish();
  }

  end(): void {
    // One last snapshot with the final states; events after this are ignored
    // so a late listener never overwrites what the run ended with.
    this.publish();
    this.ended = true;
  }

  private watch(tasks: readonly AnyTask[]): void {
    for (const task of tasks) {
      task.on(ListrTaskEventType.STATE, () => {
        this.time(task);
        this.publish();
      });
      task.on(ListrTaskEventType.ENABLED, () => this.publish());
      task.on(ListrTaskEventType.TITLE, () => this.publish());
      task.on(ListrTaskEventType.OUTPUT, () => this.publish());
      task.on(ListrTaskEventType.MESSAGE, () => this.publish());
      task.on(ListrTaskEventType.CLOSED, () => {
        // listr2 9 never sets the flag isClosed() reads: remember it ourselves.
        this.closed.add(task.id);
        this.publish();
      });
      task.on(ListrTaskEventType.SUBTASK, (subtasks) => {
        this.watch(subtasks as AnyTask[]);
        this.publish();
      });
    }
  }

  /** Measures each task from its first running state to its final one. */
  private time(task: AnyTask): void {
    const state = stateOf(task);
    const entry = this.timing.get(task.id) ?? {};
    if (state === 'running' && entry.startedAt === undefined) entry.startedAt = this.now();
    if (FINAL.has(state) && entry.elapsedMs === undefined && entry.startedAt !== undefined) entry.elapsedMs = this.now() - entry.startedAt;
    this.timing.set(task.id, entry);
  }

  private publish(): void {
    if (this.ended) return;
    this.onUpdate(this.snapshot(this.tasks, 0));
  }

  private snapshot(tasks: readonly AnyTask[], depth: number): RenderedTask[] {
    return tasks.flatMap((task) => {
      // listr2 creates the subtask list only when a task adds one.
      const subtasks = this.snapshot((task.subtasks ?? []) as AnyTask[], depth + 1);
      // Untitled tasks are background work, and disabled ones will never run:
      // listr2's renderers hide both. (Enabled is unknown until listr2 checks it.)
      if (!task.hasTitle() || task.isEnabled() === false) return subtasks;
      const timing = this.timing.get(task.id) ?? {};
      const detail = task.message.error ?? task.message.skip;
      const own: RenderedTask = {
        key: task.id,
        initialTitle: String(task.initialTitle ?? task.title),
        title: String(task.title),
        state: stateOf(task),
        depth,
        closed: this.closed.has(task.id),
        ...(task.output ? { output: String(task.output) } : {}),
        ...(detail ? { detail: String(detail) } : {}),
        ...(timing.startedAt !== undefined ? { startedAt: timing.startedAt } : {}),
        ...(timing.elapsedMs !== undefined ? { elapsedMs: timing.elapsedMs } : {}),
      };
      return [own, ...subtasks];
    });
  }
}
