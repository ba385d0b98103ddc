import { afterEach, describe, expect, it, vi } from 'vitest';
import { heightOf, prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';
import { DEFAULTS, existingConfig, modifyContext, run } from '../helpers/wizard.js';
import type { WizardState } from '../../src/wizard/reducer.js';

let screen: ScreenTest | undefined;
const waitFor = (check: () => void, timeout: number) => vi.waitFor(check, { timeout, interval: 50 });
afterEach(() => screen?.unmount());

const change = (state: WizardState, answers: Record<string, string | boolean>) =>
  run(state, ...Object.entries(answers).map(([field, value]) => ({ type: 'set' as const, field: field as never, value })));

describe('ReviewScreen', () => {
  it('shows every answer of a new project and the three ways to finish', async () => {
    screen = await renderScreen('review');
    const frame = screen.lastFrame();
    expect(frame).toMatch(/Project\s+shop · production · starter preset/);
    expect(frame).toMatch(/Region\s+Europe \(Ireland\) eu-west-1 · eu-west-1a, eu-west-1b/);
    expect(frame).toMatch(/Network\s+10\.0\.0\.0\/16 · one shared NAT gateway/);
    expect(prose(frame)).toContain('Database PostgreSQL 16 · db.t4g.micro (2 vCPU, 1 GiB) · 20-50 GiB · single-AZ · 1-day backups · unprotected');
    expect(frame).toMatch(/Container\s+0\.25 vCPU, 0\.5 GB · port 3000 · \/health · migrate: npm run migrate/);
    expect(frame).toMatch(/Scaling\s+1-2 tasks · up above 85% · down below 40% · 2 × 60 s/);
    expect(frame).toMatch(/Pipeline\s+acme\/shop @ main · new connection/);
    expect(frame).toMatch(/› Action\s+› Generate only\s+write the files; no AWS calls/);
    expect(frame).toMatch(/Generate and plan\s+show what would change; changes nothing/);
    expect(frame).toMatch(/Generate, plan and apply\s+asks before changing anything/);
    expect(frame).not.toContain('change to');
  });

  it('finishes with the highlighted action', async () => {
    screen = await renderScreen('review');
    await screen.press('down', 'down');
    expect(screen.state().answers['wizard.action']).toBe('apply');
    await screen.press('enter');
    expect(screen.state().status).toBe('done');
  });

  it('goes back with Esc and explains the actions with ?', async () => {
    screen = await renderScreen('review');
    await screen.type('?');
    expect(prose(screen.lastFrame())).toContain('Action: Generating writes ecs-wizard.json and the Terraform project. Planning and applying also run Terraform');
    await screen.press('escape', 'escape');
    expect(screen.state().step).toBe('deploys');
  });

  it('shows old → new for each changed answer and marks the lines they belong to', async () => {
    screen = await renderScreen('review', {
      context: modifyContext(),
      prepare: (state) => change(state, { 'env.database.instanceClass': 'db.t4g.small', 'env.database.multiAz': true }),
    });
    const frame = screen.lastFrame();
    expect(frame).toContain('ecs-wizard · modifying production of shop');
    expect(frame).toContain('2 changes to production:');
    expect(frame).toContain('~ Database › Instance class:\n    db.t4g.micro (2 vCPU, 1 GiB) → db.t4g.small (2 vCPU, 2 GiB)');
    expect(frame).toContain('~ Database › Multi-AZ: no → yes');
    expect(frame).toMatch(/~ Database\s+PostgreSQL 16 · db\.t4g\.small/);
    expect(frame).toMatch(/^ {2}Network/m);
    expect(frame).not.toContain('starter preset');
  });

  it('says so when nothing changed', async () => {
    screen = await renderScreen('review', { context: modifyContext() });
    expect(screen.lastFrame()).toContain('No changes to production: the project is generated again as it is.');
    expect(screen.lastFrame()).not.toMatch(/^~/m);
  });

  it('keeps a long diff within 24 rows', async () => {
    screen = await renderScreen('review', {
      context: modifyContext(),
      prepare: (state) =>
        change(state, {
          'env.database.instanceClass': 'db.r7g.large',
          'env.database.multiAz': true,
          'env.database.deletionProtection': true,
          'env.database.backupRetentionDays': '14',
          'env.network.natGateways': 'perAz',
          'env.service.maxCount': '6',
          'app.containerPort': '8080',
          'env.pipeline.branch': 'release',
        }),
    });
    const frame = screen.lastFrame();
    expect(frame).toContain('8 changes to production:');
    expect(frame).toMatch(/… and \d more/);
    expect(heightOf(frame)).toBeLessThanOrEqual(23);
  });

  it('lists what still blocks finishing after Enter, with the step it belongs to', async () => {
    screen = await renderScreen('review', { context: { mode: 'new', defaults: { ...DEFAULTS, github: undefined } } });
    await screen.press('enter');
    expect(screen.state().status).toBe('editing');
    const text = prose(screen.lastFrame());
    expect(text).toContain('✗ Pipeline › GitHub owner: the GitHub owner is a user or organisation name, e.g. "acme"');
    expect(text).toContain('✗ Pipeline › Repository: the GitHub repository is a name like "shop"');
  });

  it('says the monthly total, and draws the stack from its synthesized JSON on d', async () => {
    screen = await renderScreen('review');
    expect(screen.lastFrame()).toMatch(/Cost\s+\$[\d.]+-\$[\d.]+\/month \+ 3 unknown, minimum to maximum tasks/);
    expect(screen.lastFrame()).toContain('d diagram');
    await screen.type('d');
    await waitFor(() => expect(screen!.lastFrame()).toContain('┌ eu-west-1a'), 20_000);
    const frame = screen.lastFrame();
    expect(frame).toContain('· NAT gateway');
    expect(frame).toContain('d back to the review');
    for (const line of frame.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    await screen.type('d');
    expect(screen.lastFrame()).toContain('› Action');
  }, 30_000);

  it('shows which copy is live for an environment in the middle of a blue/green change', async () => {
    const existing = existingConfig();
    existing.environments.production!.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
    existing.environments.production!.copies = { live: 'blue', next: 'green', nextWeight: 10 };
    screen = await renderScreen('review', { context: { mode: 'modify', defaults: DEFAULTS, existing, environment: 'production' } });
    const frame = screen.lastFrame();
    expect(prose(frame)).toContain('Copies blue live (90%), green next (10%): changes apply to green; then ecs-wizard bluegreen switch, rollback or finish');
    expect(frame).toMatch(/Domain\s+https:\/\/shop\.example\.com · Z0123456789ABCDEFGHIJ · new certificate/);
    expect(heightOf(frame)).toBeLessThanOrEqual(23);
  });
});
