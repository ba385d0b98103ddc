import type { StackOutput } from '../terraform/jsonCommands.js';

/** An output's value for a terminal: strings bare, everything else as JSON. Masked values stay masked. */
export function renderOutputValue(output: StackOutput): string {
  return typeof output.value === 'string' ? output.value : JSON.stringify(output.value);
}
