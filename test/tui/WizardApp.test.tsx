import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, presetConfig } from '../../src/config/index.js';
import { WizardApp, runWizard } from '../../src/tui/WizardApp.js';
import { COST_PENDING } from '../../src/tui/screenProps.js';
import type { WizardOutcome } from '../../src/wizard/types.js';
import { FakeStdin, FakeStdout, heightOf, renderInk, tick, until, type Rendered } from '../helpers/ink.js';
import { DEFAULTS, existingConfig } from '../helpers/wizard.js';

let mounted: Rendered | undefined;
afterEach(() => mounted?.unmount());

async function mount(existing?: ReturnType<typeof existingConfig>) {
  const outcomes: WizardOutcome[] = [];
  mounted = await renderInk(
    <WizardApp dir="/tmp/shop" defaults={DEFAULTS} onOutcome={(outcome) => outcomes.push(outcome)} {...(existing ? { existing } : {})} />,
  );
  return { app: mounted, outcomes };
}

describe('WizardApp', () => {
  it('walks a new project with Enter from Project to Review and generates', async () => {
    const { app, outcomes } = await mount();
    expect(app.lastFrame()).toContain('ecs-wizard · new project in shop/');
    const titles = ['[Project]', '[Region]', '[Zones]', '[Network]', '[Database]', '[Container]', '[Scaling]', '[Domain]', '[Pipeline]', '[Deploys]', '[Review]'];
    for (const title of titles) {
      const frame = await app.waitFor(title);
      expect(heightOf(frame)).toBeLessThanOrEqual(23);
      if (title !== '[Review]') await app.press('enter');
    }
    expect(app.lastFrame()).toContain('› Generate only');
    await app.press('enter');
    await app.waitFor('✓ production: generating the project');
    await until(() => outcomes.length > 0);
    expect(outcomes).toHaveLength(1);
    const outcome = outcomes[0]!;
    expect(outcome).toMatchObject({ kind: 'done', environment: 'production', action: 'generate' });
    if (outcome.kind !== 'done') throw new Error('not done');
    expect(outcome.config).toEqual(presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: DEFAULTS.github }));
    expect(parseConfig(outcome.config).ok).toBe(true);
  });

  it('keeps keys that arrive together across screens, as tmux send-keys sends them', async () => {
    const { app, outcomes } = await mount();
    app.stdin.write('\r'.repeat(10));
    await app.waitFor('[Review]');
    app.stdin.write('\u001B[B\r');
    await app.waitFor('✓ production: plan');
    await until(() => outcomes.length > 0);
    expect(outcomes).toMatchObject([{ kind: 'done', action: 'plan' }]);
  });

  it('cancels on Ctrl-C and says nothing was written', async () => {
    const { app, outcomes } = await mount();
    await app.press('enter', 'ctrlC');
    await until(() => outcomes.length > 0);
    expect(outcomes).toEqual([{ kind: 'cancelled' }]);
    expect(app.lastFrame()).toContain('Cancelled: nothing was written.');
    // Keys after the outcome change nothing.
    await app.press('enter');
    expect(outcomes).toHaveLength(1);
  });

  it('modifies an environment and shows the diff on review', async () => {
    const { app, outcomes } = await mount(existingConfig());
    await app.waitFor('What would you like to do?');
    expect(app.lastFrame()).toContain('› Modify production');
    await app.press('enter');
    await app.waitFor('modifying production of shop');
    await app.press('enter', 'enter', 'enter', 'enter');
    await app.waitFor('[Database]');
    await app.press('tab', 'tab', 'down');
    await app.press('enter', 'enter', 'enter', 'enter', 'enter', 'enter');
    const review = await app.waitFor('[Review]');
    expect(review).toContain('1 change to production:');
    expect(review).toContain('~ Database › Instance class:\n    db.t4g.micro (2 vCPU, 1 GiB) → db.t4g.small (2 vCPU, 2 GiB)');
    expect(review).toMatch(/~ Database\s+PostgreSQL 16/);
    await app.press('down', 'enter');
    await app.waitFor('✓ production: plan');
    await until(() => outcomes.length > 0);
    const outcome = outcomes[0]!;
    if (outcome.kind !== 'done') throw new Error('not done');
    expect(outcome.action).toBe('plan');
    expect(outcome.config.environments.production!.database!.instanceClass).toBe('db.t4g.small');
  });

  it('plans, applies or destroys a saved environment straight from the start menu', async () => {
    const existing = existingConfig();
    const { app, outcomes } = await mount(existing);
    await app.waitFor('Destroy production');
    await app.press('down', 'down', 'down', 'enter');
    await until(() => outcomes.length > 0);
    expect(outcomes).toEqual([{ kind: 'done', config: existing, environment: 'production', action: 'destroy' }]);
  });

  it('goes back to the start menu with Esc on the first step, and adds an environment', async () => {
    const { app, outcomes } = await mount(existingConfig());
    await app.press('enter');
    await app.waitFor('[Project]');
    await app.press('escape');
    await app.waitFor('What would you like to do?');
    for (let index = 0; index < 4; index++) await app.press('down');
    await app.waitFor('› Add an environment');
    await app.press('enter');
    await app.waitFor('adding an environment to shop');
    expect(app.lastFrame()).toContain('staging');
    for (let index = 0; index < 10; index++) await app.press('enter');
    await app.waitFor('[Review]');
    expect(app.lastFrame()).toContain('No changes to staging');
    await app.press('enter');
    await until(() => outcomes.length > 0);
    const outcome = outcomes[0]!;
    if (outcome.kind !== 'done') throw new Error('not done');
    expect(outcome.environment).toBe('staging');
    expect(Object.keys(outcome.config.environments)).toEqual(['production', 'staging']);
  });

  it('draws the form first; the cost line and the problems come in the frame after', async () => {
    const { app } = await mount();
    const first = app.stdout.frames.find((frame) => frame.includes('App name'))!;
    // The first frame asks nothing of zod: no estimate yet, and no problem (the defaults hold).
    expect(first).toContain(COST_PENDING);
    expect(first).not.toContain('/month');
    const estimated = await app.waitFor('/month');
    expect(estimated).not.toContain(COST_PENDING);
    expect(estimated).toContain('› App name');
    // The verdicts are live: a bad name shows its problem, and Enter is refused.
    await app.press('ctrlU');
    await app.type('Shop');
    await app.press('enter');
    const refused = await app.waitFor('✗');
    expect(refused).toContain('[Project]');
    expect(refused).toMatch(/the app name uses lower-case letters/);
  });

  it('renders without reading keys when stdin cannot go raw', async () => {
    const outcomes: WizardOutcome[] = [];
    mounted = await renderInk(<WizardApp dir="/tmp/shop" defaults={DEFAULTS} onOutcome={(outcome) => outcomes.push(outcome)} />, { isTTY: false });
    expect(mounted.lastFrame()).toContain('[Project]');
    mounted.stdin.write('\r');
    await tick();
    expect(mounted.lastFrame()).toContain('[Project]');
    expect(outcomes).toEqual([]);
  });
});

describe('runWizard', () => {
  it('mounts Ink, resolves with the outcome and unmounts', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout(80, 24);
    const pending = runWizard({
      dir: '/tmp/shop',
      defaults: DEFAULTS,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
    });
    await tick();
    expect(stdout.frames.join('')).toContain('App name');
    stdin.write('\u0003');
    await expect(pending).resolves.toEqual({ kind: 'cancelled' });
    expect(stdin.listenerCount('readable')).toBe(0);
  });

  it('refuses to start without an interactive terminal', async () => {
    const stdin = new FakeStdin(false) as unknown as NodeJS.ReadStream;
    await expect(runWizard({ dir: '/tmp/shop', defaults: DEFAULTS, stdin })).rejects.toThrow(/--plain/);
  });
});
