/**
 * Prompts that answer from a script instead of a terminal, behaving like
 * @inquirer/prompts where it matters: an input is re-asked until validate
 * accepts it, Enter (no scripted answer left) takes the default.
 */
import type { PromptChoice, Prompts } from '../../src/line/prompts.js';

export type Answer = string | boolean | readonly string[];

export interface FakePrompts extends Prompts {
  /** Every message asked, in order. */
  readonly asked: string[];
  /** What validate said to each refused answer, by message. */
  readonly refused: Record<string, Array<string | boolean>>;
}

export function fakePrompts(script: Record<string, Answer[]> = {}, options: { cancelAt?: string } = {}): FakePrompts {
  const asked: string[] = [];
  const refused: Record<string, Array<string | boolean>> = {};
  const next = (message: string): Answer | undefined => {
    asked.push(message);
    if (message === options.cancelAt) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    return script[message]?.shift();
  };
  const pick = (message: string, choices: readonly PromptChoice[], fallback: string | undefined): string => {
    const answer = next(message);
    const value = answer === undefined ? (fallback ?? choices[0]?.value) : String(answer);
    if (!choices.some((choice) => choice.value === value)) throw new Error(`${message}: ${value} is not offered`);
    return value!;
  };
  return {
    asked,
    refused,
    async input({ message, default: fallback, validate }) {
      for (;;) {
        const answer = next(message);
        const value = answer === undefined ? (fallback ?? '') : String(answer);
        const verdict = validate?.(value) ?? true;
        if (verdict === true) return value;
        (refused[message] ??= []).push(verdict);
        if (answer === undefined) throw new Error(`${message}: the default "${value}" was refused: ${verdict}`);
      }
    },
    async select({ message, choices, default: fallback }) {
      return pick(message, choices, fallback);
    },
    async search({ message, source }) {
      // The first result for the scripted term, as typing it and pressing Enter would give.
      const answer = next(message);
      const results = source(answer === undefined ? undefined : String(answer));
      if (!results[0]) throw new Error(`${message}: nothing matches ${String(answer)}`);
      return results[0].value;
    },
    async checkbox({ message, choices, validate }) {
      for (;;) {
        const answer = next(message);
        const values = answer === undefined ? choices.filter((choice) => choice.checked).map((choice) => choice.value) : [...(answer as string[])];
        const verdict = validate?.(values.map((value) => ({ value }))) ?? true;
        if (verdict === true) return values;
        (refused[message] ??= []).push(verdict);
        if (answer === undefined) throw new Error(`${message}: the default was refused: ${verdict}`);
      }
    },
    async confirm({ message, default: fallback }) {
      const answer = next(message);
      return answer === undefined ? (fallback ?? false) : answer === true;
    },
  };
}
