/**
 * A single choice from a list that scrolls within a fixed number of rows,
 * optionally filtered by typing. Moving the highlight changes the answer, so
 * the screen can show the consequence of the highlighted choice as it moves.
 */
import { Box, Text } from 'ink';
import { filterChoices } from '../input/filter.js';
import type { Choice } from '../input/choice.js';
import { listWindow } from './listWindow.js';
import { theme } from './theme.js';

// The editing functions live with the reducer; these re-exports keep the component's name for them.
export { editSelect, type SelectEdit } from '../input/editors.js';

export interface SelectListProps {
  readonly choices: readonly Choice[];
  readonly value: string;
  readonly query?: string;
  /** Rows the list may use, including the "more" line. */
  readonly maxRows: number;
}

export function SelectList({ choices, value, query = '', maxRows }: SelectListProps) {
  const shown = filterChoices(choices, query);
  if (shown.length === 0) {
    return <Text color={theme.color('warning')}>no match for “{query}”; Backspace to widen the search</Text>;
  }
  const selected = Math.max(shown.findIndex((choice) => choice.value === value), 0);
  const scrolls = shown.length > maxRows;
  const { start, end } = listWindow(shown.length, selected, scrolls ? Math.max(maxRows - 1, 1) : maxRows);
  const labelWidth = Math.max(...shown.slice(start, end).map((choice) => choice.label.length));
  return (
    <Box flexDirection="column">
      {shown.slice(start, end).map((choice, offset) => {
        const isSelected = start + offset === selected;
        return (
          <Text key={choice.value} wrap="truncate-end">
            <Text color={isSelected ? theme.color('accent') : undefined} bold={isSelected}>
              {isSelected ? '› ' : '  '}
              {choice.label.padEnd(labelWidth)}
            </Text>
            {choice.hint ? <Text color={theme.color('muted')}>  {choice.hint}</Text> : null}
          </Text>
        );
      })}
      {scrolls ? (
        <Text color={theme.color('muted')}>
          {'  '}
          {[start > 0 ? `↑ ${start} more` : '', end < shown.length ? `↓ ${shown.length - end} more` : ''].filter(Boolean).join('  ')}
        </Text>
      ) : null}
    </Box>
  );
}
