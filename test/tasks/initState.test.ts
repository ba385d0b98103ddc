import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initFingerprint, initIsCurrent, recordInit } from '../../src/tasks/initState.js';
import { makeTmpDir, readFixture } from '../helpers/fakeTerraformHarness.js';

const stack = readFixture('demo-stack.cdk.tf.json');
const edit = (mutate: (json: Record<string, any>) => void): string => {
  const json = JSON.parse(stack) as Record<string, any>;
  mutate(json);
  return JSON.stringify(json);
};

describe('initFingerprint', () => {
  it('ignores resources, outputs and formatting: they do not need a new init', () => {
    const base = initFingerprint(stack, undefined);
    const resourcesChanged = edit((j) => {
      j.resource.aws_vpc.vpc.cidr_block = '10.9.0.0/16';
      j.output = { extra: { value: 'x' } };
    });
    expect(initFingerprint(resourcesChanged, undefined)).toBe(base);
    expect(initFingerprint(JSON.stringify(JSON.parse(stack)), undefined)).toBe(base);
  });

  it('changes with the terraform block (providers, backend), module sources and the CLI config', () => {
    const base = initFingerprint(stack, undefined);
    const provider = edit((j) => {
      j.terraform.required_providers.aws.version = '5.99.0';
    });
    const backend = edit((j) => {
      j.terraform.backend = { local: { path: 'elsewhere.tfstate' } };
    });
    const module = edit((j) => {
      j.module = { vpc: { source: 'terraform-aws-modules/vpc/aws' } };
    });
    const all = [base, initFingerprint(provider, undefined), initFingerprint(backend, undefined), initFingerprint(module, undefined), initFingerprint(stack, '/etc/mirror.tfrc')];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('initIsCurrent / recordInit', () => {
  it('is current only after a recorded init with the same fingerprint and a lock file', async () => {
    const dir = makeTmpDir('ecs-wizard-init-');
    const fingerprint = initFingerprint(stack, undefined);
    expect(await initIsCurrent(dir, fingerprint)).toBe(false);
    await recordInit(dir, fingerprint);
    // No .terraform.lock.hcl: init never completed (or someone deleted it).
    expect(await initIsCurrent(dir, fingerprint)).toBe(false);
    writeFileSync(path.join(dir, '.terraform.lock.hcl'), '# lock\n');
    expect(await initIsCurrent(dir, fingerprint)).toBe(true);
    expect(await initIsCurrent(dir, initFingerprint(stack, '/other.tfrc'))).toBe(false);
    // Deleting .terraform (a fresh clone) means init again.
    rmSync(path.join(dir, '.terraform'), { recursive: true });
    mkdirSync(path.join(dir, '.terraform'));
    expect(await initIsCurrent(dir, fingerprint)).toBe(false);
  });

  it('a damaged marker means init again, not an exception', async () => {
    const dir = makeTmpDir('ecs-wizard-init-');
    mkdirSync(path.join(dir, '.terraform'));
    writeFileSync(path.join(dir, '.terraform.lock.hcl'), '# lock\n');
    writeFileSync(path.join(dir, '.terraform', 'ecs-wizard-init.json'), '{"fingerpr');
    expect(await initIsCurrent(dir, initFingerprint(stack, undefined))).toBe(false);
  });
});
