/**
 * Saving ecs-wizard.json: only when what it says changes. The user's own
 * formatting and key order survive a save that changes nothing, its mode
 * survives one that does, and a symbolic link stays a link.
 */
import { chmod, lstat, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { presetConfig } from '../../src/config/presets.js';
import type { Config } from '../../src/config/schema.js';
import { parseConfig } from '../../src/config/validate.js';
import { saveConfigFile, serializeConfig } from '../../src/project/configFile.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

function config(change: (input: ReturnType<typeof presetConfig>) => void = () => {}): Config {
  const input = presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
  change(input);
  const result = parseConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/** The same settings as config(), written the way a person might: keys reordered, tabs, only what differs from the defaults. */
function handWritten(): string {
  const full = JSON.parse(serializeConfig(config())) as Record<string, unknown>;
  const { environments, app, ...rest } = full;
  return `${JSON.stringify({ environments, ...rest, app }, null, '\t')}\n`;
}

let dir: string;
beforeEach(() => {
  dir = makeTmpDir('ecs-wizard-config-');
});

describe('saveConfigFile', () => {
  it('leaves a file byte-identical (and untouched) when its parsed content is the same', async () => {
    const file = join(dir, 'ecs-wizard.json');
    const text = handWritten();
    expect(text).not.toBe(serializeConfig(config()));
    await writeFile(file, text);
    const before = await stat(file);
    expect(await saveConfigFile(file, config())).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect((await stat(file)).ino).toBe(before.ino);
  });

  it('a file that leaves defaults out is the same config: not rewritten', async () => {
    const file = join(dir, 'ecs-wizard.json');
    const minimal = JSON.parse(serializeConfig(config())) as { environments: Record<string, Record<string, unknown>> };
    delete minimal.environments['production']!['containerInsights']; // false: the schema's default
    const text = `${JSON.stringify(minimal)}\n`;
    await writeFile(file, text);
    expect(await saveConfigFile(file, config())).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('writes when the content changes, keeping mode 640', async () => {
    const file = join(dir, 'ecs-wizard.json');
    await writeFile(file, handWritten());
    await chmod(file, 0o640);
    const changed = config((input) => {
      input.environments.production!.database!.instanceClass = 'db.t4g.small';
    });
    expect(await saveConfigFile(file, changed)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(serializeConfig(changed));
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('640');
  });

  it('keeps the byte-order mark a file was saved with (an editor on Windows), and adds none', async () => {
    const file = join(dir, 'ecs-wizard.json');
    await writeFile(file, `\uFEFF${handWritten()}`);
    const changed = config((input) => {
      input.environments.production!.service!.maxCount = 5;
    });
    expect(await saveConfigFile(file, changed)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(`\uFEFF${serializeConfig(changed)}`);
    // Unchanged content: not written, the mark and all.
    expect(await saveConfigFile(file, changed)).toBe(false);
    await writeFile(file, handWritten());
    expect(await saveConfigFile(file, changed)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(serializeConfig(changed));
  });

  it('writes through a symbolic link: the link stays, its target gets the content', async () => {
    const target = join(dir, 'real-config.json');
    await writeFile(target, handWritten());
    const file = join(dir, 'ecs-wizard.json');
    await symlink('real-config.json', file);
    const changed = config((input) => {
      input.environments.production!.service!.maxCount = 4;
    });
    expect(await saveConfigFile(file, changed)).toBe(true);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(serializeConfig(changed));
  });

  it('a new file, an unreadable one, or an older version is written', async () => {
    const file = join(dir, 'ecs-wizard.json');
    expect(await saveConfigFile(file, config())).toBe(true);
    await writeFile(file, '{ broken');
    expect(await saveConfigFile(file, config())).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(serializeConfig(config()));
  });
});
