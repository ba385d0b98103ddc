/**
 * What a key does to one field, as pure functions of (value, key). The Ink
 * components and the wizard's reducer share them; no Ink here, so plain mode
 * can load the reducer without it, and components need not know the wizard.
 */
import { filterChoices } from './filter.js';
import type { Choice } from './choice.js';

/** The parts of Ink's Key the editors read (Ink's Key satisfies it). */
export interface KeyInput {
  readonly upArrow: boolean;
  readonly downArrow: boolean;
  readonly leftArrow: boolean;
  readonly rightArrow: boolean;
  readonly pageUp: boolean;
  readonly pageDown: boolean;
  readonly home: boolean;
  readonly end: boolean;
  readonly return: boolean;
  readonly escape: boolean;
  readonly ctrl: boolean;
  readonly shift: boolean;
  readonly tab: boolean;
  readonly backspace: boolean;
  readonly delete: boolean;
  readonly meta: boolean;
}

const hasControl = (input: string) => /[\u0000-\u001f\u007f]/.test(input);

export interface TextEdit {
  readonly value: string;
  readonly cursor: number;
}

/** The edited text, or undefined when the key is not an editing key. */
export function editText(edit: TextEdit, input: string, key: KeyInput, options: { digitsOnly?: boolean } = {}): TextEdit | undefined {
  const { value } = edit;
  const cursor = Math.min(Math.max(edit.cursor, 0), value.length);
  if (key.leftArrow) return { value, cursor: Math.max(cursor - 1, 0) };
  if (key.rightArrow) return { value, cursor: Math.min(cursor + 1, value.length) };
  if (key.home || (key.ctrl && input === 'a')) return { value, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { value, cursor: value.length };
  if (key.ctrl && input === 'u') return { value: value.slice(cursor), cursor: 0 };
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as delete.
  if (key.backspace || key.delete) {
    if (cursor === 0) return edit;
    return { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
  }
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab || key.return || key.escape) return undefined;
  if (input.length === 0 || hasControl(input)) return undefined;
  const typed = options.digitsOnly ? input.replace(/\D/g, '') : input;
  if (typed === '') return edit;
  return { value: value.slice(0, cursor) + typed + value.slice(cursor), cursor: cursor + typed.length };
}

export interface SelectEdit {
  readonly value: string;
  readonly query: string;
}

/**
 * The new value and query after a key, or undefined when the list does not
 * use the key (so ↑ on the first item can move to the previous field).
 */
export function editSelect(
  choices: readonly Choice[],
  edit: SelectEdit,
  input: string,
  key: KeyInput,
  options: { searchable?: boolean; page?: number } = {},
): SelectEdit | undefined {
  if (options.searchable) {
    let query: string | undefined;
    if (key.backspace || key.delete) query = edit.query.slice(0, -1);
    else if (!key.ctrl && !key.meta && input.length > 0 && !hasControl(input)) query = edit.query + input;
    if (query !== undefined) {
      if (query === edit.query) return edit;
      const shown = filterChoices(choices, query);
      // The answer follows the filter, so Enter takes the first match.
      const value = shown.some((choice) => choice.value === edit.value) ? edit.value : (shown[0]?.value ?? edit.value);
      return { value, query };
    }
  }
  const shown = filterChoices(choices, edit.query);
  if (shown.length === 0) return undefined;
  const index = shown.findIndex((choice) => choice.value === edit.value);
  const page = options.page ?? 5;
  let target: number | undefined;
  if (key.upArrow) target = index - 1;
  else if (key.downArrow) target = index + 1;
  else if (key.pageUp) target = Math.max(index - page, 0);
  else if (key.pageDown) target = Math.min(index + page, shown.length - 1);
  else if (key.home) target = 0;
  else if (key.end) target = shown.length - 1;
  if (target === undefined) return undefined;
  if (index < 0) target = 0;
  if (target < 0 || target >= shown.length) return undefined;
  return { value: shown[target]!.value, query: edit.query };
}

export interface MultiEdit {
  readonly values: readonly string[];
  readonly cursor: number;
}

/**
 * Space toggles the choice under the cursor. A toggled-on choice is
 * appended, so an existing environment's zones keep their positions (and
 * their subnets) when one is added.
 */
export function editMulti(choices: readonly Choice[], edit: MultiEdit, input: string, key: KeyInput): MultiEdit | undefined {
  const cursor = Math.min(Math.max(edit.cursor, 0), Math.max(choices.length - 1, 0));
  if (key.upArrow) return cursor > 0 ? { ...edit, cursor: cursor - 1 } : undefined;
  if (key.downArrow) return cursor < choices.length - 1 ? { ...edit, cursor: cursor + 1 } : undefined;
  if (input === ' ' || input === 'x') {
    const choice = choices[cursor];
    if (!choice) return undefined;
    const values = edit.values.includes(choice.value) ? edit.values.filter((value) => value !== choice.value) : [...edit.values, choice.value];
    return { values, cursor };
  }
  return undefined;
}

/** ← → Space flip a yes/no answer; y and n set it. ↑ ↓ are left to move between fields. */
export function editToggle(value: boolean, input: string, key: KeyInput): boolean | undefined {
  if (key.leftArrow || key.rightArrow || input === ' ') return !value;
  if (input === 'y' || input === 'Y') return true;
  if (input === 'n' || input === 'N') return false;
  return undefined;
}
