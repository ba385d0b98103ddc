/**
 * A single choice from a list that scrolls within a fixed number of rows,
 * optionally filtered by typing. Moving the highlight changes the answer, so
 * the screen can show the consequence of the highlighted choice as it moves.
 */
import { Box, Text } from 'ink';
import type { Key } from 'ink';
import { filterChoices } from '../wizard/filter.js';
import type { Choice } from '../wizard/types.js';
import { listWindow } from './listWindow.js';
import { theme } from './theme.js';

export interface SelectEdit {
  readonly value: string;
  readonly query: string;
}

/**
 * The new value and query after a key, or undefined when the list does not
 * use the key (so ↑ on the first item can move to the previous field).
 */
export function editSelect(choices: readonly Choice[], edit: SelectEdit, input: string, key: Key, options: { searchable?: boolean; page?: number } = {}): SelectEdit | undefined {
  if (options.searchable) {
    let query: string | undefined;
    if (key.backspace || key.delete) query = edit.query.slice(0, -1);
    else if (!key.ctrl && !key.meta && input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input)) query = edit.query + input;
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
