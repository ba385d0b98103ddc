/**
 * `ecs-wizard apply` through the built CLI, headless, against the fake
 * terraform replaying real recordings: success, failure, interrupt.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEventLines } from '../../src/terraform/parser.js';
import { ensureBuilt, fakeEnv, makeProject, runCli, stackDir, startCli } from '../helpers/cli.js';
import { readArgsLog, readFixture, readSignalLog } from '../helpers/fakeTerraformHarness.js';

beforeAll(async () => {
  await ensureBuilt();
  await makeProject();
});

const SPEED = 2000;

/** The state file named by the stack's local backend, e.g. `.ecs-wizard/state/production.tfstate`. */
function backendStatePath(project: string): string {
  const stack = JSON.parse(readFileSync(path.join(stackDir(project), 'cdk.tf.json'), 'utf8')) as {
    terraform: { backend: { local: { path: string } } };
  };
  return path.resolve(stackDir(project), stack.terraform.backend.local.path);
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function logFiles(project: string): string[] {
  const dir = path.join(project, '.ecs-wizard', 'logs');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('apply --yes', () => {
  // Our own stack (the starter preset), as Terraform applied it against the emulator.
  const OUR_STACK = { plan: 'plan-stack-create', apply: 'apply-stack' } as const;

  it('succeeds: exit 0, plan summary, outputs printed, every step logged', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['apply', '--yes'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog, scenarios: OUR_STACK }) });

    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('Plan for production: 67 to add, 0 to change, 0 to replace, 0 to destroy');
    expect(run.stderr).toMatch(/Outputs:\n(?: {2}\S+ = .+\n)*  app_url = http:\/\/shop-production-alb-\S+\.eu-west-1\.elb\.amazonaws\.com\n/);
    expect(run.stderr).toContain('✔ Applied: 67 added, 0 changed, 0 replaced, 0 destroyed.');
    // listr2's simple renderer: timestamped task lines, never a spinner.
    expect(run.stderr).toMatch(/^✔ \[\d\d:\d\d:\d\d\] terraform apply$/m);
    expect(run.stderr).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    // Without --json, stdout stays clean for scripts.
    expect(run.stdout).toBe('');

    // Plan to a file, then apply that very file. A plan that only creates is
    // read from its own events: no `show -json` (another provider start).
    const calls = readArgsLog(argsLog).map((c) => c.argv);
    expect(calls.map((argv) => argv[0])).toEqual(['version', 'init', 'plan', 'apply', 'output']);
    const out = calls[2]!.find((a) => a.startsWith('-out='))!.slice('-out='.length);
    expect(calls[3]!.at(-1)).toBe(out);
    expect(readArgsLog(argsLog).every((c) => c.env['TF_IN_AUTOMATION'] === '1')).toBe(true);

    const logs = logFiles(project);
    for (const command of ['init', 'plan', 'apply', 'output']) {
      expect(logs.some((f) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z-production-${command}\\.jsonl$`).test(f)), `${command} log in ${logs.join(', ')}`).toBe(true);
    }
    // The apply log holds Terraform's lines whole, readable with the same parser: every planned resource completed.
    const applyLog = readFileSync(path.join(project, '.ecs-wizard', 'logs', logs.find((f) => f.endsWith('-apply.jsonl'))!), 'utf8');
    const completed = parseEventLines(applyLog).flatMap((e) => (e.type === 'apply_complete' ? [e.address] : []));
    const planned = parseEventLines(readFixture('plan-stack-create.jsonl')).flatMap((e) => (e.type === 'planned_change' ? [e.address] : []));
    expect(completed.sort()).toEqual(planned.sort());
  });

  it('a sensitive output is printed masked, and show and output JSON never reach the logs', async () => {
    const project = await makeProject();
    const run = await runCli(['apply', '--yes'], { cwd: project, env: fakeEnv({ speed: SPEED }) });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('Outputs:\n  app_release = v1\n  db_password = (sensitive value)\n');
    expect(run.stdout + run.stderr).not.toContain('hunter2');
    for (const file of logFiles(project)) expect(readFileSync(path.join(project, '.ecs-wizard', 'logs', file), 'utf8')).not.toContain('hunter2');
  });

  it('fails: exit 1, each error with its resource and Terraform’s message, the log path, the next step; the next plan says so', async () => {
    const project = await makeProject();
    // Our stack applied from a second state while the first holds every name: AWS refuses each named resource.
    const env = fakeEnv({ speed: SPEED, scenarios: { plan: 'plan-stack-create', apply: 'apply-stack-failed' } });
    const run = await runCli(['apply', '--yes'], { cwd: project, env });

    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/✖ terraform apply failed:\n {2}aws_secretsmanager_secret\.database_app: creating Secrets Manager Secret \(shop-production-db-app\): operation error Secrets Manager: CreateSecret, .*ResourceExistsException/);
    expect(run.stderr).toMatch(/^ {2}aws_ecr_repository\.repository: creating ECR Repository \(shop-production-app\): .*RepositoryAlreadyExistsException/m);
    expect(run.stderr).toMatch(/^ {2}aws_lb\.alb: ELBv2 Load Balancer \(shop-production-alb\) already exists$/m);
    const logLine = /^ {2}Full log: (.+)$/m.exec(run.stderr);
    expect(logLine, run.stderr).not.toBeNull();
    const logFile = logLine![1]!;
    expect(logFile.startsWith(path.join(project, '.ecs-wizard', 'logs'))).toBe(true);
    expect(logFile.endsWith('-production-apply.jsonl')).toBe(true);
    expect(readFileSync(logFile, 'utf8')).toContain('creating ECR Repository (shop-production-app)');
    expect(run.stderr).toMatch(/^ {2}Next: Fix the cause above and run again/m);
    // The task line says it failed; the errors are printed once, in full, below it.
    expect(run.stderr).toContain('terraform apply [FAILED: terraform apply failed]');
    expect(run.stderr.split('ELBv2 Load Balancer (shop-production-alb) already exists').length - 1).toBe(2); // the live event line and the summary
    expect(run.stderr).not.toContain('✔ Applied');

    const next = await runCli(['plan'], { cwd: project, env: fakeEnv({ speed: SPEED, scenarios: { plan: 'plan-stack-create' } }) });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(next.stderr).toContain(`⚠ The last apply (started `);
    expect(next.stderr).toContain(`) failed. This plan shows what is left to do. Log: ${logFile}`);
    // Said before the plan's own summary.
    expect(next.stderr.indexOf('⚠ The last apply')).toBeLessThan(next.stderr.indexOf('Plan for production'));
  });

  it('Ctrl-C mid-apply: exactly one SIGINT reaches terraform, "stopping safely", exit 130, state untouched, recorded as interrupted', async () => {
    const project = await makeProject();
    const tmp = path.dirname(project);
    const signalLog = path.join(tmp, 'signals.log');
    // A state from an earlier apply, where the fake keeps it and where the stack's backend points.
    const state = `${JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 3, lineage: 'test-lineage', outputs: {}, resources: [], check_results: null }, null, 2)}\n`;
    const backendState = backendStatePath(project);
    expect(backendState).toBe(path.join(project, '.ecs-wizard', 'state', 'production.tfstate'));
    mkdirSync(path.dirname(backendState), { recursive: true });
    writeFileSync(backendState, state);
    const fakeState = path.join(stackDir(project), 'terraform.tfstate');
    writeFileSync(fakeState, state);

    // A slow replay with gaps capped at 1.5 s: the apply pauses 1.5 s after
    // "terraform_data.app: Creating...", long enough to press Ctrl-C.
    const env = fakeEnv({ speed: 4, maxGapMs: 1500, signalLog, scenarios: { plan: 'plan-data-replace', show: 'show-plan-data-create' } });
    const cli = startCli(['apply', '--yes', '--json'], { cwd: project, env, group: true });
    await cli.waitFor(({ stdout }) => /"type":"apply_start".*"address":"terraform_data\.app"/.test(stdout));
    // As a terminal does: SIGINT to the whole foreground process group.
    process.kill(-cli.child.pid!, 'SIGINT');
    const run = await cli.result;

    expect(run.exitCode, run.stderr).toBe(130);
    expect(readSignalLog(signalLog)).toEqual(['SIGINT']);
    expect(run.stderr).toContain('… Stopping safely: Terraform finishes what is in flight, saves state and releases its lock.');
    expect(run.stderr).toContain('✖ Stopped safely: Terraform finished what was in flight, saved its state and released its lock.');
    expect(readFileSync(backendState, 'utf8')).toBe(state);
    expect(readFileSync(fakeState, 'utf8')).toBe(state);
    expect(existsSync(`${fakeState}.backup`)).toBe(false);
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; exitCode?: number; escalated?: boolean });
    expect(events.filter((e) => e.type === 'stopping')).toEqual([{ type: 'stopping', escalated: false }]);
    expect(events.at(-1)).toMatchObject({ type: 'done', exitCode: 130 });
    // What the next run says about it is proven on the engine (test/tasks/engine.test.ts).
    expect(JSON.parse(readFileSync(path.join(project, '.ecs-wizard', 'runs', 'production.json'), 'utf8'))).toMatchObject({ status: 'interrupted' });
  });

  it('a second Ctrl-C within 5 s kills a terraform that does not stop, with a warning, and records it as killed', async () => {
    const project = await makeProject();
    const signalLog = path.join(path.dirname(project), 'signals.log');
    // A terraform stuck in its graceful stop: it records SIGINT and carries on.
    const env = fakeEnv({ speed: 4, maxGapMs: 1500, signalLog, ignoreSigint: true, scenarios: { plan: 'plan-data-replace', show: 'show-plan-data-create' } });
    const cli = startCli(['apply', '--yes'], { cwd: project, env, group: true });
    await cli.waitFor(({ stderr }) => stderr.includes('terraform_data.app: Creating...'));
    process.kill(-cli.child.pid!, 'SIGINT');
    await cli.waitFor(({ stderr }) => stderr.includes('Stopping safely'));
    // Terraform got the forwarded SIGINT and ignored it: now press again.
    await until(() => readSignalLog(signalLog).length > 0);
    process.kill(-cli.child.pid!, 'SIGINT');
    const run = await cli.result;

    expect(run.exitCode, run.stderr).toBe(130);
    // One SIGINT forwarded, then SIGKILL (which no process can log).
    expect(readSignalLog(signalLog), run.stderr).toEqual(['SIGINT']);
    expect(run.stderr).toContain('✖ Second interrupt: killing Terraform now. Its state may not be saved and the lock may stay held.');
    expect(run.stderr).toContain('✖ Terraform was killed during apply: its state may not be saved and its lock may still be held.');
    expect(JSON.parse(readFileSync(path.join(project, '.ecs-wizard', 'runs', 'production.json'), 'utf8'))).toMatchObject({ status: 'killed' });
  });

  it('the reader of stdout going away mid-apply (`| head`) does not stop the run: Terraform finishes and saves state', async () => {
    const project = await makeProject();
    const env = fakeEnv({ speed: 20, scenarios: { plan: 'plan-data-replace', show: 'show-plan-data-create' } });
    const cli = startCli(['apply', '--yes', '--json'], { cwd: project, env });
    await cli.waitFor(({ stdout }) => /"type":"apply_start".*"address":"terraform_data\.app"/.test(stdout));
    // As `ecs-wizard apply --yes --json | head -n 20` does once it has its lines.
    cli.child.stdout!.destroy();
    const run = await cli.result;

    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('✔ Applied: 2 added');
    const state = JSON.parse(readFileSync(path.join(stackDir(project), 'terraform.tfstate'), 'utf8')) as { resources: { name: string }[] };
    expect(state.resources.map((r) => r.name).sort()).toEqual(['app', 'secret']);
    const record = JSON.parse(readFileSync(path.join(project, '.ecs-wizard', 'runs', 'production.json'), 'utf8')) as { status: string };
    expect(record.status).toBe('succeeded');
  });
});

describe('a terraform that prints its human output instead of the JSON UI', () => {
  it.each([
    ['exits 2 on plan ("changes")', { plan: 2 }],
    ['exits 0 on plan with no event to read', {}],
  ] as const)('%s: apply --yes --json is exit 1 naming the log, never "no changes", nothing applied', async (_name, exitCodes) => {
    const project = await makeProject();
    const argsLog = path.join(path.dirname(project), 'args.log');
    const run = await runCli(['apply', '--yes', '--json'], {
      cwd: project,
      env: fakeEnv({ speed: SPEED, argsLog, scenarios: { plan: 'plan-human.txt' }, exitCodes }),
    });
    expect(run.exitCode, run.stderr).toBe(1);
    const planLog = logFiles(project).find((name) => name.endsWith('-production-plan.jsonl'))!;
    expect(planLog).toBeDefined();
    const logFile = path.join(project, '.ecs-wizard', 'logs', planLog);
    expect(run.stderr).toContain(`terraform plan cannot be trusted: its output is not Terraform's JSON UI (no "version" line; it printed "terraform_data.app: Refreshing state`);
    expect(run.stderr).toContain(logFile);
    expect(run.stderr).not.toMatch(/no changes/i);
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; [key: string]: unknown });
    expect(events.filter((event) => event.type === 'failure')).toEqual([expect.objectContaining({ logFile })]);
    expect(events.at(-1)).toMatchObject({ type: 'done', exitCode: 1 });
    expect(JSON.stringify(events.filter((event) => event.type !== 'terraform'))).not.toMatch(/no changes/i);
    expect(readArgsLog(argsLog).map((call) => call.argv[0])).not.toContain('apply');
  });
});
