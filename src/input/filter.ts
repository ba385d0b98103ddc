import type { Choice } from './choice.js';

/** Choices whose label or value contain every typed word, case-insensitive. */
export function filterChoices(choices: readonly Choice[], query: string): readonly Choice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return choices;
  return choices.filter((choice) => {
    const text = `${choice.label} ${choice.value}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
