/**
 * The scenario with real processes: one `apply` waits at its confirm
 * bar in a real terminal while something else touches the project. A second
 * ecs-wizard run waits for it (or stops under --no-wait) instead of rewriting
 * the reviewed plan; a plan file rewritten behind its back anyway is not
 * applied when the person presses Enter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, fakeEnv, makeProject, runCli, startCli } from '../helpers/cli.js';
import { FAKE_TERRAFORM, fakeTerraformEnv, readArgsLog } from '../helpers/fakeTerraformHarness.js';
import { hasTmux, terminalTests } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the confirm-bar tests did not run (apt-get install tmux) ***');

const SCENARIOS = { plan: 'plan-data-replace', show: 'show-plan-data-create' } as const;

describe.skipIf(!available)('an apply waiting at its confirm bar', () => {
  const terminal = terminalTests('ecs-wizard-e2e-confirm-');

  async function openApply(name: string) {
    const dir = await makeProject();
    const argsLog = path.join(path.dirname(dir), 'args.log');
    const env = { NO_COLOR: '1', TERM: 'xterm-256color', ECS_WIZARD_TERRAFORM: FAKE_TERRAFORM, ...fakeTerraformEnv({ speed: 200, argsLog, scenarios: SCENARIOS }) };
    const session = terminal.start(name, `env -u CI node ${CLI} apply`, { cwd: dir, env });
    await session.waitForText('Apply these changes to production?', 60_000);
    return { dir, session, argsLog };
  }

  it('a second run waits for it (or stops under --no-wait), and the first applies the plan it reviewed', async () => {
    const { dir, session, argsLog } = await openApply('second-run');
    const planFile = path.join(dir, '.ecs-wizard', 'plans', 'production.tfplan');
    const reviewed = readFileSync(planFile, 'utf8');

    const refused = await runCli(['plan', '--no-wait'], { cwd: dir, env: fakeEnv({ speed: 2000, argsLog, scenarios: { plan: 'plan-replace' } }) });
    expect(refused.exitCode, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('another ecs-wizard run holds this project: ecs-wizard apply (PID ');
    const second = startCli(['plan'], { cwd: dir, env: fakeEnv({ speed: 2000, argsLog, scenarios: { plan: 'plan-replace', show: 'show-plan-replace' } }) });
    await second.waitFor(({ stderr }) => stderr.includes('⚠ Waiting: another ecs-wizard run holds this project: ecs-wizard apply'));
    // The reviewed plan is untouched while the person reads it.
    expect(readFileSync(planFile, 'utf8')).toBe(reviewed);

    await session.press('Enter');
    expect(await session.waitForText('any key', 60_000)).toContain('✔ terraform apply');
    await session.press('q');
    expect(await session.waitForText('EXIT=')).toContain('EXIT=0');
    expect((await second.result).exitCode).toBe(0);
    // The first applied the very file it reviewed, before the second planned anything.
    const calls = readArgsLog(argsLog).map((call) => call.argv.filter((arg) => !arg.startsWith('-')));
    const ops = calls.filter(([command]) => command === 'plan' || command === 'apply');
    expect(ops.map(([command]) => command)).toEqual(['plan', 'apply', 'plan']);
    expect(ops[1]).toEqual(['apply', planFile]);
  }, 120_000);

  it('a plan file rewritten behind its back is not applied when Enter is pressed', async () => {
    const { dir, session, argsLog } = await openApply('tampered');
    const planFile = path.join(dir, '.ecs-wizard', 'plans', 'production.tfplan');
    // Another plan's file, put where the reviewed one was (as an old ecs-wizard, or a script, could).
    const marker = JSON.parse(readFileSync(planFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(planFile, JSON.stringify({ ...marker, plan_scenario: 'plan-replace' }));
    await session.press('Enter');
    const done = await session.waitForText('any key', 60_000);
    expect(done.replace(/\s+/g, ' ')).toContain('changed after it was reviewed');
    await session.press('q');
    expect(await session.waitForText('EXIT=')).toContain('EXIT=1');
    expect(readArgsLog(argsLog).map((call) => call.argv[0])).not.toContain('apply');
  }, 120_000);
});
