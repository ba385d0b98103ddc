/**
 * `ecs-wizard plan | apply | destroy` (and `--yes` alone) without a terminal:
 * listr2's simple renderer on stderr with timestamps, one line per task and
 * per resource event; `--json` events on stdout; decisions from flags only.
 */
import { ListrLogger, PRESET_TIMESTAMP, ProcessOutput } from 'listr2';
import type { CliOptions } from '../args.js';
import { engineOptions, locateTerraform } from '../app/engine.js';
import { surviveClosedOutput, type Output } from '../app/output.js';
import { pickEnvironment, resolveProject } from '../app/project.js';
import type { ExitCode } from '../errors.js';
import type { EngineCommand } from '../tasks/engine.js';
import { runEngine } from '../tasks/run.js';
import { createInterruptController, listenToProcessSignals } from '../tasks/interrupts.js';
import { headlessDecider } from './decider.js';

export async function runHeadless(options: CliOptions, command: EngineCommand, output: Output): Promise<ExitCode> {
  surviveClosedOutput();
  // A failure before the engine runs is thrown: the CLI reports it (with
  // `--json`, as failure and done events too), so scripts need not special-case it.
  const project = await resolveProject(options);
  const environment = pickEnvironment(project, options.env);
  const binary = await locateTerraform(options);

  const interrupts = createInterruptController(output.run);
  const stopListening = listenToProcessSignals(interrupts);
  try {
    const result = await runEngine(
      {
        ...engineOptions(project, environment, command, binary, options, process.stderr),
        decider: headlessDecider(options),
        emit: output.run,
        signal: interrupts.signal,
        forceSignal: interrupts.forceSignal,
      },
      headlessRenderer(),
    );
    return result.exitCode;
  } finally {
    stopListening();
  }
}

/** listr2's line renderer on stderr with timestamps: what every headless run prints. */
export function headlessRenderer() {
  return {
    renderer: 'simple',
    fallbackRenderer: 'simple',
    rendererOptions: {
      timestamp: PRESET_TIMESTAMP,
      logger: new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) }),
    },
  } as const;
}
