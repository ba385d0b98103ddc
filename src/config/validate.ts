import { findJsonError } from './jsonText.js';
import { migrateConfig } from './migrations.js';
import { issueMessage, problemsFromZod, type Problem } from './problems.js';
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
  const result = configSchema.safeParse(migrated.config, { error: issueMessage });
  if (!result.success) return { ok: false, problems: problemsFromZod(result.error, migrated.config) };
  return migrated.migrated ? { ok: true, config: result.data, migratedFrom: migrated.from } : { ok: true, config: result.data };
}

/** Parses JSON text (a byte-order mark is fine) with a message that says where it broke: line, column, why. */
export function parseConfigText(text: string): ConfigResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    const found = findJsonError(body);
    const where = found ? `line ${found.line}, column ${found.column}: ${found.reason}` : (error as Error).message.slice(0, 200);
    return { ok: false, problems: [{ path: '', message: `is not valid JSON: ${where}` }] };
  }
  return parseConfig(raw);
}
