/**
 * Words and marks shared by the run panes. Icons carry the meaning (colour is
 * only a second channel, and NO_COLOR removes it), so each state has its own.
 */
import type { Role } from '../theme.js';

export type MarkedState = 'waiting' | 'running' | 'done' | 'skipped' | 'failed' | 'stopped';

export const STATE_ICON: Readonly<Record<MarkedState, string>> = {
  waiting: '○',
  running: '▸',
  done: '✔',
  skipped: '↓',
  failed: '✖',
  stopped: '■',
};

export const STATE_ROLE: Readonly<Record<MarkedState, Role | undefined>> = {
  waiting: 'muted',
  running: 'accent',
  done: 'success',
  skipped: 'muted',
  failed: 'error',
  stopped: 'muted',
};

/** `0.4s`, `12s`, `2m 05s`, `1h 02m`: short, and steady in width as it ticks. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${(Math.max(ms, 0) / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Whole seconds as Terraform counts them: `0s`, `45s`, `3m 20s`. */
export function formatSeconds(seconds: number): string {
  return seconds < 1 ? '0s' : formatElapsed(seconds * 1000);
}

/** A rough duration, said as one: `~30s`, `~2m`, `~1h 10m`. */
export function roughly(seconds: number): string {
  if (seconds < 90) return `~${Math.max(Math.round(seconds), 1)}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `~${minutes}m`;
  return `~${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** How Terraform's hook actions read in a list: a sign a person knows from plans, then the verb. */
export function actionLabel(action: string): string {
  switch (action) {
    case 'create':
      return '+ create';
    case 'delete':
      return '- delete';
    case 'update':
      return '~ update';
    case 'replace':
      return '± replace';
    default:
      return `  ${action}`;
  }
}
