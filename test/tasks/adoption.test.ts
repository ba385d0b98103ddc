/**
 * Moving resources between states with the real Terraform, on stacks of
 * `terraform_data` (Terraform's built-in provider: no AWS, no download), with
 * a local backend and with an S3 backend on the emulator's S3 (lock files
 * included). Each scenario applies one "environment" holding two resources,
 * splits it into a shared layer and a copy, and proves with plans that
 * neither state plans any change: nothing replaced, nothing lost. An
 * adoption stopped between its two pushes is resumed.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptCopy, realAdoptionDeps, type AdoptionDeps } from '../../src/tasks/adoption.js';
import { findTerraform } from '../../src/terraform/binary.js';
import { pullState } from '../../src/terraform/stateCommands.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';
import { startEmulator, type EmulatorStart } from '../helpers/emulator.js';
import { describeRun, terraform as runTf, type TerraformKit } from '../helpers/infraTerraform.js';

const root = makeTmpDir('ecs-wizard-adoption-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

let kit: TerraformKit | undefined;
let skipped = '';
try {
  const binary = await findTerraform();
  kit = { binary: binary.path, version: binary.version, env: { TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' } };
} catch (error) {
  skipped = (error as Error).message;
  console.warn(`SKIPPED: state adoption with real Terraform: ${skipped}`);
}

/** Two resources the copy takes and one the shared layer keeps, one depending on another. */
const RESOURCES = {
  network: 'resource "terraform_data" "network" { input = "vpc" }',
  alb: 'resource "terraform_data" "alb" { input = "alb" }',
  service: 'resource "terraform_data" "service" {\n  input = "web"\n  triggers_replace = [terraform_data.alb.id]\n}',
};

function stack(dir: string, backend: string, resources: string[], outputs: string[] = []): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'main.tf'), [`terraform {\n${backend}\n}`, ...resources, ...outputs].join('\n\n'));
  return dir;
}

async function tf(dir: string, args: string[]) {
  const result = await runTf(kit!, dir, args);
  expect(result.exitCode, describeRun(args, result)).toBe(0);
  return result;
}

/** A plan with nothing to do exits 0 under -detailed-exitcode (2 means changes). */
async function expectNoChanges(dir: string) {
  const args = ['plan', '-input=false', '-no-color', '-detailed-exitcode'];
  const result = await runTf(kit!, dir, args);
  expect(result.exitCode, describeRun(args, result)).toBe(0);
}

async function scenario(name: string, backend: (key: string) => string, deps: AdoptionDeps = realAdoptionDeps) {
  const project = path.join(root, name);
  const shared = path.join(project, 'cdktf.out', 'stacks', 'production');
  const copy = path.join(project, 'cdktf.out', 'stacks', 'production.blue');
  // One state with everything, applied.
  stack(shared, backend('production'), [RESOURCES.network, RESOURCES.alb, RESOURCES.service], ['output "vpc" { value = terraform_data.network.output }', 'output "alb" { value = terraform_data.alb.output }']);
  await tf(shared, ['init', '-input=false', '-no-color']);
  await tf(shared, ['apply', '-auto-approve', '-input=false', '-no-color']);
  const before = await pullState({ binary: kit!.binary, cwd: shared, logFile: path.join(project, 'pull.log') });
  // The layout with copies: the shared layer keeps the network, the copy declares the rest.
  stack(shared, backend('production'), [RESOURCES.network], ['output "vpc" { value = terraform_data.network.output }']);
  stack(copy, backend('production.blue'), [RESOURCES.alb, RESOURCES.service]);
  await tf(copy, ['init', '-input=false', '-no-color']);
  const adopt = () =>
    adoptCopy({
      dir: project,
      binary: kit!.binary,
      sharedDir: shared,
      copyDir: copy,
      sharedName: 'production',
      copyName: 'production.blue',
      sharedAddresses: ['terraform_data.network'],
      sharedOutputs: ['vpc'],
      copyAddresses: ['terraform_data.alb', 'terraform_data.service'],
      logFile: (label) => path.join(project, '.ecs-wizard', 'logs', `${label}.jsonl`),
      now: () => new Date(),
      deps,
    });
  return { project, shared, copy, before: before!, adopt };
}

const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
const keysBefore = KEYS.map((key) => process.env[key]);
beforeAll(() => {
  // Terraform's S3 backend reads these; the emulator takes any key.
  for (const key of KEYS) process.env[key] = 'test';
});
afterAll(() => {
  // As they were: the worker runs other files next (vitest.config.ts: isolate false).
  KEYS.forEach((key, index) => {
    if (keysBefore[index] === undefined) delete process.env[key];
    else process.env[key] = keysBefore[index];
  });
});

describe.skipIf(!kit)('adopting copies: resources move between states untouched', () => {
  const local = (key: string) => `  backend "local" { path = "../../../.ecs-wizard/state/${key}.tfstate" }`;

  it('local state: the copy takes its resources as they were, the shared state keeps the rest; no plan changes anything', async () => {
    const { project, shared, copy, before, adopt } = await scenario('local', local);
    const result = await adopt();
    expect(result).toMatchObject({ kind: 'split', moved: ['terraform_data.alb', 'terraform_data.service'] });
    await expectNoChanges(shared);
    await expectNoChanges(copy);
    const sharedAfter = (await pullState({ binary: kit!.binary, cwd: shared, logFile: path.join(project, 'p.log') }))!;
    const copyAfter = (await pullState({ binary: kit!.binary, cwd: copy, logFile: path.join(project, 'p.log') }))!;
    expect(sharedAfter.lineage).toBe(before.lineage);
    expect(sharedAfter.serial).toBeGreaterThan(before.serial);
    expect(Object.keys(sharedAfter.outputs ?? {})).toEqual(['vpc']);
    const ids = (state: typeof before) => Object.fromEntries(state.resources.map((r) => [r.name, r.instances[0]!.attributes!['id']]));
    expect({ ...ids(sharedAfter), ...ids(copyAfter) }).toEqual(ids(before));
    // A backup of the state as it was, readable by its owner only.
    const backups = readdirSync(path.join(project, '.ecs-wizard', 'backups'));
    expect(backups).toHaveLength(1);
    expect(statSync(path.join(project, '.ecs-wizard', 'backups', backups[0]!)).mode & 0o077).toBe(0);
    expect(readdirSync(path.join(project, '.ecs-wizard', 'tmp'))).toEqual([]);
    // Running again has nothing to move.
    expect(await adopt()).toMatchObject({ kind: 'done' });
  }, 120_000);

  it('stopped between the two pushes, both states hold the objects; running again only finishes the shared one', async () => {
    let pushes = 0;
    const crashing: AdoptionDeps = {
      ...realAdoptionDeps,
      pushState: async (options) => {
        pushes += 1;
        if (pushes === 2) throw new Error('killed between the pushes');
        await realAdoptionDeps.pushState(options);
      },
    };
    const { shared, copy, adopt } = await scenario('resume', local, crashing);
    await expect(adopt()).rejects.toThrow('killed between the pushes');
    // The copy already holds its objects; the shared state still holds them too, so none is lost.
    const result = await adopt();
    expect(result).toMatchObject({ kind: 'resume', moved: ['terraform_data.alb', 'terraform_data.service'] });
    await expectNoChanges(shared);
    await expectNoChanges(copy);
  }, 120_000);

  describe('S3 state with lock files, on the emulator', () => {
    let emulator: EmulatorStart | undefined;
    beforeAll(async () => {
      emulator = await startEmulator();
      if (!emulator.ok) return;
      const bucket = await fetch(`${emulator.endpoint}/state-bucket`, {
        method: 'PUT',
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=0' },
        body: '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>',
      });
      expect(bucket.ok).toBe(true);
    }, 120_000);
    afterAll(async () => {
      if (emulator?.ok) await emulator.stop();
    });

    it('moves the same way through the S3 backend', async (ctx) => {
      if (!emulator?.ok) {
        console.warn(`SKIPPED: adoption on S3 state: ${emulator?.reason}`);
        return ctx.skip();
      }
      const endpoint = emulator.endpoint;
      const s3 = (key: string) =>
        [
          '  backend "s3" {',
          '    bucket = "state-bucket"',
          `    key = "shop/${key}.tfstate"`,
          '    region = "eu-west-1"',
          '    use_lockfile = true',
          '    use_path_style = true',
          `    endpoints = { s3 = "${endpoint}", sts = "${endpoint}" }`,
          '    skip_credentials_validation = true',
          '    skip_requesting_account_id = true',
          '    skip_metadata_api_check = true',
          '    skip_region_validation = true',
          '  }',
        ].join('\n');
      const { shared, copy, adopt } = await scenario('s3', s3);
      expect(await adopt()).toMatchObject({ kind: 'split', moved: ['terraform_data.alb', 'terraform_data.service'] });
      await expectNoChanges(shared);
      await expectNoChanges(copy);
      const keys = await emulator.aws.rest('s3', '/state-bucket?list-type=2');
      const names = keys.children.filter((c) => c.name === 'Contents').map((c) => c.children.find((k) => k.name === 'Key')!.text);
      expect(names.sort()).toEqual(['shop/production.blue.tfstate', 'shop/production.tfstate']);
    }, 180_000);
  });
});
