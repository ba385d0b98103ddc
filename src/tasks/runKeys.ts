/**
 * What a key means in the run view, as events against the latest run state:
 * the wizard's key model (src/wizard/formKeys.ts) for the run. One listener
 * (components/KeyRouter.tsx through hooks/useKeys.ts, which splits a burst
 * into its keys) hands each key here; the events it returns change the run
 * state or call back into the run, in order, before the next key is read.
 * So keys that arrive together (a pasted address and its Enter, tmux
 * send-keys) are applied one after another exactly as if typed slowly.
 *
 * Ranked, the first that applies wins:
 *   1. Ctrl-C stops Terraform safely (an open question is answered "no" by
 *      the run); on the done screen it leaves.
 *   2. On the done screen, any key leaves.
 *   3. While stopping, no other key means anything.
 *   4. The question on screen takes the key.
 *   5. Anything else is dropped: a key typed while no question is shown (a
 *      stray Enter or `y` during the plan, the rest of a burst after its
 *      Enter answered) never answers a question the person has not seen.
 */
import { confirmationWord, declined, type Decision } from './decisions.js';
import type { RunAction, RunState } from './runState.js';
import type { KeyInput } from '../input/editors.js';

export type RunKeyEvent =
  /** Stop Terraform safely (a second one within the window kills it). */
  | { readonly type: 'interrupt' }
  /** Leave the done screen. */
  | { readonly type: 'exit' }
  /** Answer the open question. */
  | { readonly type: 'answer'; readonly decision: Decision }
  /** The guard prompt's new text. */
  | Extract<RunAction, { type: 'prompt' }>;

/**
 * The guard prompt's edit: type, Backspace, Ctrl-U to clear. Kept to what
 * typing a name needs (the cursor stays at the end). Undefined: not an edit.
 */
export function typeInto(value: string, input: string, key: KeyInput): string | undefined {
  if (key.backspace || key.delete) return value.slice(0, -1);
  if (key.ctrl && input === 'u') return '';
  if (key.ctrl || key.meta || key.tab || key.return || key.escape || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return undefined;
  const printable = input.replace(/[\u0000-\u001f\u007f]/g, '');
  return printable ? value + printable : undefined;
}

function questionKeys(state: RunState, input: string, key: KeyInput): RunKeyEvent[] {
  const decision = state.decision!;
  const { request } = decision;
  if (request.kind === 'approve-plan') {
    if (key.return) return [{ type: 'answer', decision: { approved: true } }];
    if (key.escape) return [{ type: 'answer', decision: declined(request) }];
    // Letters typed together arrive as one text ("xy"): each is a key here,
    // and the first that answers does. Any other key does nothing, so a
    // stray keystroke never answers for the person.
    if (key.ctrl || key.meta) return [];
    for (const char of input) {
      if (char === 'y' || char === 'Y') return [{ type: 'answer', decision: { approved: true } }];
      if (char === 'n' || char === 'N') return [{ type: 'answer', decision: declined(request) }];
    }
    return [];
  }
  if (key.escape) return [{ type: 'answer', decision: declined(request) }];
  if (key.return) {
    // Matching trims spaces, nothing more, as the guard's allow-list does.
    const typed = decision.typed.trim();
    if (typed === confirmationWord(request)) return [{ type: 'answer', decision: { approved: true } }];
    return [{ type: 'prompt', typed: decision.typed, mismatch: typed }];
  }
  const typed = typeInto(decision.typed, input, key);
  return typed === undefined || typed === decision.typed ? [] : [{ type: 'prompt', typed }];
}

/**
 * The events of one key. `state` is the run's latest state (the store's,
 * which the previous key of a burst has already changed); `shown` is what
 * the screen last rendered: a question takes keys only once it is on
 * screen, and the done screen is left only once it was seen.
 */
export function runKeyEvents(state: RunState, input: string, key: KeyInput, shown: RunState = state): RunKeyEvent[] {
  if (key.ctrl && input === 'c') {
    if (!state.done) return [{ type: 'interrupt' }];
    return shown.done ? [{ type: 'exit' }] : [];
  }
  if (state.done) return shown.done ? [{ type: 'exit' }] : [];
  if (state.stopping) return [];
  if (state.decision && state.decision.request === shown.decision?.request) return questionKeys(state, input, key);
  return [];
}
