import { Text } from 'ink';
import { theme } from './theme.js';

// The editing functions live with the reducer; these re-exports keep the component's name for them.
export { editToggle } from '../input/editors.js';

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
