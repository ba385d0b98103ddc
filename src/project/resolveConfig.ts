/**
 * Builds the config a headless command works on: the saved file (or a preset
 * for a new project or environment), then every `--set` in order, validated as
 * a whole. Pure apart from reading the file; the caller decides what to write.
 */
import { newEnvironmentBranch, unusedVpcCidr } from '../config/environments.js';
import { isPresetName, PRESET_NAMES, presetConfig, presetEnvironment, type PresetName } from '../config/presets.js';
import type { Problem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { applyAssignment, parseAssignment, type Assignment } from '../config/setValue.js';
import { parseConfig } from '../config/validate.js';
import { loadConfigFile } from './configFile.js';

export interface ConfigRequest {
  readonly configPath: string;
  readonly preset?: string;
  readonly environment?: string;
  readonly sets: readonly string[];
  /**
   * Where a new project or environment starts (the folder's name, the shell's
   * region, the git remote). A function: reading git costs two processes, paid
   * only when something new is made.
   */
  readonly defaults: () => Promise<NewProjectDefaults>;
}

export interface NewProjectDefaults {
  /** App name for a new project (the folder's name, sanitized). */
  readonly appName: string;
  /** Region for a new environment when no --set names one. */
  readonly region: string;
  /** GitHub repository from the git remote, for a new environment's pipeline. */
  readonly github?: { owner: string; repo: string; branch?: string };
  /** Why there is no `github` (no git, no repository, a remote elsewhere), for the message that asks for it. */
  readonly noGitHub?: string;
}

export type ResolvedConfig =
  | {
      ok: true;
      config: Config;
      created: boolean;
      environmentAdded?: string;
      migratedFrom?: number;
      /** The file's config before the preset and --set, when there is a file. */
      savedConfig?: Config;
    }
  | { ok: false; problems: Problem[] };

export async function resolveConfig(request: ConfigRequest): Promise<ResolvedConfig> {
  const assignments: Assignment[] = [];
  const problems: Problem[] = [];
  for (const text of request.sets) {
    const parsed = parseAssignment(text);
    if (parsed.ok) assignments.push(parsed.assignment);
    else problems.push(parsed.problem);
  }
  let preset: PresetName | undefined;
  if (request.preset !== undefined) {
    if (isPresetName(request.preset)) preset = request.preset;
    else problems.push({ path: '--preset', value: request.preset, message: `is not a preset; choose one of ${PRESET_NAMES.join(', ')}` });
  }
  // A bad --set is reported with the rest: the valid ones are still applied,
  // so one run names every problem.
  if (problems.some((problem) => problem.path === '--preset')) return { ok: false, problems };

  const loaded = await loadConfigFile(request.configPath);
  if (loaded.kind === 'invalid') return { ok: false, problems: [...problems, ...loaded.problems] };

  const environment = request.environment ?? 'production';
  const regionFor = (env: string, defaults: NewProjectDefaults) => {
    const set = assignments.findLast((a) => a.path.join('.') === `environments.${env}.region`);
    return typeof set?.value === 'string' ? set.value : defaults.region;
  };

  let raw: unknown;
  let created = false;
  /** Set when a new project or environment found no GitHub repository to start from. */
  let noGitHub: string | undefined;
  let environmentAdded: string | undefined;
  if (loaded.kind === 'missing') {
    const defaults = await request.defaults();
    raw = presetConfig(preset ?? 'starter', {
      appName: defaults.appName,
      environment,
      region: regionFor(environment, defaults),
      ...(defaults.github ? { github: defaults.github } : {}),
    });
    if (!defaults.github) noGitHub = defaults.noGitHub ?? 'no GitHub remote was found';
    created = true;
  } else {
    // The loader already migrated and validated; start from the migrated form.
    raw = structuredClone(loaded.config);
    if (preset !== undefined) {
      if (request.environment === undefined) {
        return {
          ok: false,
          problems: [{ path: '--preset', message: 'on an existing project, --preset adds a new environment: name it with --env, e.g. --env staging --preset starter' }],
        };
      }
      if (Object.hasOwn(loaded.config.environments, environment)) {
        return {
          ok: false,
          problems: [
            {
              path: `environments.${environment}`,
              message: `already exists; --preset only creates new environments. Change it with --set, e.g. --set environments.${environment}.database.instanceClass=db.t4g.small`,
            },
          ],
        };
      }
      // A new environment deploys the same repository as the others unless
      // told otherwise, from a branch of its own and in a VPC range of its
      // own: one push must not deploy two environments, and ranges that do
      // not overlap can still be peered later.
      const defaults = await request.defaults();
      const siblings = Object.values(loaded.config.environments);
      const sibling = siblings[0]?.pipeline;
      const repository = defaults.github ?? (sibling ? { owner: sibling.owner, repo: sibling.repo } : undefined);
      if (!repository) noGitHub = defaults.noGitHub ?? 'no GitHub remote was found';
      const github = repository ? { owner: repository.owner, repo: repository.repo, branch: newEnvironmentBranch(environment, siblings) } : undefined;
      const withEnv = raw as Config;
      const added = presetEnvironment(preset, {
        region: regionFor(environment, defaults),
        ...(github ? { github } : {}),
      });
      (withEnv.environments as Record<string, unknown>)[environment] = {
        ...added,
        network: { ...added.network, vpcCidr: unusedVpcCidr(siblings) },
        ...(github ? {} : { pipeline: { ...added.pipeline, branch: newEnvironmentBranch(environment, siblings) } }),
      };
      environmentAdded = environment;
    }
  }
  for (const assignment of assignments) raw = applyAssignment(raw, assignment);

  const result = parseConfig(raw);
  if (!result.ok) {
    return { ok: false, problems: [...problems, ...(noGitHub ? askForRepository(result.problems, environment, noGitHub) : result.problems)] };
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    config: result.config,
    created,
    ...(environmentAdded ? { environmentAdded } : {}),
    ...(loaded.kind === 'loaded' && loaded.migratedFrom !== undefined ? { migratedFrom: loaded.migratedFrom } : {}),
    ...(loaded.kind === 'loaded' ? { savedConfig: loaded.config } : {}),
  };
}

/**
 * A new environment with no GitHub repository: instead of "owner is
 * required" and "repo is required", one problem that says why none was found
 * and gives the exact --set lines.
 */
function askForRepository(problems: readonly Problem[], environment: string, why: string): Problem[] {
  const pipeline = `environments.${environment}.pipeline`;
  const missing = ['owner', 'repo'].filter((key) => problems.some((problem) => problem.path === `${pipeline}.${key}` && problem.message === 'is required'));
  if (missing.length === 0) return [...problems];
  const rest = problems.filter((problem) => !missing.some((key) => problem.path === `${pipeline}.${key}`));
  const sets = missing.map((key) => `--set ${pipeline}.${key}=${key === 'owner' ? 'OWNER' : 'REPO'}`).join(' ');
  return [{ path: pipeline, message: `no GitHub repository to deploy from: ${why}. Name it with ${sets}` }, ...rest];
}

/** The environment a command acts on: the named one, or the only one. */
export function pickEnvironment(config: Config, requested?: string): { ok: true; name: string } | { ok: false; problem: Problem } {
  const names = Object.keys(config.environments);
  if (requested !== undefined) {
    if (Object.hasOwn(config.environments, requested)) return { ok: true, name: requested };
    return { ok: false, problem: { path: '--env', value: requested, message: `is not an environment of this project; choose one of ${names.join(', ')}` } };
  }
  if (names.length === 1) return { ok: true, name: names[0]! };
  return { ok: false, problem: { path: '--env', message: `this project has several environments; name one with --env (${names.join(', ')})` } };
}
