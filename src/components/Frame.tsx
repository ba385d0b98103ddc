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

/**
 * The titles that fit `columns` around the current one: the whole walk when
 * it fits, else a window with "…" where titles were left out, widened one
 * title at a time, after the current one first.
 */
export function breadcrumbWindow(breadcrumb: Breadcrumb, columns: number): { readonly first: number; readonly last: number } {
  const { titles, current } = breadcrumb;
  const width = (first: number, last: number) =>
    titles.slice(first, last + 1).join(' ').length + 2 + (first > 0 ? 2 : 0) + (last < titles.length - 1 ? 2 : 0);
  let first = current;
  let last = current;
  for (;;) {
    const right = last + 1 < titles.length && width(first, last + 1) <= columns;
    if (right) last += 1;
    const left = first > 0 && width(first - 1, last) <= columns;
    if (left) first -= 1;
    if (!right && !left) return { first, last };
  }
}

function BreadcrumbLine({ breadcrumb, columns }: { readonly breadcrumb: Breadcrumb; readonly columns: number }) {
  const { titles, current } = breadcrumb;
  const { first, last } = breadcrumbWindow(breadcrumb, columns);
  return (
    <Text wrap="truncate-end">
      {first > 0 ? <Text color={theme.color('muted')}>… </Text> : null}
      {titles.slice(first, last + 1).map((title, offset) => {
        const index = first + offset;
        return (
          <Text key={title}>
            {offset > 0 ? ' ' : ''}
            {index === current ? (
              <Text bold color={theme.color('accent')}>
                [{title}]
              </Text>
            ) : (
              <Text color={index > current ? theme.color('muted') : undefined}>{title}</Text>
            )}
          </Text>
        );
      })}
      {last < titles.length - 1 ? <Text color={theme.color('muted')}> …</Text> : null}
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
