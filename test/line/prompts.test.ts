// The adapter over the real @inquirer/prompts, driven through streams: the
// plain-mode tests use fakes, this proves the real prompts fit the interface.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inquirerPrompts, isPromptCancel, type Prompts } from '../../src/line/prompts.js';

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return {
    input,
    output,
    screen: () => written,
    async keys(...sequence: string[]) {
      for (const key of sequence) {
        await settle();
        input.write(key);
      }
    },
  };
}

/** A fresh terminal per prompt: after an answer, inquirer writes nothing more to a PassThrough it was given. */
async function answer<T>(ask: (prompts: Prompts) => Promise<T>, ...keys: string[][]): Promise<{ value: T; screen: string }> {
  const io = terminal();
  const pending = ask(await inquirerPrompts({ input: io.input, output: io.output }));
  for (const group of keys) await io.keys(...group);
  return { value: await pending, screen: io.screen() };
}

describe('inquirerPrompts', () => {
  it('answers a select with the choice’s description shown', async () => {
    const { value, screen } = await answer(
      (prompts) =>
        prompts.select({
          message: 'NAT gateways',
          choices: [
            { value: 'single', name: 'One shared' },
            { value: 'perAz', name: 'One per zone', description: 'survives a zone outage' },
          ],
        }),
      ['\u001B[B', '\r'],
    );
    expect(value).toBe('perAz');
    expect(screen).toContain('survives a zone outage');
  });

  it('filters a search by the typed term', async () => {
    const regions = [
      { value: 'eu-west-1', name: 'Europe (Ireland) eu-west-1' },
      { value: 'eu-central-1', name: 'Europe (Frankfurt) eu-central-1' },
    ];
    const { value } = await answer(
      (prompts) => prompts.search({ message: 'Region', source: (term) => regions.filter((choice) => !term || choice.name.toLowerCase().includes(term)) }),
      ['f', 'r', 'a', '\r'],
    );
    expect(value).toBe('eu-central-1');
  });

  it('refuses a checkbox answer that validate rejects, then takes the corrected one', async () => {
    const { value, screen } = await answer(
      (prompts) =>
        prompts.checkbox({
          message: 'Zones',
          choices: ['a', 'b', 'c'].map((zone) => ({ value: zone, name: zone, checked: zone !== 'c' })),
          validate: (selected) => (selected.length >= 2 ? true : 'choose at least 2'),
        }),
      [' ', '\r'],
      ['\u001B[B', '\u001B[B', ' ', '\r'],
    );
    expect(value).toEqual(['b', 'c']);
    expect(screen).toContain('choose at least 2');
  });

  it('re-asks an input until validate accepts it, and confirms', async () => {
    const input = await answer(
      (prompts) => prompts.input({ message: 'Port', default: '3000', validate: (text) => (/^\d+$/.test(text) ? true : 'digits only') }),
      ['x', '\r'],
      ['\u007F', '8', '0', '\r'],
    );
    expect(input.value).toBe('80');
    expect(input.screen).toContain('digits only');
    const confirm = await answer((prompts) => prompts.confirm({ message: 'Multi-AZ', default: false }), ['y', '\r']);
    expect(confirm.value).toBe(true);
  });

  it('recognises a prompt closed with Ctrl-C as a cancel', async () => {
    const error = await answer((prompts) => prompts.input({ message: 'App name' }), ['\u0003']).catch((reason: unknown) => reason);
    expect(isPromptCancel(error)).toBe(true);
    expect(isPromptCancel(new Error('disk full'))).toBe(false);
  });
});
