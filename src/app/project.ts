/**
 * The project a command works on, for every front-end: which folder, which
 * config file, the config it resolves to (the file, a preset, every --set),
 * and writing it. Each failure is thrown as a CliError that names the flag,
 * field or path; nothing is written before everything is valid.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { CliOptions } from '../args.js';
import { renderProblem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { ConfigError, quote, UsageError } from '../errors.js';
import type { TemplateVersions } from '../infra/projectTemplates.js';
import { ownPackage } from '../packageInfo.js';
import { configPathFor, saveConfigFile } from '../project/configFile.js';
import { projectDir } from '../project/projectDir.js';
import { pickEnvironment as pick, resolveConfig, type ResolvedConfig } from '../project/resolveConfig.js';
import { readWizardDefaults } from '../wizard/defaults.js';

export interface ResolvedProject {
  readonly dir: string;
  readonly configPath: string;
  readonly resolved: Extract<ResolvedConfig, { ok: true }>;
  /**
   * What the command line changes in ecs-wizard.json (a new project, a new
   * environment, --set), in words; undefined when it changes nothing.
   */
  readonly change?: string;
  /** The config as the file holds it now, when there is a file (migrated to this version). */
  readonly saved?: Config;
}

type ProjectOptions = Pick<CliOptions, 'dir' | 'config' | 'preset' | 'env' | 'sets'>;

/** What kind of thing is at `path`: a folder, a file, or nothing. */
function kindAt(path: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** The project folder and config file, refused when one is the wrong kind of thing. */
export function projectPaths(options: Pick<CliOptions, 'dir' | 'config'>): { dir: string; configPath: string } {
  const dir = projectDir(options.dir);
  if (options.dir !== undefined && kindAt(dir) === 'file') {
    throw new UsageError(`--dir ${quote(options.dir)} is a file, not a folder: point --dir at the project folder (a missing one is created).`);
  }
  const configPath = configPathFor(dir, options.config);
  if (kindAt(configPath) === 'folder') {
    throw new UsageError(
      options.config !== undefined
        ? `--config ${quote(options.config)} is a folder, not a file: point --config at the config file, e.g. --config ${relative(process.cwd(), resolve(configPath, 'ecs-wizard.json')) || 'ecs-wizard.json'}.`
        : `${configPath} is a folder, not a file: move it away (ecs-wizard keeps its settings in that file), or point --config at the config file.`,
    );
  }
  return { dir, configPath };
}

/**
 * Resolves the config (file, preset, --set) for a command. Throws a
 * ConfigError listing every problem at once, or a UsageError for --env.
 */
export async function resolveProject(options: ProjectOptions): Promise<ResolvedProject> {
  const { dir, configPath } = projectPaths(options);
  const resolved = await resolveConfig({
    configPath,
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
    ...(options.env !== undefined ? { environment: options.env } : {}),
    sets: options.sets,
    defaults: () => readWizardDefaults({ dir }),
  });
  if (!resolved.ok) throw new ConfigError(resolved.problems.map(renderProblem));
  if (options.env !== undefined && !Object.hasOwn(resolved.config.environments, options.env)) {
    const names = Object.keys(resolved.config.environments);
    throw new UsageError(
      `--env ${quote(options.env)} is not an environment of this project; choose one of ${names.join(', ')}, or add it with --env ${options.env} --preset starter (or production).`,
    );
  }
  const changes = [
    ...(resolved.created ? [`the new project (${options.preset ?? 'starter'} preset)`] : []),
    ...(resolved.environmentAdded ? [`the new environment ${resolved.environmentAdded} (${options.preset} preset)`] : []),
    ...options.sets.map((set) => `--set ${set.length > 80 ? `${set.slice(0, 79)}…` : set}`),
  ];
  return {
    dir,
    configPath,
    resolved,
    ...(changes.length ? { change: changes.join(', ') } : {}),
    ...(resolved.savedConfig ? { saved: resolved.savedConfig } : {}),
  };
}

/** The environment a command acts on: --env, or the only one. */
export function pickEnvironment(project: ResolvedProject, requested: string | undefined): string {
  const picked = pick(project.resolved.config, requested);
  if (!picked.ok) throw new UsageError(renderProblem(picked.problem));
  return picked.name;
}

/** Versions the generated package.json pins: exactly the ones this release bundles and runs. */
export function templateVersions(): TemplateVersions {
  const own = ownPackage();
  const peer = (name: string): string => {
    const version = own.peerDependencies[name];
    if (!version) throw new Error(`ecs-wizard's package.json lists no peer dependency ${name}`);
    return version;
  };
  return {
    ecsWizard: own.version,
    cdktf: peer('cdktf'),
    providerAws: peer('@cdktf/provider-aws'),
    constructs: peer('constructs'),
  };
}

/** Generated files were edited by hand: regeneration stops, nothing written. Exit 2. */
export class GenerationConflict extends UsageError {
  override readonly name: string = 'GenerationConflict';
}

export interface ProjectWrite {
  /** Files written, relative to the project folder. */
  readonly written: readonly string[];
  readonly environments: readonly string[];
  /** What this write found of an earlier one that was killed, and did about it (one sentence), if anything. */
  readonly recovered?: string;
}

/**
 * Writes the generated project (main.ts, cdktf.json, package.json and
 * cdktf.out/) for `config`; never ecs-wizard.json. Throws GenerationConflict
 * when a generated file was edited by hand.
 */
export async function writeProjectFiles(dir: string, config: Config, options: Pick<CliOptions, 'force'>): Promise<ProjectWrite> {
  const { writeProject, describeConflict, describeRecovery } = await import('../infra/projectWriter.js');
  const result = await writeProject({ dir, config, versions: templateVersions(), force: options.force });
  if (!result.ok && result.damagedManifest) throw new GenerationConflict(result.damagedManifest.message, { next: result.damagedManifest.next });
  if (!result.ok) {
    throw new GenerationConflict('regeneration stopped, nothing was written:', {
      problems: result.conflicts.map(describeConflict),
      next: 'Your edits would be lost. Put the change into ecs-wizard.json (every setting is there), or keep it in a file of your own; then delete or restore the file above, or run again with --force to overwrite it.',
    });
  }
  return {
    written: result.written,
    environments: result.stacks.map((stack) => stack.environment),
    ...(result.recovered.kind !== 'none' ? { recovered: describeRecovery(result.recovered) } : {}),
  };
}

/** A path as messages show it: relative to the current folder. */
export function shownPath(path: string): string {
  return relative(process.cwd(), path) || '.';
}

/** Saves the resolved config to ecs-wizard.json; the sentence says why it changed, or undefined when it did not. */
export async function saveProjectConfig(project: ResolvedProject, options: Pick<CliOptions, 'preset'>): Promise<string | undefined> {
  const { configPath, resolved } = project;
  if (!(await saveConfigFile(configPath, resolved.config))) return undefined;
  const why = resolved.created
    ? `new project from the ${options.preset ?? 'starter'} preset`
    : resolved.migratedFrom !== undefined
      ? `migrated from version ${resolved.migratedFrom}`
      : resolved.environmentAdded
        ? `added environment ${resolved.environmentAdded}`
        : 'updated';
  return `${shownPath(configPath)} (${why})`;
}

/**
 * Runs `body` holding the project lock, for a command outside the engine
 * (which takes it itself): `say` tells whom it waits for, and which dead
 * run's lock it took over. A lock it cannot get is a RunFailure (exit 2, or
 * 130 when stopped while waiting).
 */
export async function withCommandLock<T>(
  dir: string,
  command: string,
  options: Pick<CliOptions, 'lockTimeoutMs'>,
  say: (message: string) => void,
  body: () => Promise<T>,
): Promise<T> {
  const { acquireProjectLock, describeHolder, describeTakeover } = await import('../project/lock.js');
  const lock = await acquireProjectLock({
    dir,
    command,
    ...(options.lockTimeoutMs !== undefined ? { timeoutMs: options.lockTimeoutMs } : {}),
    onWait: (holder) => say(`Waiting: ${describeHolder(holder)}. This run goes on when it ends (--no-wait stops at once).`),
  });
  try {
    if (lock.tookOverFrom) say(describeTakeover(lock.tookOverFrom));
    return await body();
  } finally {
    lock.release();
  }
}
