/**
 * One owner of Ctrl-C. The first interrupt stops Terraform gracefully (one
 * SIGINT, forwarded by the runner); a second within a few seconds escalates
 * (SIGKILL), with a warning. Front-ends feed it: headless from process
 * signals, the TUI from the Ctrl-C key (raw mode delivers it as a key).
 * SIGTERM and SIGHUP stop gracefully too, and never escalate.
 */
import type { RunListener } from './runEvents.js';

export const ESCALATION_WINDOW_MS = 5000;

export interface InterruptController {
  readonly signal: AbortSignal;
  readonly forceSignal: AbortSignal;
  /** Ctrl-C: the first stops Terraform gracefully, a second within the window kills it. */
  interrupt(): void;
  /**
   * A request to stop that must never kill Terraform (SIGTERM, SIGHUP: a
   * service manager, a closed terminal): the first Ctrl-C's graceful stop,
   * and nothing more however often it comes.
   */
  stop(): void;
}

export function createInterruptController(emit: RunListener, now: () => number = Date.now): InterruptController {
  const graceful = new AbortController();
  const force = new AbortController();
  let firstAt: number | undefined;
  return {
    signal: graceful.signal,
    forceSignal: force.signal,
    stop() {
      if (graceful.signal.aborted) return;
      firstAt = now();
      emit({ type: 'stopping', escalated: false });
      graceful.abort();
    },
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

/** The signals a run listens to; each is a request to stop safely. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Routes the process's signals to the controller while a run is active:
 * SIGINT (a Ctrl-C the terminal turned into a signal, or `kill -INT`) as
 * Ctrl-C; SIGTERM and SIGHUP (a closed terminal, a killed tmux pane, a
 * service manager) as a stop that never escalates. Either way Terraform gets
 * one SIGINT and is waited for, its output kept in the log. `onSignal` is
 * told after, e.g. to answer an open question or stop waiting for a key.
 */
export function listenToProcessSignals(controller: InterruptController, onSignal?: (signal: StopSignal) => void): () => void {
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      if (signal === 'SIGINT') controller.interrupt();
      else controller.stop();
      onSignal?.(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
