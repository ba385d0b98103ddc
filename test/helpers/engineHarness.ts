/**
 * The task graph with its collaborators faked, no process started: a fake
 * startTerraform that replays the recorded UI events of each command, a fake
 * `show -json` that serves the recorded plan matching the plan file, and
 * recorded outputs. Tests choose the recordings and watch the calls.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stackDirectory } from '../../src/infra/contract.js';
import type { AwsTarget } from '../../src/aws/ecsClient.js';
import type { ServiceSnapshot } from '../../src/aws/ecsService.js';
import type { TaskDefinitionApi } from '../../src/aws/taskDefinitions.js';
import type { TerraformBinary } from '../../src/terraform/binary.js';
import type { Diagnostic, TerraformEvent } from '../../src/terraform/events.js';
import { parseOutputs } from '../../src/terraform/jsonCommands.js';
import { parseEventLines } from '../../src/terraform/parser.js';
import type { RunTerraformOptions, TerraformProcess, TerraformRunResult } from '../../src/terraform/runner.js';
import type { Decider } from '../../src/tasks/decisions.js';
import type { EngineCommand, EngineDeps, EngineOptions, EngineResult } from '../../src/tasks/engine.js';
import { runEngine } from '../../src/tasks/run.js';
import { createInterruptController, type InterruptController } from '../../src/tasks/interrupts.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import { fixturePath, makeTmpDir, readFixture, readFixtureJson } from './fakeTerraformHarness.js';

export const BINARY: TerraformBinary = {
  path: '/fake/terraform',
  flavor: 'terraform',
  version: '1.11.4',
  platform: 'linux_amd64',
  source: 'env',
  skipped: [],
};

/** A fixed clock: log names and snapshot names are predictable. */
export const NOW = new Date('2026-11-26T09:30:00.000Z');

export interface FakeCall {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly logFile: string;
}

/** How the fake behaves for one command: a recording, or a made-up failure, or waiting for Ctrl-C. */
export type Behaviour =
  /** `exitCode` replaces the one the recording implies; `writesPlan: false` leaves no plan file behind. */
  | { readonly recording: string; readonly exitCode?: number; readonly writesPlan?: boolean }
  | { readonly diagnostics: readonly Diagnostic[] }
  /** Runs until interrupted; a graceful stop ends like Terraform's ("execution halted", exit 1). */
  | { readonly hang: true };

/** A recorded `show -json` by file name, or a document made in the test. */
export type PlanSource = string | { readonly name: string; readonly json: unknown };

export interface FakeScript {
  /** `init` (default: init.jsonl). */
  init?: Behaviour;
  /** `plan` without -destroy (default: plan-create.jsonl). */
  plan?: Behaviour;
  /** `plan -destroy` (default: plan-destroy.jsonl). */
  destroyPlan?: Behaviour;
  /** `apply PLANFILE` (default: apply-success.jsonl, or destroy-success.jsonl for a destroy plan file). */
  apply?: Behaviour;
  /** `show -json` of a plan made without -destroy (default: show-plan-create.json). */
  show?: PlanSource;
  /** `show -json` of a destroy plan; a list is served in order, one per show. */
  destroyShow?: PlanSource | PlanSource[];
  /** `show -json` of a targeted plan. */
  targetedShow?: PlanSource;
  /** `output -json` (default: output.json): a recording's name, or the document itself. */
  outputs?: string | Record<string, { sensitive: boolean; type: unknown; value: unknown }>;
  /** DescribeServices answers for the wait after an apply, served in order (the last one repeats). */
  service?: readonly ServiceSnapshot[];
  /** DescribeServices fails with this (no credentials, no network). */
  describeError?: Error;
  /** The task definition revisions in the fake ECS (ARNs), ACTIVE until deregistered. */
  revisions?: readonly string[];
  /** The fake ECS's task definition calls fail: `list` (no credentials), or `deregister` after this many, or `delete`. */
  revisionFailure?: { readonly list?: Error; readonly deregisterAfter?: number; readonly deregister?: Error; readonly delete?: Error };
  /** `untaint ADDRESS`: whether the resource was tainted (exit 0) or not (exit 1). Default tainted. */
  untaint?: 'tainted' | 'not-tainted';
  /** Changes the synthesized demo stack (its backend, say) before it is written. */
  stack?: (json: Record<string, any>) => Record<string, any>;
  /** What `state pull` answers, one document per call (the last one repeats). */
  pulls?: unknown[];
}

export interface Harness {
  readonly dir: string;
  readonly stackDir: string;
  readonly script: FakeScript;
  readonly calls: FakeCall[];
  readonly shows: string[];
  synthCount: number;
  outputReads: number;
  /** DescribeServices calls of the wait, and the AWS it was pointed at. */
  readonly describes: Array<{ cluster: string; service: string }>;
  readonly serviceTargets: AwsTarget[];
  /** The fake ECS's task definitions: ARN → ACTIVE, INACTIVE or DELETE_IN_PROGRESS; and the calls made, as `call argument`. */
  readonly revisionStatus: Map<string, string>;
  readonly revisionCalls: string[];
  readonly revisionTargets: AwsTarget[];
  readonly deps: EngineDeps;
  /** Runs the engine once, with a fresh interrupt controller; events collected. */
  run(options: {
    command: EngineCommand;
    decider: Decider;
    allowReplace?: readonly string[];
    terraformArgs?: readonly string[];
    /** The wait after an apply; absent as with --no-service-wait. */
    serviceWait?: EngineOptions['serviceWait'];
    /** `env remove`'s last step. */
    removeAfterDestroy?: EngineOptions['removeAfterDestroy'];
    /** The task definition cleanup after a destroy, and its AWS. */
    revisionCleanup?: EngineOptions['revisionCleanup'];
    /** The config the run started with, and the one it holds under the lock. */
    config?: EngineOptions['config'];
    configNow?: EngineOptions['configNow'];
    /** Called with each event as it is emitted, and the run's interrupt controller. */
    onEvent?: (event: RunEvent, interrupts: InterruptController) => void;
    lockTimeoutMs?: number;
    /** Replaces the harness's collaborators for this run (e.g. `env`). */
    deps?: Partial<EngineDeps>;
  }): Promise<EngineResult & { events: RunEvent[] }>;
}

export const yesDecider: Decider = { decide: async () => ({ approved: true }) };

/** Project folder with the demo stack already synthesized for `production`. */
export function makeHarness(script: FakeScript = {}): Harness {
  const dir = makeTmpDir('ecs-wizard-engine-');
  const stackDir = path.join(dir, stackDirectory('production'));
  const planKinds = new Map<string, 'plan' | 'destroy' | 'targeted'>();
  let destroyShows = 0;
  let plansWritten = 0;

  const writeStack = () => {
    mkdirSync(stackDir, { recursive: true });
    const text = readFixture('demo-stack.cdk.tf.json');
    writeFileSync(path.join(stackDir, 'cdk.tf.json'), script.stack ? JSON.stringify(script.stack(JSON.parse(text) as Record<string, any>)) : text);
  };
  let pulls = 0;

  const startTerraform = (options: RunTerraformOptions): TerraformProcess => {
    const args = [...options.args];
    harness.calls.push({ args, cwd: options.cwd, logFile: options.logFile });
    const [command] = args;
    const out = args.find((a) => a.startsWith('-out='))?.slice('-out='.length);
    if (command === 'state') {
      return {
        pid: 4244,
        interrupt: () => undefined,
        escalate: () => undefined,
        result: Promise.resolve({
          args,
          exitCode: 0,
          signal: null,
          interrupted: false,
          escalated: false,
          ok: true,
          changes: undefined,
          logFile: options.logFile,
          diagnostics: [],
          errors: [],
          durationMs: 1,
          logWriteError: undefined,
          handlerError: undefined,
        }),
      };
    }
    if (command === 'untaint') {
      const tainted = (script.untaint ?? 'tainted') === 'tainted';
      const diagnostics: Diagnostic[] = tainted ? [] : [{ severity: 'error', summary: 'Resource instance is not tainted', detail: '' }];
      return {
        pid: 4243,
        interrupt: () => undefined,
        escalate: () => undefined,
        result: Promise.resolve({
          args,
          exitCode: tainted ? 0 : 1,
          signal: null,
          interrupted: false,
          escalated: false,
          ok: tainted,
          changes: undefined,
          logFile: options.logFile,
          diagnostics,
          errors: diagnostics,
          durationMs: 1,
          logWriteError: undefined,
          handlerError: undefined,
        }),
      };
    }
    let behaviour: Behaviour;
    if (command === 'init') behaviour = script.init ?? { recording: 'init.jsonl' };
    else if (command === 'plan' && args.includes('-destroy')) behaviour = script.destroyPlan ?? { recording: 'plan-destroy.jsonl' };
    else if (command === 'plan') behaviour = script.plan ?? { recording: 'plan-create.jsonl' };
    else if (command === 'apply') {
      const destroying = planKinds.get(args[1] ?? '') === 'destroy';
      behaviour = script.apply ?? { recording: destroying ? 'destroy-success.jsonl' : 'apply-success.jsonl' };
    } else throw new Error(`fake startTerraform: unexpected terraform ${args.join(' ')}`);

    const diagnostics: Diagnostic[] = [];
    const emit = (event: TerraformEvent) => {
      if (event.type === 'diagnostic') diagnostics.push(event.diagnostic);
      options.onEvent?.(event);
    };
    let interrupted = false;
    let escalated = false;
    const finish = (exitCode: number | null): TerraformRunResult => {
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const detailed = command === 'plan' && args.includes('-detailed-exitcode');
      const ok = !interrupted && !escalated && (exitCode === 0 || (detailed && exitCode === 2));
      if (ok && command === 'init') writeFileSync(path.join(options.cwd, '.terraform.lock.hcl'), '# fake lock\n');
      if (ok && command === 'plan' && out && !('recording' in behaviour && behaviour.writesPlan === false)) {
        const kind = args.includes('-destroy') ? 'destroy' : args.some((a) => a.startsWith('-target=')) ? 'targeted' : 'plan';
        planKinds.set(out, kind);
        // Like Terraform, a plan file on disk: the engine hashes it at review and before apply.
        writeFileSync(out, JSON.stringify({ fakePlan: kind, planNumber: ++plansWritten }));
      }
      return {
        args,
        exitCode,
        signal: escalated ? 'SIGKILL' : null,
        interrupted,
        escalated,
        ok,
        changes: detailed && ok ? exitCode === 2 : undefined,
        logFile: options.logFile,
        diagnostics,
        errors,
        durationMs: 1,
        logWriteError: undefined,
        handlerError: undefined,
      };
    };

    let result: Promise<TerraformRunResult>;
    if ('recording' in behaviour) {
      const events = parseEventLines(readFixture(behaviour.recording));
      result = Promise.resolve().then(() => {
        for (const event of events) emit(event);
        const failed = diagnostics.some((d) => d.severity === 'error');
        const changes = events.some((e) => e.type === 'change_summary' && e.add + e.change + e.remove > 0);
        if ('exitCode' in behaviour && behaviour.exitCode !== undefined) return finish(behaviour.exitCode);
        return finish(failed ? 1 : command === 'plan' && changes && args.includes('-detailed-exitcode') ? 2 : 0);
      });
    } else if ('diagnostics' in behaviour) {
      const list = behaviour.diagnostics;
      result = Promise.resolve().then(() => {
        for (const diagnostic of list) {
          emit({ type: 'diagnostic', level: 'error', message: `Error: ${diagnostic.summary}`, timestamp: undefined, diagnostic });
        }
        return finish(1);
      });
    } else {
      result = new Promise((resolve) => {
        // The recorded apply's first resource starts, then nothing more until Ctrl-C.
        const first = parseEventLines(readFixture('apply-success.jsonl')).find((e) => e.type === 'apply_start');
        if (!first) throw new Error('apply-success.jsonl has no apply_start');
        queueMicrotask(() => emit(first));
        const onAbort = () => {
          interrupted = true;
          const halted: Diagnostic = { severity: 'error', summary: 'execution halted', detail: '' };
          setTimeout(() => {
            if (escalated) return;
            emit({ type: 'diagnostic', level: 'error', message: 'Error: execution halted', timestamp: undefined, diagnostic: halted });
            resolve(finish(1));
          }, 20);
        };
        const onForce = () => {
          escalated = true;
          resolve(finish(null));
        };
        if (options.signal?.aborted) onAbort();
        else options.signal?.addEventListener('abort', onAbort, { once: true });
        options.forceSignal?.addEventListener('abort', onForce, { once: true });
      });
    }
    return { pid: 4242, interrupt: () => undefined, escalate: () => undefined, result };
  };

  const deps: EngineDeps = {
    synthesize: async () => {
      harness.synthCount++;
      writeStack();
    },
    startTerraform,
    showPlanJson: async ({ planFile }) => {
      const kind = planKinds.get(planFile);
      if (!kind) throw new Error(`fake show: no plan at ${planFile}`);
      let source: PlanSource;
      if (kind === 'destroy') {
        const list = Array.isArray(script.destroyShow) ? script.destroyShow : [script.destroyShow ?? 'show-plan-destroy.json'];
        source = list[Math.min(destroyShows++, list.length - 1)]!;
      } else if (kind === 'targeted') source = script.targetedShow ?? 'show-plan-create.json';
      else source = script.show ?? 'show-plan-create.json';
      harness.shows.push(typeof source === 'string' ? source : source.name);
      return typeof source === 'string' ? readFixtureJson(source) : structuredClone(source.json);
    },
    readOutputs: async () => {
      harness.outputReads++;
      return parseOutputs(typeof script.outputs === 'object' ? structuredClone(script.outputs) : readFixtureJson(script.outputs ?? 'output.json'));
    },
    readState: async () => {
      harness.calls.push({ args: ['state', 'pull'], cwd: stackDir, logFile: '' });
      const list = script.pulls ?? [{}];
      return structuredClone(list[Math.min(pulls++, list.length - 1)]);
    },
    // The clock moves only when the wait sleeps, so a run's snapshot names stay fixed.
    now: () => new Date(clock),
    serviceReader: async (target) => {
      harness.serviceTargets.push(target);
      return async (cluster, service) => {
        harness.describes.push({ cluster, service });
        if (script.describeError) throw script.describeError;
        const answers = script.service ?? [];
        return answers[Math.min(harness.describes.length - 1, answers.length - 1)];
      };
    },
    taskDefinitions: async (target) => {
      harness.revisionTargets.push(target);
      const failure = script.revisionFailure ?? {};
      let deregistered = 0;
      const api: TaskDefinitionApi = {
        listActive: async (familyPrefix) => {
          harness.revisionCalls.push(`list ${familyPrefix}`);
          if (failure.list) throw failure.list;
          // As ECS: a prefix, so shop-web also lists shop-web-worker.
          return [...harness.revisionStatus].filter(([arn, status]) => status === 'ACTIVE' && arn.split('/').pop()!.startsWith(familyPrefix)).map(([arn]) => arn);
        },
        deregister: async (arn) => {
          harness.revisionCalls.push(`deregister ${arn.split('/').pop()}`);
          if (failure.deregister && deregistered >= (failure.deregisterAfter ?? 0)) throw failure.deregister;
          deregistered++;
          harness.revisionStatus.set(arn, 'INACTIVE');
        },
        delete: async (arns) => {
          harness.revisionCalls.push(`delete ${arns.map((arn) => arn.split('/').pop()).join(',')}`);
          if (failure.delete) throw failure.delete;
          for (const arn of arns) harness.revisionStatus.set(arn, 'DELETE_IN_PROGRESS');
          return { deleted: [...arns], failures: [] };
        },
      };
      return api;
    },
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason;
      clock += ms;
    },
    // Not the machine's: a TF_CLI_ARGS_plan in the shell must not change a test.
    env: {},
  };
  let clock = NOW.getTime();

  const harness: Harness = {
    dir,
    stackDir,
    script,
    calls: [],
    shows: [],
    synthCount: 0,
    outputReads: 0,
    describes: [],
    serviceTargets: [],
    revisionStatus: new Map((script.revisions ?? []).map((arn) => [arn, 'ACTIVE'])),
    revisionCalls: [],
    revisionTargets: [],
    deps,
    async run({ command, decider, allowReplace = [], terraformArgs = [], serviceWait, removeAfterDestroy, revisionCleanup, config, configNow, onEvent, lockTimeoutMs, deps: override }) {
      const events: RunEvent[] = [];
      const emit = (event: RunEvent) => {
        events.push(event);
        onEvent?.(event, interrupts);
      };
      const interrupts = createInterruptController(emit);
      const options: EngineOptions = {
        dir,
        environment: 'production',
        command,
        binary: BINARY,
        terraformArgs,
        allowReplace,
        decider,
        emit,
        signal: interrupts.signal,
        forceSignal: interrupts.forceSignal,
        deps: { ...deps, ...override },
        ...(lockTimeoutMs !== undefined ? { lockTimeoutMs } : {}),
        ...(serviceWait ? { serviceWait } : {}),
        ...(removeAfterDestroy ? { removeAfterDestroy } : {}),
        ...(revisionCleanup ? { revisionCleanup } : {}),
        ...(config ? { config } : {}),
        ...(configNow ? { configNow } : {}),
      };
      const result = await runEngine(options, { renderer: 'silent', fallbackRenderer: 'silent' });
      return { ...result, events };
    },
  };
  return harness;
}

/** The task events of a run as `id:state`, in order. */
export function taskTrail(events: readonly RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'task' ? [`${e.id}:${e.state}`] : []));
}

/** Terraform subcommands called, with their arguments, paths made relative to the project. */
export function callTrail(harness: Pick<Harness, 'calls' | 'dir'>): string[] {
  return harness.calls.map((c) => c.args.join(' ').split(harness.dir).join('<dir>'));
}

/** A recorded plan with some resources' actions changed, e.g. everything to `no-op`. */
export function editedPlan(name: string, fixture: string, actions: (address: string) => string[] | undefined): PlanSource {
  const json = JSON.parse(readFileSync(fixturePath(fixture), 'utf8')) as { resource_changes: { address: string; change: { actions: string[] } }[] };
  json.resource_changes = json.resource_changes.flatMap((rc) => {
    const next = actions(rc.address);
    if (next === undefined) return [rc];
    if (next.length === 0) return [];
    return [{ ...rc, change: { ...rc.change, actions: next } }];
  });
  return { name, json };
}

/** The recorded create plan with every resource and output staying as it is. */
export function noChangesPlan(): PlanSource {
  const json = JSON.parse(readFileSync(fixturePath('show-plan-create.json'), 'utf8')) as {
    resource_changes: { change: { actions: string[] } }[];
    output_changes?: Record<string, { actions: string[] }>;
  };
  for (const rc of json.resource_changes) rc.change.actions = ['no-op'];
  for (const oc of Object.values(json.output_changes ?? {})) oc.actions = ['no-op'];
  return { name: 'no-changes', json };
}
