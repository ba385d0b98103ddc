/**
 * Finds the zod schema that governs a config path, looking through wrappers
 * (defaults, optionals, transforms). `--set` uses it to type a value and the
 * error formatter to list the keys that exist where an unknown one was given.
 */
import type { z } from 'zod';

type AnySchema = z.ZodType;
type Def = { type: string; [key: string]: unknown };

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips default/prefault/optional/nullable/pipe(transform) wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') {
      current = def.innerType as AnySchema;
    } else if (def.type === 'pipe') {
      current = def.in as AnySchema;
    } else {
      return current;
    }
  }
}

export type LeafKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'record' | 'enum' | 'literal' | 'union' | 'unknown';

export function kindOf(schema: AnySchema): LeafKind {
  const type = defOf(unwrap(schema)).type;
  switch (type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'array':
    case 'object':
    case 'record':
    case 'enum':
    case 'literal':
    case 'union':
      return type;
    default:
      return 'unknown';
  }
}

/** The keys an object schema accepts, or undefined when it is not an object. */
export function keysOf(schema: AnySchema): string[] | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return Object.keys(def.shape as Record<string, unknown>);
  if (def.type === 'union') {
    // A discriminated union (the backend): the keys of every option.
    const keys = new Set<string>();
    for (const option of def.options as AnySchema[]) for (const key of keysOf(option) ?? []) keys.add(key);
    return [...keys];
  }
  return undefined;
}

/** The schema at `path`, or undefined when the path leaves the schema. */
export function schemaAt(root: AnySchema, path: ReadonlyArray<string | number>): AnySchema | undefined {
  let current: AnySchema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    if (def.type === 'object') {
      // Own keys only: "toString" or "__proto__" is no setting, whatever Object.prototype holds.
      const shape = def.shape as Record<string, AnySchema>;
      current = Object.hasOwn(shape, String(segment)) ? shape[String(segment)] : undefined;
    } else if (def.type === 'record') {
      current = def.valueType as AnySchema;
    } else if (def.type === 'array') {
      current = def.element as AnySchema;
    } else if (def.type === 'union') {
      const options = (def.options as AnySchema[]).map((option) => schemaAt(option, [segment])).filter(Boolean);
      current = options[0];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Enumerated values of an enum/literal/union-of-literals leaf, for hints. */
export function choicesOf(schema: AnySchema): Array<string | number | boolean> | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'enum') return Object.values(def.entries as Record<string, string>);
  if (def.type === 'literal') return def.values as Array<string | number | boolean>;
  if (def.type === 'union') {
    const all = (def.options as AnySchema[]).map(choicesOf);
    if (all.every(Boolean)) return all.flat() as Array<string | number | boolean>;
  }
  return undefined;
}
