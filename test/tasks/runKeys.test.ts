// The run view's key model without React: keys, one burst at a time, fed
// through the same splitting and ranking the Ink router uses.
import { describe, expect, it } from 'vitest';
import { NO_KEY, splitKeys } from '../../src/hooks/useKeys.js';
import type { Decision, DecisionRequest } from '../../src/tasks/decisions.js';
import { runKeyEvents, typeInto, type RunKeyEvent } from '../../src/tasks/runKeys.js';
import { initialRunState, reduceRun, type RunState } from '../../src/tasks/runState.js';
import { guardPlan } from '../../src/terraform/guard.js';
import type { Key } from 'ink';
import { recordedPlan } from '../run/recorded.js';

const NONE: Key = NO_KEY;
const ESC = { ...NONE, escape: true, meta: true };
/** Keys as Ink names them when one comes alone. */
const SINGLE: Record<string, { input: string; key: Key }> = {
  '\r': { input: '', key: { ...NONE, return: true } },
  '\x7f': { input: '', key: { ...NONE, backspace: true } },
  '\x15': { input: 'u', key: { ...NONE, ctrl: true } },
  '\x03': { input: 'c', key: { ...NONE, ctrl: true } },
};

const replace = recordedPlan('show-plan-replace.json');
const approve: DecisionRequest = { kind: 'approve-plan', environment: 'production', summary: replace };
const dataLoss = (address = 'aws_db_instance.db'): DecisionRequest => ({
  kind: 'allow-data-loss',
  environment: 'production',
  finding: guardPlan(replace).blocked.find((finding) => finding.address === address)!,
});
const destroy: DecisionRequest = { kind: 'confirm-destroy', environment: 'production', summary: recordedPlan('show-plan-destroy.json'), blockers: [] };

interface Run {
  state: RunState;
  /** What the keys did besides editing: answers given, interrupts, exits. */
  readonly effects: Array<Decision | 'interrupt' | 'exit'>;
}

const asking = (request: DecisionRequest, state: RunState = initialRunState): Run => ({
  state: reduceRun(state, { type: 'decision', decision: { request, resolve: () => undefined } }),
  effects: [],
});

/**
 * One chunk of input, as the router sees it: split into keys, each read
 * against the state the key before it left, against what was on screen
 * when the chunk arrived (the screen redraws only after the whole chunk).
 */
function burst(run: Run, chunk: string, key: Key = NONE): Run {
  const shown = run.state;
  // Ink names a key that comes alone; useKeys splits those that come together.
  const presses = SINGLE[chunk] ? [SINGLE[chunk]] : splitKeys(chunk, key);
  for (const press of presses) {
    for (const event of runKeyEvents(run.state, press.input, press.key, shown)) apply(run, event);
  }
  return run;
}

function apply(run: Run, event: RunKeyEvent): void {
  switch (event.type) {
    case 'prompt':
      run.state = reduceRun(run.state, event);
      break;
    case 'answer':
      // What the store's resolve does: the question closes at once.
      run.effects.push(event.decision);
      run.state = reduceRun(run.state, { type: 'decided' });
      break;
    default:
      run.effects.push(event.type);
  }
}

describe('the guard prompt', () => {
  it('confirms an address pasted with its Enter in one burst, on that first Enter', () => {
    const run = burst(asking(dataLoss()), 'aws_db_instance.db\r');
    expect(run.effects).toEqual([{ approved: true }]);
    expect(run.state.decision).toBeUndefined();
  });

  it('applies Backspace (DEL and BS) and Ctrl-U of a burst in order', () => {
    expect(burst(asking(dataLoss()), 'aws_db_instance.dbxy\x7f\b\r').effects).toEqual([{ approved: true }]);
    expect(burst(asking(dataLoss()), 'garbage\x15aws_db_instance.db\r').effects).toEqual([{ approved: true }]);
    // Backspace on nothing leaves nothing; arrows and Tab are no edits.
    const run = burst(asking(dataLoss()), '\x7f\x7fab\t');
    expect(run.state.decision).toMatchObject({ typed: 'ab' });
  });

  it('keeps the typed text in the run state, across bursts', () => {
    const run = burst(asking(dataLoss()), 'aws_db_');
    expect(run.state.decision).toMatchObject({ typed: 'aws_db_' });
    burst(run, 'instance.db');
    expect(run.state.decision).toMatchObject({ typed: 'aws_db_instance.db' });
    burst(run, '\r');
    expect(run.effects).toEqual([{ approved: true }]);
  });

  it('confirms nothing on a near miss, says what was typed, and clears that once editing resumes', () => {
    const run = burst(asking(dataLoss()), ' db \r');
    expect(run.effects).toEqual([]);
    expect(run.state.decision).toMatchObject({ typed: ' db ', mismatch: 'db' });
    burst(run, '\x15');
    expect(run.state.decision?.mismatch).toBeUndefined();
    // Spaces around the exact address are trimmed, nothing more.
    burst(run, '  aws_db_instance.db \r');
    expect(run.effects).toEqual([{ approved: true }]);
  });

  it('says when Enter is pressed on nothing', () => {
    const run = burst(asking(dataLoss()), '\r');
    expect(run.state.decision).toMatchObject({ typed: '', mismatch: '' });
    expect(run.effects).toEqual([]);
  });

  it('keeps the data on Esc (exit 3); a destroy cancelled is exit 0 and wants the environment name', () => {
    expect(burst(asking(dataLoss()), '', ESC).effects).toEqual([
      { approved: false, reason: 'aws_db_instance.db was not allowed to lose its data: nothing was changed.', exitCode: 3 },
    ]);
    expect(burst(asking(destroy), '', ESC).effects).toEqual([
      { approved: false, reason: 'The destroy of production was cancelled: nothing was deleted.', exitCode: 0 },
    ]);
    const named = burst(asking(destroy), 'aws_db_instance.db\r');
    expect(named.state.decision).toMatchObject({ mismatch: 'aws_db_instance.db' });
    expect(burst(named, '\x15production\r').effects).toEqual([{ approved: true }]);
  });

  it('drops what a burst holds after the Enter that answered: the next question starts empty', () => {
    const run = burst(asking(dataLoss()), 'aws_db_instance.db\raws_ecr_repository.orphan\r');
    expect(run.effects).toEqual([{ approved: true }]);
    const next = asking(dataLoss('aws_ecr_repository.orphan'), run.state);
    expect(next.state.decision).toMatchObject({ typed: '' });
    expect(burst(next, 'aws_ecr_repository.orphan\r').effects).toEqual([{ approved: true }]);
  });
});

describe('the confirm bar', () => {
  it('approves with Enter or y, declines with n or Esc (exit 0), and ignores any other key', () => {
    expect(burst(asking(approve), 'x \r').effects).toEqual([{ approved: true }]);
    expect(burst(asking(approve), 'Y').effects).toEqual([{ approved: true }]);
    const no = { approved: false, reason: 'The plan was not approved: nothing was changed.', exitCode: 0 };
    expect(burst(asking(approve), 'n').effects).toEqual([no]);
    expect(burst(asking(approve), '', ESC).effects).toEqual([no]);
    expect(burst(asking(approve), 'q?a\t').effects).toEqual([]);
    // One answer per question: the second y of "yy" finds it closed.
    expect(burst(asking(approve), 'yy').effects).toEqual([{ approved: true }]);
  });
});

describe('the ranks', () => {
  const ctrlC = { ...NONE, ctrl: true };

  it('puts Ctrl-C first: it interrupts even while a question waits', () => {
    const run = burst(asking(dataLoss()), 'aws_db');
    expect(runKeyEvents(run.state, 'c', ctrlC)).toEqual([{ type: 'interrupt' }]);
    // Inside a burst, in its place: typing before it is kept, typing after it too.
    burst(run, '_in\x03st');
    expect(run.effects).toEqual(['interrupt']);
    expect(run.state.decision).toMatchObject({ typed: 'aws_db_inst' });
    expect(runKeyEvents(initialRunState, 'c', ctrlC)).toEqual([{ type: 'interrupt' }]);
  });

  it('leaves the done screen on any key, Ctrl-C included, once it is on screen', () => {
    const done = reduceRun(initialRunState, { type: 'event', event: { type: 'done', exitCode: 0, summary: 'Applied.' }, at: 0 });
    expect(runKeyEvents(done, ' ', NONE)).toEqual([{ type: 'exit' }]);
    expect(runKeyEvents(done, 'c', ctrlC)).toEqual([{ type: 'exit' }]);
    // A key typed during the apply that lands as it ends does not skip a done screen never seen.
    expect(runKeyEvents(done, ' ', NONE, initialRunState)).toEqual([]);
    expect(runKeyEvents(done, 'c', ctrlC, initialRunState)).toEqual([]);
  });

  it('while stopping, gives no other key a meaning', () => {
    const stopping = reduceRun(initialRunState, { type: 'event', event: { type: 'stopping', escalated: false }, at: 0 });
    expect(runKeyEvents(stopping, 'y', NONE)).toEqual([]);
    expect(runKeyEvents(stopping, 'c', ctrlC)).toEqual([{ type: 'interrupt' }]);
  });

  it('drops keys while no question is shown: a stray Enter or y never answers an unseen question', () => {
    expect(burst({ state: initialRunState, effects: [] }, 'y\r').effects).toEqual([]);
    const open = asking(approve);
    // Asked, but not yet on screen.
    expect(runKeyEvents(open.state, 'y', NONE, initialRunState)).toEqual([]);
    expect(runKeyEvents(open.state, 'y', NONE, open.state)).toEqual([{ type: 'answer', decision: { approved: true } }]);
  });
});

describe('typeInto', () => {
  it('appends printable text, erases one character, clears with Ctrl-U, and ignores the rest', () => {
    expect(typeInto('ab', 'cd', NONE)).toBe('abcd');
    expect(typeInto('ab', '', { ...NONE, backspace: true })).toBe('a');
    expect(typeInto('ab', '', { ...NONE, delete: true })).toBe('a');
    expect(typeInto('ab', 'u', { ...NONE, ctrl: true })).toBe('');
    expect(typeInto('ab', '', { ...NONE, leftArrow: true })).toBeUndefined();
    expect(typeInto('ab', '\x1b', NONE)).toBeUndefined();
    expect(typeInto('ab', 'x\ty', NONE)).toBe('abxy');
  });
});
