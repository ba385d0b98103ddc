/**
 * What a plan does that its counts do not say, for the person approving it:
 * when a database change takes effect, and the risks that are not data loss
 * (the data guard has those). Pure, over the plan reader's changes; it needs
 * the attribute detail of `terraform show -json`, which is why an update of a
 * database always reads the plan document (see planEvents.ts).
 */
import type { ResourceChangeSummary } from './planReader.js';

export interface PlanNotice {
  readonly address: string;
  /** `risk`: say it before approval, in warning colours; `note`: worth knowing. */
  readonly level: 'risk' | 'note';
  readonly message: string;
}

/** Attributes whose change is bookkeeping, not a change of the database. */
const BOOKKEEPING = new Set(['apply_immediately', 'allow_major_version_upgrade', 'tags', 'tags_all', 'final_snapshot_identifier', 'deletion_protection']);
/** Changes that restart the instance (RDS user guide, "Settings for DB instances"). */
const RESTARTS = new Set(['instance_class', 'engine_version', 'storage_type', 'multi_az', 'ca_cert_identifier']);

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/** The major version as RDS counts it: 16 for "16.4", 8.0 for "8.0.39". */
export function majorVersion(engine: string, version: string): string {
  const parts = version.split('.');
  return engine.includes('postgres') ? (parts[0] ?? version) : parts.slice(0, 2).join('.');
}

function databaseNotices(change: ResourceChangeSummary): PlanNotice[] {
  const notices: PlanNotice[] = [];
  const engine = String(field(change.after, 'engine') ?? field(change.before, 'engine') ?? '');
  const beforeVersion = field(change.before, 'engine_version_actual') ?? field(change.before, 'engine_version');
  const afterVersion = field(change.after, 'engine_version');
  if (typeof beforeVersion === 'string' && typeof afterVersion === 'string' && majorVersion(engine, beforeVersion) !== majorVersion(engine, afterVersion)) {
    notices.push({
      address: change.address,
      level: 'risk',
      message:
        `major upgrade of ${engine} from ${beforeVersion} to ${afterVersion}: it cannot be undone and the database is down while RDS upgrades it ` +
        '(minutes to an hour). RDS takes a snapshot first; test the upgrade on a restored snapshot before you approve.',
    });
  }
  const changed = change.changedAttributes.filter((name) => !BOOKKEEPING.has(name));
  if (changed.length === 0) return notices;
  const restarts = changed.filter((name) => RESTARTS.has(name));
  if (field(change.after, 'apply_immediately') === false) {
    notices.push({
      address: change.address,
      level: 'risk',
      message: `${changed.join(', ')} will change in the next maintenance window, not now: the apply finishes, the database keeps its old settings until then (database.applyChanges is "maintenanceWindow").`,
    });
  } else {
    notices.push({
      address: change.address,
      level: restarts.length ? 'risk' : 'note',
      message: restarts.length
        ? `${changed.join(', ')} change now: changing ${restarts.join(', ')} restarts the database (a few minutes without it; about a minute with multi-AZ).`
        : `${changed.join(', ')} change now, without a restart.`,
    });
  }
  return notices;
}

/** Every notice of a plan, in address order. */
export function planNotices(changes: readonly ResourceChangeSummary[]): PlanNotice[] {
  return changes.flatMap((change) => (change.type === 'aws_db_instance' && change.action === 'update' ? databaseNotices(change) : []));
}
