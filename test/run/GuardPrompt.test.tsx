import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { GuardPrompt, type GuardRequest } from '../../src/components/run/GuardPrompt.js';
import { guardPlan } from '../../src/terraform/guard.js';
import { frameWith, settle } from './frames.js';
import { recordedPlan } from './recorded.js';

afterEach(() => cleanup());

const ENTER = '\r';
const ESC = '\u001B';
const BACKSPACE = '\u007F';

async function mount(request: GuardRequest) {
  const answers: boolean[] = [];
  const app = render(<GuardPrompt request={request} columns={100} onAnswer={(approved) => answers.push(approved)} isActive />);
  await settle();
  const type = async (text: string) => {
    for (const char of text) {
      app.stdin.write(char);
      await settle();
    }
  };
  return { app, answers, type };
}

const dataLoss = (): GuardRequest => {
  const summary = recordedPlan('show-plan-replace.json');
  const finding = guardPlan(summary).blocked.find((f) => f.address === 'aws_db_instance.db')!;
  return { kind: 'allow-data-loss', environment: 'production', finding };
};

describe('GuardPrompt', () => {
  it('explains what is lost and asks for the exact resource address', async () => {
    const { app } = await mount(dataLoss());
    const frame = app.lastFrame()!;
    expect(frame).toContain('⚠ This plan loses data');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      'aws_db_instance.db will be replaced because some changed attributes cannot be updated in place (changing engine forces it): Terraform destroys it and creates a new, empty one. Lost: the database and all its data',
    );
    expect(frame).toContain('Type aws_db_instance.db to allow it (Esc keeps it and stops):');
  });

  it('does not confirm a wrong name, says why, and confirms the exact address', async () => {
    const { app, answers, type } = await mount(dataLoss());
    await type('aws_db_instance.d');
    app.stdin.write(ENTER);
    await frameWith(app.lastFrame, '✗ "aws_db_instance.d" is not aws_db_instance.db: nothing was confirmed. Type it exactly, or Esc.');
    expect(answers).toEqual([]);

    // A near miss of another kind: the same name without its type.
    app.stdin.write('\u0015'); // Ctrl-U clears the field
    await settle();
    await type('db');
    await frameWith(app.lastFrame, (frame) => !frame.includes('✗'));
    app.stdin.write(ENTER);
    await frameWith(app.lastFrame, '✗ "db" is not aws_db_instance.db');
    expect(answers).toEqual([]);

    app.stdin.write('\u0015');
    await settle();
    await type('aws_db_instance.dbx');
    app.stdin.write(BACKSPACE);
    await settle();
    app.stdin.write(ENTER);
    await settle();
    expect(answers).toEqual([true]);
  });

  it('says when nothing was typed, and keeps the data with Esc', async () => {
    const { app, answers } = await mount(dataLoss());
    app.stdin.write(ENTER);
    await frameWith(app.lastFrame, '✗ Nothing typed: nothing was confirmed.');
    app.stdin.write(ESC);
    await settle();
    expect(answers).toEqual([false]);
  });

  it('asks for the environment name to destroy it, listing the data lost', async () => {
    const summary = recordedPlan('show-plan-destroy.json');
    const { app, answers, type } = await mount({
      kind: 'confirm-destroy',
      environment: 'production',
      summary,
      blockers: ['The database has deletion protection on: ecs-wizard turns it off and names a final snapshot after you confirm.'],
    });
    const frame = app.lastFrame()!;
    expect(frame).toContain('✖ Destroy production: 7 resources will be deleted');
    expect(frame).toContain('The database has deletion protection on');
    expect(frame).toContain('Lost: aws_db_instance.db, the database and all its data');
    expect(frame).toContain('Lost: aws_ecr_repository.orphan, the image repository and every image in it.');
    expect(frame).toContain('Type production to destroy it (Esc cancels):');
    // The address of a resource is not the environment's name.
    await type('aws_db_instance.db');
    app.stdin.write(ENTER);
    await frameWith(app.lastFrame, '"aws_db_instance.db" is not production');
    app.stdin.write('\u0015');
    await settle();
    await type(' production ');
    app.stdin.write(ENTER);
    await settle();
    expect(answers).toEqual([true]);
  });
});
