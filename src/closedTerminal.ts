/**
 * A terminal that closes under a run (the window shut, the tmux pane killed,
 * an ssh session dropped) or a reader that goes away (`| head`) makes the next
 * write fail with EIO or EPIPE, and a read of stdin fail with EIO. Unhandled,
 * that error kills ecs-wizard at once, mid-apply. Terraform itself no longer
 * depends on us (its output goes to files), but the run must still stop
 * Terraform gracefully, wait for it and record what happened: so what can no
 * longer be shown is dropped, and the run goes on. The log has it all.
 */
import { isatty } from 'node:tty';

function dropped(): void {}

export function surviveClosedTerminal(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').includes(dropped)) stream.on('error', dropped);
  }
  // Only where stdin is a terminal: touching process.stdin creates it.
  if (isatty(0) && !process.stdin.listeners('error').includes(dropped)) process.stdin.on('error', dropped);
}
