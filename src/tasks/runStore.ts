/**
 * The run's state outside React, so the engine, the listr2 renderer and the
 * decider can feed it from anywhere. Every action is reduced at once; views
 * are told at most once per frame (leading and trailing), so an apply
 * streaming hundreds of events never re-renders more than ~10 times a second.
 * What a person must see now (a question, Ctrl-C, the end) is never delayed.
 */
import { EXIT } from '../errors.js';
import type { Decider, Decision, DecisionRequest } from './decisions.js';
import type { RenderedTask } from './inkRenderer.js';
import type { RunEvent } from './runEvents.js';
import { initialRunState, reduceRun, type RunAction, type RunState } from './runState.js';

export interface RunStore {
  /** What views render: at most one frame behind the run. */
  getSnapshot(): RunState;
  /** The latest state, for code that must not wait for a frame. */
  getState(): RunState;
  subscribe(listener: () => void): () => void;
  /** The engine's `emit`. */
  emit(event: RunEvent): void;
  /** The Ink renderer's `onUpdate`. */
  onTasks(tasks: readonly RenderedTask[]): void;
  /** Asks the user through the view; settles when they answer (state.decision.resolve). */
  readonly decider: Decider;
  /** The open question's text after a key (see runKeys.ts); shown at once, as typing must be. */
  prompt(typed: string, mismatch?: string): void;
  /** Tells views now, whatever the frame budget. */
  flush(): void;
  /** Stops any pending frame timer. */
  dispose(): void;
}

export interface RunStoreOptions {
  /** Minimum time between two notifications; 100 ms = 10 frames a second. */
  readonly frameMs?: number;
  readonly now?: () => number;
}

const URGENT: ReadonlySet<RunEvent['type']> = new Set(['stopping', 'failure', 'done']);

const STOPPED: Decision = { approved: false, reason: 'Stopped at your request before anything was changed.', exitCode: EXIT.interrupted };

export function createRunStore(options: RunStoreOptions = {}): RunStore {
  const frameMs = options.frameMs ?? 100;
  const now = options.now ?? Date.now;
  let state = initialRunState;
  let snapshot = state;
  let lastFlush = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastFlush = now();
    if (snapshot === state) return;
    snapshot = state;
    for (const listener of [...listeners]) listener();
  };

  const schedule = (urgent: boolean) => {
    if (urgent) return flush();
    if (timer) return;
    const wait = lastFlush + frameMs - now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };

  const dispatch = (action: RunAction, urgent = false) => {
    state = reduceRun(state, action);
    schedule(urgent);
  };

  const decider: Decider = {
    decide: (request: DecisionRequest) =>
      new Promise<Decision>((resolve) => {
        let answered = false;
        dispatch(
          {
            type: 'decision',
            decision: {
              request,
              resolve: (decision) => {
                // A key pressed twice, or Ctrl-C racing Enter: the first answer wins.
                if (answered) return;
                answered = true;
                dispatch({ type: 'decided' }, true);
                resolve(decision);
              },
            },
          },
          true,
        );
      }),
  };

  return {
    getSnapshot: () => snapshot,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      dispatch({ type: 'event', event, at: now() }, URGENT.has(event.type));
      // However the stop came (Ctrl-C, SIGTERM, a closing terminal), a question
      // left open would keep the engine waiting forever: the stop answers it "no".
      if (event.type === 'stopping') state.decision?.resolve(STOPPED);
    },
    onTasks: (tasks) => dispatch({ type: 'tasks', tasks }),
    decider,
    prompt: (typed, mismatch) => dispatch({ type: 'prompt', typed, ...(mismatch !== undefined ? { mismatch } : {}) }, true),
    flush,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
