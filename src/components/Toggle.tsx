import { Text } from 'ink';
import type { Key } from 'ink';
import { theme } from './theme.js';

/** ← → Space flip a yes/no answer; y and n set it. ↑ ↓ are left to move between fields. */
export function editToggle(value: boolean, input: string, key: Key): boolean | undefined {
  if (key.leftArrow || key.rightArrow || input === ' ') return !value;
  if (input === 'y' || input === 'Y') return true;
  if (input === 'n' || input === 'N') return false;
  return undefined;
}

export function Toggle({ value, focused }: { readonly value: boolean; readonly focused: boolean }) {
  const option = (label: string, on: boolean) => (
    <Text color={on && focused ? theme.color('accent') : undefined} bold={on}>
      {on ? '(•)' : '( )'} {label}
    </Text>
  );
  return (
    <Text>
      {option('yes', value)}
      {'  '}
      {option('no', !value)}
    </Text>
  );
}
