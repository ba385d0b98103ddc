/**
 * The bundle's string-width for Ink (src/tui/stringWidth.ts) answers as
 * string-width does, for every character of its fast path and for everything
 * it hands on.
 */
import realStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth, { NARROW } from '../../src/tui/stringWidth.js';

/** Every code point the fast path's character class admits, read from the class itself. */
function narrowCodePoints(): number[] {
  const body = NARROW.source.replace(/^\^\[/, '').replace(/\]\*\$$/, '');
  const points: number[] = [];
  for (const [, from, to] of body.matchAll(/\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?/g)) {
    for (let code = parseInt(from!, 16); code <= parseInt(to ?? from!, 16); code++) points.push(code);
  }
  return points;
}

describe('string-width for Ink', () => {
  const points = narrowCodePoints();

  it('reads its class as ranges of \\u escapes only (what this test walks)', () => {
    expect(NARROW.source).toMatch(/^\^\[(\\u[0-9A-F]{4}(-\\u[0-9A-F]{4})?)+\]\*\$$/);
    expect(points.length).toBeGreaterThan(800);
  });

  it('every character of the fast path is one column for string-width: alone, doubled, between letters, after a space', () => {
    const wrong = points
      .map((code) => String.fromCharCode(code))
      .filter((char) => [char, char + char, `a${char}b`, ` ${char}.`].some((text) => realStringWidth(text) !== text.length || stringWidth(text) !== text.length));
    expect(wrong.map((char) => `U+${char.charCodeAt(0).toString(16)}`)).toEqual([]);
  });

  it('every pair of a sample across the class measures as string-width measures it', () => {
    const sample = points.filter((_, index) => index % 17 === 0).map((code) => String.fromCharCode(code));
    for (const a of sample) for (const b of sample) expect(stringWidth(a + b), `${a}${b}`).toBe(realStringWidth(a + b));
  });

  it('the screens\' own lines, styled or not, measure as string-width measures them', () => {
    const lines = [
      'App name › Region › Zones',
      '─'.repeat(78),
      '  ✓ terraform plan · 12 to add, 0 to change, 0 to destroy',
      '⚠ the database is replaced …',
      '\u001B[32m✓\u001B[39m done \u001B[2m(3 s)\u001B[22m',
      '\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007 → there',
      '┌──┐│  │└──┘ ⠋⠙⠹',
      '',
    ];
    for (const line of lines) expect(stringWidth(line), line).toBe(realStringWidth(line));
  });

  it('what it does not know goes to string-width: wide, emoji, marks, joiners, selectors, controls', () => {
    const others = ['日本語', '🚀 launch', '✅ done', '⚠️ warning', 'e\u0301', 'soft\u00ADhyphen', '👩‍💻', '1️⃣', 'tab\there', '◽', 'Ｆｕｌｌ', '\u200B'];
    for (const text of others) expect(stringWidth(text), text).toBe(realStringWidth(text));
  });

  it('options go to string-width untouched', () => {
    expect(stringWidth('\u001B[31mab\u001B[39m', { countAnsiEscapeCodes: true })).toBe(realStringWidth('\u001B[31mab\u001B[39m', { countAnsiEscapeCodes: true }));
    expect(stringWidth('±·', { ambiguousIsNarrow: false })).toBe(realStringWidth('±·', { ambiguousIsNarrow: false }));
  });
});
