import { afterEach, describe, expect, it } from 'vitest';
import { createRunStore, type RunStore } from '../../src/tasks/runStore.js';
import { RunApp } from '../../src/tui/runInInk.js';
import { renderInk, type Rendered } from '../helpers/ink.js';
import { until } from './frames.js';
import { applying, recorded, recordedPlan } from './recorded.js';

let mounted: Rendered | undefined;
let store: RunStore | undefined;
afterEach(() => {
  mounted?.unmount();
  store?.dispose();
});

async function mount(options: { columns?: number; rows?: number; isTTY?: boolean } = {}) {
  store = createRunStore({ frameMs: 0 });
  const calls = { interrupts: 0, exits: 0 };
  mounted = await renderInk(
    <RunApp store={store} command="apply" environment="production" onInterrupt={() => calls.interrupts++} onExit={() => calls.exits++} />,
    options,
  );
  return { app: mounted, store, calls };
}

/** An apply under way with its first resources in flight. */
function midApply(target: RunStore) {
  const events = recorded('apply-unreachable.jsonl', 'apply');
  for (const event of [...applying(recordedPlan('show-plan-create.json')), ...events.slice(0, 9)]) target.emit(event);
}

describe('RunApp', () => {
  it('turns Ctrl-C into a safe stop while running, and any key into the exit once done', async () => {
    const { app, store, calls } = await mount();
    midApply(store);
    await app.waitFor('Applying');
    expect(app.lastFrame()).toContain('Ctrl-C stop safely');
    await app.press('enter');
    expect(calls).toEqual({ interrupts: 0, exits: 0 });
    await app.press('ctrlC');
    expect(calls.interrupts).toBe(1);

    store.emit({ type: 'done', exitCode: 0, summary: 'Applied.' });
    await app.waitFor('any key exit');
    expect(calls.exits).toBe(0);
    await app.press('space');
    expect(calls).toEqual({ interrupts: 1, exits: 1 });
  });

  it('adapts the resource pane when the terminal is resized', async () => {
    const { app, store } = await mount({ columns: 80, rows: 24 });
    midApply(store);
    await app.waitFor('Applying');
    const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => line.length));
    expect(widest(app.lastFrame())).toBeLessThanOrEqual(80);
    await app.resize(60, 24);
    await app.waitFor((frame) => widest(frame) <= 60 && frame.includes('Applying'));
    expect(app.lastFrame()).toMatch(/▸ \+ create\s+aws_vpc\.vpc/);
  });

  it('without a terminal to read keys, offers none and leaves the done screen by itself', async () => {
    const { app, store, calls } = await mount({ isTTY: false });
    midApply(store);
    await app.waitFor('Applying');
    expect(app.lastFrame()).not.toContain('Ctrl-C');
    store.emit({ type: 'done', exitCode: 0, summary: 'Applied.' });
    await until(() => calls.exits === 1, 'the automatic exit');
    expect(app.lastFrame()).toContain('✔ Applied.');
    expect(app.lastFrame()).not.toContain('any key');
  });
});
