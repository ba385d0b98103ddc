/**
 * Masking of sensitive values, shared by the plan reader and the output reader.
 *
 * Terraform describes sensitivity with a "shadow" value of the same shape:
 * `true` marks a whole value sensitive, an object or array of the same shape
 * marks parts of it, `false`/absent marks nothing. `after_unknown` uses the
 * same convention for values only known after apply.
 */

/** What a user sees instead of a sensitive value. Same words as Terraform's CLI. */
export const SENSITIVE = '(sensitive value)';
/** What a user sees instead of a value Terraform will only know after apply. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/**
 * Returns `value` with every part marked by `marker` replaced by `replacement`.
 * Walks the value, not the marker, so a value part the marker does not mention
 * stays as is; a malformed marker (not boolean/object/array) masks everything,
 * because guessing wrong here leaks a secret.
 */
export function maskMarked(value: unknown, marker: unknown, replacement: string = SENSITIVE): unknown {
  if (marker === true) return replacement;
  if (marker === false || marker === undefined || marker === null) return value;
  if (Array.isArray(marker)) {
    if (!Array.isArray(value)) return value === null ? null : replacement;
    return value.map((item, i) => maskMarked(item, marker[i], replacement));
  }
  if (typeof marker === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return value === null ? null : replacement;
    }
    const m = marker as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskMarked(v, m[k], replacement)]),
    );
  }
  return replacement;
}

/**
 * Merges `after` with its `after_unknown` shadow: parts not yet known read
 * "(known after apply)". Terraform leaves those keys out of `after` (or null).
 */
export function fillUnknown(value: unknown, unknown: unknown): unknown {
  if (unknown === true) return KNOWN_AFTER_APPLY;
  // Terraform writes `[]`/`{}` shadows for every nested attribute; only a
  // `true` somewhere inside means there is anything to fill.
  if (!marksSomething(unknown)) return value;
  if (Array.isArray(unknown)) {
    const base = Array.isArray(value) ? value : [];
    const length = Math.max(base.length, unknown.length);
    return Array.from({ length }, (_, i) => fillUnknown(base[i], unknown[i]));
  }
  if (typeof unknown === 'object') {
    const base =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const u = unknown as Record<string, unknown>;
    const keys = new Set([...Object.keys(base), ...Object.keys(u)]);
    return Object.fromEntries([...keys].map((k) => [k, fillUnknown(base[k], u[k])]));
  }
  return value;
}

/** Does a shadow value mark anything at all (a `true` at any depth)? */
export function marksSomething(marker: unknown): boolean {
  if (marker === true) return true;
  if (Array.isArray(marker)) return marker.some(marksSomething);
  if (marker !== null && typeof marker === 'object') return Object.values(marker).some(marksSomething);
  return false;
}
