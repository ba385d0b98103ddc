/**
 * Where JSON text stops being JSON, as a line and a column. V8's messages
 * give a position for some errors and only a snippet for others (Node 20:
 * `Unexpected token '}', ..."n.ts": }" is not valid JSON`), so this walks the
 * text itself: a strict JSON scanner that only finds the first bad character.
 */
export interface TextPlace {
  readonly line: number;
  readonly column: number;
}

export function jsonErrorPlace(text: string): TextPlace | undefined {
  const index = firstBadIndex(text);
  if (index === undefined) return undefined;
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

class Bad extends Error {
  constructor(readonly index: number) {
    super('bad JSON');
  }
}

function firstBadIndex(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) throw new Bad(i);
      i++;
    }
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const ch = text.charCodeAt(i);
      if (ch < 0x20) throw new Bad(i);
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) throw new Bad(i);
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) throw new Bad(i);
      }
      i++;
    }
    expect('"');
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) throw new Bad(i);
    i += match[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return expect('true');
    if (ch === 'f') return expect('false');
    if (ch === 'n') return expect('null');
    return number();
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) throw new Bad(i);
    return undefined;
  } catch (error) {
    if (error instanceof Bad) return Math.min(error.index, text.length);
    throw error;
  }
}
