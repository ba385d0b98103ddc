/**
 * Several choices, toggled with Space. A toggled-on choice is appended, so
 * an existing environment's zones keep their positions (and their subnets)
 * when one is added.
 */
import { Box, Text } from 'ink';
import type { Key } from 'ink';
import type { Choice } from '../wizard/types.js';
import { listWindow } from './listWindow.js';
import { theme } from './theme.js';

export interface MultiEdit {
  readonly values: readonly string[];
  readonly cursor: number;
}

export function editMulti(choices: readonly Choice[], edit: MultiEdit, input: string, key: Key): MultiEdit | undefined {
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

export interface MultiSelectProps {
  readonly choices: readonly Choice[];
  readonly values: readonly string[];
  readonly cursor: number;
  readonly maxRows: number;
}

export function MultiSelect({ choices, values, cursor, maxRows }: MultiSelectProps) {
  const scrolls = choices.length > maxRows;
  const { start, end } = listWindow(choices.length, cursor, scrolls ? Math.max(maxRows - 1, 1) : maxRows);
  return (
    <Box flexDirection="column">
      {choices.slice(start, end).map((choice, offset) => {
        const here = start + offset === cursor;
        const checked = values.includes(choice.value);
        return (
          <Text key={choice.value} wrap="truncate-end">
            <Text color={here ? theme.color('accent') : undefined} bold={here}>
              {here ? '› ' : '  '}
            </Text>
            <Text color={checked ? theme.color('success') : undefined}>{checked ? '[x]' : '[ ]'}</Text> {choice.label}
            {choice.hint ? <Text color={theme.color('muted')}>  {choice.hint}</Text> : null}
          </Text>
        );
      })}
      {scrolls ? <Text color={theme.color('muted')}>  {choices.length - (end - start)} more</Text> : null}
    </Box>
  );
}
