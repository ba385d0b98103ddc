// The prompt only shows what the run state holds; the keys that change it
// are tested in test/tasks/runKeys.test.ts and, through Ink, in RunApp.test.tsx.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { GuardPrompt, guardPromptLines, type GuardRequest } from '../../src/components/run/GuardPrompt.js';
import { guardPlan } from '../../src/terraform/guard.js';
import { recordedPlan } from './recorded.js';

afterEach(() => cleanup());

const frame = (request: GuardRequest, typed = '', mismatch?: string, focused = true) =>
  render(<GuardPrompt request={request} columns={100} typed={typed} {...(mismatch !== undefined ? { mismatch } : {})} focused={focused} />).lastFrame()!;

const dataLoss = (): GuardRequest => {
  const summary = recordedPlan('show-plan-replace.json');
  const finding = guardPlan(summary).blocked.find((f) => f.address === 'aws_db_instance.db')!;
  return { kind: 'allow-data-loss', environment: 'production', finding };
};

const destroy = (): GuardRequest => ({
  kind: 'confirm-destroy',
  environment: 'production',
  summary: recordedPlan('show-plan-destroy.json'),
  blockers: ['The database has deletion protection on: ecs-wizard turns it off and names a final snapshot after you confirm.'],
});

describe('GuardPrompt', () => {
  it('explains what is lost and asks for the exact resource address', () => {
    const shown = frame(dataLoss());
    expect(shown).toContain('⚠ This plan loses data');
    expect(shown.replace(/\s+/g, ' ')).toContain(
      'aws_db_instance.db will be replaced because some changed attributes cannot be updated in place (changing engine forces it): Terraform destroys it and creates a new, empty one. Lost: the database and all its data',
    );
    expect(shown).toContain('Type aws_db_instance.db to allow it (Esc keeps it and stops):');
    expect(shown.split('\n')).toHaveLength(guardPromptLines(dataLoss(), 100));
  });

  it('shows the text typed so far, and why Enter confirmed nothing', () => {
    expect(frame(dataLoss(), 'aws_db_inst')).toContain('› aws_db_inst');
    expect(frame(dataLoss(), 'aws_db_instance.d', 'aws_db_instance.d')).toContain(
      '✗ "aws_db_instance.d" is not aws_db_instance.db: nothing was confirmed. Type it exactly, or Esc.',
    );
    expect(frame(dataLoss(), '', '')).toContain('✗ Nothing typed: nothing was confirmed.');
    // No mismatch yet: the line stays, blank, so the prompt does not jump.
    const quiet = frame(dataLoss(), 'aws');
    expect(quiet).not.toContain('✗');
    expect(quiet.split('\n')).toHaveLength(guardPromptLines(dataLoss(), 100));
  });

  it('asks for the environment name to destroy it, listing the data lost', () => {
    const shown = frame(destroy(), 'aws_db_instance.db', 'aws_db_instance.db');
    expect(shown).toContain('✖ Destroy production: 7 resources will be deleted');
    expect(shown).toContain('The database has deletion protection on');
    expect(shown).toContain('Lost: aws_db_instance.db, the database and all its data');
    expect(shown).toContain('Lost: aws_ecr_repository.orphan, the image repository and every image in it.');
    expect(shown).toContain('Type production to destroy it (Esc cancels):');
    // The address of a resource is not the environment's name.
    expect(shown).toContain('"aws_db_instance.db" is not production');
  });
});
