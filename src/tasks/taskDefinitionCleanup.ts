/**
 * After a destroy: the task definition revisions of the environment's
 * families that Terraform no longer tracks. The pipeline's ECS deploy (and
 * the Build, for migrations) register a new revision of the same family with
 * each image, and `track_latest` moves the state to the latest: the earlier
 * revisions, and the deploys' own, stay ACTIVE after `terraform destroy`
 * deregistered the one it tracked. This deregisters them, then deletes them
 * where ECS does (DeleteTaskDefinitions); a revision ECS will not delete stays
 * INACTIVE, as AWS shows any deregistered one.
 */
import type { AwsTarget } from '../aws/ecsClient.js';
import type { TaskDefinitionApi } from '../aws/taskDefinitions.js';

/** The `family` of each aws_ecs_task_definition of a synthesized stack (cdk.tf.json), sorted. */
export function taskDefinitionFamilies(stackJson: string): string[] {
  const stack = JSON.parse(stackJson) as { resource?: Record<string, Record<string, { family?: unknown }>> };
  const families = Object.values(stack.resource?.['aws_ecs_task_definition'] ?? {}).flatMap((definition) =>
    // A family computed by Terraform (an expression) cannot be matched: the stack names its families literally.
    typeof definition.family === 'string' && definition.family && !definition.family.includes('${') ? [definition.family] : [],
  );
  return [...new Set(families)].sort();
}

/** `arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION` → FAMILY:REVISION. */
export function revisionOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The family of a revision's ARN (or of `family:revision`). */
export function familyOf(arn: string): string {
  const revision = revisionOf(arn);
  const colon = revision.lastIndexOf(':');
  return colon < 0 ? revision : revision.slice(0, colon);
}

export interface CleanupResult {
  /** FAMILY:REVISION of every revision deregistered, sorted. */
  readonly deregistered: readonly string[];
  /** Those DeleteTaskDefinitions also deleted. */
  readonly deleted: readonly string[];
  /** Why the others stay INACTIVE, when ECS did not delete them all (its answer, or the call's error). */
  readonly notDeleted?: string;
}

/** Thrown when the cleanup stopped part-way: what was done, and which revisions are left ACTIVE (when known). */
export class CleanupError extends Error {
  override readonly name = 'CleanupError';
  constructor(
    readonly reason: unknown,
    readonly deregistered: readonly string[],
    readonly left: readonly string[] | undefined,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** DeleteTaskDefinitions takes at most 10 revisions a call. */
const DELETE_BATCH = 10;

export async function cleanTaskDefinitions(api: TaskDefinitionApi, families: readonly string[], signal: AbortSignal): Promise<CleanupResult> {
  const deregistered: string[] = [];
  const arns: string[] = [];
  let found: string[] | undefined;
  try {
    const listed: string[] = [];
    for (const family of families) {
      // familyPrefix is a prefix: shop-staging-web also lists shop-staging-web-worker. Keep the exact family.
      for (const arn of await api.listActive(family, signal)) if (familyOf(arn) === family) listed.push(arn);
    }
    found = [...new Set(listed)];
    for (const arn of found) {
      await api.deregister(arn, signal);
      deregistered.push(revisionOf(arn));
      arns.push(arn);
    }
  } catch (error) {
    const left = found?.filter((arn) => !deregistered.includes(revisionOf(arn))).map(revisionOf);
    throw new CleanupError(error, sorted(deregistered), left && sorted(left));
  }
  const deleted: string[] = [];
  const refusals: string[] = [];
  for (let start = 0; start < arns.length && !signal.aborted; start += DELETE_BATCH) {
    try {
      const answer = await api.delete(arns.slice(start, start + DELETE_BATCH), signal);
      deleted.push(...answer.deleted.map(revisionOf));
      refusals.push(...answer.failures.map((failure) => `${revisionOf(failure.arn)}: ${failure.reason}`));
    } catch (error) {
      // Deregistered is what the destroy owes; deleting is ECS's bonus (an older partition, a policy without it).
      refusals.push(`DeleteTaskDefinitions: ${(error as Error).message}`);
      break;
    }
  }
  return { deregistered: sorted(deregistered), deleted: sorted(deleted), ...(refusals.length ? { notDeleted: [...new Set(refusals)].join('; ') } : {}) };
}

/** What the run says the cleanup did. */
export function describeCleanup(result: CleanupResult, families: readonly string[]): string {
  const count = result.deregistered.length;
  if (count === 0) return `No task definition revision of ${families.join(', ')} was left active`;
  const what = `${count} task definition revision${count === 1 ? '' : 's'} the pipeline had registered (${result.deregistered.join(', ')})`;
  if (result.deleted.length === count) return `Deregistered and deleted ${what}`;
  if (result.deleted.length === 0) return `Deregistered ${what}; ECS did not delete ${count === 1 ? 'it' : 'them'}, so ${count === 1 ? 'it stays' : 'they stay'} INACTIVE (${result.notDeleted ?? 'no answer'})`;
  return `Deregistered ${what}; deleted ${result.deleted.join(', ')}, the others stay INACTIVE (${result.notDeleted ?? 'no answer'})`;
}

/** The AWS CLI commands that finish the cleanup by hand. */
export function manualCleanup(target: AwsTarget, families: readonly string[], left: readonly string[] | undefined): string {
  const where = [`--region ${target.region}`, ...(target.profile ? [`--profile ${target.profile}`] : []), ...(target.endpoint ? [`--endpoint-url ${target.endpoint}`] : [])].join(' ');
  if (left && left.length) return left.map((revision) => `aws ecs deregister-task-definition ${where} --task-definition ${revision}`).join('; ');
  const list = families.map((family) => `aws ecs list-task-definitions ${where} --family-prefix ${family} --status ACTIVE`).join('; ');
  return `${list}; then for each FAMILY:REVISION of exactly those families: aws ecs deregister-task-definition ${where} --task-definition FAMILY:REVISION`;
}

const sorted = (list: readonly string[]) => [...list].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
