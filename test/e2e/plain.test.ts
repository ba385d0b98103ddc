/**
 * Plain mode in a real terminal that cannot redraw (TERM=dumb, which picks
 * plain mode by itself): the built CLI in tmux, keys sent in bursts, and
 * every byte it writes recorded. Backspace erases, `?` shows help and never
 * lands in an answer, keys that arrive together are all applied, and not one
 * escape sequence (cursor movement, erase, colour) is written.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/wizard/questions.js';
import { CLI, makeProject } from '../helpers/cli.js';
import { FAKE_TERRAFORM, fakeTerraformEnv, readArgsLog } from '../helpers/fakeTerraformHarness.js';
import { hasTmux, terminalTests } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the plain-mode terminal tests did not run (apt-get install tmux) ***');

describe.skipIf(!available)('plain mode in a dumb terminal', () => {
  const terminal = terminalTests('ecs-wizard-e2e-plain-');

  /** The CLI under TERM=dumb, colours left to it (no NO_COLOR, no FORCE_COLOR), its output recorded. */
  function open(name: string, args: string, dir: string, env: Record<string, string> = {}) {
    const record = path.join(terminal.root, `${name}.bytes`);
    const session = terminal.start(name, `env -u CI -u NO_COLOR -u FORCE_COLOR TERM=dumb node ${CLI} ${args}`, { cwd: dir, env, record });
    return { session, bytes: () => readFileSync(record, 'latin1') };
  }

  it('walks a new project: Backspace erases, ? shows help, a burst of Enters keeps every default', async () => {
    const dir = path.join(terminal.root, 'shop');
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    const { session, bytes } = open('wizard', '', dir, { AWS_REGION: 'eu-west-1' });
    await session.waitForText('? App name (shop)', 30_000);
    // A typo erased in the same burst, with both Backspaces a terminal may send (DEL, then BS):
    // the answer is accepted and the next question comes.
    session.burst('blogxy', 'BSpace', 'C-h', 'Enter');
    await session.waitForText('? Preset');
    session.burst('?');
    await session.waitForText('A complete starting point');
    // Every question left (the preset up to the review's action) answered by one Enter each, all in one burst.
    const left = QUESTIONS.filter((entry) => entry.id !== 'app.name' && entry.id !== 'env.pipeline.connectionArn').length;
    session.burst(...Array<string>(left).fill('Enter'));
    const screen = await session.waitForText('EXIT=', 30_000);
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('→ Generate only');

    const config = JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));
    expect(config.app.name).toBe('blog');
    expect(config.environments.production.pipeline).toMatchObject({ owner: 'acme', repo: 'shop' });
    const written = bytes();
    expect(written).toContain('? App name (shop): blogxy\b \b\b \b\r\n');
    expect(written).not.toContain('\x1b');
  }, 90_000);

  it('applies after the data guard gets its address pasted in one burst, a ? and a typo inside it', async () => {
    const dir = await makeProject();
    const argsLog = path.join(terminal.root, 'apply-args.log');
    const env = { ECS_WIZARD_TERRAFORM: FAKE_TERRAFORM, ...fakeTerraformEnv({ speed: 200, argsLog, scenarios: { plan: 'plan-replace', show: 'show-plan-replace', apply: 'apply-replace' } }) };
    const { session, bytes } = open('apply', 'apply', dir, env);
    await session.waitForText('Type aws_db_instance.db to accept losing it', 60_000);
    session.burst('aws_db_instance.d?bz', 'BSpace', 'Enter');
    await session.waitForText('Type aws_ecr_repository.orphan to accept losing it', 10_000);
    session.burst('aws_ecr_repository.orphan', 'Enter');
    await session.waitForText('Apply these changes to production? (y/N):', 10_000);
    session.burst('y', 'Enter');
    const screen = await session.waitForText('EXIT=', 60_000);
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('✔ Applied: 0 added, 1 changed, 1 replaced, 1 destroyed.');
    expect(readArgsLog(argsLog).map((call) => call.argv[0])).toContain('apply');

    const written = bytes();
    expect(written).toContain('Terraform destroys this resource and creates a new, empty one');
    // Neither the prompts nor listr2's renderer write an escape sequence: no cursor movement, no erase, no colour.
    expect(written).not.toContain('\x1b');
  }, 120_000);
});
