import { describe, expect, it } from 'vitest';
import { readPlan, type PlanSummary, type ResourceChangeSummary } from '../../src/terraform/planReader.js';
import { checkDestroy, uniqueSnapshotName } from '../../src/tasks/destroyChecks.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';

/** The recorded destroy plan with some `before` values changed, as a state with other settings would give. */
function destroyPlanWith(before: Record<string, Record<string, unknown>>): PlanSummary {
  const plan = readPlan(readFixtureJson('show-plan-destroy.json'));
  const changes = plan.changes.map((change): ResourceChangeSummary => {
    const patch = before[change.address];
    return patch ? { ...change, before: { ...(change.before as object), ...patch } } : change;
  });
  return { ...plan, changes };
}

describe('checkDestroy on the recorded destroy plan', () => {
  it('finds the database to prepare and the repository that blocks while it holds images', () => {
    const found = checkDestroy(readPlan(readFixtureJson('show-plan-destroy.json')));
    expect(found.database).toEqual({ address: 'aws_db_instance.db', deletionProtection: false, finalSnapshot: 'demo-db-final' });
    expect(found.blockers).toEqual([
      'aws_ecr_repository.orphan has force_delete off: AWS refuses to delete it while it holds images. Delete the images first.',
    ]);
    expect(found.notes).toEqual([
      'aws_db_instance.db: a final snapshot is taken first, under a new unique name, so an older snapshot of the same name never blocks the destroy.',
    ]);
  });

  it('reports deletion protection as handled after the confirmation', () => {
    const found = checkDestroy(destroyPlanWith({ 'aws_db_instance.db': { deletion_protection: true } }));
    expect(found.database?.deletionProtection).toBe(true);
    expect(found.blockers[0]).toBe('aws_db_instance.db has deletion protection on: it is turned off only after you confirm the destroy.');
  });

  it('force_delete on the repository is a note (images go with it), not a blocker', () => {
    const found = checkDestroy(destroyPlanWith({ 'aws_ecr_repository.orphan': { force_delete: true } }));
    expect(found.blockers).toEqual([]);
    expect(found.notes).toContain('aws_ecr_repository.orphan: every image in it is deleted with it.');
  });

  it('a database without a final snapshot name still gets prepared', () => {
    const found = checkDestroy(destroyPlanWith({ 'aws_db_instance.db': { final_snapshot_identifier: null } }));
    expect(found.database).toEqual({ address: 'aws_db_instance.db', deletionProtection: false, finalSnapshot: undefined });
  });

  it('an S3 bucket without force_destroy blocks; with it, nothing', () => {
    const bucket = (forceDestroy: boolean): PlanSummary => {
      const plan = readPlan(readFixtureJson('show-plan-destroy.json'));
      const vpc = plan.changes.find((c) => c.address === 'aws_vpc.vpc')!;
      const b: ResourceChangeSummary = { ...vpc, address: 'aws_s3_bucket.artifacts', type: 'aws_s3_bucket', name: 'artifacts', before: { force_destroy: forceDestroy } };
      return { ...plan, changes: [b] };
    };
    expect(checkDestroy(bucket(false)).blockers).toEqual([
      'aws_s3_bucket.artifacts has force_destroy off: AWS refuses to delete a bucket that holds objects. Empty it first.',
    ]);
    expect(checkDestroy(bucket(true))).toEqual({ blockers: [], notes: [] });
  });

  it('a load balancer with deletion protection on is turned off after the confirmation, as the database is', () => {
    const plan = readPlan(readFixtureJson('show-plan-destroy.json'));
    const vpc = plan.changes.find((c) => c.address === 'aws_vpc.vpc')!;
    const lb = (protection: boolean): ResourceChangeSummary => ({ ...vpc, address: 'aws_lb.alb', type: 'aws_lb', name: 'alb', before: { enable_deletion_protection: protection } });
    const found = checkDestroy({ ...plan, changes: [lb(true)] });
    expect(found.loadBalancer).toEqual({ address: 'aws_lb.alb' });
    expect(found.blockers).toEqual(['aws_lb.alb has deletion protection on: it is turned off only after you confirm the destroy.']);
    expect(checkDestroy({ ...plan, changes: [lb(false)] })).toEqual({ blockers: [], notes: [] });
  });

  it('looks only at deletions: a create plan has nothing to check', () => {
    expect(checkDestroy(readPlan(readFixtureJson('show-plan-create.json')))).toEqual({ blockers: [], notes: [] });
  });
});

describe('uniqueSnapshotName', () => {
  const now = new Date('2026-11-26T09:30:00.123Z');

  it('appends a timestamp to the base name', () => {
    expect(uniqueSnapshotName('production-database', now)).toBe('production-database-final-20261126t093000');
  });

  it('replaces an earlier "-final..." suffix rather than stacking them', () => {
    expect(uniqueSnapshotName('demo-db-final', now)).toBe('demo-db-final-20261126t093000');
    expect(uniqueSnapshotName('demo-db-final-20250101t000000', now)).toBe('demo-db-final-20261126t093000');
  });

  it('keeps the unique suffix when the base name is too long, cutting the base instead', () => {
    const name = uniqueSnapshotName(`a${'x'.repeat(299)}`, now);
    expect(name.length).toBe(255);
    expect(name.endsWith('-final-20261126t093000')).toBe(true);
  });

  it('differs from one destroy to the next, and is a valid RDS identifier', () => {
    const later = uniqueSnapshotName('demo-db-final', new Date('2026-11-26T09:30:01Z'));
    expect(later).not.toBe(uniqueSnapshotName('demo-db-final', now));
    for (const name of [later, uniqueSnapshotName('x'.repeat(300), now)]) {
      expect(name.length).toBeLessThanOrEqual(255);
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(name).not.toMatch(/--|-$/);
    }
  });
});
