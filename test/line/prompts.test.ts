// The real line prompts, driven through streams with keys sent in bursts
// (one write with many keys, Enter included), as a paste or tmux delivers
// them. What they write is kept as bytes: plain mode never moves the cursor.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyParser, editLine } from '../../src/line/keys.js';
import { isPromptCancel, linePrompts, type Prompts } from '../../src/line/prompts.js';
import { createLineTerminal } from '../../src/line/terminal.js';

/** Any escape sequence: cursor movement, erase, colour. Under TERM=dumb none may be written. */
const ESCAPE = /\x1b/;

interface Terminal {
  readonly prompts: Prompts;
  readonly input: PassThrough;
  /** Everything written, as sent. */
  screen(): string;
  /** One write: the keys arrive together. */
  burst(keys: string): void;
}

const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.prompts.close?.();
});

function terminal(): Terminal {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const prompts = linePrompts({ input, output });
  const made = { prompts, input, screen: () => written, burst: (keys: string) => void input.write(keys) };
  open.push(made);
  return made;
}

/** Lets the stream deliver what was written. */
const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('keys', () => {
  it('reads a burst as its keys, in order: text runs, Enter (CR, LF or CR LF once), both Backspaces, ?', () => {
    const keys = createKeyParser().push('ab\x7fc\bd?e\r\n\r\x15\x17\x03\x04\t');
    expect(keys.map((key) => (key.kind === 'text' ? key.text : key.kind))).toEqual([
      'ab',
      'erase',
      'c',
      'erase',
      'd',
      'help',
      'e',
      'enter',
      'enter',
      'clear',
      'eraseWord',
      'cancel',
      'end',
      'ignored',
    ]);
  });

  it('skips escape sequences whole, even cut between two chunks', () => {
    const parser = createKeyParser();
    expect(parser.push('a\x1b[A\x1bOPb\x1b[1;5').map((key) => key.kind)).toEqual(['text', 'ignored', 'ignored', 'text']);
    expect(parser.push('Cz').map((key) => (key.kind === 'text' ? key.text : key.kind))).toEqual(['ignored', 'z']);
    // A lone Esc waits for what follows; Enter after it is still Enter.
    expect(parser.push('\x1b')).toEqual([]);
    expect(parser.push('\r').map((key) => key.kind)).toEqual(['ignored', 'enter']);
  });

  it('edits a line by echoing only text and backspace-space-backspace', () => {
    expect(editLine('ab', { kind: 'text', text: 'c' })).toEqual({ kind: 'edit', text: 'abc', echo: 'c' });
    expect(editLine('ab', { kind: 'erase' })).toEqual({ kind: 'edit', text: 'a', echo: '\b \b' });
    expect(editLine('', { kind: 'erase' })).toEqual({ kind: 'none' });
    expect(editLine('npm run mi', { kind: 'eraseWord' })).toEqual({ kind: 'edit', text: 'npm run ', echo: '\b \b'.repeat(2) });
    expect(editLine('npm run ', { kind: 'eraseWord' })).toEqual({ kind: 'edit', text: 'npm ', echo: '\b \b'.repeat(4) });
    expect(editLine('abc', { kind: 'clear' })).toEqual({ kind: 'edit', text: '', echo: '\b \b'.repeat(3) });
    expect(editLine('abc', { kind: 'end' })).toEqual({ kind: 'none' });
    expect(editLine('', { kind: 'end' })).toEqual({ kind: 'cancel' });
  });
});

describe('linePrompts', () => {
  it('erases with Backspace, DEL or BS, within a burst ending in Enter', async () => {
    const io = terminal();
    const answer = io.prompts.input({ message: 'App name', default: 'shop' });
    io.burst('blogxy\x7f\b\r');
    expect(await answer).toBe('blog');
    expect(io.screen()).toBe('? App name (shop): blogxy\b \b\b \b\n');
  });

  it('shows the help on ? and never lets it into the answer', async () => {
    const io = terminal();
    const answer = io.prompts.input({ message: 'App name', help: 'Every AWS resource is named after it.' });
    io.burst('sh?op\r');
    expect(await answer).toBe('shop');
    // The help, then the question again with what was typed so far.
    expect(io.screen()).toBe('? App name: sh\n  Every AWS resource is named after it.\n? App name: shop\n');
  });

  it('keeps what a burst holds past one Enter for the next question, so Enter, Enter keeps two defaults', async () => {
    const io = terminal();
    io.burst('blog\r\r\r');
    expect(await io.prompts.input({ message: 'App name', default: 'shop' })).toBe('blog');
    expect(await io.prompts.input({ message: 'Port', default: '3000' })).toBe('3000');
    expect(await io.prompts.confirm({ message: 'Multi-AZ', default: true })).toBe(true);
  });

  it('re-asks until validate accepts, taking the retry from the same burst', async () => {
    const io = terminal();
    const answer = io.prompts.input({ message: 'Port', default: '3000', validate: (text) => (/^\d+$/.test(text) ? true : 'digits only') });
    io.burst('x\r\x7f80\r');
    expect(await answer).toBe('80');
    expect(io.screen()).toContain('✗ digits only\n? Port (3000): 80');
  });

  it('drops what was typed before a fresh question (a stray y during the plan answers nothing)', async () => {
    const io = terminal();
    io.burst('y\r');
    await flushed();
    const answer = io.prompts.confirm({ message: 'Apply these changes to production?', fresh: true });
    await flushed();
    io.burst('n\r');
    expect(await answer).toBe(false);
  });

  it('chooses from a numbered list by number, value or name; Enter keeps the current one', async () => {
    const io = terminal();
    const choices = [
      { value: 'single', name: 'One shared' },
      { value: 'perAz', name: 'One per zone', description: 'survives a zone outage' },
    ];
    io.burst('3\r2\r');
    expect(await io.prompts.select({ message: 'NAT gateways', choices, default: 'single' })).toBe('perAz');
    expect(io.screen()).toContain('? NAT gateways\n  1. One shared\n  2. One per zone - survives a zone outage\nChoose 1-2 (Enter keeps 1): 3\n');
    expect(io.screen()).toContain('✗ "3" is not one of the choices: type a number from 1 to 2.');
    expect(io.screen()).toContain('  → One per zone\n');
    io.burst('single\r\r');
    expect(await io.prompts.select({ message: 'NAT gateways', choices, default: 'perAz' })).toBe('single');
    expect(await io.prompts.select({ message: 'NAT gateways', choices, default: 'perAz' })).toBe('perAz');
  });

  it('filters a search by the typed term, and takes a single match at once', async () => {
    const regions = [
      { value: 'eu-west-1', name: 'Europe (Ireland) eu-west-1' },
      { value: 'eu-central-1', name: 'Europe (Frankfurt) eu-central-1' },
      { value: 'us-east-1', name: 'US East (N. Virginia) us-east-1' },
    ];
    const source = (term: string | undefined) => regions.filter((choice) => !term || choice.name.toLowerCase().includes(term.toLowerCase()));
    const io = terminal();
    io.burst('fra\r');
    expect(await io.prompts.search({ message: 'Region', source })).toBe('eu-central-1');
    io.burst('zz\reu\r2\r');
    expect(await io.prompts.search({ message: 'Region', source })).toBe('eu-central-1');
    expect(io.screen()).toContain('✗ Nothing matches "zz".');
    io.burst('\r');
    expect(await io.prompts.search({ message: 'Region', source, pageSize: 2 })).toBe('eu-west-1');
    expect(io.screen()).toContain('  … and 1 more: type part of a name to narrow the list');
  });

  it('takes a checkbox answer as numbers, refusing what validate rejects', async () => {
    const io = terminal();
    io.burst('3\r2 3\r');
    const value = await io.prompts.checkbox({
      message: 'Zones',
      choices: ['a', 'b', 'c'].map((zone) => ({ value: zone, name: zone, checked: zone !== 'c' })),
      validate: (selected) => (selected.length >= 2 ? true : 'choose at least 2'),
    });
    expect(value).toEqual(['b', 'c']);
    expect(io.screen()).toContain('  1. [x] a\n  2. [x] b\n  3. [ ] c\nNumbers to choose, e.g. 1 2 (Enter keeps 1 2): ');
    expect(io.screen()).toContain('✗ choose at least 2');
  });

  it('confirms with y or n, Enter keeping the default', async () => {
    const io = terminal();
    io.burst('maybe\ryes\r\r');
    expect(await io.prompts.confirm({ message: 'Multi-AZ', default: false })).toBe(true);
    expect(io.screen()).toContain('✗ Type y for yes or n for no.');
    expect(await io.prompts.confirm({ message: 'Multi-AZ', default: false })).toBe(false);
  });

  it('recognises Ctrl-C, and the end of input, as a cancel', async () => {
    const io = terminal();
    const cancelled = io.prompts.input({ message: 'App name' }).catch((reason: unknown) => reason);
    io.burst('sho\x03');
    expect(isPromptCancel(await cancelled)).toBe(true);
    const ended = io.prompts.input({ message: 'App name' }).catch((reason: unknown) => reason);
    io.input.end();
    expect(isPromptCancel(await ended)).toBe(true);
    expect(isPromptCancel(new Error('disk full'))).toBe(false);
  });

  it('writes no escape sequence, whatever is typed (arrows, Esc, Tab, function keys)', async () => {
    const io = terminal();
    io.burst('\x1b[A\x1b[Db\tl\x1bOPog\x1b[3~\x1b\r');
    expect(await io.prompts.input({ message: 'App name' })).toBe('blog');
    const choices = [
      { value: 'a', name: 'A' },
      { value: 'b', name: 'B' },
    ];
    io.burst('\x1b[B\r');
    await io.prompts.select({ message: 'Pick', choices });
    io.burst('1\r');
    await io.prompts.checkbox({ message: 'Zones', choices: choices.map((choice) => ({ ...choice, checked: false })) });
    expect(io.screen()).not.toMatch(ESCAPE);
  });
});

describe('the line terminal', () => {
  /** A stdin that is a terminal: raw mode is recorded. */
  function tty() {
    const input = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[], setRawMode(raw: boolean) { input.modes.push(raw); return input; } });
    return input;
  }

  it('goes raw only while a question reads, so Ctrl-C between questions stays the terminal’s signal', async () => {
    const input = tty();
    const terminal = createLineTerminal({ input, output: new PassThrough().resume() });
    const answer = terminal.readLine({ prompt: '? App name: ' });
    expect(input.modes).toEqual([true]);
    input.write('blog\r');
    expect(await answer).toBe('blog');
    expect(input.modes).toEqual([true, false]);
    terminal.close();
    expect(input.isPaused()).toBe(true);
    await expect(terminal.readLine({ prompt: '? again: ' })).rejects.toSatisfy(isPromptCancel);
  });

  it('cancels the question open when it is closed (the run was stopped), and leaves the terminal cooked', async () => {
    const input = tty();
    const terminal = createLineTerminal({ input, output: new PassThrough().resume() });
    const answer = terminal.readLine({ prompt: '? Apply these changes to production? (y/N): ' });
    input.write('y');
    terminal.close();
    await expect(answer).rejects.toSatisfy(isPromptCancel);
    expect(input.modes).toEqual([true, false]);
  });
});
