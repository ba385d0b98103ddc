/**
 * The data guard, asked in the terminal: to lose data the user types the
 * exact thing at stake — the resource's address, or for a destroy the
 * environment's name. Enter with anything else confirms nothing and says
 * so; Esc keeps the data. The keys, and the text typed, belong to the run
 * state (src/tasks/runKeys.ts): this only shows them.
 */
import { Box, Text } from 'ink';
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

/** Rows the prompt takes, the mismatch line included. */
export function guardPromptLines(request: GuardRequest, columns: number): number {
  return explain(request, columns).body.length + 4;
}

export interface GuardPromptProps {
  readonly request: GuardRequest;
  readonly columns: number;
  /** What has been typed so far. */
  readonly typed: string;
  /** What Enter was last pressed on, when it was not the word asked for. */
  readonly mismatch?: string;
  /** Keys reach the prompt (a terminal that goes raw): the field shows its cursor. */
  readonly focused: boolean;
}

export function GuardPrompt({ request, columns, typed, mismatch, focused }: GuardPromptProps) {
  const word = confirmationWord(request)!;
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
        <TextInput value={typed} cursor={typed.length} focused={focused} />
      </Text>
      <Text wrap="truncate-end" color={theme.color('error')}>
        {mismatch === undefined ? ' ' : `✗ ${mismatch === '' ? 'Nothing typed' : `"${mismatch}" is not ${word}`}: nothing was confirmed. Type it exactly, or Esc.`}
      </Text>
    </Box>
  );
}
