/**
 * What a key means on a wizard step, as reducer events. Keys are turned into
 * events inside the reducer, against the latest state, so a burst of keys
 * (a held Backspace, a paste followed by Enter, tmux send-keys) is applied
 * one after another exactly as if typed slowly: no handler ever reads a
 * state that React has not rendered yet.
 */
import { editMulti, editSelect, editText, editToggle, type KeyInput } from '../input/editors.js';
import { choicesOf } from './questions.js';
import type { WizardEvent, WizardState } from './reducer.js';
import { visibleQuestions } from './steps.js';
import type { Question } from './types.js';

function editEvents(state: WizardState, entry: Question, input: string, key: KeyInput, page: number): WizardEvent[] | undefined {
  const value = state.answers[entry.id];
  const field = entry.id;
  switch (entry.kind) {
    case 'text':
    case 'number': {
      const text = String(value);
      const next = editText({ value: text, cursor: state.ui.cursors[field] ?? text.length }, input, key, { digitsOnly: entry.kind === 'number' });
      if (!next) return undefined;
      return [...(next.value === text ? [] : [{ type: 'set', field, value: next.value } as const]), { type: 'cursor', field, cursor: next.cursor }];
    }
    case 'select': {
      const query = state.ui.queries[field] ?? '';
      const next = editSelect(choicesOf(entry, state.answers), { value: String(value), query }, input, key, {
        searchable: entry.searchable ?? false,
        page,
      });
      if (!next) return undefined;
      return [...(next.value === value ? [] : [{ type: 'set', field, value: next.value } as const]), { type: 'query', field, query: next.query }];
    }
    case 'multiselect': {
      const values = value as readonly string[];
      const next = editMulti(choicesOf(entry, state.answers), { values, cursor: state.ui.listCursors[field] ?? 0 }, input, key);
      if (!next) return undefined;
      return [...(next.values === values ? [] : [{ type: 'set', field, value: next.values } as const]), { type: 'listCursor', field, cursor: next.cursor }];
    }
    case 'boolean': {
      const next = editToggle(value === true, input, key);
      return next === undefined ? undefined : [{ type: 'set', field, value: next }];
    }
  }
}

/**
 * Tab, Enter, Esc and ? mean the same on every step; any other key goes to
 * the focused field's editor first, and ↑↓ it does not use move between
 * fields. `page` is how far PageUp/PageDown move in a list.
 */
export function keyEvents(state: WizardState, input: string, key: KeyInput, page = 5): WizardEvent[] {
  // Ctrl-C belongs to the app, which cancels the whole wizard.
  if (key.ctrl && input === 'c') return [];
  const entry = visibleQuestions(state.step, state.answers, state.context)[state.focus];
  if (key.tab) return [{ type: key.shift ? 'focusPrevious' : 'focusNext', wrap: true }];
  if (key.return) return [{ type: 'next' }];
  // Review draws the stack on a key; any key that is not for the drawing closes it.
  if (state.step === 'review' && !key.ctrl && !key.meta && input === 'd') return [{ type: 'toggleDiagram' }];
  if (state.step === 'review' && state.ui.diagram && key.escape) return [{ type: 'toggleDiagram' }];
  if (key.escape) {
    if (state.help) return [{ type: 'toggleHelp' }];
    if (entry?.searchable && state.ui.queries[entry.id]) return [{ type: 'query', field: entry.id, query: '' }];
    return [{ type: 'back' }];
  }
  if (input === '?') return [{ type: 'toggleHelp' }];
  if (entry && entry.locked?.(state.context) === undefined) {
    const edits = editEvents(state, entry, input, key, page);
    if (edits) return edits;
  }
  if (key.upArrow) return [{ type: 'focusPrevious' }];
  if (key.downArrow) return [{ type: 'focusNext' }];
  return [];
}
