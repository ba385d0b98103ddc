/**
 * `ecs-wizard outputs`: the stack outputs of one environment, read from its
 * state. Sensitive values stay masked. On stdout, `name = value` lines; with
 * --json, an `outputs` event (as apply writes) and `done`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliOptions } from '../args.js';
import { locateTerraform } from '../app/engine.js';
import type { Output } from '../app/output.js';
import { pickEnvironment, resolveProject, withCommandLock } from '../app/project.js';
import { CliError, EXIT, UsageError, type ExitCode } from '../errors.js';
import { environmentLayout, stackDirectory } from '../infra/contract.js';
import type { CopyOutputs } from '../tasks/runEvents.js';
import { renderOutputValue } from '../tasks/outputsText.js';
import { logFileFor } from '../tasks/terraformStep.js';
import { readOutputs } from '../terraform/jsonCommands.js';

export async function runOutputs(options: CliOptions, output: Output): Promise<ExitCode> {
  const project = await resolveProject(options);
  const environment = pickEnvironment(project, options.env);
  const stackDir = join(project.dir, stackDirectory(environment));
  if (!existsSync(join(stackDir, '.terraform'))) {
    throw new UsageError(`${environment} has not been planned or applied from this folder yet: run "ecs-wizard apply --env ${environment}" first.`);
  }
  const binary = await locateTerraform(options);
  const logFile = logFileFor({ dir: project.dir, environment, now: () => new Date() }, 'output');
  const layout = environmentLayout(environment, project.resolved.config.environments[environment]?.copies);
  let outputs;
  let copies: CopyOutputs[] = [];
  try {
    // Under the project lock: not while an apply is writing the state.
    const read = async () => {
      const own = await readOutputs({ binary, cwd: stackDir, logFile });
      // A blue/green environment: the shared layer's outputs, then each copy's, with its share of the traffic.
      const ofCopies: CopyOutputs[] =
        layout.kind === 'split'
          ? await Promise.all(
              layout.copies.map(async (entry) => {
                const dir = join(project.dir, stackDirectory(entry.stack));
                const values = existsSync(join(dir, '.terraform'))
                  ? await readOutputs({ binary, cwd: dir, logFile: logFileFor({ dir: project.dir, environment: entry.stack, now: () => new Date() }, 'output') })
                  : [];
                return { copy: entry.copy, role: entry.role, weight: entry.weight, outputs: values };
              }),
            )
          : [];
      return { own, ofCopies };
    };
    const both = await withCommandLock(project.dir, 'outputs', options, (message) => output.emit({ type: 'warning', message }), read);
    outputs = both.own;
    copies = both.ofCopies;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`could not read the outputs of ${environment}: ${(error as Error).message}`, EXIT.failure, {
      cause: error,
      logFile,
      next: `Check that Terraform can read the state of ${environment} (credentials, the S3 backend), then run again.`,
    });
  }
  output.result({ type: 'outputs', outputs, ...(copies.length ? { copies } : {}) }, [
    ...(copies.length ? [`copies = ${copies.map((entry) => `${entry.copy} ${entry.role} ${entry.weight}%`).join(', ')}`] : []),
    ...outputs.map((item) => `${item.name} = ${renderOutputValue(item)}`),
    ...copies.flatMap((entry) => entry.outputs.map((item) => `${entry.copy}.${item.name} = ${renderOutputValue(item)}`)),
  ]);
  if (outputs.length === 0 && !output.json) {
    output.stderr.write(`No outputs yet: ${environment} has not been applied. Run "ecs-wizard apply --env ${environment}".\n`);
  }
  output.emit({ type: 'done', exitCode: EXIT.ok, summary: `${outputs.length} outputs of ${environment}` });
  return EXIT.ok;
}
