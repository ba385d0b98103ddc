import { describe, expect, it } from 'vitest';
import { jsonErrorPlace } from '../../src/project/jsonError.js';

describe('jsonErrorPlace', () => {
  it.each([
    ['{"a": 1,}', { line: 1, column: 9 }],
    ['{\n  "a": \n}', { line: 3, column: 1 }],
    ['{"a": tru}', { line: 1, column: 10 }],
    ['<<<<<<< HEAD\n{}', { line: 1, column: 1 }],
    ['{"a": 1} x', { line: 1, column: 10 }],
    ['{"a": "\u0001"}', { line: 1, column: 8 }],
    ['', { line: 1, column: 1 }],
  ])('%j → %j', (text, place) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPlace(text)).toEqual(place);
  });

  it('valid JSON (a BOM included) has no error place', () => {
    for (const text of ['{}', '[1, 2.5e3, "x\\n\\u00e9", true, false, null]', '\uFEFF{"a": {"b": []}}\n']) expect(jsonErrorPlace(text)).toBeUndefined();
  });
});
