/**
 * Headless views of the run events: readable lines on stderr (the task lines
 * themselves come from listr2's simple renderer) and, with --json, one JSON
 * object per line on stdout. Both only subscribe; neither spawns anything.
 */
import type { RunEvent, RunListener } from '../tasks/runEvents.js';
import { guardLines, planLines } from '../tasks/planText.js';
import { renderOutputValue } from '../tasks/outputsText.js';

export function textReporter(out: NodeJS.WritableStream): RunListener {
  const write = (lines: readonly string[]) => {
    for (const line of lines) out.write(`${line}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'plan':
        write(planLines(event.summary, event.environment, event.destroy));
        break;
      case 'guard':
        write(guardLines(event.result));
        break;
      case 'warning':
        write([`⚠ ${event.message}`]);
        break;
      case 'stopping':
        write([
          event.escalated
            ? '✖ Second interrupt: killing Terraform now. Its state may not be saved and the lock may stay held.'
            : '… Stopping safely: Terraform finishes what is in flight, saves state and releases its lock. Press Ctrl-C again within 5 s to kill it (may lose state).',
        ]);
        break;
      case 'failure':
        write([
          `✖ ${event.message}`,
          ...(event.logFile ? [`  Full log: ${event.logFile}`] : []),
          ...(event.next ? [`  Next: ${event.next}`] : []),
        ]);
        break;
      case 'outputs':
        write(['Outputs:', ...event.outputs.map((output) => `  ${output.name} = ${renderOutputValue(output)}`)]);
        break;
      case 'done':
        if (event.exitCode === 0) write([`✔ ${event.summary}`]);
        break;
      default:
        break;
    }
  };
}

/**
 * The `--json` stream. Documented in the README: every line is an object with
 * a `type` (task, terraform, plan, guard, warning, failure, outputs, stopping,
 * done). Plan summaries are sent as counts and changes, never raw values.
 */
export function jsonReporter(out: NodeJS.WritableStream): RunListener {
  return (event: RunEvent) => {
    out.write(`${JSON.stringify(toJson(event))}\n`);
  };
}

function toJson(event: RunEvent): unknown {
  if (event.type === 'plan') {
    const { summary } = event;
    return {
      type: 'plan',
      environment: event.environment,
      destroy: event.destroy,
      hasChanges: summary.hasChanges,
      totals: summary.totals,
      components: summary.components.map((component) => ({ component: component.component, counts: component.counts })),
      changes: summary.changes
        .filter((change) => change.action !== 'no-op')
        .map((change) => ({
          address: change.address,
          action: change.action,
          component: change.component,
          reason: change.reasonText ?? null,
          replacePaths: change.replacePaths,
        })),
      drift: summary.drift.map((drift) => ({ address: drift.address, action: drift.action })),
    };
  }
  return event;
}

export function fanOut(...listeners: RunListener[]): RunListener {
  return (event) => {
    for (const listener of listeners) listener(event);
  };
}
