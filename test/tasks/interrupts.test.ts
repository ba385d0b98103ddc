import { afterEach, describe, expect, it } from 'vitest';
import { createInterruptController, ESCALATION_WINDOW_MS, listenToProcessSignals } from '../../src/tasks/interrupts.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';

function controller() {
  const events: RunEvent[] = [];
  let clock = 1_000_000;
  const c = createInterruptController((e) => events.push(e), () => clock);
  return {
    c,
    events,
    advance(ms: number) {
      clock += ms;
    },
  };
}

describe('createInterruptController', () => {
  it('the first interrupt aborts gracefully once and says it is stopping', () => {
    const { c, events } = controller();
    let graceful = 0;
    c.signal.addEventListener('abort', () => graceful++);
    c.interrupt();
    expect(c.signal.aborted).toBe(true);
    expect(c.forceSignal.aborted).toBe(false);
    expect(graceful).toBe(1);
    expect(events).toEqual([{ type: 'stopping', escalated: false }]);
  });

  it('a second interrupt within the window escalates, once', () => {
    const { c, events, advance } = controller();
    c.interrupt();
    advance(ESCALATION_WINDOW_MS);
    c.interrupt();
    expect(c.forceSignal.aborted).toBe(true);
    c.interrupt();
    expect(events).toEqual([
      { type: 'stopping', escalated: false },
      { type: 'stopping', escalated: true },
    ]);
  });

  it('a late second interrupt restarts the window instead of killing', () => {
    const { c, events, advance } = controller();
    c.interrupt();
    advance(ESCALATION_WINDOW_MS + 1);
    c.interrupt();
    expect(c.forceSignal.aborted).toBe(false);
    expect(events).toEqual([
      { type: 'stopping', escalated: false },
      { type: 'stopping', escalated: false },
    ]);
    // ...and a third right after the restart escalates.
    advance(1000);
    c.interrupt();
    expect(c.forceSignal.aborted).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'stopping', escalated: true });
  });

  it('the graceful signal fires only once, however many presses', () => {
    const { c, advance } = controller();
    let graceful = 0;
    c.signal.addEventListener('abort', () => graceful++);
    for (let i = 0; i < 4; i++) {
      c.interrupt();
      advance(ESCALATION_WINDOW_MS * 2);
    }
    expect(graceful).toBe(1);
  });
});

describe('listenToProcessSignals', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('routes SIGINT, SIGTERM and SIGHUP to the controller while listening, and stops when told', () => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM'), hup: process.listenerCount('SIGHUP') };
    const { c, events } = controller();
    const seen: string[] = [];
    stop = listenToProcessSignals(c, (signal) => seen.push(signal));
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    expect(process.listenerCount('SIGHUP')).toBe(before.hup + 1);
    process.emit('SIGINT');
    process.emit('SIGINT');
    expect(events.map((e) => e.type === 'stopping' && e.escalated)).toEqual([false, true]);
    expect(seen).toEqual(['SIGINT', 'SIGINT']);
    stop();
    stop = undefined;
    expect(process.listenerCount('SIGINT')).toBe(before.int);
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
    expect(process.listenerCount('SIGHUP')).toBe(before.hup);
  });

  it('SIGTERM and SIGHUP are the first Ctrl-C, however often they come: they never escalate', () => {
    for (const first of ['SIGTERM', 'SIGHUP'] as const) {
      const { c, events } = controller();
      stop = listenToProcessSignals(c);
      process.emit(first);
      process.emit('SIGTERM');
      process.emit('SIGHUP');
      expect(c.signal.aborted).toBe(true);
      expect(c.forceSignal.aborted).toBe(false);
      expect(events).toEqual([{ type: 'stopping', escalated: false }]);
      // A person's second Ctrl-C still escalates.
      process.emit('SIGINT');
      expect(c.forceSignal.aborted).toBe(true);
      stop();
      stop = undefined;
    }
  });
});
