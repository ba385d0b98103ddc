/**
 * Everything the task graph needs from outside, built once for every
 * front-end: the Terraform binary, the engine's options for a project, and
 * what happens to ecs-wizard.json when the run ends.
 *
 * A change given on the command line (a new project, a new environment,
 * --set) is saved to ecs-wizard.json only when the command did its job, or
 * once Terraform applied it (even if the run failed after); otherwise the
 * file stays as it was, the generated project is written back
 * from it, and the output says so. (`synth` saves at once: that is its job.
 * The wizard saves its answers before anything can fail, as it promises.)
 */
import type { CliOptions } from '../args.js';
import type { AwsTarget } from '../aws/ecsClient.js';
import type { Config } from '../config/schema.js';
import { saveConfigFile } from '../project/configFile.js';
import { UsageError } from '../errors.js';
import type { EngineCommand, EngineDeps, EngineOptions } from '../tasks/engine.js';
import { realEngineDeps } from '../tasks/engineDeps.js';
import type { RunListener } from '../tasks/runEvents.js';
import { findTerraform, TerraformBinaryError, type TerraformBinary } from '../terraform/binary.js';
import { rereadProject, saveProjectConfig, shownPath, writeProjectFiles, type ResolvedProject } from './project.js';
import { planCostHooks } from '../cost/planCost.js';
import { removalProblem, removeEnvironment } from '../project/removeEnvironment.js';
import { renderProblem } from '../config/problems.js';

/** The Terraform to run: --terraform, $ECS_WIZARD_TERRAFORM, then PATH. Throws a UsageError saying what to install. */
export async function locateTerraform(options: Pick<CliOptions, 'terraform'>): Promise<TerraformBinary> {
  try {
    return await findTerraform({ explicitPath: options.terraform });
  } catch (error) {
    if (error instanceof TerraformBinaryError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** What the synth step did, for the end of the run to undo. */
interface SynthRecord {
  /** The generated project was written from the command line's config. */
  wrote: boolean;
}

/** The synth step: writes the generated project for the resolved config (not ecs-wizard.json). */
export function synthesizeFor(
  project: ResolvedProject,
  options: Pick<CliOptions, 'force'>,
  out: NodeJS.WritableStream,
  record: SynthRecord = { wrote: false },
): (config?: Config) => Promise<void> {
  // A blue/green step synthesizes the config of the copies it is moving to (given here).
  return async (config) => {
    const { written, recovered } = await writeProjectFiles(project.dir, config ?? project.resolved.config, options);
    record.wrote = written.length > 0;
    if (recovered) out.write(`⚠ ${recovered}\n`);
    for (const file of written) out.write(`✔ ${file}\n`);
  };
}

/**
 * What the run does with ecs-wizard.json when it ends: saves the command
 * line's change after a success, and after a run in which Terraform applied
 * it, wholly or in part, even though the run failed afterwards (the service
 * wait, a resource that failed, Ctrl-C): that change is live, and a file
 * without it would have the next plan revert it. After anything else it
 * keeps the file, writes the generated project back from it, and says so.
 */
export function commitConfig(
  projectNow: ResolvedProject | (() => ResolvedProject),
  options: Pick<CliOptions, 'preset' | 'force'>,
  record: SynthRecord = { wrote: true },
): NonNullable<EngineDeps['finish']> {
  return async ({ succeeded, declined, applied }, emit: RunListener) => {
    // The project as the synth step read it, holding the lock (see engineOptions).
    const project = typeof projectNow === 'function' ? projectNow() : projectNow;
    const path = project.configPath;
    if (succeeded || applied) {
      const saved = await saveProjectConfig(project, options);
      const why = succeeded
        ? ''
        : applied === 'all'
          ? ' (Terraform applied it; what failed came after the apply)'
          : ' (Terraform applied part of it before the run stopped; run apply again to apply the rest)';
      if (saved && project.change) emit({ type: 'config', path, saved: true, message: `${project.change}: saved to ${shownPath(path)}${why}` });
      else if (saved) emit({ type: 'config', path, saved: true, message: `${saved}${why}` });
      return;
    }
    if (!project.change) return;
    emit({
      type: 'config',
      path,
      saved: false,
      message: `${project.change}: not saved: ${declined ? 'nothing was applied' : 'the run failed'}; ${shownPath(path)} ${
        project.saved ? 'is as it was' : 'was not written'
      }. Run again to retry, or "ecs-wizard synth" with the same flags to keep the change without running Terraform.`,
    });
    // The generated files follow the saved file again, so `terraform` by hand sees what ecs-wizard.json says.
    // Nothing to undo when the synth step wrote nothing (it is what failed, say).
    if (project.saved && record.wrote) await writeProjectFiles(project.dir, project.saved, { force: false });
  };
}

/** `bluegreen switch --weight N`: a whole percent from 1 to 100 (checked before anything runs). */
export function weightOf(flag: unknown): number | undefined {
  if (flag === undefined) return undefined;
  const text = String(flag);
  const weight = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(weight >= 1 && weight <= 100)) {
    throw new UsageError(`--weight ${JSON.stringify(text)}: the new copy's share of the traffic is a whole percent from 1 to 100, e.g. --weight 10 (rollback moves it all back).`);
  }
  return weight;
}

/**
 * What every front-end hands the engine for one project, environment and
 * command. The front-end resolved `project` before the engine took the
 * project lock; the synth step (the first under the lock) resolves it again,
 * so a run that waited for another builds on what that run saved, and
 * everything after it (the stack, the cost, the service wait, what is saved
 * at the end) follows the config read under the lock.
 */
export function engineOptions(
  project: ResolvedProject,
  environment: string,
  command: EngineCommand,
  binary: TerraformBinary,
  options: CliOptions,
  synthOut: NodeJS.WritableStream,
): Omit<EngineOptions, 'decider' | 'emit' | 'signal' | 'forceSignal'> {
  const record: SynthRecord = { wrote: false };
  const removing = options.command === ENV_REMOVE;
  const refuseRemoval = (config: ResolvedProject['resolved']['config']) => {
    const problem = removing ? removalProblem(config, environment) : undefined;
    if (problem) throw new UsageError(renderProblem(problem));
  };
  refuseRemoval(project.resolved.config);
  let current = project;
  const envNow = () => current.resolved.config.environments[environment];
  const synthesize = async (config?: Config, emit?: RunListener) => {
    // A blue/green step gives the config of the copies it moves to: that project, as given.
    if (config) return synthesizeFor(current, options, synthOut, record)(config);
    const { project: fresh, changed } = await rereadProject(project);
    if (!fresh.resolved.config.environments[environment]) {
      throw new UsageError(`${shownPath(fresh.configPath)} no longer has the environment ${environment}: it changed while this run waited for the project; nothing was run.`, {
        next: 'Run the command again with an --env the file has.',
      });
    }
    refuseRemoval(fresh.resolved.config);
    current = fresh;
    if (changed) {
      emit?.({
        type: 'warning',
        message: `${shownPath(fresh.configPath)} changed while this run waited (another run saved it): this run uses the file as it is now${fresh.change ? `, with ${fresh.change} on top` : ''}.`,
      });
    }
    await synthesizeFor(fresh, options, synthOut, record)();
  };
  // A blue/green step records where the change stands in ecs-wizard.json itself,
  // step by step; the end of the run must not write the config it started from over it.
  let recorded = false;
  const saveConfig = async (config: Config) => {
    await saveConfigFile(project.configPath, config);
    recorded = true;
  };
  const commit = commitConfig(() => current, options, record);
  const weight = weightOf(options.flags['weight']);
  const early = planCostHooks(project.resolved.config, environment);
  const env = envNow();
  return {
    dir: project.dir,
    environment,
    command,
    binary,
    terraformArgs: options.terraformArgs,
    allowReplace: options.allowReplace,
    ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
    config: project.resolved.config,
    // Read again under the lock by `synthesize` (a run that waited): the plan's notes use that one.
    configNow: () => current.resolved.config,
    ...(weight !== undefined ? { weight } : {}),
    deps: {
      ...realEngineDeps(synthesize, saveConfig),
      // After `env remove` the engine wrote the file without the environment: saving the run's config would bring it back.
      // A blue/green step recorded where it stands in ecs-wizard.json itself: the run's starting config must not overwrite it.
      finish: removing
        ? async (outcome, emit) => (outcome.succeeded ? undefined : commit(outcome, emit))
        : async (outcome, emit) => {
            if (!recorded) await commit(outcome, emit);
          },
    },
    ...(removing ? { removeAfterDestroy: dropFromConfig(project, environment) } : {}),
    ...(early
      ? {
          cost: {
            needsDocument: early.needsDocument,
            estimate: (...args: Parameters<typeof early.estimate>) => (planCostHooks(current.resolved.config, environment) ?? early).estimate(...args),
          },
        }
      : {}),
    // After an apply, the service is read in the AWS the environment's provider uses (as read under the lock).
    ...(env && options.flags['no-service-wait'] !== true
      ? {
          serviceWait: {
            get target() {
              return serviceTarget(envNow() ?? env);
            },
          },
        }
      : {}),
    // After a destroy (and env remove), the pipeline's task definition revisions go too, in the same AWS.
    ...(env && command === 'destroy'
      ? {
          revisionCleanup: {
            get target() {
              return serviceTarget(envNow() ?? env);
            },
          },
        }
      : {}),
  };
}


/** The command that destroys an environment and drops it from the config. */
export const ENV_REMOVE = 'env remove';

/** `env remove`: the engine's last step, once the environment is destroyed. */
function dropFromConfig(project: ResolvedProject, environment: string): () => Promise<string> {
  return async () => {
    const removal = await removeEnvironment(project.dir, project.configPath, environment);
    const from = removal.alreadyGone
      ? `${environment} was no longer in ${shownPath(removal.configPath)}; removed ${removal.removedStack}`
      : `Removed ${environment} from ${shownPath(removal.configPath)} and ${removal.removedStack}`;
    return `${from}; its ${removal.state} is kept.`;
  };
}

/** The region, profile and endpoint of an environment's provider block (src/infra/provider.ts). */
export function serviceTarget(env: { region: string; awsProfile?: string | undefined; endpoint?: string | undefined }): AwsTarget {
  return { region: env.region, ...(env.awsProfile ? { profile: env.awsProfile } : {}), ...(env.endpoint ? { endpoint: env.endpoint } : {}) };
}
