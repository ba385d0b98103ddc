/**
 * The CI variables in a real terminal. Ink decides for itself whether it runs
 * under CI (is-in-ci: CI or CONTINUOUS_INTEGRATION defined and not "0" or
 * "false"), and under CI it prints only its last frame, at exit: a wizard
 * that Ink thinks runs in CI looks hung. ecs-wizard's choice of mode and
 * Ink's must agree: `CI= npx ecs-wizard` (the shell's way to clear CI for one
 * command) is a person at a terminal, and the wizard draws and answers keys;
 * CONTINUOUS_INTEGRATION=true is CI, and no prompt is shown.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { hasTmux, terminalTests } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the CI-variable terminal tests did not run (apt-get install tmux) ***');

describe.skipIf(!available)('CI variables in a real terminal', () => {
  const terminal = terminalTests('ecs-wizard-e2e-ci-');

  /** The wizard with the CI variables of the test run removed, then `variables` set as given. */
  const open = (name: string, variables: string) => {
    const session = terminal.start(name, `env -u CI -u CONTINUOUS_INTEGRATION ${variables} node ${CLI}`, {
      cwd: terminal.root,
      env: { NO_COLOR: '1', TERM: 'xterm-256color' },
    });
    return session;
  };

  it('CI set to an empty string: the wizard draws its frames and answers keys', async () => {
    const session = open('empty', 'CI=');
    // Under Ink's CI mode nothing is drawn until the app exits: this wait would time out.
    await session.waitForText('App name', 15_000);
    await session.press('Tab');
    // The focus marker moved to the second field: a frame drawn after a key.
    await session.waitFor((screen) => /›\s+Preset/.test(screen), 'the focus on Preset', 10_000);
    await session.press('C-c');
    const screen = await session.waitForText('EXIT=');
    expect(screen).toContain('Cancelled: nothing was written.');
    expect(screen).toContain('EXIT=130');
  });

  it('CONTINUOUS_INTEGRATION=true counts as CI, as it does for Ink: no prompt, a clear error', async () => {
    const session = open('continuous', 'CONTINUOUS_INTEGRATION=true');
    const screen = await session.waitForText('EXIT=', 15_000);
    expect(screen).toContain('no terminal to ask questions in');
    expect(screen).not.toContain('App name');
    expect(screen).toMatch(/EXIT=2\b/);
  });
});
