/**
 * `ecs-wizard cost` and `ecs-wizard diagram` as a user runs them (the built
 * CLI, no terminal): the estimate as a table and as exactly one `cost` event
 * then `done`; the drawing to stdout or a file; and bad input (an unknown
 * --format, an --out that cannot be written, usage that is negative or not a
 * number) exits 2 naming the field, with nothing written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, makeProject, runCli } from '../helpers/cli.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

beforeAll(() => ensureBuilt(), 600_000);

const US_PRODUCTION = [
  '--preset', 'production',
  '--set', 'environments.production.region=us-east-1',
  '--set', 'environments.production.pipeline.owner=acme',
  '--set', 'environments.production.pipeline.repo=shop',
];
const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ecs-wizard cost', () => {
  it('--json: one cost event of exactly the documented shape, then done; a new folder stays empty', async () => {
    const dir = makeTmpDir('ecs-wizard-cost-json-');
    const run = await runCli(['cost', '--json', ...US_PRODUCTION], { cwd: dir, env: cleanEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    const events = lines(run.stdout);
    expect(events.map((event) => event.type)).toEqual(['cost', 'done']);
    const cost = events[0]!;
    expect(Object.keys(cost)).toEqual(['type', 'environment', 'currency', 'priceDate', 'monthly', 'lines']);
    expect(cost).toMatchObject({ environment: 'production', currency: 'USD', priceDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(cost.monthly).toEqual({ min: 299.64, max: 443.81 });
    const rows = cost.lines as Array<Record<string, unknown>>;
    for (const row of rows) expect(Object.keys(row)).toEqual(['component', 'item', 'monthly', 'assumption']);
    expect(rows.find((row) => row.item === 'NAT gateway × 3')).toEqual({ component: 'network', item: 'NAT gateway × 3', monthly: 98.55, assumption: '730 hours a month (usage.hours)' });
    expect(rows.find((row) => String(row.item).startsWith('Fargate vCPU'))!.monthly).toEqual({ min: 29.55, max: 147.75 });
    expect(events[1]).toMatchObject({ type: 'done', exitCode: 0 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('in the middle of a blue/green change: both copies are priced, each line naming its copy; the drawing shows both', async () => {
    const dir = makeTmpDir('ecs-wizard-cost-copies-');
    const midChange = [
      ...US_PRODUCTION,
      '--set', 'app.name=shop',
      '--set', 'environments.production.domain.name=shop.example.com',
      '--set', 'environments.production.domain.hostedZoneId=Z0123456789ABCDEFGHIJ',
      '--set', 'environments.production.copies.live=blue',
      '--set', 'environments.production.copies.next=green',
      '--set', 'environments.production.copies.nextWeight=10',
    ];
    const run = await runCli(['cost', '--json', ...midChange], { cwd: dir, env: cleanEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    const cost = lines(run.stdout)[0]!;
    const rows = cost.lines as Array<Record<string, unknown>>;
    expect(rows.filter((row) => String(row.item).endsWith('Application Load Balancer × 1')).map((row) => row.item)).toEqual([
      'blue: Application Load Balancer × 1',
      'green: Application Load Balancer × 1',
    ]);
    expect(rows.find((row) => row.item === 'green: Fargate vCPU: 0.5 vCPU × 2-10 tasks')!.monthly).toEqual({ min: 29.55, max: 147.75 });
    const mermaid = await runCli(['diagram', '--format', 'mermaid', ...midChange], { cwd: dir, env: cleanEnv() });
    expect(mermaid.exitCode, mermaid.stderr).toBe(0);
    expect(mermaid.stdout).toContain('Copy green: new, 10% of the traffic · Load balancer shop-production-green-alb');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('prints a table; a region whose prices are unknown says so line by line', async () => {
    const project = await makeProject(); // eu-west-1
    const run = await runCli(['cost'], { cwd: project, env: cleanEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('Monthly estimate for production in eu-west-1');
    expect(run.stdout).toMatch(/NAT gateway × 1\s+\$35\.04/);
    expect(run.stdout).toMatch(/RDS PostgreSQL db\.t4g\.micro, single-AZ\s+unknown/);
    expect(run.stdout).toContain('Total of the known lines (3 unknown)');
    expect(run.stdout).toContain('Prices found in other sources for eu-west-1');
    for (const line of run.stdout.trimEnd().split('\n').slice(0, -1)) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('usage that is negative or not a number: exit 2 naming the field, nothing written', async () => {
    const project = await makeProject();
    const before = readFileSync(path.join(project, 'ecs-wizard.json'), 'utf8');
    const negative = await runCli(['cost', '--set', 'environments.production.usage.natGb=-5'], { cwd: project, env: cleanEnv() });
    expect(negative.exitCode).toBe(2);
    expect(negative.stderr).toContain('environments.production.usage.natGb');
    expect(negative.stderr).toContain('cannot be negative');
    const word = await runCli(['cost', '--json', '--set', 'environments.production.usage.hours=lots'], { cwd: project, env: cleanEnv() });
    expect(word.exitCode).toBe(2);
    expect(word.stderr).toContain('environments.production.usage.hours');
    expect(lines(word.stdout).map((event) => event.type)).toEqual(['failure', 'done']);
    expect(JSON.stringify(lines(word.stdout)[0]!.problems)).toContain('environments.production.usage.hours');
    expect(readFileSync(path.join(project, 'ecs-wizard.json'), 'utf8')).toBe(before);
  });
});

describe('ecs-wizard diagram', () => {
  it('draws text by default, Mermaid or SVG on request, and writes --out whole', async () => {
    const project = await makeProject();
    const text = await runCli(['diagram'], { cwd: project, env: cleanEnv() });
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toContain('┌ eu-west-1a');
    for (const line of text.stdout.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    const mermaid = await runCli(['diagram', '--format', 'mermaid'], { cwd: project, env: cleanEnv() });
    expect(mermaid.stdout.startsWith('flowchart TB\n')).toBe(true);
    const out = path.join(project, 'docs-drawing.svg');
    const svg = await runCli(['diagram', '--out', out], { cwd: project, env: cleanEnv() });
    expect(svg.exitCode, svg.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<svg ')).toBe(true);
    expect(readdirSync(project).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('an unknown --format, or an --out that cannot be written: exit 2 naming it, nothing written', async () => {
    const project = await makeProject();
    const listing = () => readdirSync(project).sort();
    const before = listing();
    const format = await runCli(['diagram', '--format', 'png'], { cwd: project, env: cleanEnv() });
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toContain('--format "png" is not a format; choose one of text, svg, mermaid');
    const missing = path.join(project, 'no-such-folder', 'drawing.svg');
    const out = await runCli(['diagram', '--out', missing], { cwd: project, env: cleanEnv() });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain(`--out ${missing} cannot be written (ENOENT); nothing was written`);
    const intoFile = await runCli(['diagram', '--out', path.join(project, 'ecs-wizard.json', 'x.svg')], { cwd: project, env: cleanEnv() });
    expect(intoFile.exitCode).toBe(2);
    expect(intoFile.stderr).toContain('cannot be written');
    expect(existsSync(path.join(project, 'no-such-folder'))).toBe(false);
    expect(listing()).toEqual(before);
  });
});
