// Line mode's questions during a run, on the real line prompts, with the
// answers sent in bursts as a paste delivers them.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { decisionText, lineDecider } from '../../src/line/decider.js';
import { linePrompts, type Prompts } from '../../src/line/prompts.js';
import type { DecisionRequest } from '../../src/tasks/decisions.js';
import { guardPlan } from '../../src/terraform/guard.js';
import { recordedPlan } from '../run/recorded.js';

const replace = recordedPlan('show-plan-replace.json');
const dataLoss: DecisionRequest = {
  kind: 'allow-data-loss',
  environment: 'production',
  finding: guardPlan(replace).blocked.find((finding) => finding.address === 'aws_db_instance.db')!,
};
const destroy: DecisionRequest = { kind: 'confirm-destroy', environment: 'production', summary: recordedPlan('show-plan-destroy.json'), blockers: ['The database has deletion protection on.'] };
const approve: DecisionRequest = { kind: 'approve-plan', environment: 'production', summary: replace };

let prompts: Prompts | undefined;
afterEach(() => prompts?.close?.());

function line() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  prompts = linePrompts({ input, output });
  return { decider: lineDecider(prompts), burst: (keys: string) => void input.write(keys), screen: () => written };
}

/** Asks, then sends the burst once the question is on screen. */
async function answer(request: DecisionRequest, ...bursts: string[]) {
  const io = line();
  const decision = io.decider.decide(request);
  for (const keys of bursts) {
    await new Promise((resolve) => setImmediate(resolve));
    io.burst(keys);
  }
  return { decision: await decision, screen: io.screen() };
}

describe('lineDecider', () => {
  it('allows data loss for the exact address typed in one burst with a typo erased and a ? for help', async () => {
    const { decision, screen } = await answer(dataLoss, 'aws_db_?instance.dbz\x7f\r');
    expect(decision).toEqual({ approved: true });
    expect(screen).toContain('Type aws_db_instance.db to accept losing it (Enter on an empty line keeps it and stops): aws_db_');
    expect(screen).toContain('  Terraform destroys this resource and creates a new, empty one: its data is lost.');
    expect(screen).not.toMatch(/\x1b/);
  });

  it('asks again after a near miss; an empty line keeps the data (exit 3)', async () => {
    const { decision, screen } = await answer(dataLoss, 'db\r\r');
    expect(screen).toContain('✗ "db" is not aws_db_instance.db: nothing was confirmed. Type it exactly, or Enter on an empty line.');
    expect(decision).toEqual({ approved: false, reason: 'aws_db_instance.db was not allowed to lose its data: nothing was changed.', exitCode: 3 });
  });

  it('destroys only for the environment name; an empty line cancels (exit 0)', async () => {
    expect((await answer(destroy, ' production \r')).decision).toEqual({ approved: true });
    const cancelled = await answer(destroy, '\r');
    expect(cancelled.decision).toEqual({ approved: false, reason: 'The destroy of production was cancelled: nothing was deleted.', exitCode: 0 });
  });

  it('applies a plan on y, and changes nothing on Enter (exit 0)', async () => {
    expect((await answer(approve, 'y\r')).decision).toEqual({ approved: true });
    expect((await answer(approve, '\r')).decision).toEqual({ approved: false, reason: 'The plan was not approved: nothing was changed.', exitCode: 0 });
  });

  it('takes nothing typed before the question was asked', async () => {
    const io = line();
    io.burst('y\r');
    await new Promise((resolve) => setImmediate(resolve));
    const decision = io.decider.decide(approve);
    await new Promise((resolve) => setImmediate(resolve));
    io.burst('n\r');
    expect(await decision).toMatchObject({ approved: false, exitCode: 0 });
  });

  it('turns Ctrl-C at the prompt into a stop before anything changed (exit 130)', async () => {
    expect((await answer(dataLoss, 'aws\x03')).decision).toEqual({ approved: false, reason: 'Cancelled at the prompt; nothing was changed.', exitCode: 130 });
  });

  it('says what each question is about', () => {
    expect(decisionText(approve)).toBe('Apply these changes to production?');
    expect(decisionText(dataLoss)).toBe('Type aws_db_instance.db to accept losing it (Enter on an empty line keeps it and stops)');
    expect(decisionText(destroy)).toBe('Type production to destroy it (Enter on an empty line cancels)');
  });
});
