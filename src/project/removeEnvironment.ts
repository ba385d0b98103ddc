/**
 * `ecs-wizard env remove --env NAME`: once the environment is
 * destroyed, drop it from ecs-wizard.json and its synthesized stack from
 * cdktf.out. Its state file stays where it is (ecs-wizard never deletes
 * state; after a destroy it holds no resource), so nothing is lost if the
 * environment is added again.
 */
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Problem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
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
}

/**
 * Drops the environment from the file on disk (read again: the run may have
 * saved it) and deletes its stack folder. Throws when the file no longer
 * parses or lost the environment meanwhile.
 */
export async function removeEnvironment(dir: string, configPath: string, environment: string): Promise<Removal> {
  const loaded = await loadConfigFile(configPath);
  if (loaded.kind !== 'loaded') throw new Error(`${configPath} cannot be read any more (${loaded.kind}); remove environments.${environment} by hand`);
  if (!loaded.config.environments[environment]) throw new Error(`${configPath} has no environment ${environment} any more`);
  const { [environment]: _removed, ...environments } = loaded.config.environments;
  await saveConfigFile(configPath, { ...loaded.config, environments });
  const stack = join(dir, stackDirectory(environment));
  await rm(stack, { recursive: true, force: true });
  return { configPath, removedStack: relative(dir, stack) };
}
