/**
 * The project a command works on, for every front-end: which folder, which
 * config file, the config it resolves to (the file, a preset, every --set),
 * and writing it. Each failure is thrown as a CliError that names the flag,
 * field or path; nothing is written before everything is valid.
 */
import type { CliOptions } from '../args.js';
import { renderProblem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { ConfigError, quote, UsageError } from '../errors.js';
import type { TemplateVersions } from '../infra/projectTemplates.js';
import { ownPackage } from '../packageInfo.js';
import { mergeChanges } from '../config/mergeChanges.js';
import { parseConfig } from '../config/validate.js';
import { canonicalJson, loadConfigFile, saveConfigFile } from '../project/configFile.js';
import { pickEnvironment as pick, resolveConfig, type ResolvedConfig } from '../project/resolveConfig.js';
import { readWizardDefaults } from '../wizard/defaults.js';
import { projectPaths, shownPath } from './paths.js';

// In a module of their own, which the wizard's first frame reads without the schema (zod).
export { projectPaths, shownPath } from './paths.js';

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
  /**
   * What it was resolved from (folder, file, preset, --env, --set), so a run
   * can resolve it again once it holds the project lock (rereadProject).
   */
  readonly source?: ProjectOptions;
}

type ProjectOptions = Pick<CliOptions, 'dir' | 'config' | 'preset' | 'env' | 'sets'>;

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
    source: { dir: options.dir, config: options.config, preset: options.preset, env: options.env, sets: options.sets },
  };
}

/**
 * The project resolved again from its source: ecs-wizard.json as it is now,
 * with the same preset and --set applied on top. Called holding the project
 * lock, so a run that waited for another one builds on what that one saved
 * instead of overwriting it with the file as it was before the wait.
 * `changed` says the file is no longer the one first read.
 */
export async function rereadProject(project: ResolvedProject): Promise<{ project: ResolvedProject; changed: boolean }> {
  if (!project.source) return { project, changed: false };
  const fresh = await resolveProject(project.source);
  return { project: fresh, changed: canonicalJson(fresh.saved ?? null) !== canonicalJson(project.saved ?? null) };
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

export interface SavedAnswers<T> {
  /** What ecs-wizard.json holds now: the answers, on top of what another run saved meanwhile. */
  readonly config: Config;
  readonly saved: boolean;
  /** The file had changed since the wizard read it; the answers went on top of it. */
  readonly merged: boolean;
  /** A project resolved from the file as saved (for the run that follows). */
  readonly project: ResolvedProject;
  readonly then: T;
}

/**
 * Saves the wizard's answers holding the project lock, then runs `then`
 * (the generate step) under the same lock. When ecs-wizard.json changed
 * since the wizard read it (another run saved a --set meanwhile), what the
 * person changed goes on top of the file as it is now, so neither is lost;
 * answers that no longer fit it are a ConfigError and nothing is written.
 */
export async function saveAnswers<T>(args: {
  readonly options: Pick<CliOptions, 'dir' | 'config' | 'lockTimeoutMs'>;
  /** The config the wizard started from; undefined for a new project. */
  readonly started: Config | undefined;
  readonly answers: Config;
  readonly say: (message: string) => void;
  readonly then: (config: Config) => Promise<T>;
}): Promise<SavedAnswers<T>> {
  const { dir, configPath } = projectPaths(args.options);
  return withCommandLock(dir, 'wizard', args.options, args.say, async () => {
    const now = await loadConfigFile(configPath);
    const theirs = now.kind === 'loaded' ? now.config : undefined;
    const merged = theirs !== undefined && canonicalJson(theirs) !== canonicalJson(args.started ?? null);
    let config = args.answers;
    if (merged) {
      const parsed = parseConfig(mergeChanges(args.started ?? {}, args.answers, theirs));
      if (!parsed.ok) {
        throw new ConfigError(
          parsed.problems.map(renderProblem),
          `${shownPath(configPath)} changed while the wizard was open (another run saved it), and your answers do not fit it as it is now; nothing was written. Run the wizard again: it starts from the file.`,
        );
      }
      config = parsed.config;
    }
    const saved = await saveConfigFile(configPath, config);
    // The project as the file now says, with no preset and no --set: the run
    // that follows reads it again under its own lock and finds it unchanged.
    const project = await resolveProject({ dir: args.options.dir, config: args.options.config, preset: undefined, env: undefined, sets: [] });
    return { config, saved, merged, project, then: await args.then(config) };
  });
}
