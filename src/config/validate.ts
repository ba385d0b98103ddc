import { migrateConfig } from './migrations.js';
import { problemsFromZod, type Problem } from './problems.js';
import { configSchema, type Config } from './schema.js';

export type ConfigResult =
  | { ok: true; config: Config; migratedFrom?: number }
  | { ok: false; problems: Problem[] };

/** Migrates, then validates: the one way a raw object becomes a Config. */
export function parseConfig(input: unknown): ConfigResult {
  const migrated = migrateConfig(input);
  if (!migrated.ok) {
    // A file that is not an object has no "version" to point at: blame the whole file.
    const isObject = input !== null && typeof input === 'object' && !Array.isArray(input);
    return { ok: false, problems: [{ path: isObject ? 'version' : '', message: migrated.message }] };
  }
  const result = configSchema.safeParse(migrated.config);
  if (!result.success) return { ok: false, problems: problemsFromZod(result.error, migrated.config) };
  return migrated.migrated ? { ok: true, config: result.data, migratedFrom: migrated.from } : { ok: true, config: result.data };
}

/** Parses JSON text with a message that says where it broke. */
export function parseConfigText(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  return parseConfig(raw);
}
