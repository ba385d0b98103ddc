/**
 * The prompts plain mode needs, as an interface (tests pass fakes), and the
 * real ones: one question per line, for screen readers and for terminals
 * that cannot redraw. A prompt writes its question and, for a choice, the
 * numbered choices, then reads one line; it never moves the cursor or
 * redraws (no escape sequence is ever written), so every answer stays on
 * screen as typed. `?` shows the question's help and is never part of an
 * answer; Enter on an empty line keeps the current answer.
 */
import { createLineTerminal, PromptCancelled, type LineTerminal } from './terminal.js';

export interface PromptChoice {
  readonly value: string;
  readonly name: string;
  readonly description?: string;
}

interface Asked {
  readonly message: string;
  /** Shown on `?`. */
  readonly help?: string;
}

export interface Prompts {
  /** `fresh`: what was typed before the question is dropped (decisions that must not be answered ahead). */
  input(config: Asked & { default?: string; validate?: (value: string) => boolean | string; fresh?: boolean }): Promise<string>;
  select(config: Asked & { choices: readonly PromptChoice[]; default?: string; pageSize?: number }): Promise<string>;
  /** A select filtered by typing, for long lists (regions). */
  search(config: Asked & { source: (term: string | undefined) => readonly PromptChoice[]; pageSize?: number }): Promise<string>;
  checkbox(
    config: Asked & {
      choices: ReadonlyArray<PromptChoice & { readonly checked: boolean }>;
      validate?: (selected: ReadonlyArray<{ readonly value: string }>) => boolean | string;
      pageSize?: number;
    },
  ): Promise<string[]>;
  confirm(config: Asked & { default?: boolean; fresh?: boolean }): Promise<boolean>;
  /** Stops reading the terminal (the end of the session). */
  close?(): void;
}

/** Streams for the prompts; the process's own unless given. */
export interface PromptStreams {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
}

const choiceLine = (index: number, choice: PromptChoice, mark = '') =>
  `  ${index + 1}. ${mark}${choice.name}${choice.description ? ` - ${choice.description}` : ''}`;

/** A 1-based number within the list, or undefined. */
function pick(answer: string, count: number): number | undefined {
  if (!/^\d+$/.test(answer)) return undefined;
  const index = Number(answer) - 1;
  return index >= 0 && index < count ? index : undefined;
}

/** The choice an answer names: its number, its value or its name (any case). */
function named(answer: string, choices: readonly PromptChoice[]): PromptChoice | undefined {
  const index = pick(answer, choices.length);
  if (index !== undefined) return choices[index];
  const lower = answer.toLowerCase();
  return choices.find((choice) => choice.value.toLowerCase() === lower || choice.name.toLowerCase() === lower);
}

/** The real prompts, on a terminal of their own (the process's unless streams are given). */
export function linePrompts(streams: PromptStreams = {}): Prompts {
  return promptsOn(createLineTerminal(streams));
}

export function promptsOn(terminal: LineTerminal): Prompts {
  const line = (text: string) => terminal.write(`${text}\n`);
  const ask = (prompt: string, help: string | undefined, fresh = false) =>
    terminal.readLine({ prompt, ...(help ? { help: () => [`  ${help}`] } : {}), fresh });
  const problem = (message: string) => line(`✗ ${message}`);

  return {
    async input({ message, default: fallback, validate, help, fresh }) {
      // Fresh only the first time: after a refused answer, what follows it in a burst is the retry.
      for (let first = true; ; first = false) {
        const typed = (await ask(`? ${message}${fallback ? ` (${fallback})` : ''}: `, help, fresh && first)).trim();
        const value = typed === '' ? (fallback ?? '') : typed;
        const verdict = validate?.(value) ?? true;
        if (verdict === true) return value;
        problem(verdict === false ? 'That answer is not accepted.' : verdict);
      }
    },

    async select({ message, choices, default: fallback, help }) {
      const current = Math.max(
        choices.findIndex((choice) => choice.value === fallback),
        0,
      );
      line(`? ${message}`);
      choices.forEach((choice, index) => line(choiceLine(index, choice)));
      for (;;) {
        const typed = (await ask(`Choose 1-${choices.length} (Enter keeps ${current + 1}): `, help)).trim();
        const chosen = typed === '' ? choices[current] : named(typed, choices);
        if (chosen) {
          line(`  → ${chosen.name}`);
          return chosen.value;
        }
        problem(`"${typed}" is not one of the choices: type a number from 1 to ${choices.length}.`);
      }
    },

    async search({ message, source, pageSize = 10, help }) {
      line(`? ${message}`);
      let shown: readonly PromptChoice[] = [];
      const list = (term: string | undefined) => {
        const results = source(term);
        shown = results.slice(0, pageSize);
        shown.forEach((choice, index) => line(choiceLine(index, choice)));
        if (results.length > shown.length) line(`  … and ${results.length - shown.length} more: type part of a name to narrow the list`);
      };
      list(undefined);
      for (;;) {
        const typed = (await ask(`Type to filter, or choose 1-${shown.length} (Enter keeps 1): `, help)).trim();
        const index = typed === '' ? 0 : pick(typed, shown.length);
        if (index !== undefined && shown[index]) {
          line(`  → ${shown[index].name}`);
          return shown[index].value;
        }
        const results = source(typed);
        const exact = results.length === 1 ? results[0] : results.find((choice) => choice.value.toLowerCase() === typed.toLowerCase());
        if (exact) {
          line(`  → ${exact.name}`);
          return exact.value;
        }
        if (results.length === 0) problem(`Nothing matches "${typed}".`);
        else list(typed);
      }
    },

    async checkbox({ message, choices, validate, help }) {
      line(`? ${message}`);
      choices.forEach((choice, index) => line(choiceLine(index, choice, choice.checked ? '[x] ' : '[ ] ')));
      const checked = choices.map((choice, index) => (choice.checked ? index + 1 : 0)).filter(Boolean);
      for (;;) {
        const typed = (await ask(`Numbers to choose, e.g. 1 2 (Enter keeps ${checked.join(' ') || 'none'}): `, help)).trim();
        const words = typed === '' ? checked.map(String) : typed.split(/[\s,]+/);
        const indexes = words.map((word) => pick(word, choices.length));
        const wrong = words.filter((_, at) => indexes[at] === undefined);
        if (wrong.length) {
          problem(`${wrong.map((word) => `"${word}"`).join(', ')}: type numbers from 1 to ${choices.length}, separated by spaces.`);
          continue;
        }
        const selected = choices.filter((_, index) => indexes.includes(index));
        const verdict = validate?.(selected) ?? true;
        if (verdict === true) {
          line(`  → ${selected.map((choice) => choice.name).join(', ') || 'none'}`);
          return selected.map((choice) => choice.value);
        }
        problem(verdict === false ? 'That choice is not accepted.' : verdict);
      }
    },

    async confirm({ message, default: fallback = false, help, fresh }) {
      for (let first = true; ; first = false) {
        const typed = (await ask(`? ${message} (${fallback ? 'Y/n' : 'y/N'}): `, help, fresh && first)).trim().toLowerCase();
        if (typed === '') return fallback;
        if (typed === 'y' || typed === 'yes') return true;
        if (typed === 'n' || typed === 'no') return false;
        problem('Type y for yes or n for no.');
      }
    },

    close: () => terminal.close(),
  };
}

/** Ctrl-C (or a closed terminal) during a prompt: the user left, nothing failed. */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof PromptCancelled;
}
