/**
 * Reading and writing `ecs-wizard.json`. The file is the user's: it is
 * committed, holds no secret, and is only ever written whole and valid.
 */
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, SCHEMA_REFERENCE } from '../config/constants.js';
import type { Problem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import type { parseConfigText as ParseConfigText } from '../config/validate.js';
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
  // The schema (zod) loads when there is a file to judge: the wizard's first frame in a new project needs none.
  const { parseConfigText } = await import('../config/validate.js');
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

/**
 * Writes only when the content changes, so the user's own formatting, key
 * order and timestamps stay, and git stays quiet. "Changes" means the parsed
 * configuration differs (defaults filled in, key order ignored), or the file
 * is of an older version and must be migrated. A write keeps the file's mode,
 * goes through a symbolic link to its target, and keeps the byte-order mark
 * the file began with (read past on load; see loadConfigFile).
 */
export async function saveConfigFile(path: string, config: Config): Promise<boolean> {
  const current = await readTextIfExists(path);
  const { parseConfigText } = await import('../config/validate.js');
  if (current !== undefined && sameConfig(parseConfigText, current, config)) return false;
  const mark = current?.startsWith('\uFEFF') ? '\uFEFF' : '';
  await writeFileAtomic(path, `${mark}${serializeConfig(config)}`);
  return true;
}

/** Does `text` already say exactly `config` (same parsed content, current version)? */
function sameConfig(parseConfigText: typeof ParseConfigText, text: string, config: Config): boolean {
  const parsed = parseConfigText(text);
  if (!parsed.ok || parsed.migratedFrom !== undefined) return false;
  return canonicalJson(parsed.config) === canonicalJson(config);
}

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
