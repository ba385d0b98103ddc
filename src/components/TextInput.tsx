/** A one-line text field with its cursor; editing is src/input/editors.ts's editText. */
import { Text } from 'ink';
import { theme } from './theme.js';

// The editing functions live with the reducer; these re-exports keep the component's name for them.
export { editText, type TextEdit } from '../input/editors.js';

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
