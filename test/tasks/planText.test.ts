import { describe, expect, it } from 'vitest';
import { guardPlan } from '../../src/terraform/guard.js';
import { readPlan, type PlanSummary } from '../../src/terraform/planReader.js';
import { countsLine } from '../../src/tasks/engine.js';
import { guardLines, planLines } from '../../src/tasks/planText.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';

const plan = (name: string): PlanSummary => readPlan(readFixtureJson(name));

describe('planLines', () => {
  it('groups the create plan by component with a header', () => {
    expect(planLines(plan('show-plan-create.json'), 'production')).toEqual([
      'Plan for production: 6 to add, 0 to change, 0 to replace, 0 to destroy',
      '  component       add   change  replace  destroy',
      '  Network         3     0       0        0',
      '  Database        2     0       0        0',
      '  Containers      1     0       0        0',
    ]);
  });

  it('names each replacement with the attribute forcing it, and each deletion with its reason', () => {
    const lines = planLines(plan('show-plan-replace.json'), 'staging');
    expect(lines[0]).toBe('Plan for staging: 0 to add, 1 to change, 1 to replace, 1 to destroy');
    expect(lines).toContain('  ± replace aws_db_instance.db (forced by engine): some changed attributes cannot be updated in place');
    expect(lines).toContain('  - delete aws_ecr_repository.orphan: it was removed from the configuration');
  });

  it('a destroy plan is titled so and does not list every deletion again', () => {
    const lines = planLines(plan('show-plan-destroy.json'), 'production', true);
    expect(lines[0]).toBe('Destroy plan for production: 0 to add, 0 to change, 0 to replace, 7 to destroy');
    expect(lines.some((l) => l.includes('- delete'))).toBe(false);
  });

  it('says so when nothing changes, and still reports drift', () => {
    const base = plan('show-plan-create.json');
    const vpc = base.changes.find((c) => c.address === 'aws_vpc.vpc')!;
    const quiet: PlanSummary = { ...base, hasChanges: false, changes: [], components: [], drift: [{ ...vpc, action: 'update' }] };
    expect(planLines(quiet, 'production')).toEqual([
      'Plan for production: no changes. The environment matches ecs-wizard.json.',
      '  Changed outside Terraform since the last apply (1):',
      '    ~ aws_vpc.vpc (update)',
    ]);
  });

  it('never prints a sensitive value', () => {
    const text = planLines(plan('show-plan-data-create.json'), 'production').join('\n');
    expect(text).not.toContain('hunter2');
  });
});

describe('guardLines and countsLine', () => {
  it('lists what is blocked and what the user allowed', () => {
    const result = guardPlan(plan('show-plan-replace.json'), ['aws_db_instance.db']);
    expect(guardLines(result)).toEqual([
      '  ✖ aws_ecr_repository.orphan will be deleted because it was removed from the configuration. Lost: the image repository and every image in it.',
      '  ✔ allowed by --allow-replace: aws_db_instance.db',
    ]);
  });

  it('counts in one line', () => {
    expect(countsLine(plan('show-plan-replace.json'))).toBe('0 to add, 1 to change, 1 to replace, 1 to destroy');
    expect(countsLine({ ...plan('show-plan-create.json'), hasChanges: false })).toBe('no changes');
  });
});
