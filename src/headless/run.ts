/**
 * `ecs-wizard plan | apply | destroy` (and `--yes` alone) without a terminal:
 * listr2's simple renderer on stderr with timestamps, one line per task and
 * per resource event; `--json` events on stdout; decisions from flags only.
 */
import { Writable } from 'node:stream';
import { ListrLogger, PRESET_TIMESTAMP, ProcessOutput } from 'listr2';
import { EXIT, type CliOptions } from '../args.js';
import { renderProblem } from '../config/problems.js';
import { pickEnvironment } from '../project/resolveConfig.js';
import { runEngine, type EngineCommand, type EngineOptions } from '../tasks/engine.js';
import { realEngineDeps } from '../tasks/engineDeps.js';
import { RunFailure } from '../tasks/failures.js';
import { createInterruptController, listenToProcessSignals } from '../tasks/interrupts.js';
import { findTerraform, TerraformBinaryError, type TerraformBinary } from '../terraform/binary.js';
import { headlessDecider } from './decider.js';
import { fanOut, jsonReporter, textReporter } from './reporter.js';
import { GenerationConflict, resolveProject, writeResolvedProject, type ResolvedProject } from './synth.js';

export async function locateTerraform(options: Pick<CliOptions, 'terraform'>, out: NodeJS.WritableStream): Promise<TerraformBinary | undefined> {
  try {
    return await findTerraform({ explicitPath: options.terraform });
  } catch (error) {
    if (error instanceof TerraformBinaryError) {
      out.write(`ecs-wizard: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

/** The project's synth step for the engine: conflicts become a usage failure. */
export function synthesizeFor(project: ResolvedProject, options: CliOptions, out: NodeJS.WritableStream): () => Promise<void> {
  return async () => {
    try {
      await writeResolvedProject(project, options, out);
    } catch (error) {
      if (error instanceof GenerationConflict) throw new RunFailure(error.message, EXIT.usage);
      throw error;
    }
  };
}

/**
 * A reader that goes away (`ecs-wizard apply --json | head`, a CI log
 * collector that dies) makes our next write fail with EPIPE. Unhandled, that
 * kills ecs-wizard mid-apply, and with it the reading end of Terraform's
 * stdout: Terraform's next line then kills Terraform before it saves state.
 * Drop what can no longer be shown and keep going; the log file has it all.
 */
function surviveClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').includes(ignoreOutputError)) stream.on('error', ignoreOutputError);
  }
}
function ignoreOutputError(): void {}

/** Stderr that also keeps what was written, for the `--json` failure of a run that never started. */
function keptStderr(): { readonly stream: NodeJS.WritableStream; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      process.stderr.write(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** What every front-end hands the engine for one project, environment and command. */
export function engineBase(
  project: ResolvedProject,
  environment: string,
  command: EngineCommand,
  binary: TerraformBinary,
  options: CliOptions,
  synthOut: NodeJS.WritableStream,
): Omit<EngineOptions, 'decider' | 'emit' | 'signal' | 'forceSignal'> {
  return {
    dir: project.dir,
    environment,
    command,
    binary,
    terraformArgs: options.terraformArgs,
    allowReplace: options.allowReplace,
    deps: realEngineDeps(synthesizeFor(project, options, synthOut)),
  };
}

export async function runHeadless(options: CliOptions, command: EngineCommand): Promise<number> {
  surviveClosedOutput();
  const kept = keptStderr();
  // Stopped before the engine ran: `--json` still ends with failure and done,
  // as the README promises, so scripts need not special-case usage errors.
  const stopped = (exitCode: number): number => {
    if (options.json) {
      const message = kept.text().trim().replace(/^ecs-wizard: /, '');
      const json = jsonReporter(process.stdout);
      json({ type: 'failure', message, diagnostics: [] });
      json({ type: 'done', exitCode, summary: message.split('\n')[0] ?? '' });
    }
    return exitCode;
  };
  const project = await resolveProject(options, kept.stream);
  if (!project) return stopped(EXIT.usage);
  const environment = pickEnvironment(project.resolved.config, options.env);
  if (!environment.ok) {
    kept.stream.write(`ecs-wizard: ${renderProblem(environment.problem)}\n`);
    return stopped(EXIT.usage);
  }
  const binary = await locateTerraform(options, kept.stream);
  if (!binary) return stopped(EXIT.usage);

  const stderr = process.stderr;

  const emit = fanOut(textReporter(stderr), ...(options.json ? [jsonReporter(process.stdout)] : []));
  const interrupts = createInterruptController(emit);
  const stopListening = listenToProcessSignals(interrupts);
  try {
    const result = await runEngine(
      {
        ...engineBase(project, environment.name, command, binary, options, stderr),
        decider: headlessDecider(options),
        emit,
        signal: interrupts.signal,
        forceSignal: interrupts.forceSignal,
      },
      {
        renderer: 'simple',
        fallbackRenderer: 'simple',
        rendererOptions: {
          timestamp: PRESET_TIMESTAMP,
          logger: new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) }),
        },
      },
    );
    return result.exitCode;
  } finally {
    stopListening();
  }
}
