/**
 * Every answer on one screen, what changes against the saved file, and the
 * last choice: generate, plan, or plan and apply.
 */
import { Box, Text } from 'ink';
import { FRAME_LINES, Frame } from '../components/Frame.js';
import { StepForm, formHints } from './StepForm.js';
import { Paragraph } from '../components/Paragraph.js';
import { FieldHelp, HELP_INSET } from '../components/FieldHelp.js';
import { clamp, linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import type { Problem } from '../config/index.js';
import { question } from '../wizard/questions.js';
import { copiesLine, reviewChanges, reviewSummary, type ReviewChange } from '../wizard/review.js';
import { breadcrumbOf, STEP_TITLES, wizardTitle } from '../wizard/steps.js';
import type { Answers, FieldId } from '../wizard/types.js';
import type { ScreenProps } from './types.js';
import { ReviewDiagram } from './ReviewDiagram.js';

export interface ReviewScreenProps extends ScreenProps {
  /** The answers as the wizard found them: the old side of the diff. */
  readonly initial: Answers;
  /** Problems of earlier steps, and of parts of the file no question covers. */
  readonly blocking: Partial<Record<FieldId, string>>;
  readonly otherProblems: readonly Problem[];
  /** Draws the answers' stack as text, for the `d` key. */
  readonly drawDiagram?: () => Promise<string>;
}

const TITLE_WIDTH = 11;

/** One line when it fits, else the label above an indented old → new: a diff reads left to right. */
function changeLines(change: ReviewChange, columns: number): number {
  return `~ ${change.label}: ${change.before} → ${change.after}`.length <= columns ? 1 : 2;
}

function ChangeLine({ change, columns }: { readonly change: ReviewChange; readonly columns: number }) {
  const values = (
    <>
      <Text color={theme.color('muted')}>{change.before}</Text> → <Text bold>{change.after}</Text>
    </>
  );
  if (changeLines(change, columns) === 1) {
    return (
      <Text>
        <Text color={theme.color('changed')}>~ </Text>
        {change.label}: {values}
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.color('changed')}>~ </Text>
        {change.label}:
      </Text>
      <Text wrap="truncate-end">
        {'    '}
        {values}
      </Text>
    </Box>
  );
}

interface ChangesProps {
  readonly changes: readonly ReviewChange[];
  /** The monthly cost and its change, said in the heading (no row of its own). */
  readonly cost?: string;
  /** Rows available for the list of changes. */
  readonly room: number;
  readonly environment: string;
  readonly columns: number;
}

function Changes({ changes, room, environment, columns, cost }: ChangesProps) {
  if (changes.length === 0) {
    return (
      <Paragraph
        text={`No changes to ${environment}: the project is generated again as it is.${cost ? ` Cost: ${cost}.` : ''}`}
        width={columns}
        color={theme.color('muted')}
      />
    );
  }
  const shown: ReviewChange[] = [];
  let used = 0;
  for (const change of changes) {
    const lines = changeLines(change, columns);
    // Keep a row for "… and N more" unless this is the last change.
    const reserve = shown.length + 1 < changes.length ? 1 : 0;
    if (used + lines + reserve > room && shown.length > 0) break;
    shown.push(change);
    used += lines;
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {changes.length} change{changes.length === 1 ? '' : 's'} to {environment}:
        {cost ? <Text color={theme.color('accent')}> {cost}</Text> : null}
      </Text>
      {shown.map((change) => (
        <ChangeLine key={change.id} change={change} columns={columns} />
      ))}
      {shown.length < changes.length ? <Text color={theme.color('muted')}>  … and {changes.length - shown.length} more</Text> : null}
    </Box>
  );
}

/** Whole problems that fit in `room` lines; the rest are counted, not shown. */
function fitProblems(problems: readonly string[], room: number, columns: number): { shown: string[]; hidden: number; lines: number } {
  const shown: string[] = [];
  let lines = 0;
  for (const problem of problems) {
    const needed = linesOf(`✗ ${problem}`, columns);
    const reserve = shown.length + 1 < problems.length ? 1 : 0;
    if (lines + needed + reserve > room && shown.length > 0) break;
    shown.push(problem);
    lines += needed;
  }
  const hidden = problems.length - shown.length;
  return { shown, hidden, lines: lines + (hidden > 0 ? 1 : 0) };
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { answers, context, initial, size } = props;
  if (props.ui.diagram) {
    return (
      <Frame
        title={wizardTitle(context, answers)}
        breadcrumb={breadcrumbOf('review')}
        columns={size.columns}
        hints={[
          { keys: 'd', action: 'back to the review' },
          { keys: 'Esc', action: 'back' },
          { keys: '^C', action: 'quit' },
        ]}
      >
        <ReviewDiagram {...(props.drawDiagram ? { draw: props.drawDiagram } : {})} rows={size.rows - 1 - FRAME_LINES} />
      </Frame>
    );
  }
  // What blocks Enter needs the rows more than the estimate does.
  const blocked = Object.keys(props.blocking).length > 0 || props.otherProblems.length > 0;
  const cost = blocked ? [] : (props.cost ?? []);
  const modifying = context.mode !== 'new';
  const lines = reviewSummary(answers, context, modifying ? initial : undefined);
  const changes = reviewChanges(initial, answers, context);
  const environment = context.mode === 'modify' ? (context.environment ?? '') : answers['wizard.environment'];
  const problems = [
    ...(Object.entries(props.blocking) as Array<[FieldId, string]>).map(([id, message]) => {
      const entry = question(id);
      return `${STEP_TITLES[entry.step]} › ${entry.label}: ${message}`;
    }),
    ...props.otherProblems.map((problem) => `${problem.path}: ${problem.message}`),
  ];
  const action = question('wizard.action');
  const helpText = `${action.label}: ${action.help}`;

  // The summary and the actions always show; the rest shares what is left,
  // each part keeping a minimum: problems (why Enter does nothing), the
  // diff's heading and first change, then the help; the diff takes the rest.
  const valueWidth = size.columns - TITLE_WIDTH - 2;
  const copies = copiesLine(context);
  const summaryLines = lines.reduce((total, line) => total + linesOf(line.text, valueWidth), 0) + (copies ? linesOf(copies, valueWidth) : 0);
  // Changing a file: the cost goes in the diff's heading; a new project has a Cost row.
  const costLines = modifying ? 0 : cost.reduce((total, line) => total + linesOf(line, valueWidth), 0);
  let free = size.rows - 1 - (FRAME_LINES + summaryLines + costLines + 1 + 3);
  const changesMinimum = modifying ? 3 : 0;
  const helpMinimum = props.help ? 2 : 0;
  const fitted = fitProblems(problems, Math.max(free - changesMinimum - helpMinimum - 1, 1), size.columns);
  if (problems.length > 0) free -= fitted.lines + 1;
  const helpLines = props.help ? Math.max(Math.min(linesOf(helpText, size.columns - HELP_INSET), free - changesMinimum), 1) : 0;
  free -= helpLines;
  const room = clamp(free - 2, 1, changes.length * 2 + 1);

  const focused = props.questions[props.focus];
  return (
    <Frame
      title={wizardTitle(context, answers)}
      breadcrumb={breadcrumbOf('review')}
      columns={size.columns}
      hints={[{ keys: 'd', action: 'diagram' }, ...formHints(focused, { canGoBack: true, help: props.help })]}
    >
      {lines.map((line) => (
        <Box key={line.step}>
          <Box width={TITLE_WIDTH + 2} flexShrink={0}>
            <Text color={line.changed ? theme.color('changed') : undefined}>
              {line.changed ? '~ ' : '  '}
              <Text bold>{line.title}</Text>
            </Text>
          </Box>
          <Paragraph text={line.text} width={valueWidth} />
        </Box>
      ))}
      {copies ? (
        <Box>
          <Box width={TITLE_WIDTH + 2} flexShrink={0}>
            <Text color={theme.color('warning')}>
              {'  '}
              <Text bold>Copies</Text>
            </Text>
          </Box>
          <Paragraph text={copies} width={valueWidth} color={theme.color('warning')} />
        </Box>
      ) : null}
      {(modifying ? [] : cost).map((line) => (
        <Box key={line}>
          <Box width={TITLE_WIDTH + 2} flexShrink={0}>
            <Text>
              {'  '}
              <Text bold>Cost</Text>
            </Text>
          </Box>
          <Paragraph text={line} width={valueWidth} color={theme.color('accent')} />
        </Box>
      ))}
      {modifying ? (
        <Box marginTop={1}>
          <Changes changes={changes} room={room} environment={environment} columns={size.columns} {...(cost[0] ? { cost: cost[0] } : {})} />
        </Box>
      ) : null}
      {problems.length > 0 ? (
        <Box marginTop={1} flexDirection="column">
          {fitted.shown.map((problem) => (
            <Paragraph key={problem} text={`✗ ${problem}`} width={size.columns} color={theme.color('error')} />
          ))}
          {fitted.hidden > 0 ? (
            <Text color={theme.color('error')}>✗ … and {fitted.hidden} more: Esc goes back to fix them</Text>
          ) : null}
        </Box>
      ) : null}
      <Box marginTop={1}>
        <StepForm {...props} inlineHelp={false} listRows={3} columns={size.columns} />
      </Box>
      {props.help ? <FieldHelp label={action.label} text={action.help} columns={size.columns} maxLines={helpLines} /> : null}
    </Frame>
  );
}
