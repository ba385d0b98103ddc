/**
 * `--set path=value`: headless edits typed by the schema, so
 * `--set environments.production.service.maxCount=4` stores the number 4 and
 * `--set ...multiAz=yes` is refused with the values that would work.
 */
import { closest, exampleAt, shorten, type Problem } from './problems.js';
import { configSchema } from './schema.js';
import { choicesOf, keysOf, kindOf, schemaAt } from './schemaWalk.js';

export interface Assignment {
  readonly path: string[];
  readonly value: unknown;
}

export type AssignmentResult = { ok: true; assignment: Assignment } | { ok: false; problem: Problem };

/** Keys that would reach an object's prototype: no setting is named so, and none may be written. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const fail = (path: string, message: string, value?: string): AssignmentResult => ({
  ok: false,
  problem: value === undefined ? { path, message } : { path, message, value },
});

export function parseAssignment(text: string): AssignmentResult {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    return fail(text, 'a --set takes path=value, e.g. --set environments.production.database.instanceClass=db.t4g.small');
  }
  const pathText = text.slice(0, equals).trim();
  const raw = text.slice(equals + 1);
  const path = pathText.split('.');
  if (path.some((segment) => segment === '')) return fail(pathText, 'has an empty segment; paths look like app.containerPort');
  const forbidden = path.findIndex((segment) => FORBIDDEN_KEYS.has(segment));
  if (forbidden !== -1) {
    const parent = schemaAt(configSchema, path.slice(0, forbidden));
    const known = parent ? keysOf(parent) : undefined;
    return fail(
      path.slice(0, forbidden + 1).join('.'),
      `"${path[forbidden]}" is not a setting and cannot be one${known ? `; keys here: ${known.join(', ')}` : ''}`,
    );
  }

  // Walk the schema, so an unknown key is reported where it goes wrong.
  for (let depth = 1; depth <= path.length; depth++) {
    if (schemaAt(configSchema, path.slice(0, depth)) === undefined) {
      const parent = schemaAt(configSchema, path.slice(0, depth - 1));
      const known = parent ? keysOf(parent) ?? [] : [];
      const key = path[depth - 1]!;
      const suggestion = closest(key, known);
      const where = path.slice(0, depth).join('.');
      return fail(
        where,
        suggestion ? `unknown key "${shorten(key)}"; did you mean "${suggestion}"?` : `unknown key "${shorten(key)}"; keys here: ${known.join(', ') || '(none)'}`,
      );
    }
  }
  const leaf = schemaAt(configSchema, path)!;
  const kind = kindOf(leaf);
  const choices = choicesOf(leaf);
  switch (kind) {
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        // The example the schema's own messages give: this field's value in a valid config.
        const example = exampleAt(path);
        return fail(pathText, typeof example === 'number' ? `expects a number, e.g. ${example}` : 'expects a number', raw);
      }
      return { ok: true, assignment: { path, value } };
    }
    case 'boolean': {
      if (raw === 'true' || raw === 'false') return { ok: true, assignment: { path, value: raw === 'true' } };
      return fail(pathText, 'expects true or false', raw);
    }
    case 'array': {
      const value = raw.trim().startsWith('[') ? tryJson(raw) : raw.split(',').map((item) => item.trim()).filter(Boolean);
      if (!Array.isArray(value)) return fail(pathText, 'expects a list: a,b or a JSON array ["a","b"]', raw);
      return { ok: true, assignment: { path, value } };
    }
    case 'object':
    case 'record': {
      const value = tryJson(raw);
      if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
        return fail(pathText, 'expects a JSON object, e.g. {"KEY":"value"}; or set one key at a time with a longer path', raw);
      }
      return { ok: true, assignment: { path, value } };
    }
    case 'literal':
    case 'union':
    case 'enum': {
      // Literal unions hold numbers (period, log retention) or strings.
      if (choices?.every((choice) => typeof choice === 'number')) {
        const value = Number(raw);
        if (!choices.includes(value)) return fail(pathText, `expects one of ${choices.join(', ')}`, raw);
        return { ok: true, assignment: { path, value } };
      }
      return { ok: true, assignment: { path, value: raw } };
    }
    default:
      return { ok: true, assignment: { path, value: raw } };
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Returns a copy of `target` with the assignment applied, creating objects on the way. */
export function applyAssignment<T>(target: T, assignment: Assignment): T {
  const bad = assignment.path.find((segment) => FORBIDDEN_KEYS.has(segment));
  if (bad !== undefined) throw new Error(`refusing to set "${bad}": it would reach the object's prototype`);
  const copy = structuredClone(target) as Record<string, unknown>;
  let node = copy;
  assignment.path.slice(0, -1).forEach((segment, index) => {
    const next = node[segment];
    // Keep a list when the path indexes into it (availabilityZones.1=...).
    const keepList = Array.isArray(next) && /^\d+$/.test(assignment.path[index + 1]!);
    if (next === null || typeof next !== 'object' || (Array.isArray(next) && !keepList)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  });
  node[assignment.path[assignment.path.length - 1]!] = assignment.value;
  return copy as T;
}
