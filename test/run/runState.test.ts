import { describe, expect, it } from 'vitest';
import type { RenderedTask } from '../../src/tasks/inkRenderer.js';
import { progressTotals } from '../../src/tasks/progress.js';
import { initialRunState, isRunning, LOG_LIMIT, reduceRun, resourcePhase, type RunState } from '../../src/tasks/runState.js';
import { feed, planEvent, recorded, recordedPlan, task, upToApproval } from './recorded.js';

const rendered = (overrides: Partial<RenderedTask> & Pick<RenderedTask, 'initialTitle' | 'state'>): RenderedTask => ({
  key: overrides.initialTitle,
  title: overrides.initialTitle,
  depth: 0,
  closed: false,
  ...overrides,
});

const historyKeys = (state: RunState) => state.history.map((item) => item.key);

describe('reduceRun over recorded applies', () => {
  it('moves every resource of apply-success from waiting to done, seeded from its plan', () => {
    const summary = recordedPlan('show-plan-data-create.json');
    let state = feed([planEvent(summary), task('apply', 'terraform apply', 'running')]);
    expect(progressTotals(state.progress)).toMatchObject({ total: 2, done: 0, running: 0 });
    expect(resourcePhase(state)).toBe(true);

    const events = recorded('apply-success.jsonl', 'apply');
    const appStarts = events.findIndex((event) => event.type === 'terraform' && event.event.type === 'apply_start' && event.event.address === 'terraform_data.app');
    state = feed(events.slice(0, appStarts + 1), state);
    expect(state.progress.resources['terraform_data.secret#create']!.state).toBe('done');
    expect(state.progress.resources['terraform_data.app#create']!.state).toBe('running');
    expect(historyKeys(state)).toEqual(['resource:terraform_data.secret#create']);

    state = feed(events.slice(appStarts + 1), state);
    expect(progressTotals(state.progress)).toMatchObject({ total: 2, done: 2, failed: 0, running: 0 });
    expect(state.progress.resources['terraform_data.app#create']!.elapsedSeconds).toBe(11);
    expect(historyKeys(state)).toEqual(['resource:terraform_data.secret#create', 'resource:terraform_data.app#create']);
    expect(state.errors).toEqual([]);
    expect(state.log.at(-2)!.text).toBe('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
  });

  it('shows a replacement as a delete and a create of the same address', () => {
    const state = feed([task('apply', 'terraform apply', 'running'), ...recorded('apply-replace.jsonl', 'apply')]);
    const rows = state.progress.order.map((key) => state.progress.resources[key]!);
    expect(rows.map((row) => [row.address, row.action, row.state])).toEqual([
      ['terraform_data.app', 'delete', 'done'],
      ['terraform_data.app', 'create', 'done'],
    ]);
    expect(historyKeys(state)).toEqual(['resource:terraform_data.app#delete', 'resource:terraform_data.app#create']);
  });

  it('marks failed resources and keeps every error of apply-unreachable in full', () => {
    const summary = recordedPlan('show-plan-create.json');
    const state = feed([planEvent(summary), task('apply', 'terraform apply', 'running'), ...recorded('apply-unreachable.jsonl', 'apply')]);
    expect(progressTotals(state.progress)).toMatchObject({ total: 6, done: 0, failed: 2, running: 0 });
    expect(state.progress.resources['aws_vpc.vpc#create']).toMatchObject({ state: 'failed', elapsedSeconds: 24 });
    expect(state.errors.map((error) => error.address)).toEqual(['aws_ecs_cluster.cluster', 'aws_vpc.vpc']);
    expect(state.errors[1]!.summary).toContain('creating EC2 VPC: operation error EC2: CreateVpc, exceeded maximum number of attempts, 9');
    expect(state.errors[1]!.summary).toContain('dial tcp 127.0.0.1:9: connect: connection refused');
  });

  it('feeds the resource pane only from apply and destroy, never from the plan or init', () => {
    const state = feed(recorded('apply-success.jsonl', 'prepare'));
    expect(state.progress.order).toEqual([]);
    expect(state.log.length).toBeGreaterThan(0);
  });

  it('keeps one copy of a repeated error and splits multi-line messages', () => {
    const state = feed(recorded('apply-sigint.jsonl', 'apply'));
    expect(state.errors).toEqual([{ command: 'apply', summary: 'execution halted', detail: '' }]);
    const texts = state.log.map((line) => line.text);
    expect(texts).toContain('Interrupt received.');
    expect(texts).toContain('Gracefully shutting down...');
  });

  it('keeps only the latest messages, but every error', () => {
    const lines = recorded('apply-success.jsonl', 'apply');
    const many = Array.from({ length: 40 }, () => lines).flat();
    const state = feed([...recorded('apply-unreachable.jsonl', 'apply'), ...many]);
    expect(state.log).toHaveLength(LOG_LIMIT);
    expect(state.log.at(-1)!.id).toBe(state.nextLogId - 1);
    expect(state.errors).toHaveLength(2);
  });
});

describe('reduceRun over tasks', () => {
  it('prints a task once the engine says it finished, when no renderer reports', () => {
    const summary = recordedPlan('show-plan-create.json');
    const state = feed(upToApproval(summary));
    expect(state.tasks.map((t) => [t.id, t.state])).toEqual([
      ['synth', 'done'],
      ['init', 'done'],
      ['plan', 'done'],
      ['guard', 'running'],
    ]);
    expect(historyKeys(state)).toEqual(['task:Synthesize the Terraform configuration', 'task:terraform init', 'task:terraform plan']);
    expect(state.tasks[1]!.elapsedMs).toBe(3_400);
    expect(state.plan?.summary.totals.add).toBe(6);
    expect(state.guard?.ok).toBe(true);
    expect(isRunning(state)).toBe(true);
  });

  it('merges renderer snapshots with engine events, never taking a finished task back', () => {
    let state = reduceRun(initialRunState, {
      type: 'tasks',
      tasks: [rendered({ initialTitle: 'terraform plan', state: 'running', startedAt: 500, output: 'aws_vpc.vpc: Plan to create' }), rendered({ initialTitle: 'terraform apply', state: 'waiting' })],
    });
    state = feed([task('plan', 'terraform plan', 'done', 4_000)], state);
    // A snapshot taken before listr2 saw the end still says running.
    state = reduceRun(state, {
      type: 'tasks',
      tasks: [rendered({ initialTitle: 'terraform plan', title: 'terraform plan: 6 to add', state: 'running', startedAt: 500 }), rendered({ initialTitle: 'terraform apply', state: 'waiting' })],
    });
    expect(state.tasks[0]).toMatchObject({ id: 'plan', title: 'terraform plan: 6 to add', state: 'done', elapsedMs: 4_000, startedAt: 500, output: 'aws_vpc.vpc: Plan to create' });
    // With a renderer, the line is printed when listr2 closes the task: its title is final then.
    expect(state.history).toEqual([]);
    state = reduceRun(state, {
      type: 'tasks',
      tasks: [rendered({ initialTitle: 'terraform plan', title: 'terraform plan: 6 to add', state: 'done', closed: true }), rendered({ initialTitle: 'terraform apply', state: 'waiting' })],
    });
    expect(state.history).toEqual([{ kind: 'task', key: 'task:terraform plan', task: expect.objectContaining({ title: 'terraform plan: 6 to add', elapsedMs: 4_000 }) }]);
    // Printed once, however many snapshots follow.
    state = reduceRun(state, { type: 'tasks', tasks: [rendered({ initialTitle: 'terraform plan', state: 'done', closed: true })] });
    expect(state.history).toHaveLength(1);
  });

  it('holds a decision until it is answered, and stops the clock meanwhile', () => {
    const summary = recordedPlan('show-plan-create.json');
    let state = feed([...upToApproval(summary), task('approve', 'Approve the plan', 'running')]);
    state = reduceRun(state, { type: 'decision', decision: { request: { kind: 'approve-plan', environment: 'production', summary }, resolve: () => undefined } });
    expect(state.decision?.request.kind).toBe('approve-plan');
    expect(isRunning(state)).toBe(false);
    state = reduceRun(state, { type: 'decided' });
    expect(state.decision).toBeUndefined();
    expect(isRunning(state)).toBe(true);
  });

  it('records warnings, stopping, the failure and the end', () => {
    const state = feed([
      { type: 'warning', message: 'The last apply of production was interrupted.' },
      { type: 'stopping', escalated: false },
      { type: 'failure', message: 'Stopped safely.', diagnostics: [], logFile: '/tmp/x.jsonl', next: 'Run the same command again to continue.' },
      { type: 'done', exitCode: 130, summary: 'Stopped safely.' },
    ]);
    expect(state.history).toEqual([{ kind: 'warning', key: 'warning:0', message: 'The last apply of production was interrupted.' }]);
    expect(state.stopping).toEqual({ escalated: false, at: 1_000 });
    expect(state.failure).toEqual({ message: 'Stopped safely.', logFile: '/tmp/x.jsonl', next: 'Run the same command again to continue.' });
    expect(state.done).toEqual({ exitCode: 130, summary: 'Stopped safely.' });
    expect(isRunning(state)).toBe(false);
  });

  it('records what became of ecs-wizard.json, saved or not, as a line of history', () => {
    const state = feed([
      { type: 'config', path: '/p/ecs-wizard.json', saved: false, message: '--set app.cpu=512: not saved: the run failed; ecs-wizard.json is as it was.' },
    ]);
    expect(state.history).toEqual([
      { kind: 'config', key: 'config:0', saved: false, message: '--set app.cpu=512: not saved: the run failed; ecs-wizard.json is as it was.' },
    ]);
  });
});
