import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/validate.js';
import { presetConfig } from '../../src/config/presets.js';
import type { Config } from '../../src/config/schema.js';
import { MANIFEST_PATH, writeProject } from '../../src/infra/projectWriter.js';
import { GITIGNORE_LINES, mergeGitignore } from '../../src/infra/projectTemplates.js';

const versions = { ecsWizard: '0.1.0', cdktf: '0.21.0', providerAws: '20.1.0', constructs: '10.4.2' };

function config(overrides: (input: ReturnType<typeof presetConfig>) => void = () => {}): Config {
  const input = presetConfig('starter', {
    appName: 'shop',
    environment: 'production',
    region: 'eu-west-1',
    github: { owner: 'acme', repo: 'shop' },
  });
  overrides(input);
  const result = parseConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecs-wizard-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeProject', () => {
  it('writes the CDKTF project, the stack and a manifest of hashes', async () => {
    const result = await writeProject({ dir, config: config(), versions });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.written).toEqual(
      expect.arrayContaining(['main.ts', 'cdktf.json', 'package.json', 'cdktf.out/manifest.json', 'cdktf.out/stacks/production/cdk.tf.json']),
    );
    const stack = JSON.parse(await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8'));
    expect(stack.resource.aws_vpc).toBeDefined();
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toMatchObject({ cdktf: '0.21.0', '@cdktf/provider-aws': '20.1.0', 'ecs-wizard': '0.1.0' });
    const cdktf = JSON.parse(await readFile(join(dir, 'cdktf.json'), 'utf8'));
    expect(cdktf).toMatchObject({ language: 'typescript', output: 'cdktf.out' });
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_PATH), 'utf8'));
    expect(Object.keys(manifest.files)).toContain('main.ts');
    const gitignore = await readFile(join(dir, '.gitignore'), 'utf8');
    expect(gitignore).toContain('cdktf.out/');
    expect(gitignore).toContain('.ecs-wizard/state/');
    // No staging folder is left behind.
    expect(await readdir(join(dir, '.ecs-wizard', 'tmp'))).toEqual([]);
  });

  it('is deterministic: the same config writes the same bytes and reports nothing new', async () => {
    await writeProject({ dir, config: config(), versions });
    const first = await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8');
    const again = await writeProject({ dir, config: config(), versions });
    expect(again.ok && again.written).toEqual([]);
    expect(await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8')).toBe(first);
  });

  it('overwrites its own unedited files when the config changes', async () => {
    await writeProject({ dir, config: config(), versions });
    const changed = config((input) => {
      input.environments.production!.database!.instanceClass = 'db.t4g.small';
    });
    const result = await writeProject({ dir, config: changed, versions });
    // The drawing names the class, so it is regenerated with the stack.
    expect(result.ok && result.written).toEqual(['cdktf.out/stacks/production/cdk.tf.json', 'architecture.svg']);
    expect(await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8')).toContain('db.t4g.small');
  });

  it('writes architecture.svg from the synthesized stack, regenerates it like the rest, never over a hand-edited copy', async () => {
    const first = await writeProject({ dir, config: config(), versions });
    expect(first.ok && first.written).toContain('architecture.svg');
    const drawing = await readFile(join(dir, 'architecture.svg'), 'utf8');
    expect(drawing.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(drawing).toContain('db.t4g.micro');
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_PATH), 'utf8'));
    expect(Object.keys(manifest.files)).toContain('architecture.svg');

    const threeZones = config((input) => {
      input.environments.production!.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
    });
    await writeProject({ dir, config: threeZones, versions });
    expect(await readFile(join(dir, 'architecture.svg'), 'utf8')).toContain('eu-west-1c');

    await writeFile(join(dir, 'architecture.svg'), '<svg><!-- my own drawing --></svg>\n');
    const refused = await writeProject({ dir, config: config(), versions });
    expect(refused).toEqual({ ok: false, conflicts: [{ file: 'architecture.svg', reason: 'edited' }] });
    expect(await readFile(join(dir, 'architecture.svg'), 'utf8')).toContain('my own drawing');
  });

  it('stops, writing nothing, when a generated file was edited by hand', async () => {
    await writeProject({ dir, config: config(), versions });
    await writeFile(join(dir, 'main.ts'), '// my own tweak\n');
    const changed = config((input) => {
      input.environments.production!.database!.instanceClass = 'db.t4g.small';
    });
    const stackBefore = await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8');
    const result = await writeProject({ dir, config: changed, versions });
    expect(result).toEqual({ ok: false, conflicts: [{ file: 'main.ts', reason: 'edited' }] });
    expect(await readFile(join(dir, 'main.ts'), 'utf8')).toBe('// my own tweak\n');
    // Nothing else was written either: the check comes before the first write.
    expect(await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8')).toBe(stackBefore);
  });

  it('refuses to overwrite a file it did not write, and --force overwrites', async () => {
    await writeFile(join(dir, 'package.json'), '{"name":"my-app"}\n');
    const refused = await writeProject({ dir, config: config(), versions });
    expect(refused).toEqual({ ok: false, conflicts: [{ file: 'package.json', reason: 'foreign' }] });
    const forced = await writeProject({ dir, config: config(), versions, force: true });
    expect(forced.ok).toBe(true);
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toContain('ecs-wizard');
  });

  it('never touches state or Terraform working files', async () => {
    await writeProject({ dir, config: config(), versions });
    const stackDir = join(dir, 'cdktf.out/stacks/production');
    await mkdir(join(stackDir, '.terraform'), { recursive: true });
    await writeFile(join(stackDir, '.terraform', 'marker'), 'init');
    await writeFile(join(stackDir, '.terraform.lock.hcl'), 'lock');
    await mkdir(join(dir, '.ecs-wizard', 'state'), { recursive: true });
    await writeFile(join(dir, '.ecs-wizard', 'state', 'production.tfstate'), '{"serial":7}');
    const changed = config((input) => {
      input.environments.production!.service!.maxCount = 3;
    });
    expect((await writeProject({ dir, config: changed, versions })).ok).toBe(true);
    expect(await readFile(join(stackDir, '.terraform', 'marker'), 'utf8')).toBe('init');
    expect(await readFile(join(stackDir, '.terraform.lock.hcl'), 'utf8')).toBe('lock');
    expect(await readFile(join(dir, '.ecs-wizard', 'state', 'production.tfstate'), 'utf8')).toBe('{"serial":7}');
  });
});

describe('mergeGitignore', () => {
  it('keeps what the user has and appends only the missing lines', () => {
    const merged = mergeGitignore('node_modules/\n.env\n');
    expect(merged.startsWith('node_modules/\n.env\n')).toBe(true);
    expect(merged.split('\n').filter((line) => line === 'node_modules/')).toHaveLength(1);
    for (const line of GITIGNORE_LINES) expect(merged).toContain(line);
    expect(mergeGitignore(merged)).toBe(merged);
  });

  it('adds a newline before appending to a file without one', () => {
    expect(mergeGitignore('dist')).toMatch(/^dist\n\n# ecs-wizard/);
  });
});

describe('a damaged .ecs-wizard/generated.json', () => {
  const damaged = async (text: string) => {
    await writeProject({ dir, config: config(), versions });
    await writeFile(join(dir, MANIFEST_PATH), text);
    const changed = config((input) => {
      input.environments.production!.service!.maxCount = 3;
    });
    return writeProject({ dir, config: changed, versions });
  };

  it('with merge conflict markers: names the file and the line, says what to do, writes nothing', async () => {
    const good = await (async () => {
      await writeProject({ dir, config: config(), versions });
      return readFile(join(dir, MANIFEST_PATH), 'utf8');
    })();
    const lines = good.split('\n');
    const conflicted = [...lines.slice(0, 3), '<<<<<<< HEAD', lines[3], '=======', lines[3]!.replace(/[0-9a-f]{64}/, 'f'.repeat(64)), '>>>>>>> feature', ...lines.slice(4)].join('\n');
    const stackBefore = await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8');
    const result = await damaged(conflicted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.damagedManifest?.message).toContain(`${join(dir, MANIFEST_PATH)} is damaged: it holds merge conflict markers (line 4); nothing was written.`);
    expect(result.damagedManifest?.next).toContain('git checkout --theirs -- .ecs-wizard/generated.json');
    expect(result.damagedManifest?.next).toContain('--force');
    expect(await readFile(join(dir, 'cdktf.out/stacks/production/cdk.tf.json'), 'utf8')).toBe(stackBefore);
    expect(await readFile(join(dir, MANIFEST_PATH), 'utf8')).toBe(conflicted);
  });

  it.each([
    ['bad JSON', '{\n  "note": "x",\n  "files": {\n    "main.ts": \n  }\n}\n', 'it is not valid JSON (line 5, column 3)'],
    ['not an object', '[]\n', 'it is not a JSON object'],
    ['no files', '{"note":"x"}\n', 'it has no "files" object'],
    ['a value that is not a hash', '{"files":{"main.ts":123}}\n', '"files"."main.ts" is not a SHA-256 hash'],
  ])('%s: a clear message, no exception', async (_name, text, problem) => {
    const result = await damaged(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.damagedManifest?.message).toContain(`is damaged: ${problem}`);
  });

  it('--force rebuilds it, and the next run needs no --force', async () => {
    await damaged('<<<<<<< HEAD\n=======\n>>>>>>> other\n');
    const changed = config((input) => {
      input.environments.production!.service!.maxCount = 3;
    });
    const forced = await writeProject({ dir, config: changed, versions, force: true });
    expect(forced.ok).toBe(true);
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_PATH), 'utf8'));
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(['main.ts', 'package.json', 'cdktf.out/stacks/production/cdk.tf.json']));
    const again = await writeProject({ dir, config: changed, versions });
    expect(again.ok && again.written).toEqual([]);
  });
});

describe('files the writer replaces', () => {
  it('keep their mode, and a symbolic link stays a link with its target rewritten', async () => {
    await writeProject({ dir, config: config(), versions });
    await chmod(join(dir, 'package.json'), 0o640);
    const elsewhere = await mkdtemp(join(tmpdir(), 'ecs-wizard-elsewhere-'));
    const stack = join(dir, 'cdktf.out/stacks/production/cdk.tf.json');
    await writeFile(join(elsewhere, 'stack.json'), await readFile(stack, 'utf8'));
    await rm(stack);
    await symlink(join(elsewhere, 'stack.json'), stack);
    const renamed = config((input) => {
      input.app.name = 'shop2';
    });
    const result = await writeProject({ dir, config: renamed, versions });
    expect(result.ok && result.written).toEqual(expect.arrayContaining(['package.json', 'cdktf.out/stacks/production/cdk.tf.json']));
    expect(((await stat(join(dir, 'package.json'))).mode & 0o777).toString(8)).toBe('640');
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toContain('shop2-infrastructure');
    expect((await lstat(stack)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(elsewhere, 'stack.json'), 'utf8')).toContain('shop2');
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('stale staging folders and temporaries of dead runs are cleaned up', async () => {
    await mkdir(join(dir, '.ecs-wizard', 'tmp', 'synth-abc123', 'stacks'), { recursive: true });
    await writeFile(join(dir, '.ecs-wizard', 'tmp', 'synth-abc123', 'stacks', 'x.json'), '{}');
    // A sibling a killed process (pid 999999 does not exist) left beside ecs-wizard.json.
    await writeFile(join(dir, '.ecs-wizard.json.999999-0123abcd.ecs-wizard-tmp'), '{"half":');
    const result = await writeProject({ dir, config: config(), versions });
    expect(result.ok).toBe(true);
    expect(await readdir(join(dir, '.ecs-wizard', 'tmp'))).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.ecs-wizard-tmp'))).toEqual([]);
  });
});
