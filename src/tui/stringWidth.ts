/**
 * string-width, as Ink uses it, with a fast path for the symbols this UI draws.
 *
 * Ink measures every line of every frame with string-width. string-width
 * answers printable ASCII at once, but one other character (a "·", a "…", a
 * box-drawing line) sends the whole string through Intl.Segmenter and the
 * Unicode property regexes (\p{RGI_Emoji} and others) V8 compiles on first
 * use: measured, about a tenth of the CPU before the wizard's first frame,
 * with the garbage collection it brings.
 *
 * NARROW holds printable ASCII and the symbol ranges for which string-width
 * itself gives 1 per character, each alone, beside ASCII and beside one
 * another: none of them joins a grapheme with its neighbour (no marks, joiners,
 * variation selectors; no emoji presentation, no East Asian wide). A string of
 * those alone is as wide as it is long. Any other string, and any call with
 * options, is string-width's. test/tui/stringWidth.test.ts checks every
 * character of NARROW against string-width.
 *
 * The bundle gives this module to Ink and its helpers in place of string-width
 * (the fastStringWidth plugin in scripts/buildOptions.mjs); source runs (the
 * tests) use string-width as it is.
 */
import realStringWidth, { type Options } from 'string-width';
import stripAnsi from 'strip-ansi';

/** Excluded from the ranges: U+00AD (soft hyphen, zero width), U+25FD and U+25FE (emoji presentation, two columns). */
export const NARROW = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u2030-\u205E\u2139\u2190-\u21FF\u2500-\u25FC\u25FF\u26A0\u2713-\u2717\u2800-\u28FF]*$/;

export default function stringWidth(input: string, options?: Options): number {
  if (options !== undefined || typeof input !== 'string') return realStringWidth(input, options);
  // As string-width reads it: escape sequences take no columns.
  const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
  return NARROW.test(text) ? text.length : realStringWidth(text);
}
