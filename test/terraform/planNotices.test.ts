import { describe, expect, it } from 'vitest';
import { majorVersion, planNotices } from '../../src/terraform/planNotices.js';
import { readPlan } from '../../src/terraform/planReader.js';
import { planLines } from '../../src/tasks/planText.js';

/** A show -json document updating the database from `before` to `after`. */
function databaseUpdate(before: Record<string, unknown>, after: Record<string, unknown>) {
  const base = { engine: 'postgres', engine_version: '15', engine_version_actual: '15.8', instance_class: 'db.t4g.micro', apply_immediately: true, multi_az: false };
  return readPlan({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'aws_db_instance.database',
        mode: 'managed',
        type: 'aws_db_instance',
        name: 'database',
        change: { actions: ['update'], before: { ...base, ...before }, after: { ...base, ...after }, after_unknown: {} },
      },
    ],
  });
}

describe('plan notices', () => {
  it('a class change applied now says the database restarts now', () => {
    const summary = databaseUpdate({}, { instance_class: 'db.t4g.small' });
    expect(summary.notices).toEqual([
      {
        address: 'aws_db_instance.database',
        level: 'risk',
        message: 'instance_class change now: changing instance_class restarts the database (a few minutes without it; about a minute with multi-AZ).',
      },
    ]);
  });

  it('in the maintenance window: the summary says the change waits, so "Applied" is not misread', () => {
    const summary = databaseUpdate({ apply_immediately: false }, { instance_class: 'db.t4g.small', apply_immediately: false });
    expect(summary.notices[0]!.message).toMatch(/^instance_class will change in the next maintenance window, not now/);
    expect(planLines(summary, 'production').join('\n')).toContain('⚠ risk: aws_db_instance.database: instance_class will change in the next maintenance window');
  });

  it('a change that needs no restart is a note', () => {
    expect(databaseUpdate({}, { backup_retention_period: 14 }).notices).toEqual([
      { address: 'aws_db_instance.database', level: 'note', message: 'backup_retention_period change now, without a restart.' },
    ]);
  });

  it('a major engine version change is a risk, shown before approval', () => {
    const summary = databaseUpdate({}, { engine_version: '16' });
    expect(summary.notices[0]).toMatchObject({ level: 'risk', message: expect.stringMatching(/^major upgrade of postgres from 15\.8 to 16: it cannot be undone/) });
    // A minor version in the same major is not.
    expect(databaseUpdate({ engine_version: '16', engine_version_actual: '16.3' }, { engine_version: '16', engine_version_actual: '16.3' }).notices).toEqual([]);
    expect(majorVersion('mysql', '8.0.39')).toBe('8.0');
    expect(majorVersion('mysql', '8.4')).toBe('8.4');
    expect(majorVersion('postgres', '16.4')).toBe('16');
  });

  it('bookkeeping attributes (tags, the destroy variables) say nothing', () => {
    expect(databaseUpdate({}, { tags: { a: 'b' }, deletion_protection: false }).notices).toEqual([]);
  });

  it('only database updates have notices', () => {
    expect(planNotices([])).toEqual([]);
  });
});
