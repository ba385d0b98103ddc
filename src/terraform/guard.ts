/**
 * The data guard: a plan that deletes or replaces a resource holding data
 * (the database, image repositories, buckets, secrets, hosted zones, log
 * groups...) is blocked until that exact resource is allowed, by address.
 * Nothing else unblocks it: not `--yes`, not a pattern, not a type.
 *
 * Pure functions over the plan reader's summary.
 */
import type { Component } from './components.js';
import type { PlanSummary, ResourceChangeSummary } from './planReader.js';

/** Resource types whose deletion loses data, and what is lost, in words. */
export const STATEFUL_RESOURCE_TYPES: ReadonlyMap<string, string> = new Map([
  ['aws_db_instance', 'the database and all its data (unless a final snapshot is taken)'],
  ['aws_rds_cluster', 'the Aurora cluster and all its data (unless a final snapshot is taken)'],
  ['aws_docdb_cluster', 'the DocumentDB cluster and all its data'],
  ['aws_neptune_cluster', 'the Neptune cluster and all its data'],
  ['aws_dynamodb_table', 'the DynamoDB table and every item in it'],
  ['aws_elasticache_replication_group', 'the cache cluster and its data'],
  ['aws_opensearch_domain', 'the OpenSearch domain and its indices'],
  ['aws_elasticsearch_domain', 'the Elasticsearch domain and its indices'],
  ['aws_efs_file_system', 'the EFS file system and every file on it'],
  ['aws_ebs_volume', 'the EBS volume and its contents'],
  ['aws_s3_bucket', 'the S3 bucket and every object in it (pipeline artifacts included)'],
  ['aws_ecr_repository', 'the image repository and every image in it'],
  ['aws_secretsmanager_secret', 'the secret and its value (the database password among them)'],
  ['aws_secretsmanager_secret_version', 'this version of the secret value'],
  ['aws_kms_key', 'the KMS key; whatever it encrypted becomes unreadable after the waiting period'],
  ['aws_route53_zone', 'the hosted zone and every DNS record in it (and its name servers change if it is recreated)'],
  ['aws_cloudwatch_log_group', 'the log group and all logs in it'],
  ['aws_backup_vault', 'the backup vault and its recovery points'],
]);

/**
 * Resource types whose replacement interrupts traffic when the old one goes
 * first, and what the users see then. Created first (create_before_destroy),
 * the replacement is said but not blocked.
 */
export const SERVING_RESOURCE_TYPES: ReadonlyMap<string, string> = new Map([
  ['aws_ecs_service', 'the app does not answer until the new service\'s tasks are healthy'],
  ['aws_lb', 'the app does not answer until the new load balancer is up and its DNS name has spread'],
  ['aws_lb_listener', 'the port does not answer until the new listener exists'],
]);

/**
 * Replacements of serving resources in these changes: delete-first ones
 * (downtime) as findings the guard blocks like data loss, create-first ones
 * as sentences saying why traffic keeps flowing.
 */
export function findTrafficRisks(changes: readonly Change[]): { findings: GuardFinding[]; notices: string[] } {
  const findings: GuardFinding[] = [];
  const notices: string[] = [];
  for (const change of changes) {
    if (change.mode !== 'managed' || change.action !== 'replace') continue;
    const lost = SERVING_RESOURCE_TYPES.get(change.type);
    if (lost === undefined) continue;
    if (change.replaceOrder === 'create-first') {
      notices.push(`${change.address} will be replaced, the new one created first: traffic keeps being served while it moves over.`);
    } else {
      findings.push({
        address: change.address,
        type: change.type,
        component: change.component,
        action: 'replace',
        reason: `${change.address} will be replaced, the old one destroyed first: ${lost}.`,
        replacePaths: change.replacePaths,
      });
    }
  }
  return { findings, notices };
}

export function isStatefulType(type: string): boolean {
  return STATEFUL_RESOURCE_TYPES.has(type);
}

export interface GuardFinding {
  readonly address: string;
  readonly type: string;
  readonly component: Component;
  readonly action: 'delete' | 'replace';
  /** One sentence: what happens, why, and what is lost. */
  readonly reason: string;
  /** Attributes forcing the replacement, when that is the cause. */
  readonly replacePaths: readonly string[];
}

export interface GuardResult {
  /** Deletions/replacements of data still blocked. Empty means the plan may proceed. */
  readonly blocked: readonly GuardFinding[];
  /** Those the allow-list cleared, to show what the user accepted. */
  readonly allowed: readonly GuardFinding[];
  /** Allow-list entries that matched nothing at risk (a typo, or a stale flag), to warn about. */
  readonly unusedAllowances: readonly string[];
  readonly ok: boolean;
  /** Replacements that keep serving traffic (created before the old one goes), in words. */
  readonly traffic?: readonly string[];
}

type Change = Pick<
  ResourceChangeSummary,
  'address' | 'type' | 'mode' | 'action' | 'component' | 'reasonText' | 'replacePaths' | 'replaceOrder' | 'deposed'
>;

/** Every delete or replacement of a stateful resource in these changes, in address order. */
export function findDataRisks(changes: readonly Change[]): GuardFinding[] {
  const findings: GuardFinding[] = [];
  for (const change of changes) {
    if (change.mode !== 'managed') continue;
    if (change.action !== 'delete' && change.action !== 'replace') continue;
    const lost = STATEFUL_RESOURCE_TYPES.get(change.type);
    if (lost === undefined) continue;
    findings.push({
      address: change.address,
      type: change.type,
      component: change.component,
      action: change.action,
      reason: explain(change, lost),
      replacePaths: change.replacePaths,
    });
  }
  return findings.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

function explain(change: Change, lost: string): string {
  const why = change.reasonText ? ` because ${change.reasonText}` : '';
  if (change.action === 'replace') {
    const forcing =
      change.replacePaths.length > 0
        ? ` (changing ${change.replacePaths.join(', ')} forces it)`
        : '';
    const order =
      change.replaceOrder === 'create-first' ? 'creates a new one, then destroys the old one' : 'destroys it and creates a new, empty one';
    return `${change.address} will be replaced${why}${forcing}: Terraform ${order}. Lost: ${lost}.`;
  }
  const deposed = change.deposed ? ` (deposed object ${change.deposed})` : '';
  return `${change.address}${deposed} will be deleted${why}. Lost: ${lost}.`;
}

/**
 * Checks findings against an allow-list of exact addresses (`--allow-replace
 * ADDRESS`, or names typed at the confirm prompt). Matching is exact after
 * trimming: `aws_db_instance.db` does not allow `module.x.aws_db_instance.db`
 * nor `aws_db_instance.db[0]`.
 */
export function applyAllowList(findings: readonly GuardFinding[], allow: readonly string[] = []): GuardResult {
  const allowSet = new Set(allow.map((a) => a.trim()).filter((a) => a !== ''));
  const blocked = findings.filter((f) => !allowSet.has(f.address));
  const allowed = findings.filter((f) => allowSet.has(f.address));
  const atRisk = new Set(findings.map((f) => f.address));
  const unusedAllowances = [...allowSet].filter((a) => !atRisk.has(a)).sort();
  return { blocked, allowed, unusedAllowances, ok: blocked.length === 0 };
}

/** findDataRisks and the downtime of findTrafficRisks, with applyAllowList, over a whole plan summary. */
export function guardPlan(plan: Pick<PlanSummary, 'changes'>, allow: readonly string[] = []): GuardResult {
  const traffic = findTrafficRisks(plan.changes);
  const findings = [...findDataRisks(plan.changes), ...traffic.findings].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const result = applyAllowList(findings, allow);
  return traffic.notices.length ? { ...result, traffic: traffic.notices } : result;
}
