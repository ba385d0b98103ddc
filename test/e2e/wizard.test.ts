/**
 * End to end, as a person would: the built CLI in a real 80×24 terminal.
 * A new project walked with Enter through every screen to "Generate only",
 * then a re-run that changes the database class and shows the diff on Review;
 * the Domain step; and a save while other runs save and hold the project.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';
import { acquireProjectLock, LOCK_PATH } from '../../src/project/lock.js';
import { hasTmux, TmuxSession } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the terminal end-to-end tests did not run (apt-get install tmux) ***');

const STEPS = ['[Project]', '[Region]', '[Zones]', '[Network]', '[Database]', '[Container]', '[Scaling]', '[Domain]', '[Pipeline]', '[Deploys]', '[Review]'];

describe.skipIf(!available)('the wizard in a real terminal', () => {
  let dir: string;
  const sessions: TmuxSession[] = [];
  const env = { NO_COLOR: '1', TERM: 'xterm-256color', AWS_REGION: 'eu-west-1' };

  beforeAll(async () => {
    await ensureBuilt();
    dir = path.join(makeTmpDir('ecs-wizard-e2e-'), 'shop');
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
  }, 240_000);

  afterAll(() => {
    for (const session of sessions) session.kill();
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  const open = (name: string) => {
    // Started through env(1) so CI's variables (CI=true makes Ink print only its last frame) stay out.
    const session = TmuxSession.start(name, `env -u CI node ${CLI}`, { cwd: dir, env });
    sessions.push(session);
    return session;
  };

  it('walks a new project with Enter through every screen to "Generate only"', async () => {
    const session = open('new');
    let screen = await session.waitForText('App name');
    expect(screen).toContain('shop');
    for (const step of STEPS) {
      screen = await session.waitForText(step);
      // Every frame fits the terminal: no line wider than 80 columns.
      expect(Math.max(...screen.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
      await session.press('Enter');
    }
    screen = await session.waitForText('EXIT=');
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('Next: npx ecs-wizard plan');

    const config = JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));
    expect(config.app.name).toBe('shop');
    expect(config.environments.production).toMatchObject({
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      pipeline: { owner: 'acme', repo: 'shop' },
      database: { instanceClass: 'db.t4g.micro' },
    });
    for (const file of ['main.ts', 'cdktf.json', 'package.json', '.gitignore', 'cdktf.out/stacks/production/cdk.tf.json']) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
    }
  });

  /** Modify production: Enter through every step but the database, whose class goes one down the list; Review's screen. */
  const nextDatabaseClass = async (session: TmuxSession): Promise<string> => {
    await session.waitForText('What would you like to do?');
    await session.press('Enter'); // Modify production
    for (const step of STEPS.slice(0, 4)) {
      await session.waitForText(step);
      await session.press('Enter');
    }
    await session.waitForText('Instance class');
    // Engine → Version → Instance class, then one class down the list.
    await session.press('Tab', 'Tab', 'Down', 'Enter');
    for (const step of STEPS.slice(5, 10)) {
      await session.waitForText(step);
      await session.press('Enter');
    }
    return session.waitForText('[Review]');
  };

  it('re-runs to change the database class and shows the diff on Review', async () => {
    const session = open('modify');
    const review = await nextDatabaseClass(session);
    expect(review).toContain('1 change to production');
    expect(review).toMatch(/db\.t4g\.micro \(2 vCPU, 1 GiB\) → db\.t4g\.small \(2 vCPU, 2 GiB\)/);
    await session.press('Enter');
    expect(await session.waitForText('EXIT=')).toContain('EXIT=0');
    const config = JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));
    expect(config.environments.production.database.instanceClass).toBe('db.t4g.small');
    const stack = readFileSync(path.join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8');
    expect(stack).toContain('"instance_class": "db.t4g.small"');
  });

  it('walks the Domain step: a bad name is refused as it is typed, then the domain is saved', async () => {
    const session = open('domain');
    await session.waitForText('What would you like to do?');
    await session.press('Enter'); // Modify production
    for (const step of STEPS.slice(0, 7)) {
      await session.waitForText(step);
      await session.press('Enter');
    }
    await session.waitForText('[Domain]');
    await session.press('S', 'h', 'o', 'p', '.', 'E', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm');
    let screen = await session.waitForText('✗ the domain name is written in lower case');
    expect(screen).toContain('"shop.example.com"');
    await session.press('Enter');
    screen = await session.waitForText('[Domain]');
    expect(screen).toContain('Domain name');
    // Ctrl-U clears the field; the corrected name brings up the zone.
    await session.press('C-u', 'shop.example.com');
    // The zone's field was on screen already: wait for the corrected name itself to be drawn.
    screen = await session.waitFor((now) => /Domain name\s+shop\.example\.com/.test(now), 'the corrected domain name');
    expect(screen).toContain('Hosted zone ID');
    expect(screen).not.toContain('✗ the domain name');
    await session.press('Tab', '/hostedzone/Z0123456789ABCDEFGHIJ');
    await session.waitForText('✗ leave out "/hostedzone/"');
    await session.press('C-u', 'Z0123456789ABCDEFGHIJ', 'Enter');
    await session.waitForText('[Pipeline]');
    await session.press('Enter');
    await session.waitForText('[Deploys]');
    await session.press('Enter');
    const review = await session.waitForText('[Review]');
    expect(review).toMatch(/Domain\s+https:\/\/shop\.example\.com/);
    await session.press('Enter');
    expect(await session.waitForText('EXIT=')).toContain('EXIT=0');
    const config = JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));
    expect(config.environments.production.domain).toEqual({ name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' });
  });

  it('saves holding the project: it waits for the run that holds it, then puts the answers on top of what another run saved meanwhile', async () => {
    const before = JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));
    const session = open('concurrent');
    expect(await nextDatabaseClass(session)).toContain('1 change to production');
    // While the wizard is open, another run saves a change of its own...
    execFileSync(process.execPath, [CLI, 'synth', '--set', 'environments.production.service.maxCount=7'], { cwd: dir, env: { ...process.env, ...env, CI: '1' }, stdio: 'ignore' });
    // ...and a third holds the project when the wizard saves.
    const holder = await acquireProjectLock({ dir, command: 'apply' });
    try {
      await session.press('Enter');
      const waiting = await session.waitForText('Waiting: another ecs-wizard run holds this project');
      expect(waiting).toContain('ecs-wizard apply');
      expect(JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8')).environments.production.database.instanceClass).toBe(before.environments.production.database.instanceClass);
    } finally {
      holder.release();
    }
    const done = await session.waitForText('EXIT=');
    expect(done).toContain('EXIT=0');
    expect(done).toMatch(/ecs-wizard\.json changed while the wizard was open \(another run saved it\): your\s+answers were saved on top of it/);
    const config = JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));
    expect(config.environments.production.database.instanceClass).not.toBe(before.environments.production.database.instanceClass);
    expect(config.environments.production.service.maxCount).toBe(7);
    expect(existsSync(path.join(dir, LOCK_PATH))).toBe(false);
  });
});

