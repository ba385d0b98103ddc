/**
 * Reading and writing `ecs-wizard.json`. The file is the user's: it is
 * committed, holds no secret, and is only ever written whole and valid.
 */
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, SCHEMA_REFERENCE, type Config } from '../config/schema.js';
import type { Problem } from '../config/problems.js';
import { parseConfigText } from '../config/validate.js';
import { readTextIfExists, writeFileAtomic } from './files.js';

export function configPathFor(dir: string, explicit?: string): string {
  return explicit ? resolve(explicit) : join(resolve(dir), CONFIG_FILE_NAME);
}

export type LoadedConfig =
  | { kind: 'missing'; path: string }
  | { kind: 'invalid'; path: string; problems: Problem[]; raw?: unknown }
  | { kind: 'loaded'; path: string; config: Config; raw: unknown; migratedFrom?: number };

export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  const read = await readTextIfExists(path);
  if (read === undefined) return { kind: 'missing', path };
  // Editors on Windows may save a byte-order mark; JSON has no room for one.
  const text = read.replace(/^\uFEFF/, '');
  const result = parseConfigText(text);
  if (!result.ok) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    return { kind: 'invalid', path, problems: result.problems, raw };
  }
  return {
    kind: 'loaded',
    path,
    config: result.config,
    raw: JSON.parse(text),
    ...(result.migratedFrom !== undefined ? { migratedFrom: result.migratedFrom } : {}),
  };
}

/** Stable text: `$schema` and `version` first, two-space indent, final newline. */
export function serializeConfig(config: Config): string {
  const { $schema, version, ...rest } = config;
  return `${JSON.stringify({ $schema: $schema ?? SCHEMA_REFERENCE, version, ...rest }, null, 2)}\n`;
}

/** Writes only when the content changes, so timestamps and git stay quiet. */
export async function saveConfigFile(path: string, config: Config): Promise<boolean> {
  const text = serializeConfig(config);
  if ((await readTextIfExists(path)) === text) return false;
  await writeFileAtomic(path, text);
  return true;
}
