/**
 * A one-line text field. Editing is a pure function of (value, cursor, key)
 * so the form that owns the keyboard decides what a key means first (Tab,
 * Enter, Esc, ?) and only then lets the field edit.
 */
import { Text } from 'ink';
import type { Key } from 'ink';
import { theme } from './theme.js';

export interface TextEdit {
  readonly value: string;
  readonly cursor: number;
}

const printable = (input: string) => input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input);

/** The edited text, or undefined when the key is not an editing key. */
export function editText(edit: TextEdit, input: string, key: Key, options: { digitsOnly?: boolean } = {}): TextEdit | undefined {
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
  if (!printable(input)) return undefined;
  const typed = options.digitsOnly ? input.replace(/\D/g, '') : input;
  if (typed === '') return edit;
  return { value: value.slice(0, cursor) + typed + value.slice(cursor), cursor: cursor + typed.length };
}

export interface TextInputProps {
  readonly value: string;
  readonly cursor: number;
  readonly focused: boolean;
  readonly placeholder?: string;
  readonly unit?: string;
}

export function TextInput({ value, cursor, focused, placeholder, unit }: TextInputProps) {
  const suffix = unit ? <Text color={theme.color('muted')}> {unit}</Text> : null;
  if (!focused) {
    if (value === '') return <Text color={theme.color('muted')}>{placeholder ? `e.g. ${placeholder}` : '(empty)'}</Text>;
    return (
      <Text>
        {value}
        {suffix}
      </Text>
    );
  }
  const at = Math.min(Math.max(cursor, 0), value.length);
  return (
    <Text>
      {value.slice(0, at)}
      <Text inverse>{value[at] ?? ' '}</Text>
      {value.slice(at + 1)}
      {value === '' && placeholder ? <Text color={theme.color('muted')}>e.g. {placeholder}</Text> : null}
      {suffix}
    </Text>
  );
}
