/**
 * `ecs-wizard env remove --env NAME`: once the environment is
 * destroyed, drop it from ecs-wizard.json and its synthesized stack from
 * cdktf.out. Its state file stays where it is (ecs-wizard never deletes
 * state; after a destroy it holds no resource), so nothing is lost if the
 * environment is added again.
 */
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { renderProblem, type Problem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { ConfigError, UsageError } from '../errors.js';
import { stackDirectory } from '../infra/contract.js';
import { loadConfigFile, saveConfigFile } from './configFile.js';

/** Why this environment cannot be removed, before anything runs; undefined when it can. */
export function removalProblem(config: Config, environment: string): Problem | undefined {
  if (Object.keys(config.environments).length > 1) return undefined;
  return {
    path: '--env',
    value: environment,
    message: `is the only environment of this project, and a project needs one: destroy it with "ecs-wizard destroy", then delete ecs-wizard.json if you want to start over`,
  };
}

export interface Removal {
  readonly configPath: string;
  readonly removedStack: string;
  /** Where the environment's state is kept, as a person finds it: a file of the project, or an S3 object. */
  readonly state: string;
  /** The file had no such environment any more (an edit, or another run, removed it): only the stack was deleted. */
  readonly alreadyGone?: true;
}

/** Where an environment's Terraform state lives, in words (src/infra/backend.ts puts it there). */
export function statePlace(backend: Config['backend'], environment: string): string {
  return backend.type === 's3' ? `state object s3://${backend.bucket}/${backend.key}/${environment}.tfstate` : `state file .ecs-wizard/state/${environment}.tfstate`;
}

/**
 * Drops the environment from the file on disk (read again: the run may have
 * saved it) and deletes its stack folder. The environment is destroyed by
 * then, so a file that cannot be read stops with a CliError saying what to
 * remove by hand; a file that lost the environment meanwhile only has its
 * stack folder deleted.
 */
export async function removeEnvironment(dir: string, configPath: string, environment: string): Promise<Removal> {
  const loaded = await loadConfigFile(configPath);
  const byHand = `environments.${environment} is destroyed; remove it from ${configPath} by hand (and the folder ${stackDirectory(environment)}).`;
  if (loaded.kind === 'invalid') {
    throw new ConfigError(loaded.problems.map(renderProblem), `${configPath} no longer reads as a valid config, so ${byHand}`);
  }
  if (loaded.kind === 'missing') throw new UsageError(`${configPath} is gone: ${byHand}`);
  const stack = join(dir, stackDirectory(environment));
  const removedStack = relative(dir, stack);
  const state = statePlace(loaded.config.backend, environment);
  if (!Object.hasOwn(loaded.config.environments, environment)) {
    await rm(stack, { recursive: true, force: true });
    return { configPath, removedStack, state, alreadyGone: true };
  }
  const { [environment]: _removed, ...environments } = loaded.config.environments;
  await saveConfigFile(configPath, { ...loaded.config, environments });
  await rm(stack, { recursive: true, force: true });
  return { configPath, removedStack, state };
}
