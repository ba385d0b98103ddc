/**
 * An environment adopting blue/green copies: its one state becomes the
 * shared layer's state (network, database, images, pipeline, certificate)
 * and the first copy's (`blue`: the serving layer, under the names it always
 * had). Nothing is created, replaced or re-read from AWS: the objects move
 * from one state to the other as Terraform wrote them (see
 * terraform/stateSplit.ts for why).
 *
 * Order, so an interruption never loses an object: both states are backed
 * up, the copy's state is pushed first, then the shared one without the moved
 * resources. Stopped between the two pushes, both states hold the moved
 * objects; running again sees the copy already holds exactly them and only
 * pushes the shared state ("resume"). Nothing plans against the shared layer
 * in between: the config says the environment has copies only after both
 * pushes.
 */
import { join } from 'node:path';
import type { TerraformBinary } from '../terraform/binary.js';
import type { RunTerraformOptions } from '../terraform/runner.js';
import { backUpState, pullState, pushState } from '../terraform/stateCommands.js';
import { splitState, type StateDocument } from '../terraform/stateSplit.js';

export interface AdoptionDeps {
  readonly pullState: typeof pullState;
  readonly pushState: typeof pushState;
  readonly backUpState: typeof backUpState;
}

export const realAdoptionDeps: AdoptionDeps = { pullState, pushState, backUpState };

export interface AdoptionOptions {
  /** The project folder: backups go to .ecs-wizard/backups, the push file to .ecs-wizard/tmp. */
  readonly dir: string;
  readonly binary: TerraformBinary | string;
  /** The shared layer's stack folder (initialised): its backend holds the environment's state. */
  readonly sharedDir: string;
  /** The copy's stack folder (initialised with its own backend). */
  readonly copyDir: string;
  /** Names used for the backups and logs: `production`, `production.blue`. */
  readonly sharedName: string;
  readonly copyName: string;
  /** Resources and outputs each layer declares, from their synthesized stacks. */
  readonly sharedAddresses: readonly string[];
  readonly sharedOutputs: readonly string[];
  readonly copyAddresses: readonly string[];
  readonly signal?: AbortSignal;
  readonly forceSignal?: AbortSignal;
  readonly logFile: (label: string) => string;
  readonly now: () => Date;
  readonly deps?: AdoptionDeps;
}

export interface AdoptionResult {
  /** What happened: moved now, finished a move that had stopped, or nothing left to move. */
  readonly kind: 'split' | 'resume' | 'done';
  /** Addresses now in the copy's state. */
  readonly moved: readonly string[];
  /** Backups written before anything changed. */
  readonly backups: readonly string[];
}

export async function adoptCopy(options: AdoptionOptions): Promise<AdoptionResult> {
  const deps = options.deps ?? realAdoptionDeps;
  const common = (cwd: string, label: string): Omit<RunTerraformOptions, 'args' | 'onEvent'> => ({
    binary: options.binary,
    cwd,
    logFile: options.logFile(label),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.forceSignal ? { forceSignal: options.forceSignal } : {}),
  });
  const source = await deps.pullState(common(options.sharedDir, 'state-pull'));
  if (!source) return { kind: 'done', moved: [], backups: [] };
  const target = await deps.pullState(common(options.copyDir, 'state-pull'));
  const result = splitState({
    source,
    target,
    movedAddresses: options.copyAddresses,
    keptAddresses: options.sharedAddresses,
    keptOutputs: options.sharedOutputs,
  });
  if (result.kind === 'done') return { kind: 'done', moved: [], backups: [] };

  const backupDir = join(options.dir, '.ecs-wizard', 'backups');
  const scratchDir = join(options.dir, '.ecs-wizard', 'tmp');
  const backups = [await deps.backUpState(source, backupDir, options.sharedName, options.now())];
  if (target) backups.push(await deps.backUpState(target, backupDir, options.copyName, options.now()));
  const push = (cwd: string, label: string, state: StateDocument) => deps.pushState({ ...common(cwd, label), state, scratchDir });
  if (result.kind === 'split') await push(options.copyDir, 'state-push', result.target);
  await push(options.sharedDir, 'state-push', result.source);
  return { kind: result.kind, moved: result.moved, backups };
}
