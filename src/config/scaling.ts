/** Scaling rules as plain functions: the wizard's first frame reads them without the schema (zod). */

/**
 * The highest scale-in threshold that cannot flap. A scale-out from n tasks
 * (n is at least minCount) spreads a per-task load just above `up` to
 * up × n/(n+1); scale-in must not fire there, so it stays at or below that
 * for the smallest n. The same bound keeps a scale-in from triggering a
 * scale-out at once.
 */
export function scaleInLimit(up: number, minCount: number): { max: number; spread: number; example: number } {
  const exact = (up * minCount) / (minCount + 1);
  const max = Math.floor(exact);
  return { max, spread: Math.round(exact), example: Math.max(0, Math.floor(max / 5) * 5) };
}
