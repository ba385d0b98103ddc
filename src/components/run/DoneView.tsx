/**
 * The end of a run: what it achieved, the stack's outputs (the URLs a person
 * came for first), and the three things left to do by hand after a first
 * apply. A failure's details sit in the log pane above; this says how it ended.
 */
import { Box, Text } from 'ink';
import { EXIT, type ExitCode } from '../../errors.js';
import type { EngineCommand } from '../../tasks/engine.js';
import { renderOutputValue } from '../../tasks/outputsText.js';
import type { StackOutput } from '../../terraform/jsonCommands.js';
import { wrapWords } from '../Paragraph.js';
import { theme } from '../theme.js';

/** The outputs people look for, first; the rest follow by name. */
const FIRST = ['app_url', 'alb_dns_name', 'ecr_repository_url', 'connection_status_url'];

function ordered(outputs: readonly StackOutput[]): StackOutput[] {
  const rank = (output: StackOutput) => {
    const at = FIRST.indexOf(output.name);
    return at === -1 ? FIRST.length : at;
  };
  return [...outputs].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

const valueOf = (outputs: readonly StackOutput[], name: string): string | undefined => {
  const output = outputs.find((candidate) => candidate.name === name && !candidate.sensitive);
  return typeof output?.value === 'string' && output.value !== '' ? output.value : undefined;
};

/** What is left to do by hand, from what the apply produced. */
export function nextSteps(options: { command: EngineCommand; environment: string; outputs: readonly StackOutput[]; branch?: string }): string[] {
  const { command, environment, outputs } = options;
  if (command === 'plan') return [`Nothing was changed. To make these changes, apply ${environment}: it plans again and asks before changing anything.`];
  if (command === 'destroy') return [];
  const steps: string[] = [];
  const connection = valueOf(outputs, 'connection_status_url');
  if (connection) {
    // The URL is long: it is shown whole among the outputs, where it can be copied.
    steps.push('Authorise GitHub: a new CodeStar connection starts PENDING. Open connection_status_url above and choose "Update pending connection".');
  }
  const dns = valueOf(outputs, 'alb_dns_name');
  if (dns) steps.push(`Point your domain at the load balancer with an ALIAS record (a CNAME for a subdomain) to ${dns}.`);
  if (connection || outputs.some((output) => output.name === 'ecr_repository_url')) {
    const branch = options.branch ? `the ${options.branch} branch` : 'the pipeline branch';
    steps.push(`Push to ${branch} to deploy: the pipeline builds the image, pushes it to ECR, runs the migrations and rolls out the service.`);
  }
  return steps;
}

export interface DoneViewProps {
  readonly exitCode: ExitCode;
  readonly summary: string;
  readonly command: EngineCommand;
  readonly environment: string;
  readonly outputs: readonly StackOutput[];
  readonly branch?: string;
  readonly columns: number;
}

export function DoneView({ exitCode, summary, command, environment, outputs, branch, columns }: DoneViewProps) {
  if (exitCode !== EXIT.ok) {
    const stopped = exitCode === EXIT.interrupted;
    return (
      <Text bold color={theme.color(stopped ? 'warning' : 'error')}>
        {stopped ? '■ Stopped' : '✖ Failed'} (exit code {exitCode}){stopped ? '' : ': nothing after the failed step ran.'}
      </Text>
    );
  }
  const shown = ordered(outputs);
  const nameWidth = Math.min(Math.max(0, ...shown.map((output) => output.name.length)) + 2, 26);
  const steps = nextSteps({ command, environment, outputs, ...(branch ? { branch } : {}) });
  return (
    <Box flexDirection="column">
      <Text bold color={theme.color('success')}>
        ✔ {summary}
      </Text>
      {shown.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Outputs</Text>
          {shown.map((output) => {
            const value = renderOutputValue(output);
            // A URL cut by a wrap cannot be copied: one too long to sit beside its name gets a line of its own.
            if (nameWidth + 2 + value.length > columns) {
              return (
                <Box key={output.name} flexDirection="column">
                  <Text color={theme.color('muted')}>  {output.name}</Text>
                  <Text>{`${value.length + 4 > columns ? '' : '    '}${value}`}</Text>
                </Box>
              );
            }
            return (
              <Text key={output.name}>
                <Text color={theme.color('muted')}>{`  ${output.name}`.padEnd(nameWidth + 2)}</Text>
                {value}
              </Text>
            );
          })}
        </Box>
      ) : null}
      {steps.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Next</Text>
          {steps.map((step, index) =>
            wrapWords(step, columns - 5).map((line, at) => (
              <Text key={`${index}-${at}`}>
                {at === 0 ? `  ${index + 1}. ` : '     '}
                {line}
              </Text>
            )),
          )}
        </Box>
      ) : null}
    </Box>
  );
}
