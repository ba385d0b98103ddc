import { afterEach, describe, expect, it } from 'vitest';
import type { Decision, DecisionRequest } from '../../src/tasks/decisions.js';
import { createRunStore, type RunStore } from '../../src/tasks/runStore.js';
import { guardPlan } from '../../src/terraform/guard.js';
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

/**
 * Keys that arrive together: one write of many characters, Enter in the same
 * chunk, as a paste or tmux send-keys delivers them. Each burst is one write
 * to stdin; nothing is typed one key at a time.
 */
describe('RunApp keys in bursts', () => {
  const replace = recordedPlan('show-plan-replace.json');
  const dataLoss = (address = 'aws_db_instance.db'): DecisionRequest => ({
    kind: 'allow-data-loss',
    environment: 'production',
    finding: guardPlan(replace).blocked.find((finding) => finding.address === address)!,
  });

  /** Opens a question through the store's decider, as the engine does, and waits for it on screen. */
  async function ask(target: RunStore, app: Rendered, request: DecisionRequest, shown: string) {
    const answer: { value?: Decision } = {};
    void target.decider.decide(request).then((decision) => (answer.value = decision));
    await app.waitFor(shown);
    return answer;
  }

  const GUARD = 'Type aws_db_instance.db to allow it';

  it('confirms an address pasted with its Enter on that first Enter, and the text lives in the run state', async () => {
    const { app, store } = await mount({ columns: 100, rows: 30 });
    const answer = await ask(store, app, dataLoss(), GUARD);
    app.stdin.write('aws_db_');
    await app.waitFor('› aws_db_');
    expect(store.getState().decision).toMatchObject({ typed: 'aws_db_' });
    app.stdin.write('instance.db\r');
    await until(() => answer.value !== undefined, 'the answer to the first Enter');
    expect(answer.value).toEqual({ approved: true });
  });

  it('applies Backspace, DEL or BS, and Ctrl-U within a burst, in order', async () => {
    const { app, store } = await mount({ columns: 100, rows: 30 });
    const first = await ask(store, app, dataLoss(), GUARD);
    app.stdin.write('aws_db_instance.dbxy\x7f\b\r');
    await until(() => first.value !== undefined, 'the answer after two erases');
    expect(first.value).toEqual({ approved: true });

    const second = await ask(store, app, dataLoss('aws_ecr_repository.orphan'), 'Type aws_ecr_repository.orphan');
    app.stdin.write('nonsense\x15aws_ecr_repository.orphan\r');
    await until(() => second.value !== undefined, 'the answer after Ctrl-U');
    expect(second.value).toEqual({ approved: true });
  });

  it('says why a near miss confirmed nothing, then takes the corrected address, each in one burst', async () => {
    const { app, store } = await mount({ columns: 100, rows: 30 });
    const answer = await ask(store, app, dataLoss(), GUARD);
    app.stdin.write('aws_db_instance.d\r');
    await app.waitFor('✗ "aws_db_instance.d" is not aws_db_instance.db: nothing was confirmed. Type it exactly, or Esc.');
    expect(answer.value).toBeUndefined();
    app.stdin.write('b\r');
    await until(() => answer.value !== undefined, 'the corrected answer');
    expect(answer.value).toEqual({ approved: true });
  });

  it('keeps the data on Esc, with the guard\'s exit code', async () => {
    const { app, store } = await mount({ columns: 100, rows: 30 });
    const answer = await ask(store, app, dataLoss(), GUARD);
    app.stdin.write('aws_db');
    await app.waitFor('› aws_db');
    await app.press('escape');
    await until(() => answer.value !== undefined, 'Esc to answer');
    expect(answer.value).toEqual({ approved: false, reason: 'aws_db_instance.db was not allowed to lose its data: nothing was changed.', exitCode: 3 });
  });

  it('never lets the rest of a burst, or keys typed before a question, answer a question not yet shown', async () => {
    const { app, store } = await mount({ columns: 100, rows: 30 });
    // Typed during the plan: nothing is asked yet.
    app.stdin.write('y\r');
    const first = await ask(store, app, dataLoss(), GUARD);
    // The address, its Enter, and the next address typed blind.
    app.stdin.write('aws_db_instance.db\raws_ecr_repository.orphan\r');
    await until(() => first.value !== undefined, 'the first answer');
    const second = await ask(store, app, dataLoss('aws_ecr_repository.orphan'), 'Type aws_ecr_repository.orphan');
    expect(store.getState().decision).toMatchObject({ typed: '' });
    const approve = await (async () => {
      app.stdin.write('aws_ecr_repository.orphan\r');
      await until(() => second.value !== undefined, 'the second answer');
      return ask(store, app, { kind: 'approve-plan', environment: 'production', summary: replace }, '? Apply these changes to production?');
    })();
    expect(approve.value).toBeUndefined();
    app.stdin.write('x y');
    await until(() => approve.value !== undefined, 'the confirm bar');
    expect(approve.value).toEqual({ approved: true });
  });

  it('reads Ctrl-C inside a burst first, as the stop it is', async () => {
    const { app, store, calls } = await mount({ columns: 100, rows: 30 });
    await ask(store, app, dataLoss(), GUARD);
    app.stdin.write('aws\x03_db');
    await until(() => calls.interrupts === 1, 'the interrupt');
    await app.waitFor('› aws_db');
  });
});
