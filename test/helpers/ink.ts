/**
 * A render harness for Ink where ink-testing-library falls short: any
 * terminal size (80×24 and resize), named keys, and waiting for a frame.
 */
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string => this.frames[this.frames.length - 1] ?? '';
}

export class FakeStdin extends EventEmitter {
  private data: string | null = null;
  constructor(public isTTY = true) {
    super();
  }
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export const KEYS = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  backspace: '\u007F',
  space: ' ',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
  pageDown: '\u001B[6~',
} as const;
export type KeyName = keyof typeof KEYS;

/** Lets Ink's input parser (a lone Esc waits one setImmediate) and React settle. */
export const tick = async (): Promise<void> => {
  for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
};

export interface Rendered {
  readonly instance: Instance;
  readonly stdout: FakeStdout;
  readonly stdin: FakeStdin;
  lastFrame(): string;
  /** Presses named keys one at a time, letting each frame render. */
  press(...keys: KeyName[]): Promise<void>;
  /** Types text one character at a time, as a person would. */
  type(text: string): Promise<void>;
  waitFor(expected: string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  unmount(): void;
}

export async function renderInk(node: ReactElement, options: { columns?: number; rows?: number; isTTY?: boolean } = {}): Promise<Rendered> {
  const stdout = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
  const stderr = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
  const stdin = new FakeStdin(options.isTTY ?? true);
  const instance = render(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  // Keys written before the first frame (and its effects) are lost.
  await tick();
  const rendered: Rendered = {
    instance,
    stdout,
    stdin,
    lastFrame: stdout.lastFrame,
    async press(...keys) {
      for (const key of keys) {
        stdin.write(KEYS[key]);
        await tick();
      }
    },
    async type(text) {
      for (const char of text) {
        stdin.write(char);
        await tick();
      }
    },
    async waitFor(expected, timeoutMs = 2000) {
      const matches = typeof expected === 'string' ? (frame: string) => frame.includes(expected) : expected;
      const deadline = Date.now() + timeoutMs;
      while (!matches(stdout.lastFrame())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expected)}; last frame:\n${stdout.lastFrame()}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return stdout.lastFrame();
    },
    async resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await tick();
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
  };
  return rendered;
}

/** Frame height in terminal rows. */
export const heightOf = (frame: string): number => frame.split('\n').length;

/** The frame's text with wrapping undone, to assert on messages whatever the width. */
export const prose = (frame: string): string => frame.replace(/[\s│]+/g, ' ');

/** Waits for a condition that effects settle after a frame (an outcome delivered). */
export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
