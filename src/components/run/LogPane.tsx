/**
 * Terraform's latest messages, a few lines high, so a person sees it is alive.
 * Errors are never cut: every error diagnostic in full while the run goes
 * on, and at the end the failure with its log file and the one next step.
 */
import { Box, Text } from 'ink';
import type { LogLine, RunError, RunFailureView } from '../../tasks/runState.js';
import { wrapWords } from '../Paragraph.js';
import { theme, type Role } from '../theme.js';

/** Wraps text keeping each line's own indentation (failure messages indent their details). */
function wrapIndented(text: string, width: number, prefix = ''): string[] {
  return text.split('\n').flatMap((line) => {
    const indent = prefix + (/^\s*/.exec(line)?.[0] ?? '');
    return line.trim() === '' ? [] : wrapWords(line.trim(), width - indent.length).map((part) => indent + part);
  });
}

function errorLines(error: RunError, width: number): string[] {
  const where = error.address ? `${error.address}: ` : '';
  return [...wrapIndented(`✖ Error: ${where}${error.summary}`, width), ...(error.detail.trim() ? wrapIndented(error.detail, width, '    ') : [])];
}

export function failureLines(failure: RunFailureView, interrupted: boolean, width: number): string[] {
  return [
    ...wrapIndented(`${interrupted ? '■' : '✖'} ${failure.message}`, width),
    // A path is copied, not read: never split it at a word boundary or indent its continuation.
    ...(failure.logFile ? (failure.logFile.length + 12 > width ? ['  Full log:', failure.logFile] : [`  Full log: ${failure.logFile}`]) : []),
    ...(failure.next ? wrapIndented(`Next: ${failure.next}`, width, '  ') : []),
  ];
}

const LEVEL_ROLE: Partial<Record<LogLine['level'], Role>> = { error: 'error', warn: 'warning' };

export interface LogPaneProps {
  readonly log: readonly LogLine[];
  readonly errors: readonly RunError[];
  readonly failure?: RunFailureView;
  /** The run was stopped on request: the failure is a stop, not an error. */
  readonly interrupted?: boolean;
  readonly columns: number;
  /** Rows for the latest messages; errors and the failure take what they need on top. */
  readonly maxLines: number;
}

export function LogPane({ log, errors, failure, interrupted = false, columns, maxLines }: LogPaneProps) {
  if (failure) {
    // The failure message already lists Terraform's errors, worded for a person.
    return (
      <Box flexDirection="column">
        {failureLines(failure, interrupted, columns).map((line, index) => (
          <Text key={index} color={theme.color(index === 0 ? (interrupted ? 'warning' : 'error') : 'muted')} bold={index === 0}>
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  const shownErrors = errors.flatMap((error) => errorLines(error, columns));
  const tail = log.slice(Math.max(log.length - Math.max(maxLines - shownErrors.length, errors.length ? 0 : 1), 0));
  return (
    <Box flexDirection="column">
      {tail.map((line) => {
        const role = LEVEL_ROLE[line.level] ?? 'muted';
        return (
          <Text key={line.id} wrap="truncate-end" color={theme.color(role)}>
            │ {line.text}
          </Text>
        );
      })}
      {shownErrors.map((line, index) => (
        <Text key={`error-${index}`} color={theme.color('error')}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
