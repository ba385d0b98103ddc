/**
 * The terminal closes under a run: tmux's server is killed, which hangs up
 * the pane (SIGHUP, and every later write to it fails with EIO). In each mode
 * (Ink, line, headless in a terminal) ecs-wizard must stop Terraform as the
 * first Ctrl-C does (one SIGINT, then wait for it), keep its output in the
 * log, record the run and release the project, instead of dying at once and
 * leaving Terraform without its reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_PATH } from '../../src/project/lock.js';
import { CLI, makeProject } from '../helpers/cli.js';
import { FAKE_TERRAFORM, fakeTerraformEnv, readArgsLog, readSignalLog } from '../helpers/fakeTerraformHarness.js';
import { hasTmux, terminalTests, TmuxSession } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the hang-up tests did not run (apt-get install tmux) ***');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!available)('a terminal closed mid-run', () => {
  const terminal = terminalTests('ecs-wizard-e2e-hangup-');

  async function open(name: string, args: string) {
    const dir = await makeProject();
    const signalLog = path.join(path.dirname(dir), 'signals.log');
    const argsLog = path.join(path.dirname(dir), 'args.log');
    const env = {
      NO_COLOR: '1',
      TERM: 'xterm-256color',
      ECS_WIZARD_TERRAFORM: FAKE_TERRAFORM,
      ...fakeTerraformEnv({ speed: 2, maxGapMs: 3000, shutdownMs: 500, signalLog, argsLog, scenarios: { plan: 'plan-data-replace', show: 'show-plan-data-create' } }),
    };
    const session = terminal.start(name, `env -u CI node ${CLI} ${args}`, { cwd: dir, env });
    return { dir, session, signalLog, argsLog };
  }

  /** Kills the terminal and waits for ecs-wizard to end on its own. */
  async function hangUp(dir: string, session: TmuxSession): Promise<void> {
    const { pid } = JSON.parse(readFileSync(path.join(dir, LOCK_PATH), 'utf8')) as { pid: number };
    session.kill();
    await until(() => !alive(pid), 'ecs-wizard to end');
  }

  function expectStoppedSafely(dir: string, signalLog: string): void {
    expect(readSignalLog(signalLog)).toEqual(['SIGINT']);
    const record = JSON.parse(readFileSync(path.join(dir, '.ecs-wizard', 'runs', 'production.json'), 'utf8')) as { status: string; logFile: string };
    expect(record.status).toBe('interrupted');
    const log = readFileSync(record.logFile, 'utf8');
    expect(log).toContain('execution halted');
    expect(log).toContain('"type":"ecs_wizard_run_end"');
    // It ended through its own clean-up: the project is free again.
    expect(existsSync(path.join(dir, LOCK_PATH))).toBe(false);
  }

  it('Ink: mid-apply, one SIGINT to Terraform, waited for, recorded; the project released', async () => {
    const { dir, session, signalLog } = await open('ink', 'apply');
    await session.waitForText('Apply these changes to production?', 60_000);
    await session.press('Enter');
    await session.waitFor((screen) => /Creating|Still creating/.test(screen), 'the apply to start', 60_000);
    await hangUp(dir, session);
    expectStoppedSafely(dir, signalLog);
  }, 120_000);

  it('Ink: at the confirm bar, nothing is applied and the run ends', async () => {
    const { dir, session, argsLog } = await open('ink-confirm', 'apply');
    await session.waitForText('Apply these changes to production?', 60_000);
    await hangUp(dir, session);
    expect(readArgsLog(argsLog).map((call) => call.argv[0])).not.toContain('apply');
    expect(existsSync(path.join(dir, LOCK_PATH))).toBe(false);
  }, 120_000);

  it('line mode (--plain): mid-apply, the same', async () => {
    const { dir, session, signalLog } = await open('line', 'apply --plain');
    await session.waitForText('Apply these changes to production?', 60_000);
    await session.press('y', 'Enter');
    await session.waitFor((screen) => /Creating|Still creating/.test(screen), 'the apply to start', 60_000);
    await hangUp(dir, session);
    expectStoppedSafely(dir, signalLog);
  }, 120_000);

  it('line mode (--plain): at the prompt, nothing is applied and the run ends', async () => {
    const { dir, session, argsLog } = await open('line-prompt', 'apply --plain');
    await session.waitForText('Apply these changes to production?', 60_000);
    await hangUp(dir, session);
    expect(readArgsLog(argsLog).map((call) => call.argv[0])).not.toContain('apply');
    expect(existsSync(path.join(dir, LOCK_PATH))).toBe(false);
  }, 120_000);

  it('headless in a terminal (--yes): mid-apply, the same', async () => {
    const { dir, session, signalLog } = await open('headless', 'apply --yes');
    await session.waitFor((screen) => /Creating/.test(screen), 'the apply to start', 60_000);
    await hangUp(dir, session);
    expectStoppedSafely(dir, signalLog);
  }, 120_000);
});
