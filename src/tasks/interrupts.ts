/**
 * One owner of Ctrl-C. The first interrupt stops Terraform gracefully (one
 * SIGINT, forwarded by the runner); a second within a few seconds escalates
 * (SIGKILL), with a warning. Front-ends feed it: headless from process
 * signals, the TUI from the Ctrl-C key (raw mode delivers it as a key).
 */
import type { RunListener } from './runEvents.js';

export const ESCALATION_WINDOW_MS = 5000;

export interface InterruptController {
  readonly signal: AbortSignal;
  readonly forceSignal: AbortSignal;
  interrupt(): void;
}

export function createInterruptController(emit: RunListener, now: () => number = Date.now): InterruptController {
  const graceful = new AbortController();
  const force = new AbortController();
  let firstAt: number | undefined;
  return {
    signal: graceful.signal,
    forceSignal: force.signal,
    interrupt() {
      const at = now();
      if (firstAt === undefined) {
        firstAt = at;
        emit({ type: 'stopping', escalated: false });
        graceful.abort();
      } else if (at - firstAt <= ESCALATION_WINDOW_MS && !force.signal.aborted) {
        emit({ type: 'stopping', escalated: true });
        force.abort();
      } else if (!force.signal.aborted) {
        // A late second press restarts the window rather than killing at once.
        firstAt = at;
        emit({ type: 'stopping', escalated: false });
      }
    },
  };
}

/** Routes SIGINT and SIGTERM to the controller while a run is active. */
export function listenToProcessSignals(controller: InterruptController): () => void {
  const handler = () => controller.interrupt();
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
