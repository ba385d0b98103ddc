import { describe, expect, it } from 'vitest';
import { guardPlan } from '../../src/terraform/guard.js';
import { readPlan, type PlanSummary } from '../../src/terraform/planReader.js';
import { confirmationWord, type Decision, type DecisionRequest } from '../../src/tasks/decisions.js';
import { headlessDecider } from '../../src/headless/decider.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';

const plan = (name: string): PlanSummary => readPlan(readFixtureJson(name));
const decide = (flags: { yes: boolean; allowReplace?: string[] }, request: DecisionRequest): Promise<Decision> =>
  headlessDecider({ yes: flags.yes, allowReplace: flags.allowReplace ?? [] }).decide(request);
const rejected = (decision: Decision): { reason: string; exitCode?: number } => {
  if (decision.approved) throw new Error('expected a rejection');
  return decision;
};

describe('headless decider: approve the plan', () => {
  const request: DecisionRequest = { kind: 'approve-plan', environment: 'production', summary: plan('show-plan-create.json') };

  it('approves with --yes', async () => {
    expect(await decide({ yes: true }, request)).toEqual({ approved: true });
  });

  it('without --yes fails with exit 2, naming --yes', async () => {
    const no = rejected(await decide({ yes: false }, request));
    expect(no.exitCode).toBe(2);
    expect(no.reason).toContain('--yes');
  });
});

describe('headless decider: data loss', () => {
  const finding = guardPlan(plan('show-plan-replace.json')).blocked[0]!;
  const request: DecisionRequest = { kind: 'allow-data-loss', environment: 'production', finding };

  it('is never approved by --yes: exit 3 and the exact --allow-replace flag', async () => {
    const no = rejected(await decide({ yes: true }, request));
    expect(no.exitCode).toBe(3);
    // The reason itself was shown with the guard's findings; the answer says what to do.
    expect(no.reason).toBe('Blocked by the data guard: aws_db_instance.db would lose data. To accept it, run again with --allow-replace aws_db_instance.db');
  });

  it('names every address still blocked, so one run tells CI every flag it needs', async () => {
    const blocked = guardPlan(plan('show-plan-replace.json')).blocked;
    const no = rejected(await decide({ yes: true }, { ...request, blocked }));
    expect(no.exitCode).toBe(3);
    expect(no.reason).toBe(
      'Blocked by the data guard: aws_db_instance.db, aws_ecr_repository.orphan would lose data. ' +
        'To accept them, run again with --allow-replace aws_db_instance.db --allow-replace aws_ecr_repository.orphan',
    );
  });

  it('the word a person would type is the address', () => {
    expect(confirmationWord(request)).toBe('aws_db_instance.db');
  });
});

describe('headless decider: confirm the destroy', () => {
  const summary = plan('show-plan-destroy.json');
  const request: DecisionRequest = { kind: 'confirm-destroy', environment: 'production', summary, blockers: [] };
  const allowAll = ['aws_db_instance.db', 'aws_ecr_repository.orphan'];

  it('without anything: names --yes and every stateful address, exit 3', async () => {
    const no = rejected(await decide({ yes: false }, request));
    expect(no.exitCode).toBe(3);
    expect(no.reason).toBe(
      'Destroying production deletes 7 resources, data included (aws_db_instance.db, aws_ecr_repository.orphan). ' +
        'To confirm without a terminal, run again with: --yes --allow-replace aws_db_instance.db --allow-replace aws_ecr_repository.orphan',
    );
  });

  it('--yes alone never destroys data: exit 3 naming the missing addresses only', async () => {
    const no = rejected(await decide({ yes: true, allowReplace: ['aws_db_instance.db'] }, request));
    expect(no.exitCode).toBe(3);
    expect(no.reason).toMatch(/run again with: --allow-replace aws_ecr_repository\.orphan$/);
  });

  it('every address allowed but no --yes: exit 2 naming --yes', async () => {
    const no = rejected(await decide({ yes: false, allowReplace: allowAll }, request));
    expect(no.exitCode).toBe(2);
    expect(no.reason).toMatch(/run again with: --yes$/);
  });

  it('--yes and every stateful address: confirmed', async () => {
    expect(await decide({ yes: true, allowReplace: allowAll }, request)).toEqual({ approved: true });
  });

  it('a destroy with no data at stake needs only --yes', async () => {
    const stateless: PlanSummary = { ...summary, changes: summary.changes.filter((c) => !allowAll.includes(c.address)) };
    expect(await decide({ yes: true }, { ...request, summary: stateless })).toEqual({ approved: true });
    expect(rejected(await decide({ yes: false }, { ...request, summary: stateless })).exitCode).toBe(2);
  });

  it('the word a person would type is the environment', () => {
    expect(confirmationWord(request)).toBe('production');
  });
});
