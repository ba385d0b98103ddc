import { describe, expect, it } from 'vitest';
import { mergeChanges } from '../../src/config/mergeChanges.js';

describe('mergeChanges: my changes on top of theirs', () => {
  const base = { app: { name: 'shop' }, environments: { production: { service: { minCount: 1, maxCount: 2 }, tags: ['a'] } } };

  it('nothing changed by them: mine exactly', () => {
    const mine = { ...base, app: { name: 'store' } };
    expect(mergeChanges(base, mine, base)).toEqual(mine);
  });

  it('nothing changed by me: theirs exactly', () => {
    const theirs = structuredClone(base);
    theirs.environments.production.service.maxCount = 3;
    expect(mergeChanges(base, structuredClone(base), theirs)).toEqual(theirs);
  });

  it('both changed different values: both kept; the same value: mine wins; arrays are values; removals stay removed', () => {
    const theirs = structuredClone(base) as any;
    theirs.environments.production.service.maxCount = 3;
    theirs.environments.production.service.minCount = 5;
    theirs.environments.staging = { service: { minCount: 1 } };
    const mine = structuredClone(base) as any;
    mine.environments.production.service.minCount = 2;
    mine.environments.production.tags = ['a', 'b'];
    delete mine.app.name;
    expect(mergeChanges(base, mine, theirs)).toEqual({
      app: {},
      environments: {
        production: { service: { minCount: 2, maxCount: 3 }, tags: ['a', 'b'] },
        staging: { service: { minCount: 1 } },
      },
    });
  });

  it('no base (a new project): mine whole; an empty base: each key I set is mine whole, keys only they have kept', () => {
    expect(mergeChanges(undefined, { a: 1, b: { c: 2 } }, { b: { c: 3, d: 4 }, e: 5 })).toEqual({ a: 1, b: { c: 2 } });
    expect(mergeChanges({}, { a: 1, b: { c: 2 } }, { b: { c: 3, d: 4 }, e: 5 })).toEqual({ a: 1, b: { c: 2 }, e: 5 });
  });
});
