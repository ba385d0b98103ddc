/**
 * Where a JSON text breaks, as line and column, with the reason in words.
 * JSON.parse's own message differs between Node versions, sometimes has only
 * a character offset, and sometimes quotes the whole file back; this small
 * reader finds the first error itself. Used only once JSON.parse has failed.
 */

export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

class Stop extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function describe(char: string | undefined): string {
  if (char === undefined) return 'the end of the file';
  if (char === '\n') return 'a line break';
  return `"${char}"`;
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const skip = () => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  };
  const expect = (what: string): never => {
    throw new Stop(at, `expected ${what}, found ${describe(text[at])}`);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length;
    else throw new Stop(at, `expected a value (a string in double quotes, a number, true, false, null, an object or a list), found ${describe(text[at])}`);
  };
  const string = () => {
    const start = at;
    at++;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        const next = text[at + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) throw new Stop(at, 'a \\u escape needs four hex digits');
          at += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          at += 2;
        } else {
          throw new Stop(at, `${describe(next)} cannot follow a backslash; write \\\\ for a backslash`);
        }
        continue;
      }
      if (char === '\n') throw new Stop(start, 'a string runs past the end of its line: close it with "');
      if (char < ' ') throw new Stop(at, 'a control character inside a string; write it as an escape such as \\t');
      at++;
    }
    throw new Stop(start, 'a string is never closed: add the closing "');
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) expect('a number');
    at += match![0].length;
  };
  const value = (): void => {
    skip();
    const char = text[at];
    if (char === '{') return object();
    if (char === '[') return list();
    if (char === '"') return string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    if (char === "'") throw new Stop(at, 'strings take double quotes in JSON, not single quotes');
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    literal('\u0000');
  };
  const object = () => {
    at++;
    skip();
    if (text[at] === '}') {
      at++;
      return;
    }
    for (;;) {
      skip();
      if (text[at] === '}') throw new Stop(at, 'a comma before "}": remove the trailing comma');
      if (text[at] !== '"') expect('a property name in double quotes');
      string();
      skip();
      if (text[at] !== ':') expect('":" after the property name');
      at++;
      value();
      skip();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return;
      }
      expect('"," or "}" after the value');
    }
  };
  const list = () => {
    at++;
    skip();
    if (text[at] === ']') {
      at++;
      return;
    }
    for (;;) {
      skip();
      if (text[at] === ']') throw new Stop(at, 'a comma before "]": remove the trailing comma');
      value();
      skip();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return;
      }
      expect('"," or "]" after the value');
    }
  };
  try {
    skip();
    if (at === text.length) throw new Stop(at, 'the file is empty; it should hold an object, e.g. {"version": 1, ...}');
    value();
    skip();
    if (at < text.length) throw new Stop(at, `unexpected ${describe(text[at])} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.index).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1, reason: error.reason };
  }
}
