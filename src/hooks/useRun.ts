/**
 * The run for React: the store's throttled snapshot (see src/tasks/runStore.ts;
 * the reducer in src/tasks/runState.ts is pure and tested without React) and
 * a clock that ticks elapsed times only while something runs.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RunStore } from '../tasks/runStore.js';
import type { RunState } from '../tasks/runState.js';

export { createRunStore, type RunStore } from '../tasks/runStore.js';
export { initialRunState, isRunning, reduceRun, resourcePhase, type RunAction, type RunState } from '../tasks/runState.js';

export function useRun(store: RunStore): RunState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * Now, in ms, refreshed every `intervalMs` while `active`. Idle, it stops:
 * a confirm bar waiting for a person must not redraw once a second.
 */
export function useClock(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
