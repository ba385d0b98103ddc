/**
 * What Terraform is doing to the account, resource by resource: an overall
 * bar, the resources in flight with their time against what that kind of
 * resource usually takes, and how many wait. Finished resources are not
 * here: the run screen prints them once, above, with ResourceRow.
 */
import { Box, Text } from 'ink';
import { elapsedAt, progressTotals, type ProgressState, type ResourceProgress } from '../../tasks/progress.js';
import { theme } from '../theme.js';
import { actionLabel, formatSeconds, roughly, STATE_ICON, STATE_ROLE } from './format.js';

function timing(resource: ResourceProgress, now: number): string {
  const elapsed = elapsedAt(resource, now);
  switch (resource.state) {
    case 'waiting':
      return roughly(resource.typicalSeconds);
    case 'running':
      // Past the usual time the estimate means nothing; say so rather than show a negative ETA.
      return elapsed > resource.typicalSeconds ? `${formatSeconds(elapsed)}, longer than usual` : `${formatSeconds(elapsed)} of ${roughly(resource.typicalSeconds)}`;
    case 'done':
      return formatSeconds(elapsed);
    case 'failed':
      return `failed after ${formatSeconds(elapsed)}`;
    case 'stopped':
      return `stopped after ${formatSeconds(elapsed)}`;
  }
}

export function ResourceRow({ resource, now, columns }: { readonly resource: ResourceProgress; readonly now: number; readonly columns: number }) {
  const role = STATE_ROLE[resource.state];
  return (
    <Box width={columns}>
      <Text>
        {'  '}
        <Text color={role ? theme.color(role) : undefined}>{STATE_ICON[resource.state]}</Text> {actionLabel(resource.action).padEnd(9)}{' '}
      </Text>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate-end" bold={resource.state === 'running'}>
          {resource.address}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        <Text color={theme.color(resource.state === 'failed' ? 'error' : 'muted')}>{timing(resource, now)}</Text>
      </Box>
    </Box>
  );
}

function bar(done: number, total: number, width: number): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

export interface ResourcePaneProps {
  readonly progress: ProgressState;
  readonly now: number;
  readonly columns: number;
  /** Rows it may take, the bar and the waiting line included (at least 3). */
  readonly maxRows: number;
  readonly destroy?: boolean;
}

/** Rows the pane takes with these props. */
export function resourcePaneLines({ progress, maxRows }: Pick<ResourcePaneProps, 'progress' | 'maxRows'>): number {
  const { running, total, done, failed } = progressTotals(progress);
  const waiting = total - done - failed - running;
  return 1 + Math.min(running, Math.max(maxRows - 2, 1)) + (waiting > 0 || running > Math.max(maxRows - 2, 1) ? 1 : 0);
}

export function ResourcePane({ progress, now, columns, maxRows, destroy = false }: ResourcePaneProps) {
  const totals = progressTotals(progress, now);
  const resources = progress.order.map((key) => progress.resources[key]!);
  const running = resources.filter((resource) => resource.state === 'running');
  const waiting = resources.filter((resource) => resource.state === 'waiting');
  const finished = totals.done + totals.failed;
  const room = Math.max(maxRows - 2, 1);
  const shown = running.slice(0, room);
  const hidden = running.length - shown.length;

  const verb = destroy ? 'Destroying' : 'Applying';
  const stats = [
    `${totals.done}/${totals.total} done`,
    ...(totals.failed ? [`${totals.failed} failed`] : []),
    ...(finished < totals.total ? [`${roughly(totals.etaSeconds)} left`] : []),
  ].join(' · ');
  const barWidth = Math.min(Math.max(columns - verb.length - stats.length - 3, 10), 30);

  return (
    <Box flexDirection="column" width={columns}>
      <Text wrap="truncate-end">
        <Text bold>{verb}</Text> <Text color={theme.color(totals.failed ? 'error' : 'success')}>{bar(finished, totals.total, barWidth)}</Text> {stats}
      </Text>
      {shown.map((resource) => (
        <ResourceRow key={resource.key} resource={resource} now={now} columns={columns} />
      ))}
      {hidden > 0 || waiting.length > 0 ? (
        <Text wrap="truncate-end" color={theme.color('muted')}>
          {'  '}
          {[
            ...(hidden > 0 ? [`+${hidden} more in progress`] : []),
            ...(waiting.length ? [`${STATE_ICON.waiting} ${waiting.length} waiting: ${waiting.map((resource) => resource.address).join(', ')}`] : []),
          ].join(' · ')}
        </Text>
      ) : null}
    </Box>
  );
}
