/**
 * A wizard step: the frame, the form, and whatever the screen adds below it
 * (the subnets, the scaling sentence), within the terminal's rows.
 */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { HELP_INSET } from '../components/FieldHelp.js';
import { FRAME_LINES, Frame } from '../components/Frame.js';
import { linesOf, rowsLeft } from '../components/layout.js';
import { breadcrumbOf, wizardTitle } from '../wizard/steps.js';
import { StepForm, formHints, labelWidth, valueWidth } from './StepForm.js';
import type { ScreenProps } from './types.js';
import { Paragraph } from '../components/Paragraph.js';
import { theme } from '../components/theme.js';

export interface StepScreenProps extends ScreenProps {
  readonly extra?: ReactNode;
  /** Rows the extra content takes, so the lists leave room for it. */
  readonly extraLines?: number;
}

export function StepScreen({ extra, extraLines = 0, ...props }: StepScreenProps) {
  const { questions, issues, focus, help, size, context } = props;
  const focused = questions[focus];
  const locked = focused?.locked?.(context);
  const width = valueWidth(size.columns, labelWidth(questions));
  const cost = props.cost ?? [];
  let used = FRAME_LINES + Math.max(questions.length - 1, 0) + extraLines + (extra ? 1 : 0);
  for (const line of cost) used += linesOf(line, size.columns);
  for (const message of Object.values(issues)) used += linesOf(`✗ ${message}`, width);
  if (focused && help) used += linesOf(`${focused.label}: ${focused.help}`, size.columns - HELP_INSET);
  if (locked !== undefined) used += linesOf(`fixed: ${locked}`, width);
  const listRows = rowsLeft(size.rows, used);
  return (
    <Frame
      title={wizardTitle(context, props.answers)}
      breadcrumb={breadcrumbOf(props.step)}
      columns={size.columns}
      hints={formHints(focused, { canGoBack: props.canGoBack, help, locked: locked !== undefined })}
    >
      <StepForm {...props} listRows={listRows} columns={size.columns} />
      {extra ? <Box marginTop={1}>{extra}</Box> : null}
      {cost.length ? (
        <Box flexDirection="column">
          {cost.map((line) => (
            <Paragraph key={line} text={line} width={size.columns} color={theme.color('muted')} />
          ))}
        </Box>
      ) : null}
    </Frame>
  );
}
