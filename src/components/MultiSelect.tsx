/** Several choices with checkboxes; toggling is src/input/editors.ts's editMulti. */
import { Box, Text } from 'ink';
import type { Choice } from '../input/choice.js';
import { listWindow } from './listWindow.js';
import { theme } from './theme.js';

// The editing functions live with the reducer; these re-exports keep the component's name for them.
export { editMulti, type MultiEdit } from '../input/editors.js';

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
