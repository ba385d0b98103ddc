import { Box } from 'ink';
import { Paragraph } from './Paragraph.js';
import { theme } from './theme.js';

/** Columns the help takes besides its text: indent, bar, gap. */
export const HELP_INSET = 6;

/** The `?` text of the focused field, set off by a bar so it reads as an aside. */
export interface FieldHelpProps {
  readonly label: string;
  readonly text: string;
  readonly columns: number;
  readonly maxLines?: number;
}

export function FieldHelp({ label, text, columns, maxLines }: FieldHelpProps) {
  return (
    <Box marginLeft={4} paddingLeft={1} borderStyle="single" borderTop={false} borderRight={false} borderBottom={false} borderColor={theme.color('accent')}>
      <Paragraph text={`${label}: ${text}`} width={columns - HELP_INSET} {...(maxLines === undefined ? {} : { maxLines })} />
    </Box>
  );
}
