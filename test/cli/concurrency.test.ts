/**
 * Real processes against one project: the built CLI twice at once, the CLI
 * stopped by SIGTERM and SIGHUP mid-apply, and the CLI killed with SIGKILL
 * mid-apply while Terraform (the fake) carries on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_PATH } from '../../src/project/lock.js';
import { parseEventLines } from '../../src/terraform/parser.js';
import { ensureBuilt, fakeEnv, makeProject, runCli, stackDir, startCli } from '../helpers/cli.js';
import { readArgsLog, readSignalLog } from '../helpers/fakeTerraformHarness.js';

beforeAll(async () => {
  await ensureBuilt();
  await makeProject();
});

/** The data stack's recordings: a 2-resource apply with a 10 s provisioner, slowed so a test can act mid-apply. */
const SLOW = { speed: 2, maxGapMs: 3000, scenarios: { plan: 'plan-data-replace', show: 'show-plan-data-create' } } as const;
const FAST = { speed: 2000, scenarios: { plan: 'plan-data-replace', show: 'show-plan-data-create' } } as const;

/**
 * The first run's apply, held open after its replay until the test releases
 * it: what the test does meanwhile happens while that run is in progress, at
 * any load (no race against a replay's speed).
 */
function heldApply(project: string, settings: Parameters<typeof fakeEnv>[0] = {}) {
  const file = path.join(path.dirname(project), 'release-apply');
  return { env: fakeEnv({ ...SLOW, ...settings, holdFile: file }), release: () => writeFileSync(file, '') };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

const runRecord = (project: string) => JSON.parse(readFileSync(path.join(project, '.ecs-wizard', 'runs', 'production.json'), 'utf8')) as { status: string; logFile: string };

describe('two runs in one project', () => {
  it('the second waits, naming the first’s command and PID, and runs only after it; with --no-wait it stops with exit 2', async () => {
    const project = await makeProject();
    const argsLog = path.join(path.dirname(project), 'args.log');
    const held = heldApply(project, { argsLog });
    const first = startCli(['apply', '--yes'], { cwd: project, env: held.env });
    await first.waitFor(({ stderr }) => stderr.includes('terraform_data.app: Creating...'));

    // Both at once, while the first applies.
    const refusing = runCli(['plan', '--no-wait'], { cwd: project, env: fakeEnv({ ...FAST, argsLog }) });
    const second = startCli(['plan'], { cwd: project, env: fakeEnv({ ...FAST, argsLog }) });
    const refused = await refusing;
    expect(refused.exitCode, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`✖ The project is in use: another ecs-wizard run holds this project: ecs-wizard apply (PID ${first.child.pid}, started `);
    expect(refused.stderr).toContain('and --no-wait says not to wait. Nothing was done.');
    await second.waitFor(({ stderr }) => stderr.includes('Waiting: another ecs-wizard run holds this project'));
    expect(second.stderr()).toContain(`⚠ Waiting: another ecs-wizard run holds this project: ecs-wizard apply (PID ${first.child.pid}, started `);
    held.release();
    const [a, b] = await Promise.all([first.result, second.result]);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(b.exitCode, b.stderr).toBe(0);
    // Nothing of the second run reached Terraform before the first was done with it.
    const commands = readArgsLog(argsLog).map((call) => call.argv[0]);
    expect(commands.filter((c) => c !== 'version')).toEqual(['init', 'plan', 'show', 'apply', 'output', 'plan', 'show']);
    expect(existsSync(path.join(project, LOCK_PATH))).toBe(false);
  });

  it('a run that waited builds on what the run before it saved: no lost update (plan and synth --set behind apply --set)', async () => {
    const project = await makeProject();
    const config = () => {
      const env = JSON.parse(readFileSync(path.join(project, 'ecs-wizard.json'), 'utf8')).environments.production;
      return { maxCount: env.service.maxCount as number, logRetentionDays: env.logRetentionDays as number };
    };
    const stack = () => {
      const json = JSON.parse(readFileSync(path.join(stackDir(project), 'cdk.tf.json'), 'utf8')) as {
        resource: { aws_appautoscaling_target: Record<string, { max_capacity: number }>; aws_cloudwatch_log_group: Record<string, { retention_in_days: number }> };
      };
      return {
        maxCount: Object.values(json.resource.aws_appautoscaling_target).map((target) => target.max_capacity),
        retention: [...new Set(Object.values(json.resource.aws_cloudwatch_log_group).map((group) => group.retention_in_days))],
      };
    };
    expect(config()).toEqual({ maxCount: 2, logRetentionDays: 14 });
    const held = heldApply(project);
    const first = startCli(['apply', '--yes', '--set', 'environments.production.service.maxCount=3'], { cwd: project, env: held.env });
    await first.waitFor(({ stderr }) => stderr.includes('terraform_data.app: Creating...'));
    // Both read ecs-wizard.json (maxCount 2) before they wait for the apply.
    const plan = startCli(['plan'], { cwd: project, env: fakeEnv(FAST) });
    const synth = startCli(['synth', '--set', 'environments.production.logRetentionDays=90'], { cwd: project, env: fakeEnv(FAST) });
    await plan.waitFor(({ stderr }) => stderr.includes('Waiting: another ecs-wizard run holds this project'));
    await synth.waitFor(({ stderr }) => stderr.includes('Waiting: another ecs-wizard run holds this project'));
    held.release();
    const [a, b, c] = await Promise.all([first.result, plan.result, synth.result]);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(a.stderr).toContain('--set environments.production.service.maxCount=3: saved to ecs-wizard.json');
    expect(b.exitCode, b.stderr).toBe(0);
    expect(c.exitCode, c.stderr).toBe(0);
    // Each one that waited says it read the file again, and keeps what was saved before it.
    expect(b.stderr).toContain('ecs-wizard.json changed while this run waited (another run saved it): this run uses the file as it is now.');
    expect(c.stderr).toContain('ecs-wizard.json changed while synth waited (another run saved it): synth uses the file as it is now, with --set environments.production.logRetentionDays=90 on top.');
    expect(config()).toEqual({ maxCount: 3, logRetentionDays: 90 });
    expect(stack()).toEqual({ maxCount: [3], retention: [90] });
  });

  it('synth waits for a running apply too', async () => {
    const project = await makeProject();
    const held = heldApply(project);
    const first = startCli(['apply', '--yes'], { cwd: project, env: held.env });
    await first.waitFor(({ stderr }) => stderr.includes('terraform_data.app: Creating...'));
    const synth = await runCli(['synth', '--lock-timeout', '200ms'], { cwd: project, env: fakeEnv(FAST) });
    expect(synth.exitCode, synth.stderr).toBe(2);
    expect(synth.stderr).toContain(`ecs-wizard apply (PID ${first.child.pid}`);
    expect(synth.stderr).toContain('did not finish within --lock-timeout');
    held.release();
    expect((await first.result).exitCode).toBe(0);
  });
});

describe('SIGTERM and SIGHUP are the first Ctrl-C', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)('%s mid-apply (twice): one SIGINT to Terraform, waited for, exit 130, the output in the log', async (signal) => {
    const project = await makeProject();
    const signalLog = path.join(path.dirname(project), 'signals.log');
    const cli = startCli(['apply', '--yes'], { cwd: project, env: fakeEnv({ ...SLOW, signalLog, shutdownMs: 400 }) });
    await cli.waitFor(({ stderr }) => stderr.includes('terraform_data.app: Creating...'));
    cli.child.kill(signal);
    await cli.waitFor(({ stderr }) => stderr.includes('Stopping safely'));
    cli.child.kill(signal); // a service manager, or a second hangup: never escalates
    const run = await cli.result;

    expect(run.exitCode, run.stderr).toBe(130);
    expect(readSignalLog(signalLog)).toEqual(['SIGINT']);
    expect(run.stderr).toContain('✖ Stopped safely: Terraform finished what was in flight, saved its state and released its lock.');
    expect(run.stderr).not.toContain('Second interrupt');
    const record = runRecord(project);
    expect(record.status).toBe('interrupted');
    // What Terraform printed after the SIGINT, up to its exit, is in the log.
    const log = readFileSync(record.logFile, 'utf8');
    expect(log).toContain('Gracefully shutting down');
    expect(log).toContain('execution halted');
    expect(log).toContain('"type":"ecs_wizard_run_end"');
    expect(existsSync(path.join(project, LOCK_PATH))).toBe(false);
  });
});

describe('kill -9 of the CLI mid-apply', () => {
  it('backend bootstrap takes the same lock options: --no-wait stops it at once while another run holds the project', async () => {
    const project = await makeProject();
    const held = heldApply(project);
    const first = startCli(['apply', '--yes'], { cwd: project, env: held.env });
    await first.waitFor(({ stderr }) => stderr.includes('terraform_data.app: Creating...'));
    const refused = await runCli(['backend', 'bootstrap', '--yes', '--no-wait'], { cwd: project, env: fakeEnv(FAST) });
    expect(refused.exitCode, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`The project is in use: another ecs-wizard run holds this project: ecs-wizard apply (PID ${first.child.pid}, started `);
    expect(refused.stderr).toContain('and --no-wait says not to wait. Nothing was done.');
    held.release();
    expect((await first.result).exitCode).toBe(0);
  });

  it('Terraform finishes on its own; the next run waits for it, then says what happened and what is left', async () => {
    const project = await makeProject();
    const held = heldApply(project);
    const first = startCli(['apply', '--yes'], { cwd: project, env: held.env });
    await first.waitFor(({ stderr }) => stderr.includes('terraform_data.app: Creating...'));
    const lock = JSON.parse(readFileSync(path.join(project, LOCK_PATH), 'utf8')) as { pid: number; terraform?: { pid: number } };
    expect(lock.pid).toBe(first.child.pid);
    const terraformPid = lock.terraform!.pid;
    first.child.kill('SIGKILL');
    await first.result;
    expect(alive(terraformPid)).toBe(true);

    // Both at once, while the orphaned Terraform still applies.
    const waiting = startCli(['plan'], { cwd: project, env: fakeEnv(FAST) });
    const refused = await runCli(['plan', '--no-wait'], { cwd: project, env: fakeEnv(FAST) });
    expect(refused.exitCode, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`terraform apply (PID ${terraformPid}) is still running: the ecs-wizard apply that started it (PID ${first.child.pid}`);
    expect(refused.stderr).toContain('Wait for that Terraform to finish');
    await waiting.waitFor(({ stderr }) => stderr.includes(`Waiting: terraform apply (PID ${terraformPid}) is still running`));
    // Now it finishes on its own, with no ecs-wizard to read it.
    held.release();
    const next = await waiting.result;

    expect(next.exitCode, next.stderr).toBe(0);
    expect(next.stderr).toContain(`⚠ Waiting: terraform apply (PID ${terraformPid}) is still running`);
    expect(next.stderr).toContain(`⚠ The ecs-wizard apply started `);
    expect(next.stderr).toContain(`(PID ${first.child.pid}) ended without releasing the project lock while terraform apply ran`);
    expect(next.stderr).toContain('lost its ecs-wizard while it ran, but Terraform carried on and finished: "Apply complete! Resources: 2 added, 0 changed, 0 destroyed."');
    // The state Terraform wrote after ecs-wizard died.
    const state = JSON.parse(readFileSync(path.join(stackDir(project), 'terraform.tfstate'), 'utf8')) as { resources: { name: string }[] };
    expect(state.resources.map((r) => r.name).sort()).toEqual(['app', 'secret']);
    const applied = parseEventLines(readFileSync(runRecord(project).logFile, 'utf8'));
    expect(applied.some((e) => e.type === 'change_summary' && e.operation === 'apply')).toBe(true);
  });
});
