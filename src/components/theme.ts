/**
 * The one place colours come from. Chalk (under Ink) ignores NO_COLOR, so
 * components never name a colour themselves: with NO_COLOR set every role
 * is undefined and the output is plain text; pointers and brackets, not
 * colour, carry the meaning.
 */
export type Role = 'accent' | 'error' | 'success' | 'warning' | 'muted' | 'changed';

const PALETTE: Record<Role, string> = {
  accent: 'cyan',
  error: 'red',
  success: 'green',
  warning: 'yellow',
  muted: 'gray',
  changed: 'yellow',
};

/** no-color.org: set and not empty means no colour. */
export function colorsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

export interface Theme {
  readonly colors: boolean;
  color(role: Role): string | undefined;
}

export function createTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  const colors = colorsEnabled(env);
  return { colors, color: (role) => (colors ? PALETTE[role] : undefined) };
}

export const theme: Theme = createTheme();
