/**
 * The run, on one screen. Finished lines (tasks, resources, warnings) are
 * printed once through <Static> and scroll away like a log; the live area
 * below holds only what can still change — the running task, the question
 * being asked, the resources in flight, the latest messages — and is given
 * at most the terminal's height less one row, so Ink never has to clear the
 * screen to redraw it.
 */
import { Box, Static, Text } from 'ink';
import type { ReactNode } from 'react';
import { TitleLine } from '../components/Frame.js';
import { KeyHints, type Hint } from '../components/KeyHints.js';
import { useKeyTarget, type KeyHandler } from '../components/KeyRouter.js';
import { wrapWords } from '../components/Paragraph.js';
import { ConfirmBar } from '../components/run/ConfirmBar.js';
import { DoneView } from '../components/run/DoneView.js';
import { GuardPrompt, guardPromptLines, type GuardRequest } from '../components/run/GuardPrompt.js';
import { LogPane } from '../components/run/LogPane.js';
import { PlanReview } from '../components/run/PlanReview.js';
import { ResourcePane, ResourceRow } from '../components/run/ResourcePane.js';
import { checklistLines, TaskChecklist, TaskLine } from '../components/run/TaskChecklist.js';
import { theme } from '../components/theme.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import { ESCALATION_WINDOW_MS } from '../tasks/interrupts.js';
import type { EngineCommand } from '../tasks/engine.js';
import { resourcePhase, type HistoryItem, type OpenDecision, type RunState } from '../tasks/runState.js';

const VERBS: Readonly<Record<EngineCommand, string>> = {
  plan: 'planning',
  apply: 'applying',
  destroy: 'destroying',
  'bluegreen start': 'starting a blue/green copy of',
  'bluegreen switch': 'moving traffic of',
  'bluegreen rollback': 'rolling back',
  'bluegreen finish': 'retiring a copy of',
};

type StaticItem = HistoryItem | { readonly kind: 'header'; readonly key: string };

interface HistoryLineProps {
  readonly item: StaticItem;
  readonly title: string;
  readonly columns: number;
  /** Ctrl-C was pressed before this line was printed. */
  readonly stopped: boolean;
}

function HistoryLine({ item, title, columns, stopped }: HistoryLineProps) {
  switch (item.kind) {
    case 'header':
      return <TitleLine title={title} />;
    case 'task':
      return <TaskLine task={item.task} now={0} stopped={stopped} />;
    case 'resource':
      return <ResourceRow resource={item.resource} now={0} columns={columns} />;
    case 'warning':
      return <Text color={theme.color('warning')}>⚠ {item.message}</Text>;
    case 'config':
      return item.saved ? <Text color={theme.color('success')}>✔ {item.message}</Text> : <Text color={theme.color('warning')}>⚠ {item.message}</Text>;
  }
}

function stoppingText(state: RunState): string | undefined {
  if (!state.stopping || state.done) return undefined;
  if (state.stopping.escalated) return '✖ Killing Terraform now: its state may not be saved and its lock may stay held.';
  return `■ Stopping safely… Terraform finishes what is in flight, saves its state and releases its lock. Ctrl-C again within ${ESCALATION_WINDOW_MS / 1000} s kills it (may lose state).`;
}

function hintsFor(state: RunState, isActive: boolean, waitingForKey: boolean): Hint[] {
  if (state.done) return waitingForKey ? [{ keys: 'any key', action: 'exit' }] : [];
  if (!isActive) return [];
  if (state.stopping) return state.stopping.escalated ? [] : [{ keys: 'Ctrl-C', action: 'again: kill Terraform (may lose state)' }];
  if (state.decision?.request.kind === 'approve-plan') return [{ keys: 'Ctrl-C', action: 'stop' }];
  if (state.decision) return [{ keys: 'Enter', action: 'confirm' }, { keys: 'Esc', action: 'cancel' }, { keys: 'Ctrl-C', action: 'stop' }];
  return [{ keys: 'Ctrl-C', action: 'stop safely' }];
}

/** What the user is asked; the answer comes from keys (src/tasks/runKeys.ts). */
function Question({ decision, columns, isActive }: { readonly decision: OpenDecision; readonly columns: number; readonly isActive: boolean }) {
  const { request } = decision;
  if (request.kind === 'approve-plan') return <ConfirmBar question={`Apply these changes to ${request.environment}?`} yes="apply" no="cancel" />;
  return <GuardPrompt request={request} columns={columns} typed={decision.typed} {...(decision.mismatch !== undefined ? { mismatch: decision.mismatch } : {})} focused={isActive} />;
}

export interface RunScreenProps {
  readonly state: RunState;
  readonly command: EngineCommand;
  readonly environment: string;
  readonly size: TerminalSize;
  /** The clock elapsed times are measured against (ticks while something runs). */
  readonly now: number;
  /** Keys can be read: questions are answerable and Ctrl-C is offered. */
  readonly isActive: boolean;
  /** Done, and the app waits for a key before it exits. */
  readonly waitingForKey?: boolean;
  /** The branch pushes deploy from, for the next steps. */
  readonly branch?: string;
  /** Every key while this screen is shown, from the KeyRouter around it (see src/tasks/runKeys.ts). */
  readonly onKey?: KeyHandler;
}

export function RunScreen({ state, command, environment, size, now, isActive, waitingForKey = false, branch, onKey }: RunScreenProps) {
  useKeyTarget(onKey);
  const { columns } = size;
  const title = `${VERBS[command]} ${environment}`;
  const printed = new Set(state.history.map((item) => item.key));
  const live = state.done ? [] : state.tasks.filter((task) => !printed.has(`task:${task.key}`));
  const applying = resourcePhase(state) && !state.done;
  const showOutput = !applying && !state.decision;
  const stopping = stoppingText(state);
  const stoppingRows = stopping ? wrapWords(stopping, columns).length : 0;
  const hints = hintsFor(state, isActive, waitingForKey);
  // The live area's budget: the terminal less one row, less what is always there.
  const free = size.rows - 1 - checklistLines({ tasks: live, compactWaiting: true, showOutput }) - stoppingRows - (hints.length ? 1 : 0) - 1;
  const logRows = free >= 16 ? 5 : free >= 10 ? 3 : 1;

  // Nothing runs while a question waits; after a success the outputs say it all.
  const showLog = !state.decision && (state.done ? state.failure !== undefined : state.log.length > 0 || state.errors.length > 0);

  let body: ReactNode = null;
  if (state.decision) {
    const request = state.decision.request;
    const promptRows = request.kind === 'approve-plan' ? 1 : guardPromptLines(request as GuardRequest, columns);
    const planRows = free - promptRows - 1;
    body = (
      <Box flexDirection="column">
        {state.plan && planRows >= 3 ? (
          <PlanReview summary={state.plan.summary} environment={state.plan.environment} destroy={state.plan.destroy} columns={columns} maxLines={planRows} {...(state.plan.cost ? { cost: state.plan.cost } : {})} />
        ) : null}
        <Box marginTop={state.plan && planRows >= 3 ? 1 : 0}>
          <Question decision={state.decision} columns={columns} isActive={isActive} />
        </Box>
      </Box>
    );
  } else if (applying) {
    body = <ResourcePane progress={state.progress} now={now} columns={columns} maxRows={Math.max(free - logRows, 3)} destroy={command === 'destroy'} />;
  }

  return (
    <>
      <Static items={[{ kind: 'header', key: 'header' } as StaticItem, ...state.history]}>
        {(item) => (
          <Box key={item.key}>
            <HistoryLine item={item} title={title} columns={columns} stopped={state.stopping !== undefined} />
          </Box>
        )}
      </Static>
      <Box flexDirection="column" width={columns}>
        <TaskChecklist tasks={live} now={now} compactWaiting showOutput={showOutput} />
        {stopping ? (
          <Text bold color={theme.color(state.stopping?.escalated ? 'error' : 'warning')}>
            {wrapWords(stopping, columns).join('\n')}
          </Text>
        ) : null}
        {body ? <Box marginTop={1}>{body}</Box> : null}
        {showLog ? (
          <Box marginTop={body ? 0 : 1}>
            <LogPane log={state.log} errors={state.errors} failure={state.failure} interrupted={state.stopping !== undefined} columns={columns} maxLines={logRows} />
          </Box>
        ) : null}
        {state.done ? (
          <Box marginTop={1}>
            <DoneView
              exitCode={state.done.exitCode}
              summary={state.done.summary}
              command={command}
              environment={environment}
              outputs={state.outputs ?? []}
              columns={columns}
              {...(branch ? { branch } : {})}
            />
          </Box>
        ) : null}
        {hints.length ? (
          <Box marginTop={state.done ? 1 : 0}>
            <KeyHints hints={hints} />
          </Box>
        ) : null}
      </Box>
    </>
  );
}
