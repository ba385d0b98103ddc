/**
 * A stop requested while the wizard starts or is open. Until Ink's key
 * listener has the terminal in raw mode (while the wizard's code loads, the
 * config file and git are read, Ink mounts and draws its first frame), the
 * terminal turns Ctrl-C into a SIGINT, whose default action kills the
 * process: "killed by SIGINT" instead of exit 130, and a frame left drawn
 * without its last line. Listened to from the moment the command line knows
 * the wizard will run, SIGINT (and SIGTERM, SIGHUP: a closed terminal) is a
 * request to cancel, answered as the Ctrl-C key is: nothing written, exit 130.
 * The wizard's flow disposes of it once the wizard has an outcome; a run then
 * routes the signals to Terraform itself (see runInInk).
 */
import { STOP_SIGNALS } from '../tasks/interrupts.js';

export const STOPPED: unique symbol = Symbol('stopped');

export interface StopRequests {
  /** Aborted by the first stop signal. */
  readonly signal: AbortSignal;
  /** STOPPED, for modules that compare with it without importing this one (it stays in the entry chunk). */
  readonly stopped: typeof STOPPED;
  /** What `work` resolves with, or STOPPED if a stop comes first (the work is left to settle on its own). */
  before<T>(work: Promise<T>): Promise<T | typeof STOPPED>;
  /** Stops listening; the signals' default actions apply again. Idempotent. */
  dispose(): void;
}

export function listenForStop(): StopRequests {
  const controller = new AbortController();
  const stop = () => controller.abort();
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  const stopped = new Promise<typeof STOPPED>((resolve) => controller.signal.addEventListener('abort', () => resolve(STOPPED), { once: true }));
  return {
    signal: controller.signal,
    stopped: STOPPED,
    before: (work) => (controller.signal.aborted ? Promise.resolve(STOPPED) : Promise.race([work, stopped])),
    dispose() {
      for (const signal of STOP_SIGNALS) process.off(signal, stop);
    },
  };
}
