/**
 * `ecs-wizard cost [--env E] [--json]`: the monthly estimate of one
 * environment, from the synthesized stack (so it prices what would be
 * created) and the usage assumptions of ecs-wizard.json. Writes nothing.
 * With --json, one `cost` event (the shape the README gives), then `done`.
 */
import type { CliOptions } from '../args.js';
import type { Output } from '../app/output.js';
import { pickEnvironment, resolveProject } from '../app/project.js';
import type { Config } from '../config/index.js';
import type { Estimate } from '../cost/estimate.js';
import { copyRole, estimateLayers, layersFromStacks } from '../cost/layers.js';
import { costEvent, costReport, totalText } from '../cost/format.js';
import { PRICE_TABLE } from '../cost/priceTable.js';
import { EXIT, type ExitCode } from '../errors.js';
import { synthesizedEnvironment, type EnvironmentStackText } from '../app/stack.js';

/** The estimate of every stack of the environment: during a blue/green change, the shared layer and both copies. */
export function estimateEnvironment(config: Config, environment: string, stacks: readonly EnvironmentStackText[]): Estimate {
  const env = config.environments[environment]!;
  const layers = layersFromStacks(
    stacks.map((stack) => ({ json: stack.json, ...(stack.copy ? { copy: copyRole(stack.copy) } : {}) })),
    env.availabilityZones.length,
  );
  return estimateLayers({ layers, region: env.region, usage: env.usage, prices: PRICE_TABLE });
}

export async function runCost(options: CliOptions, output: Output): Promise<ExitCode> {
  const project = await resolveProject(options);
  const environment = pickEnvironment(project, options.env);
  const { config } = project.resolved;
  const estimate = estimateEnvironment(config, environment, await synthesizedEnvironment(config, environment));
  output.result(costEvent(environment, estimate), costReport(environment, estimate, PRICE_TABLE).trimEnd().split('\n'));
  output.emit({ type: 'done', exitCode: EXIT.ok, summary: `${environment}: ${totalText(estimate)}` });
  return EXIT.ok;
}
