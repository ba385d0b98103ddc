/**
 * `ecs-wizard outputs`: the stack outputs of one environment, read from its
 * state. Sensitive values stay masked; `--json` gives scripts one object.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, type CliOptions } from '../args.js';
import { renderProblem } from '../config/problems.js';
import { stackDirectory } from '../infra/contract.js';
import { pickEnvironment } from '../project/resolveConfig.js';
import { renderOutputValue } from '../tasks/outputsText.js';
import { logFileFor } from '../tasks/terraformStep.js';
import { readOutputs } from '../terraform/jsonCommands.js';
import { locateTerraform } from './run.js';
import { resolveProject } from './synth.js';

export async function runOutputs(options: CliOptions): Promise<number> {
  const stderr = process.stderr;
  const project = await resolveProject(options, stderr);
  if (!project) return EXIT.usage;
  const environment = pickEnvironment(project.resolved.config, options.env);
  if (!environment.ok) {
    stderr.write(`ecs-wizard: ${renderProblem(environment.problem)}\n`);
    return EXIT.usage;
  }
  const stackDir = join(project.dir, stackDirectory(environment.name));
  if (!existsSync(join(stackDir, '.terraform'))) {
    stderr.write(`ecs-wizard: ${environment.name} has not been planned or applied from this folder yet: run "ecs-wizard apply --env ${environment.name}" first.\n`);
    return EXIT.usage;
  }
  const binary = await locateTerraform(options, stderr);
  if (!binary) return EXIT.usage;
  try {
    const outputs = await readOutputs({
      binary,
      cwd: stackDir,
      logFile: logFileFor({ dir: project.dir, environment: environment.name, now: () => new Date() }, 'output'),
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(Object.fromEntries(outputs.map((output) => [output.name, output.value])))}\n`);
    } else if (outputs.length === 0) {
      stderr.write(`No outputs yet: ${environment.name} has not been applied. Run "ecs-wizard apply --env ${environment.name}".\n`);
    } else {
      for (const output of outputs) process.stdout.write(`${output.name} = ${renderOutputValue(output)}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    stderr.write(`ecs-wizard: could not read the outputs: ${(error as Error).message}\n`);
    return EXIT.terraform;
  }
}
