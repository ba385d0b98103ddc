/**
 * The task graph as a checklist: each step with its state and time. The run
 * screen prints finished steps once (through <Static>) and keeps only the
 * running one and a line of what comes next in the live area.
 */
import { Box, Text } from 'ink';
import type { RunTaskView } from '../../tasks/runState.js';
import { theme } from '../theme.js';
import { formatElapsed, STATE_ICON, STATE_ROLE } from './format.js';

export function taskElapsed(task: RunTaskView, now: number): number | undefined {
  if (task.elapsedMs !== undefined) return task.elapsedMs;
  if (task.state === 'running' && task.startedAt !== undefined) return Math.max(now - task.startedAt, 0);
  return undefined;
}

export interface TaskLineProps {
  readonly task: RunTaskView;
  readonly now: number;
  /** The run was stopped on request: a task that ended then was stopped, not broken. */
  readonly stopped?: boolean;
}

export function TaskLine({ task, now, stopped = false }: TaskLineProps) {
  const elapsed = taskElapsed(task, now);
  const halted = stopped && task.state === 'failed';
  // A skip reason or an error explains the line; it belongs beside the title.
  const note = (task.state === 'skipped' || task.state === 'failed') && task.detail ? task.detail.split('\n')[0]!.replace(/:$/, '') : undefined;
  return (
    <Text wrap="truncate-end">
      <Text color={theme.color(halted ? 'warning' : (STATE_ROLE[task.state] ?? 'muted'))}>{halted ? '■' : STATE_ICON[task.state]}</Text>{' '}
      <Text bold={task.state === 'running'}>{task.title}</Text>
      {elapsed !== undefined && task.state !== 'skipped' ? <Text color={theme.color('muted')}>  {formatElapsed(elapsed)}</Text> : null}
      {note ? <Text color={theme.color(task.state === 'failed' && !halted ? 'error' : 'muted')}> · {note}</Text> : null}
    </Text>
  );
}

export interface TaskChecklistProps {
  readonly tasks: readonly RunTaskView[];
  readonly now: number;
  /** Waiting tasks on one line ("then: …") instead of one line each. */
  readonly compactWaiting?: boolean;
  /** Show a running task's latest output under it. */
  readonly showOutput?: boolean;
}

/** Rows the checklist takes with these props, so the screen can budget the rest. */
export function checklistLines({ tasks, compactWaiting = false, showOutput = false }: Omit<TaskChecklistProps, 'now'>): number {
  const waiting = tasks.filter((task) => task.state === 'waiting').length;
  const others = tasks.length - waiting;
  const outputs = showOutput ? tasks.filter((task) => task.state === 'running' && task.output).length : 0;
  return others + outputs + (compactWaiting ? (waiting ? 1 : 0) : waiting);
}

export function TaskChecklist({ tasks, now, compactWaiting = false, showOutput = false }: TaskChecklistProps) {
  const waiting = tasks.filter((task) => task.state === 'waiting');
  const listed = compactWaiting ? tasks.filter((task) => task.state !== 'waiting') : tasks;
  return (
    <Box flexDirection="column">
      {listed.map((task) => (
        <Box key={task.key} flexDirection="column">
          <TaskLine task={task} now={now} />
          {showOutput && task.state === 'running' && task.output ? (
            <Text wrap="truncate-end" color={theme.color('muted')}>
              {'  '}
              {task.output.split('\n')[0]}
            </Text>
          ) : null}
        </Box>
      ))}
      {compactWaiting && waiting.length ? (
        <Text wrap="truncate-end" color={theme.color('muted')}>
          {STATE_ICON.waiting} then: {waiting.map((task) => task.title).join(' · ')}
        </Text>
      ) : null}
    </Box>
  );
}
