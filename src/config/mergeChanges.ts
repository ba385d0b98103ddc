/**
 * Three-way merge of plain JSON values: what `mine` changed from `base`,
 * applied on top of `theirs`. A value `mine` left as it was in `base` takes
 * `theirs`; a value `mine` changed (or removed) wins; objects merge key by
 * key; arrays and scalars are values. Used when ecs-wizard.json changed
 * while the wizard was open: the person's answers go on top of what another
 * run saved, instead of erasing it. Pure.
 */

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => value !== null && typeof value === 'object' && !Array.isArray(value);

function same(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
  }
  return false;
}

/** `theirs` with every change `mine` made from `base`; undefined stands for "absent". */
export function mergeChanges(base: Json, mine: Json, theirs: Json): Json {
  if (same(base, mine)) return theirs;
  if (!(isObject(base) && isObject(mine) && isObject(theirs))) return mine;
  const merged: Record<string, Json> = { ...theirs };
  for (const key of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    const value = mergeChanges(Object.hasOwn(base, key) ? base[key] : undefined, Object.hasOwn(mine, key) ? mine[key] : undefined, Object.hasOwn(theirs, key) ? theirs[key] : undefined);
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
