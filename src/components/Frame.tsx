/**
 * The chrome of every wizard screen: what is being done, where in the
 * walk we are, the screen itself, and the key hints at the bottom.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { STEP_TITLES, stepIndex } from '../wizard/steps.js';
import { STEP_IDS, type StepId } from '../wizard/types.js';
import { KeyHints, type Hint } from './KeyHints.js';
import { theme } from './theme.js';

/** Lines the frame itself uses: title, breadcrumb, a gap, and a gap plus the hints. */
export const FRAME_LINES = 5;

function Breadcrumb({ step, columns }: { readonly step: StepId; readonly columns: number }) {
  const current = stepIndex(step);
  const full = STEP_IDS.map((id) => STEP_TITLES[id]).join(' ').length + 2;
  if (full > columns) {
    return (
      <Text>
        Step {current + 1} of {STEP_IDS.length} · <Text bold>{STEP_TITLES[step]}</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {STEP_IDS.map((id, index) => (
        <Text key={id}>
          {index > 0 ? ' ' : ''}
          {index === current ? (
            <Text bold color={theme.color('accent')}>
              [{STEP_TITLES[id]}]
            </Text>
          ) : (
            <Text color={index > current ? theme.color('muted') : undefined}>{STEP_TITLES[id]}</Text>
          )}
        </Text>
      ))}
    </Text>
  );
}

export interface FrameProps {
  /** "new project", "modifying production", … */
  readonly title: string;
  readonly step?: StepId;
  readonly columns: number;
  readonly hints: readonly Hint[];
  readonly children: ReactNode;
}

/** "ecs-wizard · <title>": the first line of every screen, wizard and run view alike. */
export function TitleLine({ title }: { readonly title: ReactNode }) {
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.color('accent')}>
        ecs-wizard
      </Text>
      <Text color={theme.color('muted')}> · </Text>
      {title}
    </Text>
  );
}

export function Frame({ title, step, columns, hints, children }: FrameProps) {
  return (
    <Box flexDirection="column" width={columns}>
      <TitleLine title={title} />
      {step ? <Breadcrumb step={step} columns={columns} /> : <Text> </Text>}
      <Box marginTop={1} flexDirection="column">
        {children}
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={hints} />
      </Box>
    </Box>
  );
}
