/**
 * Headless mode through the built CLI, in a pipe: no terminal, no prompt
 * ever; `--json` events on stdout; arguments after `--` reach terraform;
 * usage and configuration errors exit 2 having written nothing; outputs.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, fakeEnv, makeProject, runCli, startCli, STARTER_SETS } from '../helpers/cli.js';
import { makeTmpDir, readArgsLog } from '../helpers/fakeTerraformHarness.js';

beforeAll(async () => {
  await ensureBuilt();
  await makeProject();
});

const SPEED = 2000;

interface JsonEvent {
  type: string;
  [key: string]: unknown;
}

function parseJsonLines(stdout: string): JsonEvent[] {
  const lines = stdout.split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline, no partial line
  return lines.map((line, i) => {
    let event: JsonEvent;
    try {
      event = JSON.parse(line) as JsonEvent;
    } catch {
      throw new Error(`stdout line ${i + 1} is not JSON: ${line}`);
    }
    expect(typeof event.type, `line ${i + 1}`).toBe('string');
    return event;
  });
}

describe('no prompt, ever', () => {
  it('apply without --yes and with stdin open but silent: fails at once with exit 2 naming --yes, applies nothing', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const cli = startCli(['apply', '--json'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog }), keepStdinOpen: true, timeoutMs: 20_000 });
    const run = await cli.result;
    expect(run.signal).toBeNull();
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain('The plan has changes and there is no terminal to ask: pass --yes to apply it.');
    expect(readArgsLog(argsLog).map((c) => c.argv[0])).not.toContain('apply');
    // The --json stream says the same, and ends with done.
    const [failure, done] = parseJsonLines(run.stdout).slice(-2);
    expect(failure).toMatchObject({ type: 'failure', message: expect.stringContaining('--yes') });
    expect(done).toMatchObject({ type: 'done', exitCode: 2 });
  });

  it('no command and no --yes in a pipe: exits 2 without waiting for input', async () => {
    const project = await makeProject();
    const run = await startCli([], { cwd: project, env: fakeEnv({ speed: SPEED }), keepStdinOpen: true, timeoutMs: 20_000 }).result;
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(2);
  });

});

describe('--json', () => {
  it('writes one event per line on stdout, ending with done and the exit code; the human lines stay on stderr', async () => {
    const project = await makeProject();
    const run = await runCli(['apply', '--yes', '--json'], { cwd: project, env: fakeEnv({ speed: SPEED }) });
    expect(run.exitCode, run.stderr).toBe(0);
    const events = parseJsonLines(run.stdout);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['task', 'terraform', 'plan', 'guard', 'outputs', 'done']));
    expect(events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: 'Applied: 6 added, 0 changed, 0 replaced, 0 destroyed.' });
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    const finished = events.filter((e) => e.type === 'task' && e['state'] !== 'running').map((e) => `${String(e['id'])}:${String(e['state'])}`);
    // The recorded stack has no ECS service: nothing to wait for.
    expect(finished).toEqual(['synth:done', 'init:done', 'plan:done', 'guard:done', 'approve:done', 'apply:done', 'outputs:done', 'wait:skipped']);
    const plan = events.find((e) => e.type === 'plan')!;
    expect(plan['totals']).toMatchObject({ add: 6, change: 0, replace: 0, destroy: 0 });
    // The monthly change beside the totals, and the estimate once applied (USD, dated).
    expect(plan['cost']).toMatchObject({ currency: 'USD', priceDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), change: { min: expect.any(Number), max: expect.any(Number) } });
    const monthly = (plan['cost'] as { monthly: { min: number; max: number } }).monthly;
    expect(monthly.min).toBeGreaterThan(0);
    expect(monthly.max).toBeGreaterThanOrEqual(monthly.min);
    expect(events.find((e) => e.type === 'outputs')!['outputs']).toContainEqual({ name: 'db_password', sensitive: true, type: 'string', value: '(sensitive value)' });
    expect(
      events.some((e) => e.type === 'terraform' && e['command'] === 'apply' && (e['event'] as { type: string }).type === 'apply_complete'),
    ).toBe(true);
    expect(run.stdout).not.toContain('hunter2');
    expect(run.stderr).toContain('Plan for production: 6 to add');
  });

  it('ends with failure and done even when the run stops before Terraform (bad --set; no terraform anywhere: exit 2 saying what to install)', async () => {
    const dir = makeTmpDir('ecs-wizard-json-early-');
    const badSet = await runCli(['plan', '--json', '--preset', 'starter', '--set', 'app.cpu=lots'], { cwd: dir, env: fakeEnv() });
    expect(badSet.exitCode).toBe(2);
    const events = parseJsonLines(badSet.stdout);
    expect(events.map((e) => e.type)).toEqual(['failure', 'done']);
    expect(events[0]!['message']).toBe('the configuration has 2 problems; nothing was written.');
    expect(events[0]!['problems']).toContainEqual(expect.stringMatching(/^app\.cpu: /));
    expect(events[1]).toMatchObject({ type: 'done', exitCode: 2 });
    expect(readdirSync(dir)).toEqual([]);

    const project = await makeProject();
    const noTerraform = await runCli(['apply', '--yes', '--json'], { cwd: project, env: cleanEnv({ PATH: makeTmpDir('ecs-wizard-nopath-') }) });
    expect(noTerraform.exitCode).toBe(2);
    // Says what to install, on stderr and in the failure event.
    expect(noTerraform.stderr).toContain('--terraform PATH');
    const [failure, done] = parseJsonLines(noTerraform.stdout);
    expect(failure).toMatchObject({ type: 'failure', message: expect.stringContaining('--terraform PATH') });
    expect(done).toMatchObject({ type: 'done', exitCode: 2 });
  });
});

describe('--json for --version and --help', () => {
  it('writes the version, or the help text, as an event, then the one done event every run ends with', async () => {
    const dir = makeTmpDir('ecs-wizard-about-');
    const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const version = await runCli(['--version', '--json'], { cwd: dir, env: cleanEnv() });
    expect(version.exitCode, version.stderr).toBe(0);
    expect(lines(version.stdout)).toEqual([
      { type: 'version', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      { type: 'done', exitCode: 0, summary: expect.stringMatching(/^ecs-wizard \d+\.\d+\.\d+/) },
    ]);
    const help = await runCli(['plan', '--help', '--json'], { cwd: dir, env: cleanEnv() });
    expect(help.exitCode, help.stderr).toBe(0);
    const [event, done, ...rest] = lines(help.stdout);
    expect(event).toMatchObject({ type: 'help', command: 'plan', text: expect.stringContaining('npx ecs-wizard plan [options]') });
    expect(done).toMatchObject({ type: 'done', exitCode: 0 });
    expect(rest).toEqual([]);
    const general = await runCli(['--help', '--json'], { cwd: dir, env: cleanEnv() });
    expect(lines(general.stdout)[0]).toMatchObject({ type: 'help', command: null, text: expect.stringContaining('Usage') });
    // Without --json, the text as before.
    expect((await runCli(['--version'], { cwd: dir, env: cleanEnv() })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('arguments for terraform', () => {
  it('`plan -- -refresh=false` hands the flag to terraform plan untouched, and prints the grouped summary', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['plan', '--', '-refresh=false'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog }) });
    expect(run.exitCode, run.stderr).toBe(0);
    const plan = readArgsLog(argsLog).find((c) => c.argv[0] === 'plan')!;
    expect(plan.argv.at(-1)).toBe('-refresh=false');
    expect(plan.argv).toContain('-detailed-exitcode');
    expect(run.stderr).toContain(
      [
        'Plan for production: 6 to add, 0 to change, 0 to replace, 0 to destroy',
        '  component       add   change  replace  destroy',
        '  Network         3     0       0        0',
        '  Database        2     0       0        0',
        '  Containers      1     0       0        0',
      ].join('\n'),
    );
    // Beside the totals: what the plan changes in the monthly bill.
    expect(run.stderr).toMatch(/\n {2}Monthly cost: [+-±]\$[\d.,]+.*\(after it: \$[\d.,]+-\$[\d.,]+\/month/);
    // A plan applies nothing.
    expect(readArgsLog(argsLog).map((c) => c.argv[0])).not.toContain('apply');
  });
});

describe('usage and configuration errors: exit 2, nothing written', () => {
  it('reports every bad --set value at once, one line each', async () => {
    const dir = makeTmpDir('ecs-wizard-badset-');
    const argsLog = path.join(dir, '..', `${path.basename(dir)}-args.log`);
    const run = await runCli(
      [
        'plan',
        '--preset',
        'starter',
        '--set',
        'environments.production.pipeline.owner=acme',
        '--set',
        'environments.production.pipeline.repo=shop',
        '--set',
        'environments.production.service.desiredCount=lots',
        '--set',
        'app.bogus=1',
        '--set',
        'app.containerPort=http',
      ],
      { cwd: dir, env: fakeEnv({ argsLog }) },
    );
    expect(run.exitCode).toBe(2);
    const problems = run.stderr.split('\n').filter((l) => l.startsWith('  ✖ '));
    expect(run.stderr).toContain('the configuration has 3 problems; nothing was written.');
    expect(problems).toHaveLength(3);
    expect(problems.some((l) => l.startsWith('  ✖ environments.production.service.desiredCount: '))).toBe(true);
    expect(problems.some((l) => l.startsWith('  ✖ app.bogus: unknown key "bogus"'))).toBe(true);
    expect(problems.some((l) => l.startsWith('  ✖ app.containerPort: '))).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(argsLog)).toBe(false);
  });

  it('reports every invalid value at once', async () => {
    const dir = makeTmpDir('ecs-wizard-badset-');
    const run = await runCli(['apply', '--yes', ...STARTER_SETS, '--set', 'environments.production.region=mars-north-1', '--set', 'app.cpu=3'], {
      cwd: dir,
      env: fakeEnv(),
    });
    expect(run.exitCode).toBe(2);
    const problems = run.stderr.split('\n').filter((l) => l.startsWith('  ✖ '));
    expect(problems.some((l) => l.startsWith('  ✖ app.cpu: Fargate CPU is one of 256, 512'))).toBe(true);
    expect(problems.some((l) => l.startsWith('  ✖ environments.production.region: unknown AWS region'))).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unknown option or command: exit 2 with the way out', async () => {
    const dir = makeTmpDir('ecs-wizard-usage-');
    const option = await runCli(['plan', '--yess'], { cwd: dir, env: cleanEnv() });
    expect(option.exitCode).toBe(2);
    expect(option.stderr).toContain('ecs-wizard --help');
    const command = await runCli(['deploy'], { cwd: dir, env: cleanEnv() });
    expect(command.exitCode).toBe(2);
    expect(command.stderr).toContain('unknown command "deploy"');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--env naming no environment of the project: exit 2 listing them', async () => {
    const project = await makeProject();
    const run = await runCli(['outputs', '--env', 'prod'], { cwd: project, env: fakeEnv() });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('choose one of production');
  });
});

describe('the whole flow, then outputs', () => {
  it('before any apply: exit 2 saying to apply first', async () => {
    const project = await makeProject();
    const run = await runCli(['outputs'], { cwd: project, env: fakeEnv() });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('run "ecs-wizard apply --env production" first');
  });

  it('`ecs-wizard --yes` runs the whole flow from the saved config; then `outputs --json` is an outputs event and done, the secret masked', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const apply = await runCli(['--yes'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog }) });
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(readArgsLog(argsLog).map((c) => c.argv[0])).toEqual(['version', 'init', 'plan', 'apply', 'output']);
    expect(apply.stderr).toContain('✔ Applied: 6 added');

    const json = await runCli(['outputs', '--json'], { cwd: project, env: fakeEnv() });
    expect(json.exitCode, json.stderr).toBe(0);
    expect(parseJsonLines(json.stdout)).toEqual([
      {
        type: 'outputs',
        outputs: [
          { name: 'app_release', sensitive: false, type: 'string', value: 'v1' },
          { name: 'db_password', sensitive: true, type: 'string', value: '(sensitive value)' },
        ],
      },
      { type: 'done', exitCode: 0, summary: '2 outputs of production' },
    ]);

    const text = await runCli(['outputs'], { cwd: project, env: fakeEnv() });
    expect(text.stdout).toBe('app_release = v1\ndb_password = (sensitive value)\n');
    expect(json.stdout + json.stderr + text.stdout + text.stderr).not.toContain('hunter2');
  });
});
