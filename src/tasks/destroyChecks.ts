/**
 * What stands in the way of destroying an environment, read from the destroy
 * plan (its `before` values are the current state). Pure.
 */
import type { PlanSummary } from '../terraform/planReader.js';

export interface DestroyChecks {
  /** Things that would make the destroy fail, and how ecs-wizard handles each. */
  readonly blockers: string[];
  /** Things worth knowing before saying yes. */
  readonly notes: string[];
  /** The database to prepare (protection off, unique final snapshot), if any. */
  readonly database?: { readonly address: string; readonly deletionProtection: boolean; readonly finalSnapshot: string | undefined };
  /** A load balancer with deletion protection on, to turn off before the destroy. */
  readonly loadBalancer?: { readonly address: string };
}

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

export function checkDestroy(summary: PlanSummary): DestroyChecks {
  const blockers: string[] = [];
  const notes: string[] = [];
  let database: DestroyChecks['database'];
  let loadBalancer: DestroyChecks['loadBalancer'];
  for (const change of summary.changes) {
    if (change.action !== 'delete') continue;
    if (change.type === 'aws_lb' && field(change.before, 'enable_deletion_protection') === true) {
      loadBalancer = { address: change.address };
      blockers.push(`${change.address} has deletion protection on: it is turned off only after you confirm the destroy.`);
    }
    if (change.type === 'aws_db_instance') {
      const protection = field(change.before, 'deletion_protection') === true;
      const snapshot = field(change.before, 'final_snapshot_identifier');
      database = {
        address: change.address,
        deletionProtection: protection,
        finalSnapshot: typeof snapshot === 'string' ? snapshot : undefined,
      };
      if (protection) {
        blockers.push(`${change.address} has deletion protection on: it is turned off only after you confirm the destroy.`);
      }
      notes.push(
        `${change.address}: a final snapshot is taken first, under a new unique name, so an older snapshot of the same name never blocks the destroy.`,
      );
    }
    if (change.type === 'aws_ecr_repository') {
      if (field(change.before, 'force_delete') === true) notes.push(`${change.address}: every image in it is deleted with it.`);
      else blockers.push(`${change.address} has force_delete off: AWS refuses to delete it while it holds images. Delete the images first.`);
    }
    if (change.type === 'aws_s3_bucket' && field(change.before, 'force_destroy') !== true) {
      blockers.push(`${change.address} has force_destroy off: AWS refuses to delete a bucket that holds objects. Empty it first.`);
    }
  }
  return { blockers, notes, ...(database ? { database } : {}), ...(loadBalancer ? { loadBalancer } : {}) };
}

/** A snapshot name no earlier destroy can have used: "<id>-final-20261126t093000". */
export function uniqueSnapshotName(base: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').toLowerCase();
  const suffix = `-final-${stamp}`;
  // RDS: letters, digits and hyphens, at most 255, no double hyphen. Cut the
  // base, never the stamp: the stamp is what makes the name unique.
  const stem = base.replace(/-final.*$/, '').slice(0, 255 - suffix.length).replace(/-+$/, '');
  return `${stem}${suffix}`;
}
