import { Listr } from 'listr2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InkRenderer, type RenderedTask } from '../../src/tasks/inkRenderer.js';

afterEach(() => vi.restoreAllMocks());

function listrWith(tasks: ConstructorParameters<typeof Listr>[0], clock: { now: number }) {
  const snapshots: (readonly RenderedTask[])[] = [];
  const listr = new Listr(tasks, {
    renderer: InkRenderer,
    rendererOptions: { onUpdate: (update: readonly RenderedTask[]) => snapshots.push(update), now: () => clock.now },
    registerSignalListeners: false,
    exitOnError: true,
  });
  return { listr, snapshots };
}

describe('InkRenderer', () => {
  it('forwards titles, states, outputs, skip reasons, errors and elapsed times, and writes nothing itself', async () => {
    const clock = { now: 1_000 };
    const write = vi.spyOn(process.stdout, 'write');
    const writeErr = vi.spyOn(process.stderr, 'write');
    const { listr, snapshots } = listrWith(
      [
        {
          title: 'terraform plan',
          task: async (_ctx, task) => {
            task.output = 'aws_vpc.vpc: Plan to create';
            clock.now += 1_500;
            task.title = 'terraform plan: 6 to add';
          },
        },
        { title: 'Approve the plan', task: (_ctx, task) => task.skip('No changes') },
        {
          title: 'terraform apply',
          task: async () => {
            clock.now += 250;
            throw new Error('terraform apply failed');
          },
        },
        { title: 'Read the outputs', task: () => undefined },
        { task: () => undefined },
      ],
      clock,
    );
    await expect(listr.run()).rejects.toThrow('terraform apply failed');

    // Nothing went to the terminal: Ink owns it.
    expect(write).not.toHaveBeenCalled();
    expect(writeErr).not.toHaveBeenCalled();

    // The first snapshot lists every titled task, waiting; untitled ones are hidden.
    expect(snapshots[0]!.map((task) => [task.title, task.state])).toEqual([
      ['terraform plan', 'waiting'],
      ['Approve the plan', 'waiting'],
      ['terraform apply', 'waiting'],
      ['Read the outputs', 'waiting'],
    ]);
    expect(snapshots.some((update) => update[0]!.state === 'running' && update[0]!.output === 'aws_vpc.vpc: Plan to create')).toBe(true);

    const last = snapshots.at(-1)!;
    expect(last[0]).toMatchObject({ initialTitle: 'terraform plan', title: 'terraform plan: 6 to add', state: 'done', elapsedMs: 1_500, closed: true, depth: 0 });
    expect(last[1]).toMatchObject({ initialTitle: 'Approve the plan', state: 'skipped', detail: 'No changes', closed: true });
    expect(last[2]).toMatchObject({ state: 'failed', detail: 'terraform apply failed', elapsedMs: 250, closed: true });
    expect(last[3]).toMatchObject({ state: 'waiting', closed: false });
    expect(last[3]!.startedAt).toBeUndefined();
    // Each task key is listr2's stable id.
    expect(new Set(last.map((task) => task.key)).size).toBe(4);
  });

  it('reports subtasks one level down, and nothing after end()', async () => {
    const clock = { now: 0 };
    const { listr, snapshots } = listrWith(
      [
        {
          title: 'parent',
          task: (_ctx, task) => task.newListr([{ title: 'child', task: () => undefined }], { exitOnError: true }),
        },
      ],
      clock,
    );
    await listr.run();
    const last = snapshots.at(-1)!;
    expect(last.map((task) => [task.title, task.depth, task.state])).toEqual([
      ['parent', 0, 'done'],
      ['child', 1, 'done'],
    ]);
    const count = snapshots.length;
    // listr2 is finished with this renderer: late events must not reach the view.
    (listr.tasks[0] as unknown as { title$: string }).title$ = 'renamed late';
    expect(snapshots.length).toBe(count);
  });
});
