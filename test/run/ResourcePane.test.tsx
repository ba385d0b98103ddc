import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LogPane } from '../../src/components/run/LogPane.js';
import { ResourcePane } from '../../src/components/run/ResourcePane.js';
import { RunScreen } from '../../src/screens/RunScreen.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import type { RunState } from '../../src/tasks/runState.js';
import { applying, feed, recorded, recordedPlan, task } from './recorded.js';

afterEach(() => cleanup());

const pane = (state: RunState, now: number, maxRows = 8) => render(<ResourcePane progress={state.progress} now={now} columns={100} maxRows={maxRows} />).lastFrame()!;

const screen = (state: RunState, now = 1_000) =>
  render(<RunScreen state={state} command="apply" environment="production" size={{ columns: 100, rows: 24 }} now={now} isActive />).lastFrame()!;

/** Index of the first event matching, to replay a recording up to a point. */
const at = (events: readonly RunEvent[], type: string, address: string, action = 'create') =>
  events.findIndex((event) => event.type === 'terraform' && event.event.type === type && 'address' in event.event && event.event.address === address && 'action' in event.event && event.event.action === action);

describe('ResourcePane through apply-success', () => {
  const summary = recordedPlan('show-plan-data-create.json');
  const events = recorded('apply-success.jsonl', 'apply');

  it('starts with every planned resource waiting, and an estimate', () => {
    const frame = pane(feed(applying(summary)), 1_000);
    expect(frame).toMatch(/^Applying ░+ 0\/2 done · ~\d+s left$/m);
    expect(frame).toContain('○ 2 waiting: terraform_data.app, terraform_data.secret');
  });

  it('shows the resource in flight with its time against the usual, ticking between updates', () => {
    const state = feed([...applying(summary), ...events.slice(0, at(events, 'apply_start', 'terraform_data.app') + 1)]);
    const frame = pane(state, 3_000);
    expect(frame).toMatch(/^Applying █+░+ 1\/2 done · ~\d+s left$/m);
    expect(frame).toMatch(/▸ \+ create\s+terraform_data\.app\s+2s of ~3s/);
    // The finished one is not in the live pane: the screen prints it once, above.
    expect(frame).not.toContain('terraform_data.secret');
    expect(frame).not.toContain('waiting');

    // Terraform says 10 s: longer than a terraform_data usually takes.
    const later = feed(events.slice(at(events, 'apply_start', 'terraform_data.app') + 1, at(events, 'apply_complete', 'terraform_data.app')), state);
    expect(pane(later, 3_000)).toMatch(/▸ \+ create\s+terraform_data\.app\s+10s, longer than usual/);
  });

  it('ends full, with no estimate, every resource printed once above the live area', () => {
    const state = feed([...applying(summary), ...events]);
    expect(pane(state, 20_000)).toMatch(/^Applying █+ 2\/2 done$/m);
    const frame = screen(state);
    expect(frame).toMatch(/✔ \+ create\s+terraform_data\.secret\s+0s/);
    expect(frame).toMatch(/✔ \+ create\s+terraform_data\.app\s+11s/);
    // One row per resource: the finished row replaced the live one, it did not join it.
    expect(frame.match(/[✔▸○✖] \+ create\s+terraform_data\.app/g)).toHaveLength(1);
    // The printed rows come before the running task: they are history.
    expect(frame.indexOf('terraform_data.app')).toBeLessThan(frame.indexOf('▸ terraform apply'));
  });

  it('cuts the rows in flight to its budget and counts the rest', () => {
    const events = recorded('apply-unreachable.jsonl', 'apply');
    const state = feed([...applying(recordedPlan('show-plan-create.json')), ...events.slice(0, at(events, 'apply_start', 'aws_vpc.vpc') + 1)]);
    const frame = pane(state, 2_000, 3);
    expect(frame.split('\n')).toHaveLength(3);
    expect(frame).toContain('+1 more in progress · ○ 4 waiting:');
  });
});

describe('ResourcePane through apply-replace', () => {
  const events = recorded('apply-replace.jsonl', 'apply');
  const replace = recordedPlan('show-plan-data-create.json');

  it('shows the replacement as a delete then a create of the same address', () => {
    const midway = feed([...applying(replace), ...events.slice(0, at(events, 'apply_start', 'terraform_data.app', 'create') + 1)]);
    const frame = screen(midway, 4_000);
    expect(frame).toMatch(/✔ - delete\s+terraform_data\.app\s+0s/);
    expect(frame).toMatch(/▸ \+ create\s+terraform_data\.app\s+3s of ~3s/);

    const done = screen(feed(events.slice(at(events, 'apply_start', 'terraform_data.app', 'create') + 1), midway));
    expect(done).toMatch(/✔ - delete\s+terraform_data\.app\s+0s\n\s+✔ \+ create\s+terraform_data\.app\s+11s/);
  });
});

describe('a failed apply (apply-unreachable)', () => {
  const events = recorded('apply-unreachable.jsonl', 'apply');
  const summary = recordedPlan('show-plan-create.json');

  it('marks the failed resources and shows every error in full in the log pane', () => {
    const state = feed([...applying(summary), ...events]);
    const frame = screen(state);
    expect(frame).toMatch(/✖ \+ create\s+aws_ecs_cluster\.cluster\s+failed after 23s/);
    expect(frame).toMatch(/✖ \+ create\s+aws_vpc\.vpc\s+failed after 24s/);
    expect(frame).toMatch(/Applying █+░+ 0\/6 done · 2 failed/);
    const prose = frame.replace(/\s+/g, ' ');
    expect(prose).toContain(
      '✖ Error: aws_vpc.vpc: creating EC2 VPC: operation error EC2: CreateVpc, exceeded maximum number of attempts, 9, https response error StatusCode: 0, RequestID: , request send failed, Post "http://127.0.0.1:9/": dial tcp 127.0.0.1:9: connect: connection refused',
    );
    expect(prose).toContain('✖ Error: aws_ecs_cluster.cluster: creating ECS Cluster (demo)');
  });

  it('ends with the failure, the log file and the next step', () => {
    const failed = feed([
      ...applying(summary),
      ...events,
      task('apply', 'terraform apply', 'failed', 30_000, 'terraform apply failed'),
      {
        type: 'failure',
        message: 'terraform apply failed:\n  aws_vpc.vpc: creating EC2 VPC: operation error EC2: CreateVpc',
        diagnostics: [],
        logFile: '/work/shop/.ecs-wizard/logs/2026-11-26T09-30-00-000Z-production-apply.jsonl',
        next: 'Fix the cause above and run again: Terraform kept what it finished, and the next plan shows what is left.',
      },
      { type: 'done', exitCode: 1, summary: 'terraform apply failed' },
    ]);
    const frame = screen(failed);
    expect(frame).toContain('✖ terraform apply failed:\n  aws_vpc.vpc: creating EC2 VPC: operation error EC2: CreateVpc');
    expect(frame).toContain('  Full log: /work/shop/.ecs-wizard/logs/2026-11-26T09-30-00-000Z-production-apply.jsonl');
    expect(frame).toContain('  Next: Fix the cause above and run again');
    expect(frame).toContain('✖ Failed (exit code 1)');
    // The live pane is gone; the history stays.
    expect(frame).not.toContain('Applying');
    expect(frame).toMatch(/✖ terraform apply\s+30s · terraform apply failed/);
  });
});

describe('LogPane', () => {
  it('shows the latest messages it has room for, newest last', () => {
    const state = feed(recorded('apply-success.jsonl', 'apply'));
    const frame = render(<LogPane log={state.log} errors={[]} columns={100} maxLines={2} />).lastFrame()!;
    expect(frame).toBe('│ Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n│ Outputs: 2');
  });

  it('words a stop as a stop, not an error', () => {
    const frame = render(
      <LogPane log={[]} errors={[]} failure={{ message: 'Stopped safely: Terraform finished what was in flight.', next: 'Run the same command again to continue.' }} interrupted columns={100} maxLines={3} />,
    ).lastFrame()!;
    expect(frame).toBe('■ Stopped safely: Terraform finished what was in flight.\n  Next: Run the same command again to continue.');
  });
});
