import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerraformEvent } from '../../src/terraform/events.js';
import { parseEventLine, parseEventLines } from '../../src/terraform/parser.js';
import {
  runTerraform,
  startTerraform,
  TerraformSpawnError,
  type RunTerraformOptions,
  type TerraformProcess,
} from '../../src/terraform/runner.js';
import {
  FAKE_TERRAFORM,
  fakeTerraformEnv,
  makeTmpDir,
  readArgsLog,
  readFixture,
  readSignalLog,
  type FakeTerraformSettings,
} from '../helpers/fakeTerraformHarness.js';

let dir: string;
let logDir: string;
let signalLog: string;
let argsLog: string;

beforeEach(() => {
  dir = makeTmpDir();
  logDir = path.join(dir, '.ecs-wizard', 'logs');
  signalLog = path.join(dir, 'signals.log');
  argsLog = path.join(dir, 'args.log');
});

/** Options for one run of the fake, collecting its events. */
function fake(
  args: string[],
  settings: FakeTerraformSettings = {},
  extra: Partial<RunTerraformOptions> = {},
): { options: RunTerraformOptions; events: TerraformEvent[] } {
  const events: TerraformEvent[] = [];
  const options: RunTerraformOptions = {
    binary: FAKE_TERRAFORM,
    args,
    cwd: dir,
    env: fakeTerraformEnv({ signalLog, argsLog, ...settings }),
    logFile: path.join(logDir, `run-${args[0] ?? 'x'}-${Math.random().toString(36).slice(2)}.jsonl`),
    onEvent: (e) => events.push(e),
    ...extra,
  };
  return { options, events };
}

/** Terraform's stdout lines in a log, without the records ecs-wizard added. */
function terraformLines(logFile: string): string[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.includes('"@module":"ecs-wizard'));
}

function recordingLines(name: string): string[] {
  return readFixture(name).split('\n').filter((l) => l !== '');
}

/** The events the parser makes of a recording, minus blank/colour-only lines (the runner does not emit those). */
function expectedEvents(name: string): TerraformEvent[] {
  return parseEventLines(readFixture(name)).filter((e) => !(e.type === 'log' && e.source === 'text' && e.message.trim() === ''));
}

describe('runTerraform with the fake terraform', () => {
  it('plan: adds the automation flags, sets TF_IN_AUTOMATION, passes the environment through', async () => {
    process.env['ECS_WIZARD_TEST_PASSTHROUGH'] = 'from-parent';
    try {
      const { options, events } = fake(['plan', '-out=tfplan'], { echoEnv: ['ECS_WIZARD_TEST_PASSTHROUGH'] }, {});
      const result = await runTerraform({ ...options, env: { ...options.env, AWS_PROFILE: 'staging' } });
      expect(result).toMatchObject({
        exitCode: 0,
        signal: null,
        ok: true,
        interrupted: false,
        escalated: false,
        changes: undefined,
        args: ['plan', '-json', '-input=false', '-no-color', '-out=tfplan'],
        diagnostics: [],
        errors: [],
        logWriteError: undefined,
        handlerError: undefined,
      });
      const [call] = readArgsLog(argsLog);
      expect(call?.argv).toEqual(['plan', '-json', '-input=false', '-no-color', '-out=tfplan']);
      expect(call?.cwd).toBe(dir);
      expect(call?.env).toMatchObject({
        TF_IN_AUTOMATION: '1',
        AWS_PROFILE: 'staging',
        ECS_WIZARD_TEST_PASSTHROUGH: 'from-parent',
      });
      // TF_CLI_CONFIG_FILE set in the parent reaches Terraform untouched.
      if (process.env['TF_CLI_CONFIG_FILE']) expect(call?.env['TF_CLI_CONFIG_FILE']).toBe(process.env['TF_CLI_CONFIG_FILE']);
      expect(events).toEqual(expectedEvents('plan-create.jsonl'));
    } finally {
      delete process.env['ECS_WIZARD_TEST_PASSTHROUGH'];
    }
  });

  it('writes every line whole to the log, in order, between a start and an end record', async () => {
    const { options } = fake(['init'], { scenario: 'init' });
    const result = await runTerraform(options);
    expect(result.ok).toBe(true);
    // init.jsonl has plain coloured lines among the JSON: they are logged byte for byte too.
    expect(terraformLines(result.logFile)).toEqual(recordingLines('init.jsonl'));
    const all = readFileSync(result.logFile, 'utf8').split('\n').filter(Boolean);
    const first = JSON.parse(all[0] ?? '{}') as Record<string, unknown>;
    const last = JSON.parse(all[all.length - 1] ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ type: 'ecs_wizard_run_start', '@module': 'ecs-wizard', cwd: dir });
    expect(last).toMatchObject({ type: 'ecs_wizard_run_end', exit_code: 0, interrupted: false, escalated: false });
    // The log reads back with the same parser: our records are log events, not noise.
    expect(parseEventLine(all[0] ?? '')).toMatchObject({ type: 'log', originalType: 'ecs_wizard_run_start' });
  });

  it('a failed apply: exit 1, not ok, each error with its resource', async () => {
    const { options, events } = fake(['apply', '-auto-approve'], { scenario: 'apply-unreachable' });
    const result = await runTerraform(options);
    expect(result).toMatchObject({ exitCode: 1, ok: false, interrupted: false });
    expect(result.errors.map((d) => d.address)).toEqual(['aws_ecs_cluster.cluster', 'aws_vpc.vpc']);
    expect(result.errors[0]?.summary).toMatch(/^creating ECS Cluster \(demo\)/);
    expect(events).toEqual(expectedEvents('apply-unreachable.jsonl'));
    expect(terraformLines(result.logFile)).toEqual(recordingLines('apply-unreachable.jsonl'));
    expect(JSON.parse(readFileSync(result.logFile, 'utf8').trim().split('\n').pop() ?? '{}')).toMatchObject({ exit_code: 1 });
  });

  it('replays with the recorded timing, sped up', async () => {
    // apply-unreachable spans 28 s of recorded time; at 100x that is ~280 ms.
    const { options } = fake(['apply', '-auto-approve'], { scenario: 'apply-unreachable', speed: 100 });
    const result = await runTerraform(options);
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    expect(result.durationMs).toBeLessThan(5000);
  });

  describe('plan -detailed-exitcode', () => {
    it('exit 2 means changes, and is ok', async () => {
      const { options } = fake(['plan', '-detailed-exitcode', '-out=tfplan'], { scenario: 'plan-create' });
      expect(await runTerraform(options)).toMatchObject({ exitCode: 2, ok: true, changes: true });
    });

    it('exit 0 means no changes', async () => {
      const { options } = fake(['plan', '-detailed-exitcode'], { scenario: 'plan-nochanges' });
      expect(await runTerraform(options)).toMatchObject({ exitCode: 0, ok: true, changes: false });
    });

    it('exit 1 is an error, with no verdict on changes', async () => {
      // Any recording ending in an error diagnostic makes the fake exit 1.
      const { options } = fake(['plan', '-detailed-exitcode'], { scenarios: { plan: 'init-registry-unreachable' } });
      const result = await runTerraform(options);
      expect(result).toMatchObject({ exitCode: 1, ok: false, changes: undefined });
      expect(result.errors[0]?.summary).toBe('Failed to query available provider packages');
    });

    it('without the flag, exit 2 is a failure', async () => {
      const { options } = fake(['plan'], { exitCode: 2 });
      expect(await runTerraform(options)).toMatchObject({ exitCode: 2, ok: false, changes: undefined });
    });
  });

  describe('cancellation', () => {
    it('abort forwards exactly one SIGINT, keeps reading until Terraform exits, reports interrupted', async () => {
      const controller = new AbortController();
      let run: TerraformProcess | undefined;
      const { options, events } = fake(
        ['apply', '-auto-approve'],
        { scenario: 'apply-unreachable', shutdownMs: 150 },
        {
          signal: controller.signal,
          onEvent: (e) => {
            events.push(e);
            // Like a user mashing Ctrl-C, through both ways in: the signal and the handle.
            if (e.type === 'apply_start') {
              controller.abort();
              run?.interrupt();
              run?.interrupt();
            }
          },
        },
      );
      run = startTerraform(options);
      const result = await run.result;
      run.interrupt(); // after the fact: a no-op

      expect(readSignalLog(signalLog)).toEqual(['SIGINT']);
      expect(result).toMatchObject({ interrupted: true, escalated: false, ok: false, exitCode: 1, signal: null });
      // Lines Terraform printed after the SIGINT were read, parsed and logged: the pipe stayed open.
      const messages = events.map((e) => e.message);
      expect(messages).toContain('\nInterrupt received.\nPlease wait for Terraform to exit or data loss may occur.\nGracefully shutting down...\n');
      expect(result.errors.map((d) => d.summary)).toEqual(['execution halted', 'execution halted']);
      const log = readFileSync(result.logFile, 'utf8');
      expect(log).toContain('Gracefully shutting down');
      expect(log).toContain('"type":"ecs_wizard_interrupt"');
      expect(log.indexOf('ecs_wizard_interrupt')).toBeLessThan(log.indexOf('execution halted'));
      expect(JSON.parse(log.trim().split('\n').pop() ?? '{}')).toMatchObject({ interrupted: true, exit_code: 1 });
    });

    it('an interrupted apply leaves the state file byte-identical', async () => {
      const state = path.join(dir, 'terraform.tfstate');
      const before = '{\n  "version": 4,\n  "serial": 7,\n  "lineage": "keep-me",\n  "resources": []\n}\n';
      writeFileSync(state, before);
      const controller = new AbortController();
      const { options } = fake(['apply', '-auto-approve'], { scenario: 'apply-success' }, {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'apply_start') controller.abort();
        },
      });
      const result = await runTerraform(options);
      expect(result.interrupted).toBe(true);
      expect(readFileSync(state, 'utf8')).toBe(before);
    });

    it('escalate() kills a Terraform that does not stop, and says so', async () => {
      const controller = new AbortController();
      const force = new AbortController();
      const { options } = fake(['apply', '-auto-approve'], { scenario: 'apply-success', ignoreSigint: true, holdMs: 60_000 }, {
        signal: controller.signal,
        forceSignal: force.signal,
        onEvent: (e) => {
          if (e.type === 'apply_start' && !controller.signal.aborted) {
            controller.abort();
            // The user presses Ctrl-C again a moment later.
            setTimeout(() => force.abort(), 100);
          }
        },
      });
      const started = Date.now();
      const result = await runTerraform(options);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(readSignalLog(signalLog)).toEqual(['SIGINT']); // SIGKILL cannot be caught, so it is not in the log
      expect(result).toMatchObject({ interrupted: true, escalated: true, ok: false, exitCode: null, signal: 'SIGKILL' });
      expect(readFileSync(result.logFile, 'utf8')).toContain('"type":"ecs_wizard_escalate"');
    });

    it('an already-aborted signal never starts Terraform', async () => {
      const controller = new AbortController();
      controller.abort();
      const { options } = fake(['apply', '-auto-approve'], {}, { signal: controller.signal });
      const result = await runTerraform(options);
      expect(result).toMatchObject({ interrupted: true, ok: false, exitCode: null });
      expect(readArgsLog(argsLog)).toEqual([]);
      expect(readFileSync(result.logFile, 'utf8')).toContain('cancelled before terraform started');
    });
  });

  describe('failures around Terraform', () => {
    it('a binary that cannot start rejects with the log path, and the log says why', async () => {
      const { options } = fake(['plan'], {}, { binary: path.join(dir, 'no-such-terraform') });
      const error = await runTerraform(options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TerraformSpawnError);
      expect((error as Error).message).toContain(options.logFile);
      expect(readFileSync(options.logFile, 'utf8')).toContain('"type":"ecs_wizard_spawn_error"');
    });

    it('a log file that cannot be created stops the run before Terraform starts', () => {
      writeFileSync(path.join(dir, 'not-a-dir'), '');
      const { options } = fake(['plan'], {}, { logFile: path.join(dir, 'not-a-dir', 'run.jsonl') });
      expect(() => startTerraform(options)).toThrow(/ENOTDIR|EEXIST/);
      expect(readArgsLog(argsLog)).toEqual([]);
    });

    it('a throwing event handler does not stop the run or lose lines', async () => {
      const { options } = fake(['plan'], {}, {
        onEvent: () => {
          throw new Error('view bug');
        },
      });
      const result = await runTerraform(options);
      expect(result.ok).toBe(true);
      expect(String(result.handlerError)).toBe('Error: view bug');
      expect(terraformLines(result.logFile)).toEqual(recordingLines('plan-create.jsonl'));
    });

    it('stderr lines become warn log events and are logged with their origin', async () => {
      const { options, events } = fake(['frobnicate']);
      const result = await runTerraform(options);
      expect(result).toMatchObject({ exitCode: 1, ok: false });
      expect(events[0]).toMatchObject({ type: 'log', stream: 'stderr', level: 'warn', message: expect.stringContaining('no command named "frobnicate"') });
      expect(readFileSync(result.logFile, 'utf8')).toContain('"type":"ecs_wizard_stderr"');
    });

    it('flags are placed where Terraform parses them: the fake rejects anything else', async () => {
      // Written by hand in the wrong order, a plan file before -json fails like the real binary.
      const planned = await runTerraform(fake(['plan', '-out=tfplan'], {}).options);
      expect(planned.ok).toBe(true);
      const { options, events } = fake(['apply', 'tfplan']);
      const applied = await runTerraform(options);
      expect(applied.ok).toBe(true);
      expect(readArgsLog(argsLog).map((c) => c.argv)).toEqual([
        ['plan', '-json', '-input=false', '-no-color', '-out=tfplan'],
        ['apply', '-json', '-input=false', '-no-color', 'tfplan'],
      ]);
      expect(events.filter((e) => e.type === 'apply_complete')).toHaveLength(2);
    });

    it('-var values are redacted in the log header', async () => {
      const { options } = fake(['plan', '-var=db_password=hunter2', '-var', 'token=abc123']);
      const result = await runTerraform(options);
      const header = readFileSync(result.logFile, 'utf8').split('\n')[0] ?? '';
      expect(header).toContain('db_password=(redacted)');
      expect(header).not.toContain('hunter2');
      expect(header).not.toContain('abc123');
      // Terraform itself still got the real values.
      expect(readArgsLog(argsLog)[0]?.argv).toContain('-var=db_password=hunter2');
    });

    it('appends to an existing log file rather than truncating it', async () => {
      mkdirSync(logDir, { recursive: true });
      const logFile = path.join(logDir, 'shared.jsonl');
      writeFileSync(logFile, 'earlier run\n');
      await runTerraform(fake(['plan'], {}, { logFile }).options);
      expect(readFileSync(logFile, 'utf8').startsWith('earlier run\n')).toBe(true);
    });
  });
});

afterEach(() => {
  delete process.env['ECS_WIZARD_TEST_PASSTHROUGH'];
});
