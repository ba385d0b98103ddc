/**
 * Line mode's run: listr2's own renderer owns the terminal (one task per line,
 * prompts through its inquirer adapter), for terminals that cannot redraw a
 * full screen and for screen-reader users. What listr2 cannot show in a task
 * line (the outputs, a failure in full) is printed once it has finished.
 */
import { EXIT, type CliOptions } from '../args.js';
import { textReporter } from '../headless/reporter.js';
import { engineBase, locateTerraform } from '../headless/run.js';
import type { ResolvedProject } from '../headless/synth.js';
import { runEngine, type EngineCommand } from '../tasks/engine.js';
import { createInterruptController, listenToProcessSignals } from '../tasks/interrupts.js';
import type { RunEvent } from '../tasks/runEvents.js';
import { lineDecider } from './decider.js';

/** Events worth printing after the run; the rest was on screen as it happened. */
function printedAfter(command: EngineCommand) {
  return (event: RunEvent): boolean =>
    event.type === 'failure' || event.type === 'outputs' || event.type === 'done' || event.type === 'warning' || (event.type === 'plan' && command === 'plan');
}

export async function runLineMode(project: ResolvedProject, environment: string, command: EngineCommand, options: CliOptions): Promise<number> {
  const binary = await locateTerraform(options, process.stderr);
  if (!binary) return EXIT.usage;
  const later: RunEvent[] = [];
  const keep = printedAfter(command);
  const emit = (event: RunEvent) => {
    if (keep(event)) later.push(event);
  };
  const interrupts = createInterruptController((event) => {
    // listr2 holds the terminal; say it on stderr at once, it matters now.
    textReporter(process.stderr)(event);
  });
  const stopListening = listenToProcessSignals(interrupts);
  try {
    const result = await runEngine(
      {
        ...engineBase(project, environment, command, binary, options, process.stderr),
        decider: lineDecider(),
        emit,
        signal: interrupts.signal,
        forceSignal: interrupts.forceSignal,
      },
      { renderer: 'default', fallbackRenderer: 'simple', rendererOptions: { collapseSubtasks: false, showErrorMessage: false } },
    );
    const report = textReporter(process.stdout);
    for (const event of later) report(event);
    return result.exitCode;
  } finally {
    stopListening();
  }
}
