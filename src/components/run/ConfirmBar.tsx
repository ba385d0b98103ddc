/**
 * A yes/no question at the bottom of the plan review. Enter or y says yes;
 * n or Esc says no. Any other key does nothing, so a stray keystroke never
 * answers for the user.
 */
import { Text, useInput } from 'ink';
import { theme } from '../theme.js';

export interface ConfirmBarProps {
  /** "Apply these changes to production?" */
  readonly question: string;
  /** What yes does, in a word or two ("apply"). */
  readonly yes: string;
  /** What no does ("cancel"). */
  readonly no: string;
  readonly onAnswer: (approved: boolean) => void;
  /** False where stdin cannot go raw: then the bar is shown but reads no keys. */
  readonly isActive: boolean;
}

export function ConfirmBar({ question, yes, no, onAnswer, isActive }: ConfirmBarProps) {
  useInput(
    (input, key) => {
      if (key.return || input === 'y' || input === 'Y') onAnswer(true);
      else if (key.escape || input === 'n' || input === 'N') onAnswer(false);
    },
    { isActive },
  );
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
