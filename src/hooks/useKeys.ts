/**
 * useInput, one key at a time. Ink hands a burst of plain characters over as
 * one input ("\x7f\x7fX\r" when keys arrive together: a held Backspace, a
 * paste followed by Enter, tmux send-keys), which no handler could read as
 * Backspace, Backspace, X, Enter. This splits such a burst into its keys.
 */
import { useInput, type Key } from 'ink';

export interface KeyPress {
  readonly input: string;
  readonly key: Key;
}

export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const CONTROL: Record<string, KeyPress> = {
  '\r': { input: '', key: { ...NO_KEY, return: true } },
  '\n': { input: '', key: { ...NO_KEY, return: true } },
  '\t': { input: '', key: { ...NO_KEY, tab: true } },
  '\x7f': { input: '', key: { ...NO_KEY, backspace: true } },
  '\b': { input: '', key: { ...NO_KEY, backspace: true } },
  '\x03': { input: 'c', key: { ...NO_KEY, ctrl: true } },
  '\x15': { input: 'u', key: { ...NO_KEY, ctrl: true } },
  '\x01': { input: 'a', key: { ...NO_KEY, ctrl: true } },
  '\x05': { input: 'e', key: { ...NO_KEY, ctrl: true } },
};

/** The keys in one input event; runs of printable text stay together (a paste is one insert). */
export function splitKeys(input: string, key: Key): KeyPress[] {
  if (input.length <= 1 || ![...input].some((char) => char in CONTROL)) return [{ input, key }];
  const keys: KeyPress[] = [];
  let text = '';
  for (const char of input) {
    const control = CONTROL[char];
    if (!control) {
      text += char;
      continue;
    }
    if (text) keys.push({ input: text, key: NO_KEY });
    text = '';
    keys.push(control);
  }
  if (text) keys.push({ input: text, key: NO_KEY });
  return keys;
}

/**
 * Calls the handler once per key, in order. Handlers dispatch reducer events
 * (never compute from rendered state), so keys of one burst see each other.
 */
export function useKeys(handler: (input: string, key: Key) => void, options: { readonly isActive: boolean }): void {
  useInput((input, key) => {
    for (const press of splitKeys(input, key)) handler(press.input, press.key);
  }, options);
}
