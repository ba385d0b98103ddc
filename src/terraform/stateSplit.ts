/**
 * Moving resources from one Terraform state to another without touching
 * them: the adoption of blue/green copies, where an environment's single
 * state becomes the shared layer's state plus the first copy's.
 *
 * Why edit the state documents instead of `terraform state mv` or
 * `removed` + `import` blocks: `state mv -state-out` works on local files
 * only, and an import re-reads each object from AWS, which loses what AWS
 * does not return (provider-private data, write-only arguments, attributes a
 * resource never reads back) and so can plan updates or replacements. A
 * pulled state moved as it is keeps every attribute byte for byte, and
 * `terraform state pull` / `state push` go through the configured backend,
 * so the same path serves local files and S3 (with its lock).
 *
 * Pure: state documents in, state documents out.
 */
import { randomUUID } from 'node:crypto';

/** The parts of a version 4 state this module reads; everything else is carried as it is. */
export interface StateDocument {
  readonly version: number;
  readonly terraform_version?: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs?: Record<string, unknown>;
  readonly resources: readonly StateResource[];
  readonly check_results?: unknown;
  readonly [key: string]: unknown;
}

export interface StateResource {
  readonly module?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly provider?: string;
  readonly instances: readonly StateInstance[];
  readonly [key: string]: unknown;
}

export interface StateInstance {
  readonly attributes?: Record<string, unknown>;
  readonly dependencies?: readonly string[];
  readonly [key: string]: unknown;
}

export class StateSplitError extends Error {
  override readonly name = 'StateSplitError';
}

/** `aws_lb.alb`, `module.x.aws_lb.alb`, `data.aws_x.y`: the address of a resource (without instance keys). */
export function resourceAddress(resource: Pick<StateResource, 'module' | 'mode' | 'type' | 'name'>): string {
  const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
  return resource.module ? `${resource.module}.${local}` : local;
}

/** Reads `terraform state pull`'s output: undefined for a backend with no state yet. */
export function parseState(text: string): StateDocument | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateSplitError(`the state is not JSON: ${(error as Error).message}`);
  }
  const state = parsed as Partial<StateDocument>;
  if (state === null || typeof state !== 'object' || state.version !== 4 || !Array.isArray(state.resources) || typeof state.lineage !== 'string') {
    throw new StateSplitError('the state is not a Terraform state of format version 4');
  }
  return state as StateDocument;
}

export function stateAddresses(state: StateDocument | undefined): string[] {
  return (state?.resources ?? []).map(resourceAddress).sort();
}

/** Resources of a state that hold at least one object (an empty entry is a leftover). */
function liveResources(state: StateDocument | undefined): StateResource[] {
  return (state?.resources ?? []).filter((resource) => resource.instances.length > 0);
}

/** The objects' IDs by address, to recognise the same resources in two states. */
function identities(resources: readonly StateResource[]): Map<string, string> {
  return new Map(
    resources.map((resource) => [
      resourceAddress(resource),
      resource.instances.map((instance) => String(instance.attributes?.['id'] ?? instance.attributes?.['arn'] ?? '')).join(','),
    ]),
  );
}

/** Keeps only dependencies the state itself holds, so no entry names a resource of another state. */
function withDependencies(resource: StateResource, present: ReadonlySet<string>): StateResource {
  return {
    ...resource,
    instances: resource.instances.map((instance) =>
      instance.dependencies ? { ...instance, dependencies: instance.dependencies.filter((address) => present.has(address)) } : instance,
    ),
  };
}

export interface SplitRequest {
  /** The environment's state as pulled: everything in one. */
  readonly source: StateDocument;
  /** The target backend's state as pulled (undefined when it has none yet). */
  readonly target: StateDocument | undefined;
  /** Addresses the target layer declares (its synthesized resources): these move. */
  readonly movedAddresses: readonly string[];
  /** Addresses the source layer still declares: everything that does not move must be one of them. */
  readonly keptAddresses: readonly string[];
  /** Outputs the source layer still declares; the others leave its state. */
  readonly keptOutputs: readonly string[];
  /** A lineage for a target state that does not exist yet (tests pin it). */
  readonly newLineage?: string;
}

export type SplitResult =
  /** Push `target` first, then `source`. */
  | { readonly kind: 'split'; readonly source: StateDocument; readonly target: StateDocument; readonly moved: readonly string[] }
  /** A split already pushed the target and stopped: only `source` is left to push. */
  | { readonly kind: 'resume'; readonly source: StateDocument; readonly moved: readonly string[] }
  /** Nothing to move: the source holds none of the target's resources. */
  | { readonly kind: 'done' };

/**
 * Splits `source` in two. Refuses (StateSplitError) rather than lose
 * anything: a resource that neither layer declares would be planned for
 * deletion, and a target that already holds other resources is not ours.
 */
export function splitState(request: SplitRequest): SplitResult {
  const { source, target } = request;
  const moving = new Set(request.movedAddresses);
  const keeping = new Set(request.keptAddresses);
  const sourceResources = liveResources(source);
  const moved = sourceResources.filter((resource) => moving.has(resourceAddress(resource)));
  const kept = sourceResources.filter((resource) => !moving.has(resourceAddress(resource)));
  const orphans = kept.map(resourceAddress).filter((address) => !keeping.has(address));
  if (orphans.length > 0) {
    throw new StateSplitError(
      `these resources of the state belong to neither the shared layer nor the copy, so a plan would delete them: ${orphans.join(', ')}`,
    );
  }
  const targetResources = liveResources(target);
  if (moved.length === 0) {
    return { kind: 'done' };
  }
  const movedAddresses = moved.map(resourceAddress).sort();
  const keptSet = new Set(kept.map(resourceAddress));
  const movedSet = new Set(movedAddresses);
  const nextSource: StateDocument = {
    ...source,
    serial: source.serial + 1,
    resources: kept.map((resource) => withDependencies(resource, keptSet)),
    outputs: Object.fromEntries(Object.entries(source.outputs ?? {}).filter(([name]) => request.keptOutputs.includes(name))),
  };
  if (targetResources.length > 0) {
    // Pushed before, then stopped: the same objects, and nothing else, are already there.
    const already = identities(targetResources);
    const expected = identities(moved);
    const same = already.size === expected.size && [...expected].every(([address, id]) => already.get(address) === id);
    if (!same) {
      throw new StateSplitError(
        `the copy's state already holds other resources (${[...already.keys()].join(', ')}); it is not a state this environment can move into`,
      );
    }
    return { kind: 'resume', source: nextSource, moved: movedAddresses };
  }
  const nextTarget: StateDocument = {
    version: 4,
    ...(source.terraform_version !== undefined ? { terraform_version: source.terraform_version } : {}),
    // An existing (empty) state keeps its lineage: Terraform refuses to push over an unrelated one.
    serial: target ? target.serial + 1 : 1,
    lineage: target?.lineage ?? request.newLineage ?? randomUUID(),
    outputs: {},
    resources: moved.map((resource) => withDependencies(resource, movedSet)),
    check_results: null,
  };
  return { kind: 'split', source: nextSource, target: nextTarget, moved: movedAddresses };
}

/** Resource addresses a synthesized `cdk.tf.json` declares (managed resources only). */
export function declaredAddresses(stackJson: { readonly resource?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(stackJson.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}
