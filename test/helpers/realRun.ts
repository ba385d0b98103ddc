/**
 * The built CLI against REAL Terraform and the emulator: a project whose
 * environments point their `endpoint` at an emulator, runs of
 * `node bin/ecs-wizard.js ...` with the provider mirror, and readers of what a
 * run left (its `--json` events, the state).
 *
 *   const kit = await realKit();                 // terraform + mirror, or why not
 *   const project = await emulatorProject({ endpoint, environments: { staging: 'starter' } });
 *   const run = await wizard(['apply', '--yes', '--env', 'staging'], { cwd: project, kit });
 *   run.events                                   // every --json event, parsed
 */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { findTerraform } from '../../src/terraform/binary.js';
import { STATEFUL_RESOURCE_TYPES } from '../../src/terraform/guard.js';
import { findProviderMirror, writeMirrorCliConfig } from '../../src/terraform/mirror.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import { cleanEnv, ensureBuilt, startCli, type CliResult, type RunningCli } from './cli.js';
import { makeTmpDir } from './fakeTerraformHarness.js';

export interface RealKit {
  /** The environment for the CLI: machine's PATH, the mirror's CLI config, nothing of ours leaking in. */
  readonly env: NodeJS.ProcessEnv;
  readonly root: string;
}

/** Terraform on PATH and the provider mirror, with dist/ built; or the reason they are missing. */
export async function realKit(): Promise<{ ok: true; kit: RealKit } | { ok: false; reason: string }> {
  try {
    await findTerraform({ env: cleanEnv() });
  } catch (error) {
    return { ok: false, reason: `no usable terraform on PATH (${(error as Error).message.split('.')[0] ?? ''})` };
  }
  const mirror = findProviderMirror();
  if (!mirror) return { ok: false, reason: 'no hashicorp/aws provider mirror for this platform (set ECS_WIZARD_TF_MIRROR or provide /opt/tf-plugins)' };
  await ensureBuilt();
  const root = makeTmpDir('ecs-wizard-emulator-');
  const { TF_CLI_CONFIG_FILE } = await writeMirrorCliConfig(path.join(root, 'mirror.tfrc'), mirror);
  return { ok: true, kit: { root, env: cleanEnv({ TF_CLI_CONFIG_FILE, ECS_WIZARD_TF_MIRROR: mirror.path }) } };
}

/** A `plan` event as `--json` prints it (README: counts and changes, never values). */
export interface JsonPlanEvent {
  readonly type: 'plan';
  readonly environment: string;
  readonly destroy: boolean;
  readonly hasChanges: boolean;
  readonly totals: Readonly<Record<'add' | 'change' | 'replace' | 'destroy', number>>;
  readonly changes: readonly { address: string; action: string; component: string; reason: string | null; replacePaths: readonly string[] }[];
  readonly drift: readonly { address: string; action: string }[];
}

/** A `--json` event: the plan as printed, the rest as the run emits them. */
export type JsonEvent = JsonPlanEvent | Exclude<RunEvent, { type: 'plan' }>;

export interface WizardRun extends CliResult {
  /** The `--json` events on stdout, in order (a run without --json has none). */
  readonly events: JsonEvent[];
}

/** Reads the JSON lines a `--json` run printed. */
export function jsonEvents(stdout: string): JsonEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as JsonEvent);
}

/** Starts the built CLI in `cwd` with the kit's environment; `group` makes it lead its own process group (for a Ctrl-C). */
export function startWizard(args: readonly string[], options: { cwd: string; kit: RealKit; group?: boolean; timeoutMs?: number }): RunningCli {
  return startCli(args, { cwd: options.cwd, env: options.kit.env, group: options.group ?? false, timeoutMs: options.timeoutMs ?? 900_000 });
}

/** Runs the built CLI to its end. */
export async function wizard(args: readonly string[], options: { cwd: string; kit: RealKit; timeoutMs?: number }): Promise<WizardRun> {
  const result = await startWizard(args, options).result;
  return { ...result, events: jsonEvents(result.stdout) };
}

/** A run's failure, readable in a test's message. */
export function describeWizardRun(args: readonly string[], run: CliResult): string {
  return `ecs-wizard ${args.join(' ')} exited ${run.exitCode} (signal ${run.signal}) after ${(run.durationMs / 1000).toFixed(0)} s\n--- stderr (tail)\n${run.stderr.slice(-6000)}`;
}

export type PresetName = 'starter' | 'production';

/**
 * A new project folder `<parent>/shop` holding the given environments, each
 * made from its preset in eu-west-1 and sent to `endpoint`; `extraSets` go to
 * every synth. The first environment creates the project; each further one is
 * added with `--env NAME --preset ...`, as a user would.
 */
export async function emulatorProject(options: {
  kit: RealKit;
  endpoint: string;
  environments: Readonly<Record<string, PresetName>>;
  parent?: string;
  extraSets?: readonly string[];
}): Promise<string> {
  const parent = options.parent ?? makeTmpDir('ecs-wizard-emulator-project-');
  const dir = path.join(parent, 'shop');
  mkdirSync(dir, { recursive: true });
  for (const [environment, preset] of Object.entries(options.environments)) {
    const args = [
      'synth',
      '--env',
      environment,
      '--preset',
      preset,
      '--set',
      `environments.${environment}.region=eu-west-1`,
      '--set',
      `environments.${environment}.pipeline.owner=acme`,
      '--set',
      `environments.${environment}.pipeline.repo=shop`,
      '--set',
      `environments.${environment}.endpoint=${options.endpoint}`,
      ...(options.extraSets ?? []),
    ];
    const run = await wizard(args, { cwd: dir, kit: options.kit, timeoutMs: 120_000 });
    if (run.exitCode !== 0) throw new Error(describeWizardRun(args, run));
  }
  return dir;
}

/** The parts of a Terraform state the tests read. */
export interface TerraformState {
  readonly lineage: string;
  readonly serial: number;
  readonly resources: readonly { mode: string; type: string; name: string; instances: readonly { attributes?: Record<string, unknown>; index_key?: unknown }[] }[];
}

/** The local state file of an environment, or undefined when there is none. */
export function localState(project: string, environment: string): TerraformState | undefined {
  const file = path.join(project, '.ecs-wizard', 'state', `${environment}.tfstate`);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  return text.trim() ? (JSON.parse(text) as TerraformState) : undefined;
}

/** Managed resource addresses in a state. */
export function stateAddresses(state: TerraformState | undefined): string[] {
  if (!state) return [];
  return state.resources
    .filter((r) => r.mode === 'managed')
    .flatMap((r) => r.instances.map((i) => (i.index_key === undefined ? `${r.type}.${r.name}` : `${r.type}.${r.name}[${JSON.stringify(i.index_key)}]`)))
    .sort();
}

/** The attributes of one managed resource in a state. */
export function stateAttributes(state: TerraformState | undefined, address: string): Record<string, unknown> | undefined {
  const [type, name] = address.split('.');
  return state?.resources.find((r) => r.mode === 'managed' && r.type === type && r.name === name)?.instances[0]?.attributes;
}

/**
 * `--allow-replace ADDRESS` for each resource of the state that holds data:
 * what `destroy --yes` must name.
 */
export function allowDataLoss(addresses: readonly string[]): string[] {
  return addresses.filter((address) => STATEFUL_RESOURCE_TYPES.has(address.split('.')[0]!)).flatMap((address) => ['--allow-replace', address]);
}

/** The last `plan` event of a run's `--json` events (the reviewed plan). */
export function planOf(run: Pick<WizardRun, 'events' | 'stderr'>): JsonPlanEvent {
  const plans = run.events.filter((e): e is JsonPlanEvent => e.type === 'plan');
  const last = plans[plans.length - 1];
  if (!last) throw new Error(`the run printed no plan event:\n${run.stderr.slice(-3000)}`);
  return last;
}

/** `address: action` for every change of a plan, sorted: reads well in a failed assertion. */
export function changeList(plan: JsonPlanEvent): string[] {
  return plan.changes.map((change) => `${change.address}: ${change.action}`).sort();
}
