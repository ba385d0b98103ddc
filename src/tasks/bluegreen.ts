/**
 * Blue/green changes of the infrastructure: a second copy of an
 * environment's serving layer beside the live one, traffic moved between
 * them by weighted DNS, the old copy retired. Each step is a sequence of the
 * engine's own tasks (init, plan, guard, approve, apply) over the stacks it
 * touches, so every front-end shows and asks as it does for `apply`.
 *
 * - start: (first time only) adopt: the environment's one state becomes the
 *   shared layer's and the `blue` copy's, nothing replaced; then the next
 *   copy is created from ecs-wizard.json as it is now, with no traffic.
 * - switch [--weight N]: after the next copy answers healthy, the weights of
 *   the two copies' records move, in one plan of the shared layer that holds
 *   them (the records only: `-target`).
 * - rollback: all traffic back to the live copy, in one step.
 * - finish: the copy with no traffic is destroyed (its own state only: the
 *   shared network and data cannot be in that plan), and the survivor is the
 *   live copy.
 *
 * Where the change stands is kept in ecs-wizard.json (`copies`), written
 * after the step that changed it succeeded, so the file, the states and the
 * records agree at every step boundary.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ListrTask } from 'listr2';
import type { Config, CopiesConfig } from '../config/schema.js';
import { otherCopy, type CopyName } from '../config/deployment.js';
import { existsSync } from 'node:fs';
import {
  COPY_VALUE_SOURCES,
  INITIAL_IMAGE_TAG_VARIABLE,
  NO_IMAGE_TAG,
  COPY_VALUES_FILE,
  copyStackName,
  environmentLayout,
  parseCopyVariable,
  recordAddresses,
  SHARED_VALUES_FILE,
  stackDirectory,
  type CopyLayout,
  type EnvironmentLayout,
} from '../infra/contract.js';
import { declaredAddresses, resourceAddress } from '../terraform/stateSplit.js';
import { pullState } from '../terraform/stateCommands.js';
import { adoptCopy } from './adoption.js';
import { buildStackEngine, type EngineOptions, type EngineRun, type RunContext, type StackSpec } from './engine.js';
import { RunFailure } from './failures.js';
import { EXIT, type ExitCode } from '../errors.js';
import { logFileFor } from './terraformStep.js';
import type { TaskId } from './runEvents.js';

export { BLUEGREEN_COMMANDS, isBlueGreenCommand, type BlueGreenCommand } from './bluegreenCommands.js';
import type { BlueGreenCommand } from './bluegreenCommands.js';

/** Resource types of the shared layer: a copy's destroy must never list one. */
export const SHARED_TYPES: ReadonlySet<string> = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_eip',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_default_security_group',
  'aws_db_instance',
  'aws_db_subnet_group',
  'aws_ecr_repository',
  'aws_ecr_lifecycle_policy',
  'aws_acm_certificate',
  'aws_acm_certificate_validation',
  'aws_s3_bucket',
  'aws_codestarconnections_connection',
  'aws_codepipeline',
  'aws_codebuild_project',
]);

interface StackJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, unknown>;
  readonly variable?: Record<string, unknown>;
}

async function readStackJson(dir: string, stack: string): Promise<StackJson> {
  const file = join(dir, stackDirectory(stack), 'cdk.tf.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StackJson;
  } catch (error) {
    throw new RunFailure(`could not read the synthesized stack ${file}: ${(error as Error).message}`, EXIT.failure);
  }
}

/**
 * Writes a copy's `shared.auto.tfvars.json`: each variable its stack declares,
 * from the shared layer's output of the same name. Read from the shared
 * state (`terraform output`), so no data source looks anything up in AWS.
 */
export async function writeSharedValues(options: EngineOptions, sharedStack: string, copyStack: string): Promise<void> {
  const copyDir = join(options.dir, stackDirectory(copyStack));
  const variables = (await readStackJson(options.dir, copyStack)).variable ?? {};
  // A variable with a default is the copy's own (the destroy flow's, the first image tag).
  const declared = Object.keys(variables).filter((name) => (variables[name] as { default?: unknown } | undefined)?.default === undefined);
  const outputs = await options.deps.readOutputs({
    binary: options.binary,
    cwd: join(options.dir, stackDirectory(sharedStack)),
    signal: options.signal,
    forceSignal: options.forceSignal,
    logFile: logFileFor({ dir: options.dir, environment: sharedStack, now: options.deps.now }, 'output'),
    revealSensitive: true,
  });
  const byName = new Map(outputs.map((output) => [output.name, output.value]));
  const missing = declared.filter((name) => !byName.has(name));
  if (missing.length > 0) {
    throw new RunFailure(`the shared layer of ${sharedStack} has no ${missing.join(', ')} yet: its state must be applied first`, EXIT.failure, {
      next: `Run "ecs-wizard apply --env ${sharedStack}" (it applies the shared layer first), then this again.`,
    });
  }
  const values: Record<string, unknown> = Object.fromEntries(declared.map((name) => [name, byName.get(name)]));
  if (INITIAL_IMAGE_TAG_VARIABLE in variables) {
    const tag = await siblingImageTag(options, copyStack);
    if (tag !== undefined) values[INITIAL_IMAGE_TAG_VARIABLE] = tag;
  }
  await writeFile(join(copyDir, SHARED_VALUES_FILE), `${JSON.stringify(values, null, 2)}\n`);
}

/**
 * The image tag the other copy runs, from its state (the parameter the
 * pipeline writes, as its last plan refreshed it): a new copy starts with that
 * release instead of no task until the next push. Undefined when the other
 * copy has no state here, or no image yet.
 */
async function siblingImageTag(options: EngineOptions, copyStack: string): Promise<string | undefined> {
  const match = /^(.+)\.(blue|green)$/.exec(copyStack);
  if (!match) return undefined;
  const sibling = copyStackName(match[1]!, otherCopy(match[2] as CopyName));
  const dir = join(options.dir, stackDirectory(sibling));
  if (!existsSync(join(dir, '.terraform'))) return undefined;
  try {
    const state = await (options.deps.pullState ?? pullState)({
      binary: options.binary,
      cwd: dir,
      signal: options.signal,
      forceSignal: options.forceSignal,
      logFile: logFileFor({ dir: options.dir, environment: sibling, now: options.deps.now }, 'state-pull'),
    });
    const parameter = state?.resources.find((candidate) => resourceAddress(candidate) === IMAGE_TAG_ADDRESS);
    const value = parameter?.instances[0]?.attributes?.['insecure_value'];
    return typeof value === 'string' && value !== '' && value !== NO_IMAGE_TAG ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The parameter a copy's task definitions take their image tag from (containers.ts). */
const IMAGE_TAG_ADDRESS = 'aws_ssm_parameter.image_tag';

/**
 * Writes the shared layer's `copies.auto.tfvars.json`: for each variable
 * `copy_<copy>_<value>` it declares, that value of the copy's load balancer
 * (see COPY_VALUE_SOURCES), read from the copy's state.
 */
export async function writeCopyValues(options: EngineOptions, layout: Extract<EnvironmentLayout, { kind: 'split' }>, strict = true): Promise<void> {
  const declared = Object.keys((await readStackJson(options.dir, layout.shared)).variable ?? {}).flatMap((name) => {
    const parsed = parseCopyVariable(name);
    return parsed ? [{ name, ...parsed }] : [];
  });
  const values: Record<string, unknown> = {};
  for (const copy of new Set(declared.map((entry) => entry.copy))) {
    const stack = copyStackName(options.environment, copy);
    const state = await (options.deps.pullState ?? pullState)({
      binary: options.binary,
      cwd: join(options.dir, stackDirectory(stack)),
      signal: options.signal,
      forceSignal: options.forceSignal,
      logFile: logFileFor({ dir: options.dir, environment: stack, now: options.deps.now }, 'state-pull'),
    });
    for (const entry of declared.filter((candidate) => candidate.copy === copy)) {
      const source = (COPY_VALUE_SOURCES as Readonly<Record<string, { address: string; attribute: string }>>)[entry.output];
      const resource = state?.resources.find((candidate) => resourceAddress(candidate) === source?.address);
      const value = source ? resource?.instances[0]?.attributes?.[source.attribute] : undefined;
      if (value === undefined || value === null || value === '') {
        // A destroy plans from the state alone: the records go whatever they point at.
        if (!strict) {
          values[entry.name] = '';
          continue;
        }
        throw new RunFailure(`copy ${copy} of ${options.environment} has no ${source?.address ?? entry.output} in its state yet`, EXIT.failure, {
          next: `Run "ecs-wizard bluegreen start --env ${options.environment}" again to finish creating it.`,
        });
      }
      values[entry.name] = value;
    }
  }
  await writeFile(join(options.dir, stackDirectory(layout.shared), COPY_VALUES_FILE), `${JSON.stringify(values, null, 2)}\n`);
}

/** The config with the environment's copies replaced (undefined removes them). */
export function withCopies(config: Config, environment: string, copies: CopiesConfig | undefined): Config {
  const env = config.environments[environment]!;
  const { copies: _, ...rest } = env;
  return { ...config, environments: { ...config.environments, [environment]: copies ? { ...rest, copies } : rest } };
}

type Layout = Extract<EnvironmentLayout, { kind: 'split' }>;

/** Copies of an environment's serving layer, the shared layer around them. */
export function buildSplitEngine(options: EngineOptions, layout: Extract<EnvironmentLayout, { kind: 'split' }>): EngineRun {
  const context: RunContext = { outcome: '' };
  const shared = sharedSpec(options, layout);
  const copy = (entry: CopyLayout) => copySpec(options, layout, entry);
  if (options.command === 'destroy') {
    // Every copy first: the shared layer (network, database) goes last, with its own checks.
    // `env remove` drops the environment from the file once, after the last of them.
    const { removeAfterDestroy: _, ...keepTheEnvironment } = options;
    const parts = [...layout.copies].reverse().map((entry, index) =>
      buildStackEngine(keepTheEnvironment, copy(entry), { context, synth: index === 0 }).tasks,
    );
    // Planned after the copies are gone: their records go whatever they pointed at.
    const lastly: StackSpec = { ...shared, prepare: () => writeCopyValues(options, layout, false) };
    return { tasks: [...parts.flat(), ...buildStackEngine(options, lastly, { context, synth: false }).tasks], context };
  }
  const [synth, ...sharedTasks] = buildStackEngine(options, shared, { context }).tasks;
  return {
    tasks: [
      synth!,
      // The shared layer reads its copies' load balancers from their states: those folders are initialised first.
      ...layout.copies.filter((entry) => entry.routed).flatMap((entry) => initOnly(options, copy(entry), context)),
      ...sharedTasks,
      ...buildStackEngine(options, copy(layout.active), { context, synth: false }).tasks,
    ],
    context,
  };
}

/** The shared layer: it reads its copies' load balancers (for the records) before each plan. */
export function sharedSpec(options: EngineOptions, layout: Extract<EnvironmentLayout, { kind: 'split' }>, targets?: readonly string[]): StackSpec {
  return {
    name: layout.shared,
    label: ' · shared',
    ...(targets ? { targets } : {}),
    prepare: () => writeCopyValues(options, layout),
  };
}

/** One copy: it reads the shared layer's network, database and images before each plan. */
export function copySpec(options: EngineOptions, layout: Extract<EnvironmentLayout, { kind: 'split' }>, entry: CopyLayout): StackSpec {
  return { name: entry.stack, label: ` · ${entry.copy}`, prepare: () => writeSharedValues(options, layout.shared, entry.stack) };
}


export function buildBlueGreen(options: EngineOptions): EngineRun {
  const context: RunContext = { outcome: '' };
  const { environment, deps } = options;
  const config = options.config;
  const tasks: ListrTask<RunContext>[] = [];

  /** A task of this sequence, reported like the engine's own. */
  const task = (id: TaskId, title: string, body: (update: (line: string) => void) => Promise<void>): ListrTask<RunContext> => ({
    title,
    task: async (_ctx, listrTask) => {
      const started = Date.now();
      options.emit({ type: 'task', id, title, state: 'running' });
      try {
        await body((line) => {
          listrTask.output = line;
        });
        options.emit({ type: 'task', id, title, state: 'done', elapsedMs: Date.now() - started });
      } catch (error) {
        options.emit({ type: 'task', id, title, state: 'failed', elapsedMs: Date.now() - started, detail: (error as Error).message });
        throw error;
      }
    },
  });
  const stacks = (spec: StackSpec, command: 'plan' | 'apply' | 'destroy') => buildStackEngine(options, spec, { context, synth: false, command }).tasks;
  const synth = (label: string, next: Config) => task('synth', `Synthesize ${label}`, () => deps.synthesize(next));
  const save = (label: string, next: Config) =>
    task('save', `Record in ecs-wizard.json: ${label}`, async () => {
      if (!deps.saveConfig) throw new RunFailure('this front-end cannot save ecs-wizard.json', EXIT.failure);
      await deps.saveConfig(next);
    });
  const fail = (message: string, exitCode: ExitCode = EXIT.usage, next?: string) =>
    task('checks', `Check ${environment}`, async () => {
      throw new RunFailure(message, exitCode, next ? { next } : {});
    });

  const env = config?.environments[environment];
  if (!config || !env) return { tasks: [fail(`no environment "${environment}" in ecs-wizard.json`)], context };
  if (!env.domain) {
    return {
      tasks: [
        fail(
          `${environment} has no domain: a blue/green change of the infrastructure moves traffic by DNS between two load balancers, so it needs one`,
          2,
          `Add it first: ecs-wizard apply --env ${environment} --set environments.${environment}.domain.name=shop.example.com --set environments.${environment}.domain.hostedZoneId=Z…`,
        ),
      ],
      context,
    };
  }
  const copies = env.copies;
  const command = options.command as BlueGreenCommand;
  const layoutOf = (next: CopiesConfig) => environmentLayout(environment, next) as Layout;
  const copyOf = (layout: Layout, copy: CopyName) => layout.copies.find((entry) => entry.copy === copy)!;
  /** The weighted records of both copies, and nothing else of the shared layer. */
  const moveTraffic = (layout: Layout) =>
    stacks(sharedSpec(options, layout, layout.copies.flatMap((entry) => recordAddresses(entry.copy))), 'apply');

  if (command === 'bluegreen start') {
    if (copies?.next && (copies.nextWeight ?? 0) > 0) {
      return {
        tasks: [fail(`${environment} is already half-way through a change (${copies.next} has ${copies.nextWeight}% of the traffic)`, EXIT.usage, 'Run "ecs-wizard bluegreen switch", "rollback" or "finish".')],
        context,
      };
    }
    let current = config;
    if (!copies) {
      // Adopt: the environment's state splits into the shared layer's and blue's.
      const adopted: CopiesConfig = { live: 'blue' };
      current = withCopies(config, environment, adopted);
      const layout = layoutOf(adopted);
      const blue = copyOf(layout, 'blue');
      tasks.push(
        synth(`${environment} as a shared layer and copy blue`, current),
        ...initOnly(options, { name: layout.shared, label: ' · shared' }, context),
        ...initOnly(options, { name: blue.stack, label: ` · ${blue.copy}` }, context),
        task('adopt', `Move ${environment}'s serving layer into copy blue's state`, async (update) => {
          const [shared, copy] = await Promise.all([readStackJson(options.dir, layout.shared), readStackJson(options.dir, blue.stack)]);
          const result = await adoptCopy({
            dir: options.dir,
            binary: options.binary,
            sharedDir: join(options.dir, stackDirectory(layout.shared)),
            copyDir: join(options.dir, stackDirectory(blue.stack)),
            sharedName: layout.shared,
            copyName: blue.stack,
            sharedAddresses: declaredAddresses(shared),
            sharedOutputs: Object.keys(shared.output ?? {}),
            copyAddresses: declaredAddresses(copy),
            signal: options.signal,
            forceSignal: options.forceSignal,
            logFile: (label) => logFileFor({ dir: options.dir, environment: blue.stack, now: deps.now }, label),
            now: deps.now,
            ...(deps.adoption ? { deps: deps.adoption } : {}),
          });
          if (result.moved.length === 0) {
            options.emit({ type: 'warning', message: `${environment}'s state holds none of the serving layer: nothing was moved.` });
          } else {
            update(`${result.moved.length} resources moved untouched; backup: ${result.backups.join(', ')}`);
            options.emit({
              type: 'warning',
              message: `Adopted: ${result.moved.length} resources moved into ${blue.stack}'s state, nothing replaced. The state before is kept in ${result.backups[0]}.`,
            });
          }
        }),
        save('copy blue serves all traffic', current),
      );
    }
    const live = (copies?.live ?? 'blue') as CopyName;
    const nextCopy = copies?.next ?? otherCopy(live);
    // First the copy itself (no records: it has no load balancer yet), then its records at weight 0.
    const coming: CopiesConfig = { live, next: nextCopy };
    const routed: CopiesConfig = { live, next: nextCopy, nextWeight: 0 };
    const comingLayout = layoutOf(coming);
    tasks.push(
      synth(`${environment} with copy ${nextCopy} beside ${live}`, withCopies(current, environment, coming)),
      save(`copy ${nextCopy} is being created beside ${live}`, withCopies(current, environment, coming)),
      ...stacks(sharedSpec(options, comingLayout), 'apply'),
      ...stacks(copySpec(options, comingLayout, copyOf(comingLayout, nextCopy)), 'apply'),
      synth(`${environment} with records for ${nextCopy}`, withCopies(current, environment, routed)),
      ...stacks(sharedSpec(options, layoutOf(routed)), 'apply'),
      save(`copy ${nextCopy} is up beside ${live}, with no traffic`, withCopies(current, environment, routed)),
      task('outputs', `Copy ${nextCopy} is up`, async () => {
        context.outcome = `${nextCopy} is up beside ${live} with no traffic. Test it on its own load balancer (ecs-wizard outputs --env ${environment}), then: ecs-wizard bluegreen switch --env ${environment} --weight 10`;
      }),
    );
    return { tasks, context };
  }

  if (!copies?.next) {
    return {
      tasks: [fail(`${environment} has no blue/green change under way${copies ? ` (${copies.live} is the only copy)` : ''}`, EXIT.usage, `Start one with "ecs-wizard bluegreen start --env ${environment}".`)],
      context,
    };
  }
  const weight = copies.nextWeight ?? 0;
  const layout = layoutOf(copies);
  const liveEntry = copyOf(layout, copies.live);
  const nextEntry = copyOf(layout, copies.next);

  if (command === 'bluegreen switch' || command === 'bluegreen rollback') {
    if (copies.nextWeight === undefined) {
      return { tasks: [fail(`copy ${copies.next} is not up yet: "ecs-wizard bluegreen start" did not finish`, 2, `Run "ecs-wizard bluegreen start --env ${environment}" again.`)], context };
    }
    const target = command === 'bluegreen rollback' ? 0 : (options.weight ?? 100);
    if (!Number.isInteger(target) || target < 0 || target > 100) {
      return { tasks: [fail(`--weight is a whole percent from 1 to 100, not ${String(options.weight)}`, EXIT.usage, 'e.g. --weight 10')], context };
    }
    if (command === 'bluegreen switch' && target === 0) {
      return { tasks: [fail('--weight 0 moves everything back: that is "ecs-wizard bluegreen rollback"', EXIT.usage)], context };
    }
    const moved: CopiesConfig = { ...copies, nextWeight: target };
    const next = withCopies(config, environment, moved);
    tasks.push(synth(`${environment}: ${copies.next} at ${target}%`, next));
    if (command === 'bluegreen switch') {
      tasks.push(
        ...initOnly(options, copySpec(options, layout, nextEntry), context),
        task('probe', `Check that ${copies.next} answers healthy`, async (update) => {
          await probeCopy(options, nextEntry, env.domain!.name, config.app.healthCheckPath, update);
        }),
      );
    }
    tasks.push(
      ...moveTraffic(layoutOf(moved)),
      save(`${copies.next} has ${target}% of the traffic`, next),
      task('outputs', 'Traffic moved', async () => {
        context.outcome =
          target === 0
            ? `Rolled back: ${copies.live} serves all traffic again; ${copies.next} has none. Retire it with: ecs-wizard bluegreen finish --env ${environment}`
            : target === 100
              ? `${copies.next} serves all traffic; ${copies.live} has none and takes it back with "ecs-wizard bluegreen rollback". When satisfied: ecs-wizard bluegreen finish --env ${environment}`
              : `${copies.next} has ${target}% of the traffic, ${copies.live} ${100 - target}%. Next: ecs-wizard bluegreen switch --env ${environment} (all of it), or rollback.`;
      }),
    );
    return { tasks, context };
  }

  // finish
  if (weight !== 0 && weight !== 100) {
    return {
      tasks: [fail(`${copies.next} still shares the traffic with ${copies.live} (${weight}%/${100 - weight}%): only a copy with no traffic can be retired`, EXIT.usage, 'Run "ecs-wizard bluegreen switch" (all to the new copy) or "rollback" (all back) first.')],
      context,
    };
  }
  const retired = weight === 100 ? liveEntry : nextEntry;
  const survivor = weight === 100 ? nextEntry : liveEntry;
  const finished: CopiesConfig = { live: survivor.copy };
  const next = withCopies(config, environment, finished);
  const retiredSpec: StackSpec = { ...copySpec(options, layout, retired), protectedTypes: SHARED_TYPES };
  tasks.push(
    // Both copies first, so the retired one's stack exists even in a fresh clone...
    synth(`${environment} with both copies`, config),
    // ...then the shared layer without it: its records go (they had no traffic) and the pipeline stops deploying to it.
    synth(`${environment} with copy ${survivor.copy} alone`, next),
    ...stacks(sharedSpec(options, layoutOf(finished)), 'apply'),
    ...stacks(retiredSpec, 'destroy'),
    save(`copy ${survivor.copy} is the only one`, next),
    task('outputs', `Copy ${retired.copy} retired`, async () => {
      context.outcome =
        retired.role === 'live'
          ? `${retired.copy} is retired; ${survivor.copy} serves all traffic and follows ecs-wizard.json from now on.`
          : `The change is abandoned: ${retired.copy} is destroyed and ${survivor.copy} keeps serving all traffic.`;
    }),
  );
  return { tasks, context };
}

/** Only a stack's init: a stack read from (its state, its outputs), not planned. */
export function initOnly(options: EngineOptions, spec: StackSpec, context: RunContext): ListrTask<RunContext>[] {
  const { prepare: _, ...bare } = spec;
  const { tasks } = buildStackEngine(options, { ...bare, label: `${spec.label}, to read its state` }, { context, synth: false, command: 'plan' });
  return tasks.slice(0, 1);
}

/** The next copy's own load balancer, asked for the health check path under the domain's name. */
async function probeCopy(options: EngineOptions, entry: CopyLayout, domain: string, path: string, update: (line: string) => void): Promise<void> {
  const probe = options.deps.probeHealth;
  if (!probe) throw new RunFailure('no health probe available in this front-end', EXIT.failure);
  const outputs = await options.deps.readOutputs({
    binary: options.binary,
    cwd: join(options.dir, stackDirectory(entry.stack)),
    signal: options.signal,
    forceSignal: options.forceSignal,
    logFile: logFileFor({ dir: options.dir, environment: entry.stack, now: options.deps.now }, 'output'),
  });
  const host = outputs.find((output) => output.name === 'alb_dns_name')?.value;
  if (typeof host !== 'string' || host === '') {
    throw new RunFailure(`${entry.stack} has no load balancer in its state: "ecs-wizard bluegreen start" did not finish`, EXIT.failure, {
      next: 'Run "ecs-wizard bluegreen start" again to finish creating it.',
    });
  }
  update(`https://${domain}${path} through ${host}`);
  let tries = 0;
  const result = await probe({
    host,
    domain,
    path,
    signal: options.signal,
    onAttempt: (attempt) => {
      tries += 1;
      update(`try ${tries}: ${attempt.status !== undefined ? `HTTP ${attempt.status}` : attempt.error}`);
    },
  });
  if (!result.healthy) {
    throw new RunFailure(
      `${entry.copy} does not answer healthy (last answer: ${result.last}, after ${result.attempts} tries): traffic was not moved`,
      EXIT.failure,
      { next: `Look at ${entry.stack}'s tasks and logs (its service and /ecs log groups), fix, then run the switch again.` },
    );
  }
}

export { copyStackName };
