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
import { estimateCost, type Estimate } from '../cost/estimate.js';
import { factsFromResources } from '../cost/facts.js';
import { costEvent, costReport, totalText } from '../cost/format.js';
import { PRICE_TABLE } from '../cost/priceTable.js';
import { stackResources } from '../cost/resources.js';
import { EXIT, type ExitCode } from '../errors.js';
import { synthesizedStack } from '../app/stack.js';

export function estimateEnvironment(config: Config, environment: string, stackJson: string): Estimate {
  const env = config.environments[environment]!;
  return estimateCost({ facts: factsFromResources(stackResources(stackJson)), region: env.region, usage: env.usage, prices: PRICE_TABLE });
}

export async function runCost(options: CliOptions, output: Output): Promise<ExitCode> {
  const project = await resolveProject(options);
  const environment = pickEnvironment(project, options.env);
  const { config } = project.resolved;
  const estimate = estimateEnvironment(config, environment, await synthesizedStack(config, environment));
  output.result(costEvent(environment, estimate), costReport(environment, estimate).trimEnd().split('\n'));
  output.emit({ type: 'done', exitCode: EXIT.ok, summary: `${environment}: ${totalText(estimate)}` });
  return EXIT.ok;
}
