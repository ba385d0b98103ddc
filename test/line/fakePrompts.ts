/**
 * Prompts that answer from a script instead of a terminal, behaving like the
 * line prompts (src/line/prompts.ts) where it matters: an input is re-asked
 * until validate accepts it, Enter (no scripted answer left) takes the
 * default, and `?` shows the help and asks again.
 */
import type { PromptChoice, Prompts } from '../../src/line/prompts.js';
import { PromptCancelled } from '../../src/line/terminal.js';

export type Answer = string | boolean | readonly string[];

export interface FakePrompts extends Prompts {
  /** Every message asked, in order. */
  readonly asked: string[];
  /** What validate said to each refused answer, by message. */
  readonly refused: Record<string, Array<string | boolean>>;
  /** The help shown for each `?` answered, by message. */
  readonly helped: Record<string, Array<string | undefined>>;
}

export function fakePrompts(script: Record<string, Answer[]> = {}, options: { cancelAt?: string } = {}): FakePrompts {
  const asked: string[] = [];
  const refused: Record<string, Array<string | boolean>> = {};
  const helped: Record<string, Array<string | undefined>> = {};
  const next = (message: string, help?: string): Answer | undefined => {
    asked.push(message);
    if (message === options.cancelAt) throw new PromptCancelled();
    let answer = script[message]?.shift();
    // `?` is never an answer: the help is shown and the question stays.
    while (answer === '?') {
      (helped[message] ??= []).push(help);
      answer = script[message]?.shift();
    }
    return answer;
  };
  const pick = (message: string, choices: readonly PromptChoice[], fallback: string | undefined, help?: string): string => {
    const answer = next(message, help);
    const value = answer === undefined ? (fallback ?? choices[0]?.value) : String(answer);
    if (!choices.some((choice) => choice.value === value)) throw new Error(`${message}: ${value} is not offered`);
    return value!;
  };
  return {
    asked,
    refused,
    helped,
    async input({ message, default: fallback, validate, help }) {
      for (;;) {
        const answer = next(message, help);
        const value = answer === undefined ? (fallback ?? '') : String(answer);
        const verdict = validate?.(value) ?? true;
        if (verdict === true) return value;
        (refused[message] ??= []).push(verdict);
        if (answer === undefined) throw new Error(`${message}: the default "${value}" was refused: ${verdict}`);
      }
    },
    async select({ message, choices, default: fallback, help }) {
      return pick(message, choices, fallback, help);
    },
    async search({ message, source, help }) {
      // The first result for the scripted term, as typing it and pressing Enter would give.
      const answer = next(message, help);
      const results = source(answer === undefined ? undefined : String(answer));
      if (!results[0]) throw new Error(`${message}: nothing matches ${String(answer)}`);
      return results[0].value;
    },
    async checkbox({ message, choices, validate, help }) {
      for (;;) {
        const answer = next(message, help);
        const values = answer === undefined ? choices.filter((choice) => choice.checked).map((choice) => choice.value) : [...(answer as string[])];
        const verdict = validate?.(values.map((value) => ({ value }))) ?? true;
        if (verdict === true) return values;
        (refused[message] ??= []).push(verdict);
        if (answer === undefined) throw new Error(`${message}: the default was refused: ${verdict}`);
      }
    },
    async confirm({ message, default: fallback, help }) {
      const answer = next(message, help);
      return answer === undefined ? (fallback ?? false) : answer === true;
    },
  };
}
