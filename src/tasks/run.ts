/**
 * What a command runs: the task graph of one stack, of an environment with
 * blue/green copies (its shared layer, then the copy that follows
 * ecs-wizard.json), or of a bluegreen step; and running it. Every front-end
 * runs commands through here.
 */
import type { ListrBaseClassOptions, ListrRendererValue } from 'listr2';
import { environmentLayout } from '../infra/contract.js';
import { buildBlueGreen, buildSplitEngine } from './bluegreen.js';
import { isBlueGreenCommand } from './bluegreenCommands.js';
import { buildStackEngine, runTasks, type EngineOptions, type EngineResult, type EngineRun, type RunContext } from './engine.js';

export function buildEngine(options: EngineOptions): EngineRun {
  if (isBlueGreenCommand(options.command)) return buildBlueGreen(options);
  const layout = environmentLayout(options.environment, options.config?.environments[options.environment]?.copies);
  if (layout.kind === 'single') return buildStackEngine(options, { name: options.environment, label: '' });
  return buildSplitEngine(options, layout);
}

/**
 * Runs a command's graph with the given listr2 renderer options and turns the
 * outcome into an exit code (see runTasks).
 */
export function runEngine<Renderer extends ListrRendererValue>(
  options: EngineOptions,
  listrOptions: Omit<ListrBaseClassOptions<RunContext, Renderer, Renderer>, 'ctx'>,
): Promise<EngineResult> {
  // The graph is built under the project lock, with the lock's hooks.
  return runTasks((hooks) => buildEngine({ ...options, hooks }), options, listrOptions);
}
