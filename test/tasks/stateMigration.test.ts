/**
 * Moving an environment's local state to S3 when ecs-wizard.json's backend
 * changes (the engine's init step; see src/tasks/stateMigration.ts), with the
 * collaborators faked. The real move, against the emulator's S3, is proven in
 * test/emulator/lifecycle.test.ts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendOf, stateFacts } from '../../src/tasks/stateMigration.js';
import { makeHarness, yesDecider, type Harness } from '../helpers/engineHarness.js';

const S3 = { bucket: 'acme-state', key: 'shop/production.tfstate', region: 'eu-west-1', use_lockfile: true };
const toS3 = (json: Record<string, any>) => ({ ...json, terraform: { ...json.terraform, backend: { s3: S3 } } });

function state(lineage: string, serial: number, resources: number) {
  return {
    version: 4,
    lineage,
    serial,
    resources: Array.from({ length: resources }, (_, i) => ({ mode: 'managed', type: 'aws_vpc', name: `vpc${i}`, instances: [{ attributes: {} }] })),
  };
}

/** A project that planned once with its local backend, and holds a local state. */
async function withLocalState(local = state('lineage-local', 7, 3)): Promise<{ h: Harness; file: string }> {
  const h = makeHarness();
  expect((await h.run({ command: 'plan', decider: yesDecider })).exitCode).toBe(0);
  // The demo stack's local backend: ../../../terraform.demo.tfstate from its folder.
  const file = path.join(h.dir, 'terraform.demo.tfstate');
  writeFileSync(file, JSON.stringify(local));
  h.calls.length = 0;
  h.script.stack = toS3;
  return { h, file };
}

const argsOf = (h: Harness) => h.calls.map((call) => call.args.join(' '));

describe('moving the state from a local file to S3', () => {
  it('reconfigures, pushes the local state, checks lineage and resources, keeps a copy', async () => {
    const { h, file } = await withLocalState();
    const original = readFileSync(file, 'utf8');
    // Empty key; the first write gets a new lineage (as Terraform 1.11 does); the second keeps ours.
    h.script.pulls = [{}, state('lineage-new', 1, 3), state('lineage-local', 8, 3)];
    const run = await h.run({ command: 'plan', decider: yesDecider });

    expect(run.exitCode, JSON.stringify(run.failure?.message)).toBe(0);
    expect(argsOf(h)).toEqual([
      'init -reconfigure',
      'state pull',
      `state push -force ${file}`,
      'state pull',
      `state push -force ${file}`,
      'state pull',
      expect.stringMatching(/^plan /),
    ]);
    expect(existsSync(file)).toBe(false);
    const backups = readdirSync(h.dir).filter((name) => name.startsWith('terraform.demo.tfstate.moved-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(h.dir, backups[0]!), 'utf8')).toBe(original);
    const warning = run.events.find((e) => e.type === 'warning' && e.message.startsWith('Moved the state'));
    expect(warning).toMatchObject({
      message: expect.stringContaining('to s3://acme-state/shop/production.tfstate (3 resources, lineage lineage-local, checked after the move)'),
    });

    // Done once: the next run neither moves nor inits again.
    h.calls.length = 0;
    await h.run({ command: 'plan', decider: yesDecider });
    expect(argsOf(h).filter((args) => !args.startsWith('plan '))).toEqual([]);
  });

  it('stops, moving nothing, when the S3 key already holds another state', async () => {
    const { h, file } = await withLocalState();
    h.script.pulls = [state('lineage-teammate', 12, 40)];
    const run = await h.run({ command: 'plan', decider: yesDecider });

    expect(run.exitCode).toBe(1);
    expect(run.failure?.message).toBe(
      's3://acme-state/shop/production.tfstate already holds a state for production (40 resources, lineage lineage-teammate), and it is not the local one (3 resources, lineage lineage-local); nothing was moved.',
    );
    expect(run.failure?.next).toContain('the local one is terraform.demo.tfstate');
    expect(argsOf(h)).toEqual(['init -reconfigure', 'state pull']);
    expect(existsSync(file)).toBe(true);
  });

  it('keeps the shared state when it already is this one (moved before, by a teammate or a run that stopped)', async () => {
    const { h, file } = await withLocalState();
    h.script.pulls = [state('lineage-local', 9, 3)];
    const run = await h.run({ command: 'plan', decider: yesDecider });
    expect(run.exitCode).toBe(0);
    expect(argsOf(h).filter((args) => args.startsWith('state push'))).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('stops, keeping the copy, when the pushed state does not read back the same', async () => {
    const { h, file } = await withLocalState();
    h.script.pulls = [{}, state('lineage-other', 1, 3)];
    const run = await h.run({ command: 'plan', decider: yesDecider });
    expect(run.exitCode).toBe(1);
    expect(run.failure?.message).toMatch(/is not the local one after moving it \(3 resources, lineage lineage-other; expected 3 resources, lineage lineage-local\)/);
    expect(run.failure?.next).toMatch(/The local state is kept at terraform\.demo\.tfstate\.moved-/);
    // The local file stays too: the next run tries again.
    expect(existsSync(file)).toBe(true);
  });

  it('an environment with no local state just starts in S3', async () => {
    const h = makeHarness({ stack: toS3 });
    const run = await h.run({ command: 'plan', decider: yesDecider });
    expect(run.exitCode).toBe(0);
    expect(argsOf(h)[0]).toBe('init');
  });

  it('a backend change it does not move says how to move it, not to check the network', async () => {
    const h = makeHarness({ stack: toS3 });
    await h.run({ command: 'plan', decider: yesDecider });
    h.script.stack = (json) => ({ ...json, terraform: { ...json.terraform, backend: { s3: { ...S3, bucket: 'other-bucket' } } } });
    h.script.init = {
      diagnostics: [{ severity: 'error', summary: 'Backend configuration changed', detail: 'A change in the backend configuration has been detected, which may require migrating existing state.' }],
    };
    h.calls.length = 0;
    const run = await h.run({ command: 'plan', decider: yesDecider });
    // A plain init: never -reconfigure, which would start from an empty state.
    expect(argsOf(h)).toEqual(['init']);
    expect(run.exitCode).toBe(1);
    expect(run.failure?.message).toBe(
      'The backend of production changed (s3://acme-state/shop/production.tfstate -> s3://other-bucket/shop/production.tfstate), and ecs-wizard moves state by itself only from local files to S3.',
    );
    expect(run.failure?.next).toBe(`Move the state with Terraform, then run again: terraform -chdir=${h.stackDir} init -migrate-state (it asks before it copies; keep a copy of the state first).`);
    expect(run.failure?.next).not.toMatch(/network|mirror/);
  });
});

describe('reading backends and states', () => {
  it('the backend block of a stack, and what a state holds', () => {
    expect(backendOf(JSON.stringify({ terraform: { backend: { s3: S3 } } }))).toEqual({ type: 's3', config: S3 });
    expect(backendOf('{}')).toBeUndefined();
    expect(stateFacts(state('l', 3, 2))).toEqual({ lineage: 'l', serial: 3, resources: 2 });
    expect(stateFacts(undefined)).toEqual({ lineage: '', serial: 0, resources: 0 });
  });
});
