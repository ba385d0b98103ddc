/**
 * The chrome of every wizard screen: what is being done, where in the
 * walk we are, the screen itself, and the key hints at the bottom.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KeyHints, type Hint } from './KeyHints.js';
import { theme } from './theme.js';

/** Lines the frame itself uses: title, breadcrumb, a gap, and a gap plus the hints. */
export const FRAME_LINES = 5;

/** Where in a walk of steps the screen is: every step's title, and which one is current. */
export interface Breadcrumb {
  readonly titles: readonly string[];
  readonly current: number;
}

function BreadcrumbLine({ breadcrumb, columns }: { readonly breadcrumb: Breadcrumb; readonly columns: number }) {
  const { titles, current } = breadcrumb;
  const full = titles.join(' ').length + 2;
  if (full > columns) {
    return (
      <Text>
        Step {current + 1} of {titles.length} · <Text bold>{titles[current]}</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {titles.map((title, index) => (
        <Text key={title}>
          {index > 0 ? ' ' : ''}
          {index === current ? (
            <Text bold color={theme.color('accent')}>
              [{title}]
            </Text>
          ) : (
            <Text color={index > current ? theme.color('muted') : undefined}>{title}</Text>
          )}
        </Text>
      ))}
    </Text>
  );
}

export interface FrameProps {
  /** "new project", "modifying production", … */
  readonly title: string;
  readonly breadcrumb?: Breadcrumb;
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

export function Frame({ title, breadcrumb, columns, hints, children }: FrameProps) {
  return (
    <Box flexDirection="column" width={columns}>
      <TitleLine title={title} />
      {breadcrumb ? <BreadcrumbLine breadcrumb={breadcrumb} columns={columns} /> : <Text> </Text>}
      <Box marginTop={1} flexDirection="column">
        {children}
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={hints} />
      </Box>
    </Box>
  );
}
