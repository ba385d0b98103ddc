/**
 * The run view in a real terminal, against the fake terraform replaying real
 * recordings: an apply approved at the confirm bar, the data guard answered
 * with addresses pasted in one burst, and a Ctrl-C during an apply, which raw
 * mode delivers as a key and which must reach Terraform as exactly one SIGINT.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject } from '../helpers/cli.js';
import { FAKE_TERRAFORM, fakeTerraformEnv, readArgsLog, readSignalLog } from '../helpers/fakeTerraformHarness.js';
import { hasTmux, terminalTests } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the run view end-to-end tests did not run (apt-get install tmux) ***');

describe.skipIf(!available)('the run view in a real terminal', () => {
  const terminal = terminalTests('ecs-wizard-e2e-run-');

  function open(name: string, dir: string, settings: Parameters<typeof fakeTerraformEnv>[0]) {
    const env = { NO_COLOR: '1', TERM: 'xterm-256color', ECS_WIZARD_TERRAFORM: FAKE_TERRAFORM, ...fakeTerraformEnv(settings) };
    const session = terminal.start(name, `env -u CI node ${CLI} apply`, { cwd: dir, env });
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

  it('takes each address at the data guard pasted in one burst with its Enter, and applies', async () => {
    const dir = await makeProject();
    const argsLog = path.join(terminal.root, 'guard-args.log');
    // A recorded plan that replaces the database and deletes an image repository.
    const session = open('guard', dir, { speed: 200, argsLog, scenarios: { plan: 'plan-replace', show: 'show-plan-replace', apply: 'apply-replace' } });
    await session.waitForText('Type aws_db_instance.db to allow it', 60_000);
    // The address and Enter in one send-keys: the program reads them in one chunk.
    session.burst('aws_db_instance.db', 'Enter');
    await session.waitForText('Type aws_ecr_repository.orphan to allow it', 10_000);
    // A typo, erased within the same burst, then Enter.
    session.burst('aws_ecr_repository.orphanz', 'BSpace', 'Enter');
    await session.waitForText('Apply these changes to production?', 10_000);
    await session.press('Enter');
    const done = await session.waitForText('any key', 60_000);
    expect(done).toContain('Applied: 0 added, 1 changed, 1 replaced, 1 destroyed.');
    await session.press('q');
    expect(await session.waitForText('EXIT=', 10_000)).toContain('EXIT=0');
    expect(readArgsLog(argsLog).map((call) => call.argv[0])).toContain('apply');
  }, 120_000);

  it('Ctrl-C during the apply stops Terraform safely: one SIGINT, exit 130', async () => {
    const dir = await makeProject();
    const signalLog = path.join(terminal.root, 'signals.log');
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
