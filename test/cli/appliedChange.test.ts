/**
 * A `--set` that Terraform applied is saved, even when the run fails after
 * the apply (the service wait: a failed deployment, Ctrl-C while waiting) or
 * part-way through it (one resource created, the next one failed): the change
 * is live, so the file and the generated project must say so, or the next
 * plan reverts it. The exit code still reports what failed. Built CLI, the
 * fake terraform, and a local endpoint that answers ECS DescribeServices.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, fakeEnv, makeProject, runCli, stackDir, startCli } from '../helpers/cli.js';
import { makeTmpDir, REPO_FIXTURES, SHARED_FIXTURES } from '../helpers/fakeTerraformHarness.js';

const SET = ['--set', 'environments.production.service.maxCount=3'];
const SAID_SET = '--set environments.production.service.maxCount=3';

/** What DescribeServices answers: a deployment the circuit breaker failed, or one still rolling out. */
let answer: 'failed' | 'rolling' = 'failed';
let server: Server;
let endpoint: string;
/** The outputs `terraform output -json` prints: the names the wait reads. */
let outputsDir: string;

beforeAll(async () => {
  await ensureBuilt();
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const deployment = {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-production-web:7',
        desiredCount: 2,
        runningCount: answer === 'failed' ? 0 : 1,
        failedTasks: answer === 'failed' ? 2 : 0,
        rolloutState: answer === 'failed' ? 'FAILED' : 'IN_PROGRESS',
        ...(answer === 'failed' ? { rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' } : {}),
      };
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          services: [
            {
              serviceName: 'shop-production-web',
              status: 'ACTIVE',
              desiredCount: 2,
              runningCount: deployment.runningCount,
              pendingCount: 0,
              taskDefinition: deployment.taskDefinition,
              deployments: [deployment],
              events: [],
            },
          ],
          failures: [],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  outputsDir = makeTmpDir('ecs-wizard-outputs-');
  const output = (value: string) => ({ sensitive: false, type: 'string', value });
  writeFileSync(path.join(outputsDir, 'ecs-outputs.json'), JSON.stringify({ cluster_name: output('shop-production-cluster'), service_name: output('shop-production-web') }));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A project whose environment's AWS is the local endpoint. */
async function project(): Promise<string> {
  const dir = await makeProject();
  const synth = await runCli(['synth', '--set', `environments.production.endpoint=${endpoint}`], { cwd: dir, env: cleanEnv() });
  expect(synth.exitCode, synth.stderr).toBe(0);
  return dir;
}

const env = (scenarios: Record<string, string> = {}) =>
  fakeEnv({ speed: 2000, scenarios: { output: 'ecs-outputs.json', ...scenarios } }, { FAKE_TF_DIR: [outputsDir, REPO_FIXTURES, SHARED_FIXTURES].join(path.delimiter) });

const maxCount = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8')).environments.production.service.maxCount as number;
/** The autoscaling maximum of the generated stack. */
const stackMax = (dir: string) => {
  const stack = JSON.parse(readFileSync(path.join(stackDir(dir), 'cdk.tf.json'), 'utf8')) as { resource: { aws_appautoscaling_target: Record<string, { max_capacity: number }> } };
  return Object.values(stack.resource.aws_appautoscaling_target).map((target) => target.max_capacity);
};

describe('a --set Terraform applied is saved, even when the run fails after', () => {
  it('the apply worked, the deployment failed: exit 1 with the reason; the change saved, and the output says why', async () => {
    answer = 'failed';
    const dir = await project();
    expect(maxCount(dir)).toBe(2);
    const run = await runCli(['apply', '--yes', '--json', ...SET], { cwd: dir, env: env() });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toContain('The apply is complete, but the deployment failed: ECS deployment circuit breaker: tasks failed to start.');
    const said = `${SAID_SET}: saved to ecs-wizard.json (Terraform applied it; what failed came after the apply)`;
    expect(run.stderr).toContain(said);
    expect(maxCount(dir)).toBe(3);
    expect(stackMax(dir)).toEqual([3]);
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; [key: string]: unknown });
    expect(events.filter((event) => event.type === 'config')).toEqual([{ type: 'config', path: path.join(dir, 'ecs-wizard.json'), saved: true, message: said }]);
    expect(events.at(-1)).toMatchObject({ type: 'done', exitCode: 1 });
  });

  it('stopped (SIGTERM) while waiting for the service: exit 130, the change saved', async () => {
    answer = 'rolling';
    const dir = await project();
    const cli = startCli(['apply', '--yes', ...SET], { cwd: dir, env: env() });
    await cli.waitFor(({ stderr }) => /1 of 2 tasks running/.test(stderr));
    cli.child.kill('SIGTERM');
    const run = await cli.result;
    expect(run.exitCode, run.stderr).toBe(130);
    expect(run.stderr).toContain('Stopped waiting for the service. The apply is complete; ECS goes on with the deployment.');
    expect(run.stderr).toContain(`${SAID_SET}: saved to ecs-wizard.json (Terraform applied it; what failed came after the apply)`);
    expect(maxCount(dir)).toBe(3);
    expect(stackMax(dir)).toEqual([3]);
  });

  it('an apply that failed after creating one resource: exit 1, the change saved as applied in part', async () => {
    const dir = await project();
    const run = await runCli(['apply', '--yes', ...SET], { cwd: dir, env: env({ apply: 'apply-partial' }) });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toContain('local-exec provisioner error');
    expect(run.stderr).toContain(`${SAID_SET}: saved to ecs-wizard.json (Terraform applied part of it before the run stopped; run apply again to apply the rest)`);
    expect(maxCount(dir)).toBe(3);
    expect(stackMax(dir)).toEqual([3]);
  });

  it('an apply that failed before changing anything: not saved, the file and the stack as they were', async () => {
    const dir = await project();
    const stack = readFileSync(path.join(stackDir(dir), 'cdk.tf.json'), 'utf8');
    const run = await runCli(['apply', '--yes', ...SET], { cwd: dir, env: env({ apply: 'apply-unreachable' }) });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toContain(`${SAID_SET}: not saved: the run failed; ecs-wizard.json is as it was.`);
    expect(maxCount(dir)).toBe(2);
    expect(readFileSync(path.join(stackDir(dir), 'cdk.tf.json'), 'utf8')).toBe(stack);
  });
});
