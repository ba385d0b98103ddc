import { Text } from 'ink';
import { theme } from './theme.js';

export interface Hint {
  readonly keys: string;
  readonly action: string;
}

/** The always-visible line of keys; one line, cut at the edge rather than wrapped. */
export function KeyHints({ hints }: { readonly hints: readonly Hint[] }) {
  return (
    <Text wrap="truncate-end">
      {hints.map((hint, index) => (
        <Text key={hint.keys}>
          {index > 0 ? '  ' : ''}
          <Text bold>{hint.keys}</Text>
          <Text color={theme.color('muted')}> {hint.action}</Text>
        </Text>
      ))}
    </Text>
  );
}
