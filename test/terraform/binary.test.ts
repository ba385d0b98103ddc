import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findTerraform,
  inspect,
  isAtLeast,
  parseVersionOutput,
  supportsInitJson,
  TerraformBinaryError,
  whichCommand,
} from '../../src/terraform/binary.js';
import { FAKE_TERRAFORM, makeTmpDir } from '../helpers/fakeTerraformHarness.js';

/**
 * A tiny executable that prints `output` for any arguments. Shell builtins
 * only: the tests run it with a PATH holding nothing but the tmp folder.
 */
function fakeBinary(dir: string, name: string, output: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' '${output}'\n`);
  chmodSync(file, 0o755);
  return file;
}

const versionJson = (v: string): string =>
  JSON.stringify({ terraform_version: v, platform: 'linux_amd64', provider_selections: {}, terraform_outdated: false });

async function expectBinaryError(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TerraformBinaryError);
  expect((error as TerraformBinaryError).code).toBe(code);
  expect((error as Error).message).toMatch(pattern);
}

describe('findTerraform', () => {
  it('finds terraform on PATH and reads its version', async () => {
    const dir = makeTmpDir();
    const tf = fakeBinary(path.join(dir, 'bin'), 'terraform', versionJson('1.11.4'));
    const found = await findTerraform({ env: { PATH: path.join(dir, 'bin') } });
    expect(found).toEqual({ path: tf, flavor: 'terraform', version: '1.11.4', platform: 'linux_amd64', source: 'path', skipped: [] });
  });

  it('says exactly what to install when nothing is found', async () => {
    const empty = makeTmpDir();
    await expectBinaryError(
      findTerraform({ env: { PATH: empty } }),
      'not-found',
      /neither `terraform` nor `tofu` is on PATH\. Install Terraform 1\.6 or newer .*developer\.hashicorp\.com\/terraform\/install.*--terraform PATH or set ECS_WIZARD_TERRAFORM/,
    );
  });

  it('refuses a Terraform older than 1.6, naming its version and path', async () => {
    const dir = makeTmpDir();
    const tf = fakeBinary(dir, 'terraform', versionJson('1.5.7'));
    await expectBinaryError(
      findTerraform({ env: { PATH: dir } }),
      'too-old',
      new RegExp(`Terraform 1\\.5\\.7 at ${tf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is too old: ecs-wizard needs 1\\.6 or newer.*Install Terraform 1\\.6 or newer`),
    );
  });

  it('falls through an old terraform on PATH to a recent tofu, and says so', async () => {
    const dir = makeTmpDir();
    fakeBinary(dir, 'terraform', versionJson('1.5.7'));
    const tofu = fakeBinary(dir, 'tofu', versionJson('1.8.3'));
    const found = await findTerraform({ env: { PATH: dir } });
    expect(found).toMatchObject({ path: tofu, flavor: 'tofu', version: '1.8.3', source: 'path' });
    expect(found.skipped).toEqual([`${path.join(dir, 'terraform')}: version 1.5.7 is older than 1.6.0`]);
  });

  it('reads pre-JSON text output of very old binaries (and still refuses them)', async () => {
    const dir = makeTmpDir();
    fakeBinary(dir, 'terraform', 'Terraform v0.12.31\non linux_amd64');
    await expectBinaryError(findTerraform({ env: { PATH: dir } }), 'too-old', /Terraform 0\.12\.31 .* too old/);
  });

  it('prefers --terraform over ECS_WIZARD_TERRAFORM over PATH', async () => {
    const dir = makeTmpDir();
    const onPath = fakeBinary(path.join(dir, 'path'), 'terraform', versionJson('1.9.0'));
    const fromEnv = fakeBinary(path.join(dir, 'env'), 'terraform', versionJson('1.10.0'));
    const explicit = fakeBinary(path.join(dir, 'opt'), 'terraform', versionJson('1.11.4'));
    const env = { PATH: path.dirname(onPath), ECS_WIZARD_TERRAFORM: fromEnv };
    expect(await findTerraform({ env, explicitPath: explicit })).toMatchObject({ path: explicit, source: 'option', version: '1.11.4' });
    expect(await findTerraform({ env })).toMatchObject({ path: fromEnv, source: 'env', version: '1.10.0' });
    expect(await findTerraform({ env: { PATH: env.PATH } })).toMatchObject({ path: onPath, source: 'path' });
  });

  it('resolves a relative --terraform against cwd, and a bare name on PATH', async () => {
    const dir = makeTmpDir();
    const tf = fakeBinary(path.join(dir, 'tools'), 'tf-1.11', versionJson('1.11.4'));
    expect(await findTerraform({ env: { PATH: '' }, cwd: dir, explicitPath: './tools/tf-1.11' })).toMatchObject({ path: tf });
    expect(await findTerraform({ env: { PATH: path.join(dir, 'tools') }, explicitPath: 'tf-1.11' })).toMatchObject({ path: tf });
  });

  it('never replaces an explicitly named binary: missing or too old is the error', async () => {
    const dir = makeTmpDir();
    fakeBinary(dir, 'terraform', versionJson('1.11.4')); // a good one on PATH, not to be used
    await expectBinaryError(
      findTerraform({ env: { PATH: dir }, explicitPath: path.join(dir, 'nope') }),
      'not-found',
      /--terraform points to ".*nope", which is not an executable file/,
    );
    const old = fakeBinary(path.join(dir, 'old'), 'terraform', versionJson('1.4.0'));
    await expectBinaryError(findTerraform({ env: { PATH: dir, ECS_WIZARD_TERRAFORM: old } }), 'too-old', /1\.4\.0/);
  });

  it('reports a binary that prints no version', async () => {
    const dir = makeTmpDir();
    const junk = fakeBinary(dir, 'terraform', 'hello');
    await expectBinaryError(findTerraform({ env: { PATH: '' }, explicitPath: junk }), 'unusable', /did not report a Terraform version.*hello/);
  });

  it('accepts the fake terraform used by the other tests', async () => {
    // The fake is a node script (`#!/usr/bin/env node`): give it node's folder as PATH.
    const env = { PATH: path.dirname(process.execPath) };
    expect(await findTerraform({ env, explicitPath: FAKE_TERRAFORM })).toMatchObject({
      version: '1.11.4',
      flavor: 'terraform',
    });
  });

  it('reads the real terraform when there is one', async (ctx) => {
    const real = await whichCommand('terraform');
    if (!real) {
      console.warn('SKIPPED: no `terraform` on PATH, real version check not run');
      ctx.skip();
      return;
    }
    // The CLI config in this environment may point to a missing file; Terraform
    // then warns on stderr, which must not disturb the JSON on stdout.
    const info = await inspect(real);
    expect(info.flavor).toBe('terraform');
    expect(isAtLeast(info.version, '1.6.0')).toBe(true);
  });
});

describe('version helpers', () => {
  it('isAtLeast compares numerically and treats pre-releases as older', () => {
    expect(isAtLeast('1.6.0', '1.6.0')).toBe(true);
    expect(isAtLeast('1.10.0', '1.6.0')).toBe(true); // not a string comparison
    expect(isAtLeast('2.0.0', '1.6.0')).toBe(true);
    expect(isAtLeast('1.5.99', '1.6.0')).toBe(false);
    expect(isAtLeast('1.6.0-beta1', '1.6.0')).toBe(false);
    expect(isAtLeast('1.6.1-rc1', '1.6.0')).toBe(true);
    expect(isAtLeast('v1.7.0', '1.6.0')).toBe(true);
    expect(isAtLeast('garbage', '1.6.0')).toBe(false);
  });

  it('parseVersionOutput reads JSON and text, Terraform and OpenTofu', () => {
    expect(parseVersionOutput(versionJson('1.11.4'))).toEqual({ version: '1.11.4', platform: 'linux_amd64', flavor: 'terraform' });
    expect(parseVersionOutput(versionJson('1.8.0'), 'tofu')).toMatchObject({ flavor: 'tofu' });
    expect(parseVersionOutput('OpenTofu v1.7.2\non darwin_arm64')).toEqual({ version: '1.7.2', platform: 'darwin_arm64', flavor: 'tofu' });
    expect(parseVersionOutput('Terraform v1.6.0-rc1\non linux_amd64')).toMatchObject({ version: '1.6.0-rc1' });
    expect(parseVersionOutput('')).toBeUndefined();
    expect(parseVersionOutput('{"terraform_version": 12}')).toBeUndefined();
  });

  it('supportsInitJson: Terraform from 1.9, OpenTofu from 1.7', () => {
    expect(supportsInitJson({ flavor: 'terraform', version: '1.8.5' })).toBe(false);
    expect(supportsInitJson({ flavor: 'terraform', version: '1.9.0' })).toBe(true);
    expect(supportsInitJson({ flavor: 'tofu', version: '1.6.2' })).toBe(false);
    expect(supportsInitJson({ flavor: 'tofu', version: '1.7.0' })).toBe(true);
  });
});
