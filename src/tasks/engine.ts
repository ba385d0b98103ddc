/**
 * The task graph: synth → init → plan → guard → approve → apply, and for
 * destroy: plan -destroy → checks → confirm → prepare → destroy → revisions
 * (the task definition revisions the pipeline registered). Plain
 * listr2 tasks with their collaborators injected, so tests swap in fakes and
 * each front-end picks its own renderer.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Listr, type ListrBaseClassOptions, type ListrRendererValue, type ListrTask } from 'listr2';
import { DESTROY_VARIABLES, localStatePathFor, NO_IMAGE_TAG, STACK_OUTPUTS, stackDirectory } from '../infra/contract.js';
import { hashFile } from '../project/files.js';
import { acquireProjectLock, describeHolder, describeTakeover, type ProjectLock } from '../project/lock.js';
import { processStartTime } from '../project/processes.js';
import type { AwsTarget } from '../aws/ecsClient.js';
import type { DescribeService } from '../aws/ecsService.js';
import type { TaskDefinitionApi } from '../aws/taskDefinitions.js';
import type { Config } from '../config/schema.js';
import type { BlueGreenCommand } from './bluegreenCommands.js';
import type { TerraformBinary } from '../terraform/binary.js';
import { guardPlan } from '../terraform/guard.js';
import type { StackOutput } from '../terraform/jsonCommands.js';
import type { TerraformEvent } from '../terraform/events.js';
import { refusedTerraformArgs, refusedTerraformEnvironment } from '../terraform/passthrough.js';
import { needsPlanDocument, readPlanEvents } from '../terraform/planEvents.js';
import { readPlan, type PlanSummary } from '../terraform/planReader.js';
import type { PlanCost, PlanCostHooks } from '../cost/planCost.js';
import { planNotes } from '../terraform/planNotes.js';
import type { RunTerraformOptions, TerraformProcess } from '../terraform/runner.js';
import type { Decider, DecisionRequest, DecisionTask } from './decisions.js';
import { checkDestroy, uniqueSnapshotName } from './destroyChecks.js';
import { EXIT, reportFailure, toCliError, type CliError, type ExitCode } from '../errors.js';
import { RunFailure } from './failures.js';
import { initFingerprint, initIsCurrent, readInitMarker, recordInit } from './initState.js';
import { backendOf, backupFileFor, describeBackend, localStateFile, shownFrom, stateFacts, type BackendBlock, type StateFacts } from './stateMigration.js';
import { describePreviousRun, readAftermath, readRunRecord, writeRunRecord, type RunStatus } from './runRecord.js';
import type { RunListener, TaskId } from './runEvents.js';
import { logFileFor, runStep, STOPPED_SAFELY, type StepEnvironment } from './terraformStep.js';
import { waitForService } from './serviceWait.js';
import { cleanTaskDefinitions, CleanupError, describeCleanup, manualCleanup, taskDefinitionFamilies } from './taskDefinitionCleanup.js';

export type EngineCommand = 'plan' | 'apply' | 'destroy' | BlueGreenCommand;

export interface EngineDeps {
  /**
   * Writes ecs-wizard.json's project (cdktf.out included), reading the config
   * holding the project lock; warnings go through `emit`. Throws RunFailure on
   * conflicts. Given a config (a blue/green step changing its copies), writes
   * the project of that config instead; saving it is `saveConfig`'s job.
   */
  readonly synthesize: (config?: Config, emit?: RunListener) => Promise<void>;
  /** Saves ecs-wizard.json (blue/green steps record their copies there). */
  readonly saveConfig?: (config: Config) => Promise<void>;
  /** Asks a copy's load balancer whether it serves healthy answers (blue/green switch). */
  readonly probeHealth?: import('./healthProbe.js').HealthProbe;
  /** State pull, push and backup for adopting copies (tests fake them); the real ones by default. */
  readonly adoption?: import('./adoption.js').AdoptionDeps;
  /** `terraform state pull` (tests fake it); the real one by default. */
  readonly pullState?: typeof import('../terraform/stateCommands.js').pullState;
  readonly startTerraform: (options: RunTerraformOptions) => TerraformProcess;
  readonly showPlanJson: (options: Omit<RunTerraformOptions, 'args' | 'onEvent'> & { planFile: string }) => Promise<unknown>;
  readonly readOutputs: (options: Omit<RunTerraformOptions, 'args' | 'onEvent'> & { readonly revealSensitive?: boolean }) => Promise<StackOutput[]>;
  /** `terraform state pull`: the state document (needed to move a state to another backend). */
  readonly readState?: (options: Omit<RunTerraformOptions, 'args' | 'onEvent'>) => Promise<unknown>;
  readonly now: () => Date;
  /**
   * Called once the run is decided, before its `done` event: `succeeded` when
   * every task did its job (a plan the person declined did not). The app layer
   * saves the command line's changes to ecs-wizard.json here, and says so
   * through `emit`. A throw turns a success into that failure. `applied`
   * says what Terraform's apply changed, even in a run that failed later
   * (the service wait) or part-way (RunContext.applied).
   */
  readonly finish?: (outcome: RunOutcome, emit: RunListener) => Promise<void>;
  /** The environment Terraform will inherit (TF_CLI_ARGS_* are checked). Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** An ECS reader for the environment's AWS (the wait after an apply). */
  readonly serviceReader: (target: AwsTarget) => Promise<DescribeService>;
  /** ECS task definition calls in the environment's AWS (the cleanup after a destroy). */
  readonly taskDefinitions: (target: AwsTarget) => Promise<TaskDefinitionApi>;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** How a run ended, for EngineDeps.finish. */
export interface RunOutcome {
  readonly succeeded: boolean;
  readonly declined?: boolean;
  readonly applied?: RunContext['applied'];
}

/** How long `apply` waits for the service: a deploy with health checks takes minutes. */
export const SERVICE_WAIT = { timeoutMs: 10 * 60_000, intervalMs: 10_000 } as const;

export interface EngineOptions {
  readonly dir: string;
  readonly environment: string;
  readonly command: EngineCommand;
  readonly binary: TerraformBinary;
  /** Arguments after `--`, for plan and the destroy plan. */
  readonly terraformArgs: readonly string[];
  /** Addresses the user allowed to be replaced or deleted (`--allow-replace`). */
  readonly allowReplace: readonly string[];
  readonly decider: Decider;
  readonly emit: RunListener;
  readonly signal: AbortSignal;
  readonly forceSignal: AbortSignal;
  readonly deps: EngineDeps;
  /** Prices the plan (the monthly change it makes); left out, plans carry no cost. */
  readonly cost?: PlanCostHooks;
  /**
   * How long to wait for another run holding the project (its lock): undefined
   * waits as long as it takes, 0 not at all (`--no-wait`).
   */
  readonly lockTimeoutMs?: number;
  /** `env remove`: once destroyed, drop the environment from the config; resolves to what was done. */
  readonly removeAfterDestroy?: () => Promise<string>;
  /** After an apply, wait for the service in this AWS (absent: `--no-service-wait`). */
  readonly serviceWait?: { readonly target: AwsTarget; readonly timeoutMs?: number; readonly intervalMs?: number };
  /**
   * After a destroy that succeeded, deregister (and delete) the task definition
   * revisions of the stack's families left ACTIVE in this AWS: the pipeline's.
   * Absent (a stack without an environment's AWS), no such task.
   */
  readonly revisionCleanup?: { readonly target: AwsTarget };
  /** The resolved config: it says which stacks the environment has (blue/green copies). */
  readonly config?: Config;
  /**
   * The config as the run uses it once it holds the project lock: a run that
   * waited reads ecs-wizard.json again (another run may have saved it), and
   * the plan's notes (a domain added, a strategy switched) must speak of that
   * file, not of the one read before the wait. Default: `config`.
   */
  readonly configNow?: () => Config | undefined;
  /** `bluegreen switch --weight N`: the next copy's share of the traffic. */
  readonly weight?: number;
  /** Set by runTasks for the graph it runs (the project lock it holds); front-ends leave it out. */
  readonly hooks?: EngineHooks;
  /** Where Terraform runs, when not the environment's `cdktf.out/stacks/<env>` (the state bucket's own stack). */
  readonly stackDir?: string;
}

/** What runTasks gives the graph it builds: the project lock it holds. */
export interface EngineHooks {
  readonly onTerraform?: StepEnvironment['onTerraform'];
}

export interface RunContext {
  summary?: PlanSummary;
  outputs?: readonly StackOutput[];
  /** Set by the last task that ran: what the run achieved, in words. */
  outcome: string;
  /**
   * What Terraform's apply (or destroy) changed: `all` once it succeeded,
   * `partly` when it failed or was stopped after finishing at least one
   * resource; unset when it changed nothing (not run, or failed first).
   */
  applied?: 'all' | 'partly';
}

export interface EngineRun {
  readonly tasks: ListrTask<RunContext>[];
  readonly context: RunContext;
}

/** One Terraform stack of a run: the environment's own, or one copy of its serving layer. */
export interface StackSpec {
  /** The stack's (and its state's) name: `production`, `production.green`. */
  readonly name: string;
  /** Added to every task title so two stacks of one run read apart: '' for a lone stack. */
  readonly label: string;
  /** Plan only these addresses (`-target`): a switch of weights touches nothing else. */
  readonly targets?: readonly string[];
  /** Before init: a copy's stack reads the shared layer's values from a file this writes. */
  readonly prepare?: () => Promise<void>;
  /** A destroy listing one of these types stops before anything is deleted (a copy never owns them). */
  readonly protectedTypes?: ReadonlySet<string>;
}

export interface StackEngineOptions {
  /** Shared by every stack of one run (each stack's tasks run after the previous one's). */
  readonly context?: RunContext;
  /** Synthesize first (only the first stack of a run does). */
  readonly synth?: boolean;
  /** The command for this stack, when it differs from the run's (a blue/green step applies). */
  readonly command?: 'plan' | 'apply' | 'destroy';
}

export function buildStackEngine(options: EngineOptions, stack: StackSpec, own: StackEngineOptions = {}): EngineRun {
  const { dir, emit, deps } = options;
  // Named after the stack: file names, run records and the plans' "environment".
  const environment = stack.name;
  const command = own.command ?? (options.command as 'plan' | 'apply' | 'destroy');
  const stackDir = options.stackDir ?? join(dir, stackDirectory(environment));
  const planFile = join(dir, '.ecs-wizard', 'plans', `${environment}.tfplan`);
  const step: StepEnvironment = {
    dir,
    environment,
    stackDir,
    binary: options.binary,
    signal: options.signal,
    forceSignal: options.forceSignal,
    emit,
    startTerraform: deps.startTerraform,
    now: deps.now,
    ...(options.hooks?.onTerraform ? { onTerraform: options.hooks.onTerraform } : {}),
  };
  const common = { binary: options.binary, cwd: stackDir, signal: options.signal, forceSignal: options.forceSignal };
  const context: RunContext = own.context ?? { outcome: '' };
  const targetArgs = (stack.targets ?? []).map((address) => `-target=${address}`);

  /** Wraps a task body with start/end events and elapsed time, whatever the renderer. */
  const tracked = (
    id: TaskId,
    bare: string,
    body: (task: { output: string; title: string; skip: (why: string) => void; detail?: string }, raw: DecisionTask) => Promise<void>,
  ): ListrTask<RunContext> => {
    const title = `${bare}${stack.label}`;
    return {
    title,
    task: async (_ctx, task) => {
      const started = Date.now();
      let skipped: string | undefined;
      let detail: string | undefined;
      emit({ type: 'task', id, title, state: 'running' });
      try {
        await body(
          {
            /** What a task that did its job says it did (--json reads it as the done event's detail). */
            set detail(value: string | undefined) {
              detail = value;
            },
            get detail() {
              return detail;
            },
            get output() {
              return String(task.output ?? '');
            },
            set output(line: string) {
              task.output = line;
            },
            get title() {
              return task.title;
            },
            set title(value: string) {
              task.title = value;
            },
            skip: (why: string) => {
              skipped = why;
              task.skip(why);
            },
          },
          task,
        );
        const said = skipped ?? detail;
        emit({ type: 'task', id, title, state: skipped ? 'skipped' : 'done', elapsedMs: Date.now() - started, ...(said ? { detail: said } : {}) });
      } catch (error) {
        emit({ type: 'task', id, title, state: 'failed', elapsedMs: Date.now() - started, detail: (error as Error).message });
        // The renderer shows a task's error on its line; the failure event shows
        // it whole afterwards. Give the line the first sentence only.
        if (error instanceof RunFailure) throw new TaskLineError(error);
        throw error;
      }
    },
    };
  };

  const decide = async (request: DecisionRequest, task: DecisionTask, exitCode: ExitCode): Promise<void> => {
    // A stop (Ctrl-C, SIGTERM, a closed terminal) while a question is open
    // answers it "no", whatever the front-end does: nobody may be left to answer it.
    const decision = await untilAborted(options.decider.decide(request, task), options.signal);
    if (!decision) throw new RunFailure('Stopped at your request before anything was changed.', EXIT.interrupted);
    if (!decision.approved) throw new RunFailure(decision.reason, decision.exitCode ?? exitCode);
  };

  const synth = tracked('synth', 'Synthesize the Terraform configuration', async () => {
    await deps.synthesize(undefined, emit);
  });

  const init = tracked('init', 'terraform init', async (task) => {
    await stack.prepare?.();
    const stackJson = await readFile(join(stackDir, 'cdk.tf.json'), 'utf8');
    const fingerprint = initFingerprint(stackJson, process.env.TF_CLI_CONFIG_FILE);
    if (await initIsCurrent(stackDir, fingerprint)) {
      task.skip('terraform init: providers and backend unchanged');
      return;
    }
    const backend = backendOf(stackJson);
    const marker = await readInitMarker(stackDir);
    const onEvent = (event: TerraformEvent) => {
      if (event.type === 'init_output' || event.type === 'log') task.output = event.message;
    };
    // The state moves from a local file to a shared backend: ecs-wizard does it, checked.
    const from = marker?.backend ?? { type: 'local', config: { path: localStatePathFor(environment) } };
    if (from.type === 'local' && backend && backend.type !== 'local') {
      const local = await readLocalState(localStateFile(from, stackDir));
      if (local && local.facts.resources > 0) {
        task.title = `terraform init: moving the state to ${describeBackend(backend, stackDir)}`;
        await moveLocalState(local, backend, onEvent);
        await recordInit(stackDir, fingerprint, backend);
        return;
      }
    }
    try {
      // Never -reconfigure here: it would point Terraform at a new, empty state.
      await runStep(step, 'init', ['init'], onEvent);
    } catch (error) {
      throw backendChanged(error, marker?.backend, backend) ?? error;
    }
    await recordInit(stackDir, fingerprint, backend);
  });

  const readLocalState = async (file: string): Promise<{ file: string; facts: StateFacts } | undefined> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return { file, facts: stateFacts(JSON.parse(text)) };
    } catch {
      throw new RunFailure(`${file} is not a Terraform state (not JSON); nothing was moved.`, EXIT.failure, {
        next: 'Restore the state file from its .backup beside it, or from the copy you keep, then run again.',
      });
    }
  };

  const pullState = async (): Promise<StateFacts> => {
    if (!deps.readState) throw new Error('the engine was built without readState');
    return stateFacts(await deps.readState({ ...common, logFile: logFileFor(step, 'state-pull') }));
  };

  /** See stateMigration.ts for why these steps, and not `init -migrate-state`. */
  const moveLocalState = async (local: { file: string; facts: StateFacts }, backend: BackendBlock, onEvent: (event: TerraformEvent) => void) => {
    const where = describeBackend(backend, stackDir);
    const what = `${local.facts.resources} resources, lineage ${local.facts.lineage}`;
    await runStep(step, 'init', ['init', '-reconfigure'], onEvent);
    const remote = await pullState();
    const sameState = remote.lineage === local.facts.lineage && remote.serial >= local.facts.serial;
    if (remote.resources > 0 && !sameState) {
      throw new RunFailure(
        `${where} already holds a state for ${environment} (${remote.resources} resources, lineage ${remote.lineage}), and it is not the local one (${what}); nothing was moved.`,
        EXIT.failure,
        {
          next: `Decide which state is right before anything is applied: the local one is ${shownFrom(dir, local.file)}. To keep the shared one, move the local file away and run again.`,
        },
      );
    }
    const backup = backupFileFor(local.file, deps.now());
    await copyFile(local.file, backup);
    if (!sameState) {
      await runStep(step, 'state-push', ['state', 'push', '-force', local.file]);
      // The first write of a new object gets a new lineage from Terraform: the second keeps this one.
      if ((await pullState()).lineage !== local.facts.lineage) await runStep(step, 'state-push', ['state', 'push', '-force', local.file]);
    }
    const moved = await pullState();
    if (moved.lineage !== local.facts.lineage || moved.resources !== local.facts.resources) {
      throw new RunFailure(
        `The state of ${environment} in ${where} is not the local one after moving it (${moved.resources} resources, lineage ${moved.lineage}; expected ${what}).`,
        EXIT.failure,
        { next: `Nothing was applied. The local state is kept at ${shownFrom(dir, backup)}; compare the two before running again.` },
      );
    }
    await rm(local.file, { force: true });
    emit({
      type: 'warning',
      message: `Moved the state of ${environment} from ${shownFrom(dir, local.file)} to ${where} (${what}, checked after the move). A copy of the local state is kept at ${shownFrom(dir, backup)}.`,
    });
  };

  /** An init that failed because the backend changed in a way ecs-wizard does not move by itself. */
  const backendChanged = (error: unknown, before: BackendBlock | undefined, after: BackendBlock | undefined): RunFailure | undefined => {
    if (!(error instanceof RunFailure) || !/Backend configuration changed|Backend type changed/i.test(error.message)) return undefined;
    return new RunFailure(
      `The backend of ${environment} changed (${describeBackend(before, stackDir)} -> ${describeBackend(after, stackDir)}), and ecs-wizard moves state by itself only from local files to S3.`,
      EXIT.failure,
      {
        ...error.details,
        next: `Move the state with Terraform, then run again: terraform -chdir=${stackDir} init -migrate-state (it asks before it copies; keep a copy of the state first).`,
      },
    );
  };

  const plan = (destroy: boolean) =>
    tracked('plan', destroy ? 'terraform plan -destroy' : 'terraform plan', async (task) => {
      const record = await readRunRecord(dir, environment);
      const previous = describePreviousRun(record, record?.status === 'running' ? await readAftermath(record.logFile) : undefined);
      if (previous) {
        emit({ type: 'warning', message: previous });
        task.output = `⚠ ${previous}`;
      }
      if (record?.status === 'interrupted' && record.unfinishedCreates?.length) await keepInterruptedCreates(record.unfinishedCreates);
      const args = ['plan', ...(destroy ? ['-destroy'] : []), `-out=${planFile}`, '-detailed-exitcode', ...targetArgs, ...options.terraformArgs];
      const events: TerraformEvent[] = [];
      const label = destroy ? 'destroy-plan' : 'plan';
      const result = await planToFile(label, args, planFile, (event) => {
        events.push(event);
        if (event.type === 'planned_change' || event.type === 'resource_drift' || event.type === 'change_summary') task.output = event.message;
      });
      // show -json restarts the provider (~2 s): only when the events lack the detail.
      // The cost change needs the old attributes of a priced resource that changes, too.
      if (needsPlanDocument(events, destroy) || options.cost?.needsDocument(events)) await readReviewedPlan(destroy);
      else await publishPlan(readPlanEvents(events), destroy);
      await sealReview(planFile, result.logFile);
      task.title = `${(destroy ? 'terraform plan -destroy' : 'terraform plan') + stack.label}: ${countsLine(context.summary!)}`;
    });

  /**
   * The hash of each plan file as it was when reviewed. Apply checks it right
   * before `terraform apply FILE`: only the reviewed bytes are ever applied.
   */
  const reviewed = new Map<string, string>();

  /** Plans to `file`, which must then exist: a plan from an earlier run is never taken for this one's. */
  const planToFile = async (label: string, args: readonly string[], file: string, onEvent?: (event: TerraformEvent) => void) => {
    await mkdir(join(dir, '.ecs-wizard', 'plans'), { recursive: true });
    reviewed.delete(file);
    await rm(file, { force: true });
    const result = await runStep(step, label, args, onEvent);
    const hash = await hashFile(file);
    if (hash === undefined) {
      throw new RunFailure(`terraform ${label} reported success but wrote no plan file (${file}), so there is nothing reviewed to apply.`, EXIT.failure, {
        logFile: result.logFile,
        next: 'Check which program runs as terraform (--terraform, ECS_WIZARD_TERRAFORM, then PATH; "ecs-wizard doctor" shows it).',
      });
    }
    reviewed.set(file, hash);
    return result;
  };

  /** The review is over: the plan file must still be the one planned (and, when shown, the one read). */
  const sealReview = async (file: string, logFile: string) => {
    const hash = await hashFile(file);
    if (hash === undefined || hash !== reviewed.get(file)) throw changedPlanFile(file, logFile);
  };

  const applyReviewed = async (label: string, file: string, onEvent?: (event: TerraformEvent) => void, logFile?: string) => {
    const expected = reviewed.get(file);
    const hash = await hashFile(file);
    if (expected === undefined || hash !== expected) throw changedPlanFile(file, logFile);
    return runStep(step, label, ['apply', file], onEvent, logFile);
  };

  const readReviewedPlan = async (destroy: boolean): Promise<PlanSummary> => {
    const json = await deps.showPlanJson({ ...common, planFile, logFile: logFileFor(step, 'show') });
    return publishPlan(readPlan(json), destroy);
  };

  const publishPlan = async (read: PlanSummary, destroy: boolean): Promise<PlanSummary> => {
    const env = (options.configNow?.() ?? options.config)?.environments[options.environment];
    const notes = destroy
      ? []
      : planNotes(read, {
          ...(env?.domain ? { domain: env.domain.name } : {}),
          ...(env ? { strategy: env.deployment.strategy, branch: env.pipeline.branch } : {}),
        });
    const summary = notes.length ? { ...read, notes } : read;
    context.summary = summary;
    const cost = await planCostOf(summary, destroy);
    emit({ type: 'plan', environment, summary, destroy, ...(cost ? { cost } : {}) });
    return summary;
  };

  /** An estimate is a courtesy: a stack it cannot read never fails the plan. */
  const planCostOf = async (summary: PlanSummary, destroy: boolean): Promise<PlanCost | undefined> => {
    if (!options.cost) return undefined;
    try {
      return options.cost.estimate(summary, await readFile(join(stackDir, 'cdk.tf.json'), 'utf8'), destroy);
    } catch {
      return undefined;
    }
  };

  const guard = tracked('guard', 'Check for data loss', async (task, raw) => {
    const result = guardPlan(context.summary!, options.allowReplace);
    emit({ type: 'guard', result });
    for (const notice of result.traffic ?? []) emit({ type: 'warning', message: notice });
    for (const unused of result.unusedAllowances) {
      emit({ type: 'warning', message: `--allow-replace ${unused} matches nothing this plan deletes or replaces.` });
    }
    if (command === 'plan') {
      // A plan changes nothing: report what apply will ask for, block nothing.
      if (result.blocked.length) task.output = `apply will ask to confirm: ${result.blocked.map((f) => f.address).join(', ')}`;
      return;
    }
    for (const finding of result.blocked) {
      await decide({ kind: 'allow-data-loss', environment, finding, blocked: result.blocked }, raw, EXIT.blocked);
    }
    task.title = `${result.allowed.length + result.blocked.length ? 'Check for data loss: confirmed' : 'Check for data loss: none'}${stack.label}`;
  });

  const approve = tracked('approve', 'Approve the plan', async (task, raw) => {
    if (!context.summary!.hasChanges) {
      task.skip('No changes: the environment matches the configuration');
      return;
    }
    await decide({ kind: 'approve-plan', environment, summary: context.summary! }, raw, EXIT.usage);
  });

  /**
   * Ctrl-C makes Terraform cancel what is in flight, creates included: a
   * resource AWS already made (the load balancer, the database, minutes into
   * their creation) is saved TAINTED, and the next plan would replace it,
   * the database behind the data guard. It exists and was never used: keep it
   * (`terraform untaint`) and let the plan finish it, as one would by hand.
   */
  const keepInterruptedCreates = async (addresses: readonly string[]) => {
    const kept: string[] = [];
    for (const address of addresses) {
      const untaint = deps.startTerraform({
        binary: options.binary,
        args: ['untaint', '-allow-missing', address],
        cwd: stackDir,
        signal: options.signal,
        forceSignal: options.forceSignal,
        logFile: logFileFor(step, 'untaint'),
      });
      // Exit 1 is "not tainted" (it finished after all, or was never made): nothing to keep.
      if ((await untaint.result).ok) kept.push(address);
    }
    if (kept.length) {
      emit({
        type: 'warning',
        message: `Kept what the interrupted apply was creating: ${kept.join(', ')}. AWS had made ${kept.length === 1 ? 'it' : 'them'} and Terraform had marked ${kept.length === 1 ? 'it' : 'them'} for replacement (tainted); terraform untaint keeps ${kept.length === 1 ? 'it' : 'them'}, and this plan finishes the rest.`,
      });
    }
  };

  const recorded = async (command: 'apply' | 'destroy', logFile: string, body: (creating: Set<string>) => Promise<void>) => {
    const startedAt = deps.now().toISOString();
    await writeRunRecord(dir, environment, { command, status: 'running', startedAt, logFile });
    let status: RunStatus = 'failed';
    const creating = new Set<string>();
    try {
      await body(creating);
      status = 'succeeded';
    } catch (error) {
      // A second Ctrl-C kills Terraform: say so, never "state saved", next time.
      status = error instanceof RunFailure && error.exitCode === EXIT.interrupted ? (options.forceSignal.aborted ? 'killed' : 'interrupted') : 'failed';
      throw error;
    } finally {
      const unfinishedCreates = status === 'interrupted' && creating.size ? { unfinishedCreates: [...creating].sort() } : {};
      await writeRunRecord(dir, environment, { command, status, startedAt, finishedAt: deps.now().toISOString(), logFile, ...unfinishedCreates });
    }
  };

  const applyTask = (id: 'apply' | 'destroy', title: string) =>
    tracked(id, title, async (task) => {
      if (!context.summary!.hasChanges) {
        task.skip('Nothing to apply');
        context.outcome = 'No changes.';
        return;
      }
      const logFile = logFileFor(step, id);
      let changed = 0;
      try {
        await recorded(id, logFile, async (creating) => {
          await applyReviewed(
            id,
            planFile,
            (event) => {
              if (event.type === 'apply_start' && event.action === 'create') creating.add(event.address);
              if (event.type === 'apply_complete' && event.action === 'create') creating.delete(event.address);
              if (event.type === 'apply_complete') changed++;
              if (event.type.startsWith('apply_') || event.type === 'diagnostic') task.output = event.message;
            },
            logFile,
          );
        });
      } catch (error) {
        // A resource Terraform finished changing is live, whatever came after it (an earlier stack's apply too).
        if (changed > 0 || context.applied) context.applied = 'partly';
        throw error;
      }
      context.applied = 'all';
      if (id === 'destroy') destroyed = true;
      const totals = context.summary!.totals;
      const done =
        id === 'destroy' ? `Destroyed ${totals.destroy} resources` : `Applied: ${totals.add} added, ${totals.change} changed, ${totals.replace} replaced, ${totals.destroy} destroyed`;
      // A run of several stacks says what each one did.
      const line = stack.label ? `${done} (${stack.name}).` : `${done}.`;
      context.outcome = context.outcome && stack.label ? `${context.outcome} ${line}` : line;
    });

  /** This stack's destroy deleted what it planned (the revisions' cleanup runs only then). */
  let destroyed = false;

  const revisions = tracked('revisions', 'Deregister the task definition revisions the pipeline registered', async (task) => {
    if (!destroyed) {
      task.skip('Nothing was destroyed');
      return;
    }
    const families = taskDefinitionFamilies(await readFile(join(stackDir, 'cdk.tf.json'), 'utf8'));
    if (families.length === 0) {
      task.skip('No task definition in the stack');
      return;
    }
    const { target } = options.revisionCleanup!;
    task.output = `Listing the revisions of ${families.join(', ')}`;
    let said: string;
    try {
      said = describeCleanup(await cleanTaskDefinitions(await deps.taskDefinitions(target), families, options.signal), families);
    } catch (error) {
      const done = error instanceof CleanupError && error.deregistered.length ? ` (deregistered ${error.deregistered.join(', ')} before it stopped)` : '';
      const left = error instanceof CleanupError ? error.left : undefined;
      const why = error instanceof CleanupError ? error.message : (error as Error).message;
      const message = `${options.signal.aborted ? 'Stopped deregistering' : 'Could not deregister'} the task definition revisions of ${families.join(', ')}${done}: ${why}. The destroy is complete. Finish by hand with: ${manualCleanup(target, families, left)}`;
      // The destroy worked; what the pipeline left is the user's to finish.
      emit({ type: 'warning', message });
      task.skip(message);
      return;
    }
    task.title = `${said}${stack.label}`;
    task.detail = said;
    context.outcome = `${context.outcome} ${said}.`.trim();
  });

  const outputs = tracked('outputs', 'Read the outputs', async (task) => {
    if (!context.summary!.hasChanges && context.outputs) return;
    try {
      context.outputs = await deps.readOutputs({ ...common, logFile: logFileFor(step, 'output') });
      emit({ type: 'outputs', outputs: context.outputs });
    } catch (error) {
      // The apply worked; outputs are a convenience. Say so and carry on.
      task.skip(`Could not read the outputs (${(error as Error).message}); run "ecs-wizard outputs".`);
    }
  });

  const wait = tracked('wait', 'Wait for the service to become stable', async (task) => {
    if (!context.summary!.hasChanges) {
      task.skip('Nothing was applied');
      return;
    }
    if (!options.serviceWait) {
      task.skip('Not waiting for the service (--no-service-wait)');
      return;
    }
    const output = (name: string): string | undefined => {
      const value = context.outputs?.find((entry) => entry.name === name)?.value;
      return typeof value === 'string' ? value : undefined;
    };
    const cluster = output(STACK_OUTPUTS.clusterName);
    const service = output(STACK_OUTPUTS.serviceName);
    if (!cluster || !service) {
      task.skip('No ECS service in the outputs');
      return;
    }
    const { target } = options.serviceWait;
    const timeoutMs = options.serviceWait.timeoutMs ?? SERVICE_WAIT.timeoutMs;
    let outcome;
    try {
      outcome = await waitForService({
        describe: await deps.serviceReader(target),
        cluster,
        service,
        timeoutMs,
        intervalMs: options.serviceWait.intervalMs ?? SERVICE_WAIT.intervalMs,
        now: () => deps.now().getTime(),
        sleep: deps.sleep,
        signal: options.signal,
        onProgress: (line) => (task.output = line),
      });
    } catch (error) {
      if (options.signal.aborted) {
        throw new RunFailure('Stopped waiting for the service. The apply is complete; ECS goes on with the deployment.', EXIT.interrupted);
      }
      // The apply worked; the check could not be made. Say so, and how to make it.
      const message = `Could not check the service (${(error as Error).message}). Check it with: aws ecs wait services-stable --region ${target.region} --cluster ${cluster} --services ${service}`;
      emit({ type: 'warning', message });
      task.skip(message);
      return;
    }
    switch (outcome.kind) {
      case 'stable':
        task.title = `Service stable: ${outcome.message}`;
        context.outcome = `${context.outcome} Service stable: ${outcome.message}.`;
        return;
      case 'idle': {
        // Before the first image the task definition names the placeholder tag.
        const noImage = outcome.images.length === 0 || outcome.images.some((image) => image.endsWith(`:${NO_IMAGE_TAG}`));
        const next = noImage ? firstImageSteps(output) : 'Its desired count is 0: raise the autoscaling minimum (service.minCount) to run tasks.';
        task.title = `Service: ${outcome.message}`;
        context.outcome = `${context.outcome} The service runs no task yet. ${next}`;
        return;
      }
      case 'missing':
        emit({ type: 'warning', message: outcome.message });
        task.skip(outcome.message);
        return;
      case 'failed':
      case 'timeout': {
        const events = outcome.events.length ? `\nLatest service events:\n${outcome.events.map((line) => `  ${line}`).join('\n')}` : '';
        throw new RunFailure(
          outcome.kind === 'failed'
            ? `The apply is complete, but the deployment failed: ${sentence(outcome.message)}${events}`
            : `The apply is complete, but the service is ${sentence(outcome.message)} ECS goes on deploying.${events}`,
          EXIT.failure,
          {
            next:
              outcome.kind === 'failed'
                ? `Read the web container's log group (/ecs/${service}) for why the tasks stopped, fix the app and push again.`
                : `Watch it with: aws ecs wait services-stable --region ${target.region} --cluster ${cluster} --services ${service}`,
          },
        );
      }
    }
  });

  const checks = tracked('checks', 'Check what blocks the destroy', async (task) => {
    const shared = context.summary!.changes.filter((change) => change.action === 'delete' && stack.protectedTypes?.has(change.type));
    if (shared.length > 0) {
      throw new RunFailure(
        `This destroy would delete what the copies share (${shared.map((change) => change.address).join(', ')}): nothing was destroyed.`,
        EXIT.blocked,
        { next: `The state of ${environment} holds resources of the shared layer; restore it from .ecs-wizard/backups and report this.` },
      );
    }
    const found = checkDestroy(context.summary!);
    for (const line of [...found.blockers, ...found.notes]) emit({ type: 'warning', message: line });
    task.title = `${found.blockers.length ? `Check what blocks the destroy: ${found.blockers.length} handled after you confirm` : 'Check what blocks the destroy: nothing'}${stack.label}`;
    destroyChecks = found;
  });
  let destroyChecks: ReturnType<typeof checkDestroy> | undefined;

  const confirm = tracked('confirm', 'Confirm the destroy', async (task, raw) => {
    if (!context.summary!.hasChanges) {
      task.skip('Nothing to destroy');
      return;
    }
    const risks = guardPlan(context.summary!, options.allowReplace);
    emit({ type: 'guard', result: risks });
    await decide(
      { kind: 'confirm-destroy', environment, summary: context.summary!, blockers: destroyChecks?.blockers ?? [] },
      raw,
      risks.ok ? EXIT.usage : EXIT.blocked,
    );
  });

  const prepare = tracked('prepare', 'Prepare the database for deletion', async (task) => {
    const database = destroyChecks?.database;
    const loadBalancer = destroyChecks?.loadBalancer;
    if ((!database && !loadBalancer) || !context.summary!.hasChanges) {
      task.skip('No database to prepare');
      return;
    }
    const before = new Set(context.summary!.changes.filter((c) => c.action === 'delete').map((c) => c.address));
    const targets: string[] = [];
    const vars: string[] = [];
    const steps: string[] = [];
    if (database) {
      const snapshot = uniqueSnapshotName(database.finalSnapshot ?? `${environment}-database`, deps.now());
      targets.push(`-target=${database.address}`);
      vars.push(`-var=${DESTROY_VARIABLES.deletionProtection}=false`, `-var=${DESTROY_VARIABLES.finalSnapshotIdentifier}=${snapshot}`);
      steps.push(`Turning deletion protection off and naming the final snapshot ${snapshot}`);
    }
    if (loadBalancer) {
      // As for the database: deletion protection is off only once the destroy is confirmed.
      targets.push(`-target=${loadBalancer.address}`);
      vars.push(`-var=${DESTROY_VARIABLES.loadBalancerDeletionProtection}=false`);
      steps.push(`Turning the load balancer's deletion protection off`);
      task.title = database ? 'Prepare the database and the load balancer for deletion' : 'Prepare the load balancer for deletion';
    }
    const prepareFile = join(dir, '.ecs-wizard', 'plans', `${environment}-prepare.tfplan`);
    task.output = steps.join('; ');
    await planToFile('prepare-plan', ['plan', ...targets, ...vars, `-out=${prepareFile}`], prepareFile);
    await applyReviewed('prepare', prepareFile);
    // The state changed: plan the destroy again, and make sure it still
    // deletes exactly what the user confirmed. The state is as this run's
    // destroy plan read it moments ago, with what was prepared just written:
    // no need to read every resource again (unless the user asked for a
    // -refresh of their own).
    const refresh = options.terraformArgs.some((arg) => /^-refresh(=|$)/.test(arg)) ? [] : ['-refresh=false'];
    const replan = await planToFile('destroy-plan', ['plan', '-destroy', ...refresh, ...vars, `-out=${planFile}`, ...options.terraformArgs], planFile);
    const replanned = await readReviewedPlan(true);
    await sealReview(planFile, replan.logFile);
    const after = new Set(replanned.changes.filter((c) => c.action === 'delete').map((c) => c.address));
    const same = before.size === after.size && [...before].every((address) => after.has(address));
    if (!same) {
      throw new RunFailure('The destroy plan changed while the database was prepared; nothing was destroyed. Run destroy again to review the new plan.', EXIT.failure);
    }
  });

  const remove = tracked('remove', 'Remove the environment from ecs-wizard.json', async (task) => {
    // Runs only after the destroy (or a plan with nothing left to destroy): a refusal stops the run before.
    const done = await options.removeAfterDestroy!();
    task.title = done;
    context.outcome = `${context.outcome || 'Nothing was left to destroy.'} ${done}`;
  });

  const first = own.synth === false ? [] : [synth];
  const tasks: ListrTask<RunContext>[] =
    command === 'destroy'
      ? [
          ...first,
          init,
          plan(true),
          checks,
          confirm,
          prepare,
          applyTask('destroy', 'terraform destroy'),
          // Before `env remove`, which deletes the stack folder the families are read from.
          ...(options.revisionCleanup ? [revisions] : []),
          ...(options.removeAfterDestroy ? [remove] : []),
        ]
      : command === 'plan'
        ? [...first, init, plan(false), guard]
        : [...first, init, plan(false), guard, approve, applyTask('apply', 'terraform apply'), outputs, wait];
  return { tasks, context };
}

/** The promise's value, or undefined once `signal` aborts (whichever comes first). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function changedPlanFile(file: string, logFile: string | undefined): RunFailure {
  return new RunFailure(
    `The plan file ${file} changed after it was reviewed, so it is not the plan you approved; nothing was applied.`,
    EXIT.failure,
    { ...(logFile ? { logFile } : {}), next: 'Run the command again to review the plan as it is now. Something other than this run wrote to .ecs-wizard/plans/.' },
  );
}

/** What to do after a first apply, when no image exists: exactly, with the links. */
function firstImageSteps(output: (name: string) => string | undefined): string {
  const url = output(STACK_OUTPUTS.connectionStatusUrl);
  const branch = output(STACK_OUTPUTS.pipelineBranch);
  const repository = output(STACK_OUTPUTS.pipelineRepository);
  return [
    'It starts when the pipeline built the first image. Next:',
    `1. authorise the GitHub connection (a new one is PENDING)${url ? `: ${url}` : ''};`,
    `2. push to ${branch ? `branch ${branch}` : 'the branch'}${repository ? ` of ${repository}` : ''} (or "Release change" on the pipeline): it builds the image, migrates, deploys and starts the service.`,
  ].join(' ');
}

/** A reason from AWS as the end of a sentence: one full stop, whether or not AWS wrote one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}

/** A RunFailure as a task line shows it: its first line; the whole failure rides along. */
class TaskLineError extends Error {
  override readonly name = 'TaskLineError';
  constructor(readonly failure: RunFailure) {
    super(failure.message.split('\n')[0]!.replace(/:$/, ''));
  }
}

export function countsLine(summary: PlanSummary): string {
  const t = summary.totals;
  if (!summary.hasChanges) return 'no changes';
  return `${t.add} to add, ${t.change} to change, ${t.replace} to replace, ${t.destroy} to destroy`;
}

export interface EngineResult {
  readonly exitCode: ExitCode;
  readonly context: RunContext;
  readonly failure?: CliError;
}

/**
 * Runs the graph with the given listr2 renderer options and turns the outcome
 * into an exit code (see EXIT). Every run ends with exactly one `done` event;
 * a failure comes before it as a `failure` event, made by reportFailure.
 */
export async function runTasks<Renderer extends ListrRendererValue>(
  build: (hooks: EngineHooks) => EngineRun,
  options: EngineOptions,
  listrOptions: Omit<ListrBaseClassOptions<RunContext, Renderer, Renderer>, 'ctx'>,
): Promise<EngineResult> {
  let lock: ProjectLock;
  try {
    refuseUnsafeArguments(options);
    // One run per project: held from before the synth to after `finish` wrote ecs-wizard.json.
    lock = await acquireProjectLock({
      dir: options.dir,
      command: options.command,
      ...(options.lockTimeoutMs !== undefined ? { timeoutMs: options.lockTimeoutMs } : {}),
      signal: options.signal,
      onWait: (holder) =>
        options.emit({
          type: 'warning',
          message: `Waiting: ${describeHolder(holder)}. This run goes on when it ends (Ctrl-C stops waiting; --no-wait stops at once).`,
        }),
    });
  } catch (error) {
    // Nothing ran, nothing was written (the synth step did not run: `finish` only says so).
    await options.deps.finish?.({ succeeded: false }, options.emit).catch(() => undefined);
    return { exitCode: reportFailure(error, options.emit), context: { outcome: '' }, failure: toCliError(error) };
  }
  try {
    if (lock.tookOverFrom) options.emit({ type: 'warning', message: describeTakeover(lock.tookOverFrom) });
    return await runLocked(build, options, listrOptions, lock);
  } finally {
    lock.release();
  }
}

async function runLocked<Renderer extends ListrRendererValue>(
  build: (hooks: EngineHooks) => EngineRun,
  options: EngineOptions,
  listrOptions: Omit<ListrBaseClassOptions<RunContext, Renderer, Renderer>, 'ctx'>,
  lock: ProjectLock,
): Promise<EngineResult> {
  const { tasks, context } = build({
    onTerraform: (child) =>
      lock.setTerraform(child && { pid: child.pid, ...optionalStartTime(child.pid), command: child.label, logFile: child.logFile }),
  });
  const listr = new Listr<RunContext, Renderer, Renderer>(tasks, {
    ...listrOptions,
    ctx: context,
    exitOnError: true,
    registerSignalListeners: false,
    concurrent: false,
  });
  const finish = (succeeded: boolean, declined = false) =>
    options.deps.finish?.({ succeeded, declined, ...(context.applied ? { applied: context.applied } : {}) }, options.emit) ?? Promise.resolve();
  let failure: CliError | undefined;
  try {
    await listr.run();
  } catch (error) {
    const thrown = error instanceof TaskLineError ? error.failure : error;
    // Terraform's and the plan reader's own errors are failures (exit 1); a bug stays one.
    failure = thrown instanceof RunFailure ? thrown : options.signal.aborted ? new RunFailure(STOPPED_SAFELY, EXIT.interrupted) : toCliError(thrown);
  }
  if (!failure) {
    try {
      await finish(true);
    } catch (error) {
      return { exitCode: reportFailure(error, options.emit), context, failure: toCliError(error) };
    }
    const summary = context.outcome || (context.summary ? `Plan: ${countsLine(context.summary)}.` : 'Done.');
    options.emit({ type: 'done', exitCode: EXIT.ok, summary });
    return { exitCode: EXIT.ok, context };
  }
  try {
    await finish(false, failure.exitCode === EXIT.ok);
  } catch (error) {
    // The run failed already: that failure is the one to report.
    options.emit({ type: 'warning', message: toCliError(error).message });
  }
  if (failure.exitCode === EXIT.ok) {
    // The person said no: nothing failed, nothing was applied.
    options.emit({ type: 'warning', message: failure.message });
    options.emit({ type: 'done', exitCode: EXIT.ok, summary: failure.message });
    return { exitCode: EXIT.ok, context, failure };
  }
  return { exitCode: reportFailure(failure, options.emit), context, failure };
}

/**
 * What is applied is always the plan just reviewed: arguments (after `--`, or
 * in TF_CLI_ARGS*) that could make Terraform write or apply another plan file,
 * or plan against another state, stop the run before anything runs (exit 2).
 */
function refuseUnsafeArguments(options: EngineOptions): void {
  const problems = [...refusedTerraformArgs(options.terraformArgs), ...refusedTerraformEnvironment(options.deps.env ?? process.env)];
  if (problems.length) throw new RunFailure('Refused, nothing was run:', EXIT.usage, { problems });
}

function optionalStartTime(pid: number): { startTime?: string } {
  const startTime = processStartTime(pid);
  return startTime === undefined ? {} : { startTime };
}
