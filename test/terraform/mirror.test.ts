import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AWS_PROVIDER_SOURCE,
  currentPlatform,
  findProviderMirror,
  inspectMirror,
  mirrorCliConfig,
  writeMirrorCliConfig,
} from '../../src/terraform/mirror.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

const platform = currentPlatform();

function unpacked(root: string, version: string, plat: string): string {
  const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws', version, plat);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `terraform-provider-aws_v${version}_x5`);
  writeFileSync(file, '');
  writeFileSync(path.join(dir, 'LICENSE.txt'), '');
  return file;
}

describe('findProviderMirror', () => {
  it('finds the unpacked layout (HOST/NS/TYPE/VERSION/OS_ARCH/terraform-provider-*)', () => {
    const root = makeTmpDir();
    const file = unpacked(root, '5.100.0', platform);
    const mirror = findProviderMirror({ env: {}, candidates: [root] });
    expect(mirror).toEqual({
      path: root,
      providers: [{ source: AWS_PROVIDER_SOURCE, version: '5.100.0', platform, layout: 'unpacked', file }],
      forThisPlatform: [{ source: AWS_PROVIDER_SOURCE, version: '5.100.0', platform, layout: 'unpacked', file }],
    });
  });

  it('finds the packed layout (terraform-provider-TYPE_VERSION_OS_ARCH.zip)', () => {
    const root = makeTmpDir();
    const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `terraform-provider-aws_5.100.0_${platform}.zip`), '');
    expect(findProviderMirror({ env: {}, candidates: [root] })?.forThisPlatform).toEqual([
      { source: AWS_PROVIDER_SOURCE, version: '5.100.0', platform, layout: 'packed', file: path.join(dir, `terraform-provider-aws_5.100.0_${platform}.zip`) },
    ]);
  });

  it('ECS_WIZARD_TF_MIRROR comes first; a mirror for another platform only is skipped', () => {
    const fromEnv = makeTmpDir();
    const fallback = makeTmpDir();
    unpacked(fromEnv, '5.100.0', 'plan9_mips');
    unpacked(fallback, '5.99.0', platform);
    const mirror = findProviderMirror({ env: { ECS_WIZARD_TF_MIRROR: fromEnv }, candidates: [fallback] });
    expect(mirror?.path).toBe(fallback);
    expect(inspectMirror(fromEnv)?.forThisPlatform).toEqual([]);

    unpacked(fromEnv, '5.100.0', platform);
    expect(findProviderMirror({ env: { ECS_WIZARD_TF_MIRROR: fromEnv }, candidates: [fallback] })?.path).toBe(fromEnv);
  });

  it('returns undefined when no candidate holds the provider', () => {
    const empty = makeTmpDir();
    expect(findProviderMirror({ env: {}, candidates: [empty, path.join(empty, 'missing')] })).toBeUndefined();
  });

  it('finds the machine mirror at /opt/tf-plugins when it exists', (ctx) => {
    if (!existsSync('/opt/tf-plugins')) {
      console.warn('SKIPPED: /opt/tf-plugins does not exist, default mirror lookup not checked');
      ctx.skip();
      return;
    }
    const mirror = findProviderMirror({ env: {} });
    expect(mirror?.path).toBe('/opt/tf-plugins');
    expect(mirror?.forThisPlatform[0]?.file).toMatch(/terraform-provider-aws_/);
  });
});

describe('mirror CLI configuration', () => {
  it('installs the AWS provider from the mirror and the rest directly', () => {
    expect(mirrorCliConfig('/opt/tf-plugins')).toBe(
      [
        '# Written by ecs-wizard: install these providers from a local mirror.',
        'provider_installation {',
        '  filesystem_mirror {',
        '    path    = "/opt/tf-plugins"',
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes quotes, backslashes and template sequences in paths', () => {
    const text = mirrorCliConfig('C:\\tf "mirror" ${HOME} %{x}');
    expect(text).toContain('path    = "C:\\\\tf \\"mirror\\" $${HOME} %%{x}"');
  });

  it('writeMirrorCliConfig writes the file (folders created) and returns the env to use', async () => {
    const dir = makeTmpDir();
    const file = path.join(dir, 'nested', 'cli.tfrc');
    const env = await writeMirrorCliConfig(file, { path: '/m' });
    expect(env).toEqual({ TF_CLI_CONFIG_FILE: file });
    expect(readFileSync(file, 'utf8')).toBe(mirrorCliConfig('/m'));
  });
});
