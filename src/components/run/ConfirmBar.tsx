/**
 * A yes/no question at the bottom of the plan review. Enter or y says yes;
 * n or Esc says no; any other key does nothing, so a stray keystroke never
 * answers for the user. The keys are read by the run view's one router
 * (src/tasks/runKeys.ts); this only shows the question.
 */
import { Text } from 'ink';
import { theme } from '../theme.js';

export interface ConfirmBarProps {
  /** "Apply these changes to production?" */
  readonly question: string;
  /** What yes does, in a word or two ("apply"). */
  readonly yes: string;
  /** What no does ("cancel"). */
  readonly no: string;
}

export function ConfirmBar({ question, yes, no }: ConfirmBarProps) {
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.color('accent')}>
        ? {question}
      </Text>
      {'  '}
      <Text bold>Enter/y</Text>
      <Text color={theme.color('muted')}> {yes}</Text>
      {'  '}
      <Text bold>n/Esc</Text>
      <Text color={theme.color('muted')}> {no}</Text>
    </Text>
  );
}
