import { describe, expect, it } from 'vitest';
import type { ApplyHookEvent, TerraformEvent } from '../../src/terraform/events.js';
import { parseEventLines } from '../../src/terraform/parser.js';
import { readPlan } from '../../src/terraform/planReader.js';
import {
  elapsedAt,
  emptyProgress,
  progressTotals,
  reduceProgress,
  seedProgress,
  typicalSeconds,
  type ProgressState,
} from '../../src/tasks/progress.js';
import { readFixture, readFixtureJson } from '../helpers/fakeTerraformHarness.js';

const events = (name: string): TerraformEvent[] => parseEventLines(readFixture(name));
const reduceAll = (state: ProgressState, list: readonly TerraformEvent[], now = 0): ProgressState =>
  list.reduce((s, e) => reduceProgress(s, e, now), state);

describe('reduceProgress on recorded applies', () => {
  it('keys a replacement as a delete and a create of the same address, each finished on its own', () => {
    const state = reduceAll(emptyProgress, events('apply-replace.jsonl'));
    expect(state.order).toEqual(['terraform_data.app#delete', 'terraform_data.app#create']);
    const del = state.resources['terraform_data.app#delete']!;
    const create = state.resources['terraform_data.app#create']!;
    expect([del.action, del.state]).toEqual(['delete', 'done']);
    expect([create.action, create.state, create.elapsedSeconds]).toEqual(['create', 'done', 11]);
    expect(del.message).toMatch(/Destruction complete/);
    expect(create.message).toMatch(/Creation complete after 11s/);
  });

  it('shows the delete done while the create of the same address still runs', () => {
    const list = events('apply-replace.jsonl');
    const createStart = list.findIndex((e) => e.type === 'apply_start' && e.action === 'create');
    const state = reduceAll(emptyProgress, list.slice(0, createStart + 1), 1_000);
    expect(state.resources['terraform_data.app#delete']!.state).toBe('done');
    expect(state.resources['terraform_data.app#create']!.state).toBe('running');
    expect(state.resources['terraform_data.app#create']!.startedAt).toBe(1_000);
  });

  it('marks errored resources failed with Terraform’s elapsed time (apply-unreachable)', () => {
    const state = reduceAll(emptyProgress, events('apply-unreachable.jsonl'));
    expect(state.order).toEqual(['aws_ecs_cluster.cluster#create', 'aws_vpc.vpc#create']);
    expect(state.resources['aws_ecs_cluster.cluster#create']).toMatchObject({ state: 'failed', elapsedSeconds: 23 });
    expect(state.resources['aws_vpc.vpc#create']).toMatchObject({ state: 'failed', elapsedSeconds: 24 });
    const totals = progressTotals(state, 0);
    expect(totals).toMatchObject({ total: 2, done: 0, failed: 2, running: 0, etaSeconds: 0 });
  });

  it('ignores events that are not about applying a resource', () => {
    const list = events('plan-create.jsonl');
    expect(reduceAll(emptyProgress, list)).toBe(emptyProgress);
  });
});

describe('seedProgress', () => {
  it('seeds every change of the reviewed plan as waiting, a replacement as its two halves', () => {
    const plan = readPlan(readFixtureJson('show-plan-replace.json'));
    const state = seedProgress(plan.changes);
    // no-ops are left out; the update stays one entry; the replace becomes delete + create.
    expect(state.order).toEqual([
      'aws_db_instance.db#delete',
      'aws_db_instance.db#create',
      'aws_db_subnet_group.db_subnets#update',
      'aws_ecr_repository.orphan#delete',
    ]);
    expect(Object.values(state.resources).every((r) => r.state === 'waiting' && r.elapsedSeconds === 0)).toBe(true);
    // Deleting a database still takes its snapshot: as slow as creating it.
    expect(state.resources['aws_db_instance.db#delete']!.typicalSeconds).toBe(600);
    expect(state.resources['aws_ecr_repository.orphan#delete']!.typicalSeconds).toBe(Math.ceil(3 / 2));
  });

  it('the apply events then fill the seeded entries in place, keeping the planned order', () => {
    const seeded = seedProgress([{ address: 'terraform_data.app', type: 'terraform_data', action: 'replace' }]);
    const state = reduceAll(seeded, events('apply-replace.jsonl'));
    expect(state.order).toEqual(seeded.order);
    expect(Object.keys(state.resources)).toHaveLength(2);
    expect(progressTotals(state, 0)).toMatchObject({ total: 2, done: 2, failed: 0, running: 0, etaSeconds: 0 });
  });

  it('skips read and no-op changes', () => {
    const state = seedProgress([
      { address: 'data.aws_region.current', type: 'aws_region', action: 'read' },
      { address: 'aws_vpc.vpc', type: 'aws_vpc', action: 'no-op' },
    ]);
    expect(state.order).toEqual([]);
  });
});

describe('totals and ETA', () => {
  const hook = (type: ApplyHookEvent['type'], address: string, resourceType: string, action: 'create' | 'delete', elapsed = 0): TerraformEvent =>
    ({
      type,
      address,
      action,
      elapsedSeconds: elapsed,
      level: 'info',
      message: `${address}: ${type}`,
      timestamp: undefined,
      resource: {
        address,
        module: '',
        resource: address,
        resourceType,
        resourceName: address.split('.')[1]!,
        resourceKey: null,
        impliedProvider: 'aws',
      },
    }) as TerraformEvent;

  it('counts states and estimates from the slowest running resource plus a quarter of the waiting work', () => {
    let state = seedProgress([
      { address: 'aws_db_instance.db', type: 'aws_db_instance', action: 'create' },
      { address: 'aws_vpc.vpc', type: 'aws_vpc', action: 'create' },
      { address: 'aws_lb.alb', type: 'aws_lb', action: 'create' },
      { address: 'aws_nat_gateway.a', type: 'aws_nat_gateway', action: 'create' },
    ]);
    expect(progressTotals(state, 0)).toEqual({ total: 4, done: 0, failed: 0, running: 0, etaSeconds: Math.round((600 + 5 + 180 + 120) / 4) });

    state = reduceProgress(state, hook('apply_start', 'aws_db_instance.db', 'aws_db_instance', 'create'), 10_000);
    state = reduceProgress(state, hook('apply_start', 'aws_vpc.vpc', 'aws_vpc', 'create'), 10_000);
    state = reduceProgress(state, hook('apply_complete', 'aws_vpc.vpc', 'aws_vpc', 'create', 2), 12_000);
    // 100 s later the database has 500 s left; lb and nat wait.
    const t = progressTotals(state, 110_000);
    expect(t).toMatchObject({ total: 4, done: 1, failed: 0, running: 1 });
    expect(t.etaSeconds).toBe(Math.round(500 + (180 + 120) / 4));

    state = reduceProgress(state, hook('apply_errored', 'aws_db_instance.db', 'aws_db_instance', 'create', 120), 130_000);
    expect(progressTotals(state, 130_000)).toMatchObject({ done: 1, failed: 1, running: 0, etaSeconds: Math.round((180 + 120) / 4) });
  });

  it('ticks elapsed time between Terraform’s 10 s updates, never going backwards', () => {
    let state = reduceProgress(emptyProgress, hook('apply_start', 'aws_lb.alb', 'aws_lb', 'create'), 1_000);
    expect(elapsedAt(state.resources['aws_lb.alb#create']!, 8_500)).toBe(7);
    state = reduceProgress(state, hook('apply_progress', 'aws_lb.alb', 'aws_lb', 'create', 10), 11_000);
    const lb = state.resources['aws_lb.alb#create']!;
    expect(lb.startedAt).toBe(1_000);
    expect(elapsedAt(lb, 11_200)).toBe(10);
    expect(elapsedAt(lb, 16_000)).toBe(15);
    // A running resource past its typical time adds nothing negative.
    expect(progressTotals(state, 1_000_000).etaSeconds).toBe(0);
  });

  it('a progress event without a seen start derives the start from Terraform’s elapsed time', () => {
    const state = reduceProgress(emptyProgress, hook('apply_progress', 'aws_lb.alb', 'aws_lb', 'create', 20), 50_000);
    expect(state.resources['aws_lb.alb#create']).toMatchObject({ state: 'running', startedAt: 30_000, elapsedSeconds: 20 });
  });

  it('typical times: deletes are quicker except the database', () => {
    expect(typicalSeconds('aws_nat_gateway', 'create')).toBe(120);
    expect(typicalSeconds('aws_nat_gateway', 'delete')).toBe(60);
    expect(typicalSeconds('aws_db_instance', 'delete')).toBe(600);
    expect(typicalSeconds('aws_something_new', 'create')).toBe(3);
  });
});
