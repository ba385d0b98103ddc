/**
 * The data guard, asked in the terminal: to lose data the user types the
 * exact thing at stake — the resource's address, or for a destroy the
 * environment's name. Enter with anything else confirms nothing and says
 * so; Esc keeps the data. Matching trims spaces, nothing more (as the guard's
 * allow-list does).
 */
import { Box, Text, useInput, type Key } from 'ink';
import { useState } from 'react';
import { confirmationWord, type DecisionRequest } from '../../tasks/decisions.js';
import { findDataRisks, STATEFUL_RESOURCE_TYPES } from '../../terraform/guard.js';
import { wrapWords } from '../Paragraph.js';
import { TextInput } from '../TextInput.js';
import { theme } from '../theme.js';

export type GuardRequest = Extract<DecisionRequest, { kind: 'allow-data-loss' | 'confirm-destroy' }>;

interface Explained {
  readonly title: string;
  readonly body: readonly string[];
  /** What follows "Type WORD" in the question. */
  readonly then: string;
}

function explain(request: GuardRequest, width: number): Explained {
  if (request.kind === 'allow-data-loss') {
    return {
      title: '⚠ This plan loses data',
      body: wrapWords(request.finding.reason, width),
      then: ' to allow it (Esc keeps it and stops):',
    };
  }
  const lost = findDataRisks(request.summary.changes).map((finding) => `Lost: ${finding.address}, ${STATEFUL_RESOURCE_TYPES.get(finding.type)}.`);
  return {
    title: `✖ Destroy ${request.environment}: ${request.summary.totals.destroy} resources will be deleted`,
    body: [...request.blockers, ...lost].flatMap((line) => wrapWords(line, width - 2).map((text) => `  ${text}`)),
    then: ' to destroy it (Esc cancels):',
  };
}

/**
 * The field's edit: type, Backspace, Ctrl-U to clear. Kept to what typing a
 * name needs (the cursor stays at the end), so the prompt does not lean on
 * the wizard form's editors.
 */
export function typeInto(value: string, input: string, key: Key): string | undefined {
  if (key.backspace || key.delete) return value.slice(0, -1);
  if (key.ctrl && input === 'u') return '';
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return undefined;
  const printable = input.replace(/[\u0000-\u001f\u007f]/g, '');
  return printable ? value + printable : undefined;
}

/** Rows the prompt takes, the mismatch line included. */
export function guardPromptLines(request: GuardRequest, columns: number): number {
  return explain(request, columns).body.length + 4;
}

export interface GuardPromptProps {
  readonly request: GuardRequest;
  readonly columns: number;
  readonly onAnswer: (approved: boolean) => void;
  readonly isActive: boolean;
}

export function GuardPrompt({ request, columns, onAnswer, isActive }: GuardPromptProps) {
  const word = confirmationWord(request)!;
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState<string>();
  useInput(
    (input, key) => {
      if (key.escape) return onAnswer(false);
      if (key.return) {
        if (typed.trim() === word) return onAnswer(true);
        setMismatch(typed.trim());
        return;
      }
      const next = typeInto(typed, input, key);
      if (next !== undefined) {
        setTyped(next);
        setMismatch(undefined);
      }
    },
    { isActive },
  );
  const { title, body, then } = explain(request, columns);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.color('error')} wrap="truncate-end">
        {title}
      </Text>
      {body.map((line, index) => (
        <Text key={index}>{line}</Text>
      ))}
      <Text wrap="truncate-end">
        Type <Text bold>{word}</Text>
        {then}
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.color('accent')}>› </Text>
        <TextInput value={typed} cursor={typed.length} focused={isActive} />
      </Text>
      <Text wrap="truncate-end" color={theme.color('error')}>
        {mismatch === undefined ? ' ' : `✗ ${mismatch === '' ? 'Nothing typed' : `"${mismatch}" is not ${word}`}: nothing was confirmed. Type it exactly, or Esc.`}
      </Text>
    </Box>
  );
}
