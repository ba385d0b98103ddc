/**
 * The run view in a real terminal, against the fake terraform replaying real
 * recordings: an apply approved at the confirm bar, and a Ctrl-C during an
 * apply, which raw mode delivers as a key and which must reach Terraform as
 * exactly one SIGINT.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, makeProject } from '../helpers/cli.js';
import { FAKE_TERRAFORM, fakeTerraformEnv, makeTmpDir, readSignalLog } from '../helpers/fakeTerraformHarness.js';
import { hasTmux, TmuxSession } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the run view end-to-end tests did not run (apt-get install tmux) ***');

describe.skipIf(!available)('the run view in a real terminal', () => {
  let root: string;
  const sessions: TmuxSession[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    root = makeTmpDir('ecs-wizard-e2e-run-');
  }, 240_000);

  afterAll(() => {
    for (const session of sessions) session.kill();
    rmSync(root, { recursive: true, force: true });
  });

  function open(name: string, dir: string, settings: Parameters<typeof fakeTerraformEnv>[0]) {
    const env = { NO_COLOR: '1', TERM: 'xterm-256color', ECS_WIZARD_TERRAFORM: FAKE_TERRAFORM, ...fakeTerraformEnv(settings) };
    const session = TmuxSession.start(name, `env -u CI node ${CLI} apply`, { cwd: dir, env });
    sessions.push(session);
    return session;
  }

  it('shows the plan, applies after the confirm bar, and ends on the done screen', async () => {
    const dir = await makeProject();
    const session = open('apply', dir, { speed: 200 });
    const review = await session.waitForText('Apply these changes to production?', 60_000);
    expect(review).toMatch(/6 to add/);
    await session.press('Enter');
    // The done screen stays until a key is pressed.
    const done = await session.waitForText('any key', 60_000);
    expect(done).toContain('✔ terraform apply');
    expect(done).not.toContain('✖');
    await session.press('q');
    expect(await session.waitForText('EXIT=')).toContain('EXIT=0');
  }, 120_000);

  it('Ctrl-C during the apply stops Terraform safely: one SIGINT, exit 130', async () => {
    const dir = await makeProject();
    const signalLog = path.join(root, 'signals.log');
    const session = open('interrupt', dir, { speed: 2, signalLog, shutdownMs: 800 });
    await session.waitForText('Apply these changes to production?', 60_000);
    await session.press('Enter');
    await session.waitFor((screen) => /Creating|Still creating/.test(screen), 'the apply to start', 60_000);
    await session.press('C-c');
    expect(await session.waitForText('Stopping safely', 10_000)).toContain('Stopping safely');
    const stopped = await session.waitForText('any key', 30_000);
    expect(stopped).toContain('Stopped (exit code 130)');
    await session.press('q');
    expect(await session.waitForText('EXIT=', 10_000)).toContain('EXIT=130');
    expect(readSignalLog(signalLog)).toEqual(['SIGINT']);
    expect(readFileSync(path.join(dir, '.ecs-wizard', 'runs', 'production.json'), 'utf8')).toContain('"interrupted"');
  }, 120_000);
});
