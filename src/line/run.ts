/**
 * Line mode's run: listr2's simple renderer writes one line per task and per
 * Terraform message, the run's events are printed as lines as they happen,
 * and questions are asked on the next line (see decider.ts). Nothing is
 * redrawn and no cursor is moved, for terminals that cannot redraw a full
 * screen (TERM=dumb) and for screen-reader users.
 */
import type { CliOptions } from '../args.js';
import { engineOptions, locateTerraform } from '../app/engine.js';
import { textReporter } from '../app/output.js';
import type { ResolvedProject } from '../app/project.js';
import type { ExitCode } from '../errors.js';
import type { EngineCommand } from '../tasks/engine.js';
import { runEngine } from '../tasks/run.js';
import { createInterruptController, listenToProcessSignals } from '../tasks/interrupts.js';
import { lineDecider } from './decider.js';
import { linePrompts } from './prompts.js';

export async function runLineMode(project: ResolvedProject, environment: string, command: EngineCommand, options: CliOptions): Promise<ExitCode> {
  const binary = await locateTerraform(options);
  // The plan, the guard's findings, warnings, a failure in full, the outputs: as they come.
  const emit = textReporter(process.stdout, { debug: options.debug });
  const prompts = linePrompts();
  const interrupts = createInterruptController((event) => {
    // It matters now, and it is not the engine's to say: stderr, at once.
    textReporter(process.stderr)(event);
    // A question open when the run is stopped (SIGTERM, a closing terminal) must not keep it waiting: closed, it answers "no".
    prompts.close?.();
  });
  const stopListening = listenToProcessSignals(interrupts);
  try {
    const result = await runEngine(
      {
        ...engineOptions(project, environment, command, binary, options, process.stderr),
        decider: lineDecider(prompts),
        emit,
        signal: interrupts.signal,
        forceSignal: interrupts.forceSignal,
      },
      // Line by line: the default renderer redraws its task list with cursor movements.
      { renderer: 'simple', fallbackRenderer: 'simple' },
    );
    return result.exitCode;
  } finally {
    prompts.close?.();
    stopListening();
  }
}
