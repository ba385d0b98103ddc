import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmBar } from '../../src/components/run/ConfirmBar.js';
import { PlanReview, planReviewLines } from '../../src/components/run/PlanReview.js';
import { readPlan } from '../../src/terraform/planReader.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';
import { recordedPlan } from './recorded.js';

afterEach(() => cleanup());

describe('PlanReview', () => {
  it('groups a real plan by part of the stack with its counts', () => {
    const { lastFrame } = render(<PlanReview summary={recordedPlan('show-plan-create.json')} environment="production" columns={100} />);
    const frame = lastFrame()!;
    expect(frame).toContain('Plan for production: 6 to add, 0 to change, 0 to replace, 0 to destroy');
    expect(frame).toMatch(/component\s+add\s+change\s+replace\s+destroy/);
    expect(frame).toMatch(/Network\s+3\s+0\s+0\s+0/);
    expect(frame).toMatch(/Database\s+2\s+0\s+0\s+0/);
    expect(frame).toMatch(/Containers\s+1\s+0\s+0\s+0/);
    // Creations are counted, not listed.
    expect(frame).not.toContain('aws_vpc.vpc');
  });

  it('highlights a replacement with its reason and the attribute forcing it, and a deletion with its reason', () => {
    const { lastFrame } = render(<PlanReview summary={recordedPlan('show-plan-replace.json')} environment="production" columns={100} />);
    const frame = lastFrame()!;
    expect(frame).toContain('Plan for production: 0 to add, 1 to change, 1 to replace, 1 to destroy');
    expect(frame).toContain('± replace aws_db_instance.db · Database · holds data\n    some changed attributes cannot be updated in place; forced by engine');
    expect(frame).toContain('- delete aws_ecr_repository.orphan · Containers · holds data\n    it was removed from the configuration');
    // An in-place update is only counted.
    expect(frame).not.toContain('aws_db_subnet_group');
  });

  it('lists only the data a destroy loses, not every deletion', () => {
    const { lastFrame } = render(<PlanReview summary={recordedPlan('show-plan-destroy.json')} environment="production" destroy columns={100} />);
    const frame = lastFrame()!;
    expect(frame).toContain('Destroy plan for production: 7 to destroy');
    expect(frame).toContain('- delete aws_db_instance.db · Database · holds data');
    expect(frame).toContain('- delete aws_ecr_repository.orphan · Containers · holds data');
    expect(frame).not.toContain('aws_vpc.vpc');
  });

  it('shows drift found since the last apply', () => {
    const json = structuredClone(readFixtureJson('show-plan-replace.json')) as { resource_changes: { address: string }[]; resource_drift?: unknown[] };
    const drifted = structuredClone(json.resource_changes.find((change) => change.address === 'aws_db_subnet_group.db_subnets'));
    json.resource_drift = [drifted];
    const { lastFrame } = render(<PlanReview summary={readPlan(json)} environment="production" columns={100} />);
    expect(lastFrame()).toContain('~ Changed outside Terraform since the last apply (1):\n    ~ aws_db_subnet_group.db_subnets (update)');
  });

  it('cuts the list of risks to the rows it is given and says how many are left', () => {
    const summary = recordedPlan('show-plan-replace.json');
    const text = (maxLines: number) => planReviewLines({ summary, environment: 'production', columns: 80, maxLines }).map((line) => line.map((segment) => segment.text).join(''));
    // Headline and counts (4 rows) always; the replacement (2 rows) fits in 7, the deletion does not.
    const seven = text(7);
    expect(seven).toHaveLength(7);
    expect(seven[4]).toContain('± replace aws_db_instance.db');
    expect(seven[6]).toBe('  … and 1 more: the full plan is in the log file');
    expect(text(6).slice(4)).toEqual(['  … and 2 more: the full plan is in the log file']);
    expect(text(8)).toHaveLength(8);
    expect(text(8).at(-1)).toBe('    it was removed from the configuration');
  });
});

describe('ConfirmBar', () => {
  // Its keys (Enter or y, n or Esc, nothing else) are the run view's: test/tasks/runKeys.test.ts.
  it('asks the question with its keys', () => {
    const app = render(<ConfirmBar question="Apply these changes to production?" yes="apply" no="cancel" />);
    expect(app.lastFrame()).toBe('? Apply these changes to production?  Enter/y apply  n/Esc cancel');
  });
});
