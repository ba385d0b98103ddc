import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { RunScreen, type RunScreenProps } from '../../src/screens/RunScreen.js';
import type { DecisionRequest } from '../../src/tasks/decisions.js';
import type { EngineCommand } from '../../src/tasks/engine.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import { reduceRun, type RunState } from '../../src/tasks/runState.js';
import { guardPlan } from '../../src/terraform/guard.js';
import { parseOutputs } from '../../src/terraform/jsonCommands.js';
import { parseEventLine } from '../../src/terraform/parser.js';
import { readPlan } from '../../src/terraform/planReader.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';
import { applying, feed, recorded, recordedPlan, task, upToApproval } from './recorded.js';

afterEach(() => cleanup());

function screen(state: RunState, options: Partial<Omit<RunScreenProps, 'state'>> & { command?: EngineCommand } = {}) {
  const { lastFrame } = render(
    <RunScreen state={state} command={options.command ?? 'apply'} environment="production" size={options.size ?? { columns: 100, rows: 24 }} now={options.now ?? 1_000} isActive={options.isActive ?? true} {...(options.waitingForKey ? { waitingForKey: true } : {})} {...(options.branch ? { branch: options.branch } : {})} />,
  );
  return lastFrame()!;
}

/** Rows of the live area: the frame less the lines printed once (the header and the history). */
const liveRows = (frame: string, state: RunState) => frame.split('\n').length - (state.history.length + 1);

const ask = (state: RunState, request: DecisionRequest) =>
  reduceRun(state, { type: 'decision', decision: { request, resolve: () => undefined } });

/** The recorded replace plan with `count` more databases replaced and `creates` more subnets: a big production change. */
function bigPlan(count: number, creates: number) {
  const json = structuredClone(readFixtureJson('show-plan-replace.json')) as { resource_changes: { address: string; name: string }[] };
  const db = json.resource_changes.find((change) => change.address === 'aws_db_instance.db')!;
  const subnet = (readFixtureJson('show-plan-create.json') as { resource_changes: { address: string; name: string }[] }).resource_changes.find((c) => c.address === 'aws_subnet.private_a')!;
  for (let i = 0; i < count; i++) json.resource_changes.push({ ...structuredClone(db), address: `aws_db_instance.replica_${i}`, name: `replica_${i}` });
  for (let i = 0; i < creates; i++) json.resource_changes.push({ ...structuredClone(subnet), address: `aws_subnet.extra_${i}`, name: `extra_${i}` });
  return readPlan(json);
}

/** Terraform starting `count` subnets at once (10 by default; more with -parallelism). */
const starting = (count: number): RunEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    type: 'terraform',
    command: 'apply',
    event: parseEventLine(
      JSON.stringify({
        '@level': 'info',
        '@message': `aws_subnet.extra_${i}: Creating...`,
        '@module': 'terraform.ui',
        '@timestamp': '2026-11-26T08:00:00.000000Z',
        hook: { resource: { addr: `aws_subnet.extra_${i}`, module: '', resource: `aws_subnet.extra_${i}`, implied_provider: 'aws', resource_type: 'aws_subnet', resource_name: `extra_${i}`, resource_key: null }, action: 'create' },
        type: 'apply_start',
      }),
    ),
  }));

describe('RunScreen', () => {
  it('reviews the plan with a confirm bar while the approval waits', () => {
    const summary = recordedPlan('show-plan-replace.json');
    const state = ask(feed([...upToApproval(summary), task('guard', 'Check for data loss', 'done', 4), task('approve', 'Approve the plan', 'running')]), {
      kind: 'approve-plan',
      environment: 'production',
      summary,
    });
    const frame = screen(state);
    expect(frame).toContain('ecs-wizard · applying production');
    expect(frame).toMatch(/✔ terraform plan\s+5s/);
    expect(frame).toMatch(/▸ Approve the plan/);
    expect(frame).toContain('± replace aws_db_instance.db · Database · holds data');
    expect(frame).toContain('? Apply these changes to production?  Enter/y apply  n/Esc cancel');
    // While a person reads, Terraform's chatter is hidden.
    expect(frame).not.toContain('│');
  });

  it('shows "stopping safely" after Ctrl-C, and the warning once it escalates', () => {
    const events = recorded('apply-unreachable.jsonl', 'apply').slice(0, 9);
    const running = feed([...applying(recordedPlan('show-plan-create.json')), ...events]);
    const stopping = feed([{ type: 'stopping', escalated: false }], running);
    const frame = screen(stopping).replace(/\s+/g, ' ');
    expect(frame).toContain('■ Stopping safely… Terraform finishes what is in flight, saves its state and releases its lock. Ctrl-C again within 5 s kills it (may lose state).');
    expect(frame).toContain('Ctrl-C again: kill Terraform (may lose state)');
    // The resources keep moving while Terraform winds down.
    expect(frame).toContain('Applying');

    const killing = screen(feed([{ type: 'stopping', escalated: true }], stopping));
    expect(killing).toContain('✖ Killing Terraform now: its state may not be saved and its lock may stay held.');
    expect(killing).not.toContain('Ctrl-C again');
  });

  it('ends an interrupted run as stopped, not failed', () => {
    // Our stack, interrupted while its database and load balancer were being
    // created: Terraform cancels them ("context canceled") and halts.
    const state = feed([
      ...applying(recordedPlan('show-plan-stack-create.json')),
      { type: 'stopping', escalated: false },
      ...recorded('apply-stack-sigint.jsonl', 'apply'),
      task('apply', 'terraform apply', 'failed', 6_000, 'Stopped safely'),
      { type: 'failure', message: 'Stopped safely: Terraform finished what was in flight, saved its state and released its lock.', diagnostics: [], next: 'Run the same command again to continue.' },
      { type: 'done', exitCode: 130, summary: 'Stopped safely' },
    ]);
    const frame = screen(state, { waitingForKey: true });
    expect(frame).toContain('■ Stopped safely: Terraform finished what was in flight');
    expect(frame).toContain('■ Stopped (exit code 130)');
    // The task that ended because of Ctrl-C was stopped, not broken; so were
    // the creates Terraform cancelled (the next run keeps them).
    expect(frame).toMatch(/■ terraform apply\s+6s · Stopped safely/);
    expect(frame).toMatch(/■ \+ create\s+aws_db_instance\.database\s+stopped after 10s/);
    expect(frame).toMatch(/■ \+ create\s+aws_lb\.alb\s+stopped after 11s/);
    expect(frame).not.toContain('✖');
    expect(frame).not.toContain('Stopping safely…');
    expect(frame.split('\n').at(-1)).toBe('any key exit');
  });

  it('ends an apply with the outputs, masked where sensitive, and what to do next', () => {
    const outputs = [
      ...parseOutputs(readFixtureJson('output.json')),
      ...parseOutputs({
        app_url: { sensitive: false, type: 'string', value: 'http://shop-production-1234567890.eu-west-1.elb.amazonaws.com' },
        alb_dns_name: { sensitive: false, type: 'string', value: 'shop-production-1234567890.eu-west-1.elb.amazonaws.com' },
        ecr_repository_url: { sensitive: false, type: 'string', value: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop' },
        connection_status_url: { sensitive: false, type: 'string', value: 'https://eu-west-1.console.aws.amazon.com/codesuite/settings/connections' },
      }),
    ];
    const state = feed([
      ...applying(recordedPlan('show-plan-data-create.json')),
      ...recorded('apply-success.jsonl', 'apply'),
      task('apply', 'terraform apply', 'done', 12_000),
      { type: 'outputs', outputs },
      { type: 'done', exitCode: 0, summary: 'Applied: 2 added, 0 changed, 0 replaced, 0 destroyed.' },
    ]);
    const frame = screen(state, { waitingForKey: true, branch: 'main' });
    expect(frame).toContain('✔ Applied: 2 added, 0 changed, 0 replaced, 0 destroyed.');
    const lines = frame.split('\n');
    const first = lines.findIndex((line) => line === 'Outputs');
    // The URLs a person came for come first.
    expect(lines.slice(first + 1, first + 4).map((line) => line.trim().split(/\s+/)[0])).toEqual(['app_url', 'alb_dns_name', 'ecr_repository_url']);
    expect(frame).toMatch(/app_release\s+v1/);
    expect(frame).toMatch(/db_password\s+\(sensitive value\)/);
    expect(frame).not.toContain('hunter2');
    const prose = frame.replace(/\s+/g, ' ');
    expect(prose).toContain('1. Authorise GitHub: a new CodeStar connection starts PENDING. Open connection_status_url above and choose "Update pending connection".');
    expect(prose).toContain('2. Point your domain at the load balancer with an ALIAS record (a CNAME for a subdomain) to shop-production-1234567890.eu-west-1.elb.amazonaws.com.');
    expect(prose).toContain('3. Push to the main branch to deploy');
    // Done: no live task, no log, one key to leave.
    expect(frame).not.toContain('▸');
    expect(frame).not.toContain('│');
    expect(lines.at(-1)).toBe('any key exit');
  });

  it('ends a plan by saying nothing changed and how to apply', () => {
    const summary = recordedPlan('show-plan-create.json');
    const state = feed([...upToApproval(summary), task('guard', 'Check for data loss', 'done', 4), { type: 'done', exitCode: 0, summary: 'Plan: 6 to add, 0 to change, 0 to replace, 0 to destroy.' }]);
    const frame = screen(state, { command: 'plan' });
    expect(frame).toContain('ecs-wizard · planning production');
    expect(frame).toContain('✔ Plan: 6 to add, 0 to change, 0 to replace, 0 to destroy.');
    expect(frame.replace(/\s+/g, ' ')).toContain('Nothing was changed. To make these changes, apply production');
    // Without a terminal to read keys, no key is offered.
    expect(frame).not.toContain('any key');
  });

  it('says whether the command line\'s change was saved to ecs-wizard.json', () => {
    const summary = recordedPlan('show-plan-create.json');
    const message = '--set environments.production.service.maxCount=3: saved to ecs-wizard.json';
    const state = feed([...upToApproval(summary), { type: 'config', path: '/p/ecs-wizard.json', saved: true, message }, { type: 'done', exitCode: 0, summary: 'Plan: 6 to add.' }]);
    expect(screen(state, { command: 'plan' })).toContain(`✔ ${message}`);
    const failed = feed([{ type: 'config', path: '/p/ecs-wizard.json', saved: false, message: 'x: not saved: the run failed' }]);
    expect(screen(failed)).toContain('⚠ x: not saved: the run failed');
  });
});

describe('RunScreen at 80×24', () => {
  const size = { columns: 80, rows: 24 };

  it('keeps the live area below the terminal height through a big run', () => {
    const summary = bigPlan(8, 60);
    const before = feed([...upToApproval(summary), task('guard', 'Check for data loss', 'done', 4), task('approve', 'Approve the plan', 'running')]);

    const approve = ask(before, { kind: 'approve-plan', environment: 'production', summary });
    const approveFrame = screen(approve, { size });
    expect(liveRows(approveFrame, approve)).toBeLessThanOrEqual(23);
    expect(approveFrame).toMatch(/… and \d+ more: the full plan is in the log file/);
    expect(approveFrame).toContain('? Apply these changes to production?');

    const guard = ask(feed(upToApproval(summary)), { kind: 'allow-data-loss', environment: 'production', finding: guardPlan(summary).blocked[0]! });
    const guardFrame = screen(guard, { size });
    expect(liveRows(guardFrame, guard)).toBeLessThanOrEqual(23);
    expect(guardFrame).toContain('Type aws_db_instance.db to allow it');

    const apply = feed([task('approve', 'Approve the plan', 'done', 1), task('apply', 'terraform apply', 'running'), ...starting(20)], before);
    const applyFrame = screen(apply, { size, now: 5_000 });
    expect(liveRows(applyFrame, apply)).toBeLessThanOrEqual(23);
    expect(applyFrame).toMatch(/Applying ░+ 0\/\d+ done/);
    expect(applyFrame).toMatch(/\+\d+ more in progress · ○ \d+ waiting/);

    const stopping = feed([{ type: 'stopping', escalated: false }], apply);
    expect(liveRows(screen(stopping, { size }), stopping)).toBeLessThanOrEqual(23);
  });

  it('gives the resources more rows on a taller terminal', () => {
    const summary = bigPlan(0, 60);
    const apply = feed([...applying(summary), ...starting(20)]);
    const rowsOf = (rows: number) => (screen(apply, { size: { columns: 80, rows } }).match(/▸ \+ create/g) ?? []).length;
    expect(rowsOf(24)).toBeLessThan(20);
    expect(rowsOf(40)).toBe(20);
  });
});
