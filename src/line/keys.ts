/**
 * Plain mode's keys, as pure functions: raw terminal input into keys, and a
 * key's effect on the line being typed. The terminal is raw while a prompt
 * reads, so editing is ours to do, in the same model as the Ink views (keys
 * in order, each applied to what the one before left), and with what a
 * terminal that cannot move its cursor can show: text is echoed as typed and
 * erased with backspace-space-backspace; nothing else is ever written.
 *
 * Node's own line editor is no help here: under TERM=dumb it takes Backspace
 * for a character (it ended up in the answer) and redraws with escape
 * sequences elsewhere.
 */

export type LineKey =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'enter' }
  /** Backspace: DEL (0x7f) from most terminals, BS (0x08, Ctrl-H) from others. */
  | { readonly kind: 'erase' }
  /** Ctrl-W. */
  | { readonly kind: 'eraseWord' }
  /** Ctrl-U. */
  | { readonly kind: 'clear' }
  /** `?`, anywhere: it shows the prompt's help and is never part of an answer. */
  | { readonly kind: 'help' }
  /** Ctrl-C. */
  | { readonly kind: 'cancel' }
  /** Ctrl-D: the end of input, on an empty line. */
  | { readonly kind: 'end' }
  /** Arrows, function keys, Tab, Esc and other control keys: a line has no use for them. */
  | { readonly kind: 'ignored' };

const CONTROL: Readonly<Record<string, LineKey>> = {
  '\r': { kind: 'enter' },
  '\n': { kind: 'enter' },
  '\x7f': { kind: 'erase' },
  '\b': { kind: 'erase' },
  '\x17': { kind: 'eraseWord' },
  '\x15': { kind: 'clear' },
  '\x03': { kind: 'cancel' },
  '\x04': { kind: 'end' },
  '?': { kind: 'help' },
};

const ESC = '\x1b';

/**
 * Where the escape sequence starting at `at` ends (exclusive), or undefined
 * when the chunk ends inside it. CSI (ESC [ … final) and SS3 (ESC O x) are
 * read whole; ESC and a printable character is Alt+key.
 */
function sequenceEnd(chunk: string, at: number): number | undefined {
  const next = chunk[at + 1];
  if (next === undefined) return undefined;
  if (next === '[') {
    for (let index = at + 2; index < chunk.length; index++) {
      const code = chunk.charCodeAt(index);
      // Legacy function keys: ESC [ [ A.
      if (code === 0x5b && index === at + 2) continue;
      if (code >= 0x40 && code <= 0x7e) return index + 1;
      if (code < 0x20 || code > 0x3f) return index;
    }
    return undefined;
  }
  if (next === 'O') return at + 2 < chunk.length ? at + 3 : undefined;
  // Esc and then Enter, Backspace…: a lone Esc, and the key after it keeps its meaning.
  if (next < ' ' || next === '\x7f') return at + 1;
  return at + 2;
}

/**
 * Turns raw input into keys, one chunk at a time. An escape sequence cut
 * between two chunks is kept until the next one; CR LF is one Enter.
 */
export function createKeyParser(): { push(chunk: string): LineKey[] } {
  let pending = '';
  let afterCr = false;
  return {
    push(chunk: string): LineKey[] {
      const input = pending + chunk;
      pending = '';
      const keys: LineKey[] = [];
      let text = '';
      const flush = () => {
        if (text) keys.push({ kind: 'text', text });
        text = '';
      };
      for (let index = 0; index < input.length; ) {
        const char = input[index]!;
        const wasCr = afterCr;
        afterCr = char === '\r';
        if (char === ESC) {
          const end = sequenceEnd(input, index);
          if (end === undefined) {
            pending = input.slice(index);
            break;
          }
          flush();
          keys.push({ kind: 'ignored' });
          index = end;
          continue;
        }
        const control = CONTROL[char];
        if (control) {
          flush();
          if (!(char === '\n' && wasCr)) keys.push(control);
        } else if (char < ' ') {
          flush();
          keys.push({ kind: 'ignored' });
        } else {
          text += char;
        }
        index += 1;
      }
      flush();
      return keys;
    },
  };
}

/** What a key does to the line: what to echo, and whether the line is done. */
export type LineStep =
  | { readonly kind: 'edit'; readonly text: string; readonly echo: string }
  | { readonly kind: 'submit'; readonly text: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'none' };

const RUB_OUT = '\b \b';

function eraseLast(text: string, count: number): LineStep {
  const chars = [...text];
  const kept = chars.slice(0, Math.max(chars.length - count, 0));
  const erased = chars.length - kept.length;
  return erased === 0 ? { kind: 'none' } : { kind: 'edit', text: kept.join(''), echo: RUB_OUT.repeat(erased) };
}

export function editLine(text: string, key: LineKey): LineStep {
  switch (key.kind) {
    case 'text':
      return { kind: 'edit', text: text + key.text, echo: key.text };
    case 'enter':
      return { kind: 'submit', text };
    case 'erase':
      return eraseLast(text, 1);
    case 'eraseWord': {
      // The word before the cursor and the spaces after it, as readline does.
      const word = /\S*\s*$/.exec(text)![0];
      return eraseLast(text, [...word].length);
    }
    case 'clear':
      return eraseLast(text, Infinity);
    case 'help':
      return { kind: 'help' };
    case 'cancel':
      return { kind: 'cancel' };
    case 'end':
      return text === '' ? { kind: 'cancel' } : { kind: 'none' };
    case 'ignored':
      return { kind: 'none' };
  }
}
