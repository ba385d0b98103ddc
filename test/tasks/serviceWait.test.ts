import { describe, expect, it } from 'vitest';
import type { ServiceSnapshot } from '../../src/aws/ecsService.js';
import { judgeService, waitForService } from '../../src/tasks/serviceWait.js';
import { makeHarness, taskTrail, yesDecider } from '../helpers/engineHarness.js';
import { SERVICE_WAIT } from '../../src/tasks/engine.js';

const td = (revision: number) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-production-web:${revision}`;
type Deployment = ServiceSnapshot['deployments'][number];
const deployment = (revision: number, extra: Partial<Deployment> = {}): Deployment => ({
  id: `ecs-svc/${revision}`,
  status: 'PRIMARY',
  taskDefinition: td(revision),
  desiredCount: 2,
  runningCount: 2,
  failedTasks: 0,
  rolloutState: 'COMPLETED',
  ...extra,
});
const snapshot = (extra: Partial<ServiceSnapshot> = {}): ServiceSnapshot => ({
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  taskDefinition: td(7),
  deployments: [deployment(7)],
  events: [],
  ...extra,
});
const rolling = snapshot({
  runningCount: 1,
  pendingCount: 1,
  deployments: [deployment(7, { rolloutState: 'IN_PROGRESS', runningCount: 1 }), deployment(6, { status: 'ACTIVE' })],
});

describe('judgeService', () => {
  it('stable: one completed deployment, every task running', () => {
    expect(judgeService(snapshot())).toEqual({ kind: 'stable', running: 2, taskDefinition: td(7) });
  });
  it('rolling: says how far, and that an older deployment is being replaced', () => {
    expect(judgeService(rolling)).toEqual({ kind: 'rolling', detail: '1 of 2 tasks running, 1 starting, replacing 1 older deployment' });
  });
  it('failed: the circuit breaker marked the deployment FAILED', () => {
    const failed = snapshot({ deployments: [deployment(7, { rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' })] });
    expect(judgeService(failed)).toEqual({ kind: 'failed', reason: 'ECS deployment circuit breaker: tasks failed to start.' });
  });
  it('idle: nothing asked to run', () => {
    expect(judgeService(snapshot({ desiredCount: 0, runningCount: 0 }))).toEqual({ kind: 'idle' });
  });
});

describe('waitForService', () => {
  const run = async (answers: ServiceSnapshot[], timeoutMs = 60_000) => {
    let clock = 0;
    let call = 0;
    const progress: string[] = [];
    const outcome = await waitForService({
      describe: async () => answers[Math.min(call++, answers.length - 1)],
      cluster: 'c',
      service: 's',
      timeoutMs,
      intervalMs: 10_000,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      signal: new AbortController().signal,
      onProgress: (line) => progress.push(line),
    });
    return { outcome, progress, calls: call };
  };

  it('polls with progress until stable', async () => {
    const { outcome, progress, calls } = await run([rolling, rolling, snapshot()]);
    expect(outcome).toEqual({ kind: 'stable', message: '2 of 2 tasks running shop-production-web:7' });
    expect(progress).toEqual([
      '1 of 2 tasks running, 1 starting, replacing 1 older deployment (0 s of at most 1 min)',
      '1 of 2 tasks running, 1 starting, replacing 1 older deployment (10 s of at most 1 min)',
    ]);
    expect(calls).toBe(3);
  });

  it('is bounded: still rolling after the timeout is reported, with the latest service events', async () => {
    const stuck = { ...rolling, events: [{ message: '(service s) has tasks failing ELB health checks' }] };
    const { outcome, calls } = await run([stuck], 30_000);
    expect(outcome).toEqual({
      kind: 'timeout',
      message: 'not stable after 30 s: 1 of 2 tasks running, 1 starting, replacing 1 older deployment',
      events: ['(service s) has tasks failing ELB health checks'],
    });
    // Looks at 0, 10, 20 and 30 s: the last one at the deadline.
    expect(calls).toBe(4);
  });

  it('a rollback by the circuit breaker is a failed deployment, naming both revisions', async () => {
    const rolledBack = snapshot({
      taskDefinition: td(6),
      deployments: [deployment(6, { rolloutState: 'IN_PROGRESS', runningCount: 1 }), deployment(7, { status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/6' })],
    });
    const { outcome } = await run([rolling, rolledBack]);
    expect(outcome).toMatchObject({ kind: 'failed', message: 'the deployment of shop-production-web:7 failed and ECS rolled the service back to shop-production-web:6' });
  });

  it('a service that does not exist is said so', async () => {
    expect((await run([undefined as unknown as ServiceSnapshot])).outcome).toEqual({ kind: 'missing', message: 'ECS has no service s in c.' });
  });
});

describe('the engine waits after an apply', () => {
  const outputs = (_: string) => ({
    cluster_name: { sensitive: false, type: 'string', value: 'shop-production-cluster' },
    service_name: { sensitive: false, type: 'string', value: 'shop-production-web' },
    pipeline_branch: { sensitive: false, type: 'string', value: 'main' },
    pipeline_repository: { sensitive: false, type: 'string', value: 'acme/shop' },
    connection_status_url: { sensitive: false, type: 'string', value: 'https://eu-west-1.console.aws.amazon.com/codesuite/settings/1/eu-west-1/connections/abc' },
  });
  const target = { region: 'eu-west-1', profile: 'prod', endpoint: undefined };
  const serviceWait = { target: { region: 'eu-west-1', profile: 'prod' } };

  it('reports a stable service in the outcome, asking the environment\'s AWS', async () => {
    const h = makeHarness({ outputs: outputs('abc1234'), service: [rolling, snapshot()] });
    const run = await h.run({ command: 'apply', decider: yesDecider, serviceWait });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events).slice(-2)).toEqual(['wait:running', 'wait:done']);
    expect(h.serviceTargets).toEqual([{ region: target.region, profile: target.profile }]);
    expect(h.describes).toEqual([
      { cluster: 'shop-production-cluster', service: 'shop-production-web' },
      { cluster: 'shop-production-cluster', service: 'shop-production-web' },
    ]);
    expect(run.events.at(-1)).toEqual({
      type: 'done',
      exitCode: 0,
      summary: 'Applied: 6 added, 0 changed, 0 replaced, 0 destroyed. Service stable: 2 of 2 tasks running shop-production-web:7.',
    });
  });

  it('a first apply: no task until the first image, and exactly what to do next', async () => {
    const idle = snapshot({ desiredCount: 0, runningCount: 0, deployments: [deployment(1, { desiredCount: 0, runningCount: 0 })] });
    const h = makeHarness({ outputs: outputs('no-image-yet'), service: [{ ...idle, images: ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-production-app:no-image-yet'] }] });
    const run = await h.run({ command: 'apply', decider: yesDecider, serviceWait });
    expect(run.exitCode).toBe(0);
    const summary = (run.events.at(-1) as { summary: string }).summary;
    expect(summary).toBe(
      'Applied: 6 added, 0 changed, 0 replaced, 0 destroyed. The service runs no task yet. It starts when the pipeline built the first image. Next: ' +
        '1. authorise the GitHub connection (a new one is PENDING): https://eu-west-1.console.aws.amazon.com/codesuite/settings/1/eu-west-1/connections/abc; ' +
        '2. push to branch main of acme/shop (or "Release change" on the pipeline): it builds the image, migrates, deploys and starts the service.',
    );
  });

  it('no task although an image exists: says the minimum is 0, not the first-image steps', async () => {
    const idle = snapshot({ desiredCount: 0, runningCount: 0, deployments: [deployment(3, { desiredCount: 0, runningCount: 0 })] });
    const h = makeHarness({ outputs: outputs('abc'), service: [{ ...idle, images: ['repo:c0ffee'] }] });
    const run = await h.run({ command: 'apply', decider: yesDecider, serviceWait });
    expect((run.events.at(-1) as { summary: string }).summary).toMatch(/The service runs no task yet\. Its desired count is 0: raise the autoscaling minimum \(service\.minCount\) to run tasks\.$/);
  });

  it('a failed deployment fails the run (exit 1) with its reason, the service events and where to look', async () => {
    const failed = snapshot({
      deployments: [deployment(7, { rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' })],
      events: [{ message: '(service shop-production-web) has started 1 tasks: (task 1).' }],
    });
    const h = makeHarness({ outputs: outputs('abc1234'), service: [failed] });
    const outcomes: unknown[] = [];
    const run = await h.run({ command: 'apply', decider: yesDecider, serviceWait, deps: { finish: async (outcome) => void outcomes.push(outcome) } });
    expect(run.exitCode).toBe(1);
    // The run failed, but the apply before it changed everything: the app layer saves the change (src/app/engine.ts).
    expect(outcomes).toEqual([{ succeeded: false, declined: false, applied: 'all' }]);
    expect(run.failure?.message).toBe(
      'The apply is complete, but the deployment failed: ECS deployment circuit breaker: tasks failed to start.\nLatest service events:\n  (service shop-production-web) has started 1 tasks: (task 1).',
    );
    expect(run.failure?.details.next).toMatch(/log group \(\/ecs\/shop-production-web\)/);
  });

  it('gives up after the bounded wait, exit 1, naming the command to go on watching', async () => {
    const h = makeHarness({ outputs: outputs('abc1234'), service: [rolling] });
    const run = await h.run({ command: 'apply', decider: yesDecider, serviceWait });
    expect(run.exitCode).toBe(1);
    expect(run.failure?.message).toMatch(/^The apply is complete, but the service is not stable after 10 min: 1 of 2 tasks running/);
    expect(run.failure?.details.next).toBe('Watch it with: aws ecs wait services-stable --region eu-west-1 --cluster shop-production-cluster --services shop-production-web');
    expect(h.describes.length).toBe(SERVICE_WAIT.timeoutMs / SERVICE_WAIT.intervalMs + 1);
  });

  it('no credentials or no network: a warning with the command to check by hand; the apply still succeeded', async () => {
    const h = makeHarness({ outputs: outputs('abc1234'), describeError: new Error('Could not load credentials from any providers') });
    const run = await h.run({ command: 'apply', decider: yesDecider, serviceWait });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events).slice(-2)).toEqual(['wait:running', 'wait:skipped']);
    const warning = run.events.find((event) => event.type === 'warning');
    expect(warning).toMatchObject({ message: expect.stringMatching(/^Could not check the service \(Could not load credentials from any providers\)\. Check it with: aws ecs wait services-stable/) });
  });

  it('--no-service-wait (no serviceWait) skips it; a plan with no changes has nothing to wait for', async () => {
    const h = makeHarness({ outputs: outputs('abc1234'), service: [snapshot()] });
    const run = await h.run({ command: 'apply', decider: yesDecider });
    expect(taskTrail(run.events).slice(-2)).toEqual(['wait:running', 'wait:skipped']);
    expect(h.describes).toEqual([]);
  });
});
