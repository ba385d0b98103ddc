import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRunStore } from '../../src/tasks/runStore.js';
import { recorded, recordedPlan } from './recorded.js';

afterEach(() => vi.useRealTimers());

describe('createRunStore', () => {
  it('tells views at most once per frame while events stream, and catches up at the end of the frame', () => {
    vi.useFakeTimers();
    const store = createRunStore({ frameMs: 100, now: () => Date.now() });
    let notified = 0;
    store.subscribe(() => notified++);
    const events = recorded('apply-unreachable.jsonl', 'apply');
    for (const event of events) store.emit(event);
    // The first event is shown at once; the rest wait for the next frame.
    expect(notified).toBe(1);
    expect(store.getSnapshot().log.length).toBeLessThan(store.getState().log.length);
    vi.advanceTimersByTime(100);
    expect(notified).toBe(2);
    expect(store.getSnapshot()).toBe(store.getState());
    expect(store.getSnapshot().errors).toHaveLength(2);
    // Nothing new: no frame.
    vi.advanceTimersByTime(1_000);
    expect(notified).toBe(2);
    store.dispose();
  });

  it('shows what a person must see at once: Ctrl-C, the failure, the end, a question', async () => {
    vi.useFakeTimers();
    const store = createRunStore({ frameMs: 100, now: () => Date.now() });
    let notified = 0;
    store.subscribe(() => notified++);
    store.emit(recorded('apply-success.jsonl', 'apply')[0]!);
    store.emit(recorded('apply-success.jsonl', 'apply')[1]!);
    expect(notified).toBe(1);
    store.emit({ type: 'stopping', escalated: false });
    expect(notified).toBe(2);
    expect(store.getSnapshot().stopping?.escalated).toBe(false);

    const summary = recordedPlan('show-plan-create.json');
    const answer = store.decider.decide({ kind: 'approve-plan', environment: 'production', summary });
    expect(notified).toBe(3);
    const pending = store.getSnapshot().decision!;
    expect(pending.request.kind).toBe('approve-plan');
    pending.resolve({ approved: true });
    // A second key press (or Ctrl-C racing Enter) changes nothing.
    pending.resolve({ approved: false, reason: 'late' });
    await expect(answer).resolves.toEqual({ approved: true });
    expect(store.getSnapshot().decision).toBeUndefined();
    expect(notified).toBe(4);
    store.dispose();
  });

  it('answers an open question "no" when the run is stopped, however the stop came (a key, SIGTERM)', async () => {
    const store = createRunStore({ frameMs: 0 });
    const summary = recordedPlan('show-plan-create.json');
    const answer = store.decider.decide({ kind: 'approve-plan', environment: 'production', summary });
    store.emit({ type: 'stopping', escalated: false });
    await expect(answer).resolves.toEqual({ approved: false, reason: 'Stopped at your request before anything was changed.', exitCode: 130 });
    expect(store.getState().decision).toBeUndefined();
    store.dispose();
  });
});
