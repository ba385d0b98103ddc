/**
 * Plain mode's terminal: one reader of the input for the whole session, and
 * the lines it writes. Keys are read as they come and queued, so keys that
 * arrive together are all applied in order, and what a burst holds past one
 * answer's Enter is the start of the next answer (Enter, Enter, Enter keeps
 * three defaults). A question that must not be answered ahead (the data
 * guard, the approval of a plan) starts from an empty queue instead.
 *
 * The terminal goes raw only while a prompt reads, and the echo is ours (see
 * keys.ts): between prompts it is left as it was, so Ctrl-C during a run is
 * the terminal's SIGINT, which stops Terraform safely.
 */
import { StringDecoder } from 'node:string_decoder';
import { createKeyParser, editLine, type LineKey } from './keys.js';

/** Ctrl-C (or the end of input) at a prompt: the person left; nothing failed. */
export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
  constructor(message = 'The prompt was closed.') {
    super(message);
  }
}

export interface ReadLineOptions {
  /** Written before the typed text, on the line it is typed on. */
  readonly prompt: string;
  /** Lines written when `?` is pressed; the prompt is then written again with the text so far. */
  readonly help?: () => readonly string[];
  /** Drop the keys typed before this question was asked. */
  readonly fresh?: boolean;
}

export interface LineTerminal {
  /** Writes text as it is. */
  write(text: string): void;
  /** Reads one line, echoing and editing it as keys arrive. Rejects with PromptCancelled on Ctrl-C or the end of input. */
  readLine(options: ReadLineOptions): Promise<string>;
  /** Stops reading: the input is paused and left cooked, so the process can exit. */
  close(): void;
}

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

interface Reading {
  readonly options: ReadLineOptions;
  text: string;
  resolve(line: string): void;
  reject(error: Error): void;
}

export function createLineTerminal(streams: { readonly input?: NodeJS.ReadableStream; readonly output?: NodeJS.WritableStream } = {}): LineTerminal {
  const input = (streams.input ?? process.stdin) as Input;
  const output = streams.output ?? process.stdout;
  const decoder = new StringDecoder('utf8');
  const parser = createKeyParser();
  const queue: LineKey[] = [];
  let reading: Reading | undefined;
  let ended = false;
  let closed = false;

  const write = (text: string) => {
    if (text) output.write(text);
  };
  const raw = (on: boolean) => {
    if (input.isTTY && typeof input.setRawMode === 'function') input.setRawMode(on);
  };

  const finish = (done: (current: Reading) => void) => {
    const current = reading!;
    reading = undefined;
    raw(false);
    done(current);
  };

  const pump = () => {
    while (reading && queue.length) {
      const step = editLine(reading.text, queue.shift()!);
      switch (step.kind) {
        case 'edit':
          reading.text = step.text;
          write(step.echo);
          break;
        case 'submit':
          write('\n');
          finish((current) => current.resolve(step.text));
          break;
        case 'help': {
          const lines = reading.options.help?.() ?? [];
          write(`\n${lines.map((line) => `${line}\n`).join('')}${reading.options.prompt}${reading.text}`);
          break;
        }
        case 'cancel':
          write('\n');
          finish((current) => current.reject(new PromptCancelled()));
          break;
        case 'none':
          break;
      }
    }
    if (reading && ended) {
      write('\n');
      finish((current) => current.reject(new PromptCancelled('The input ended before an answer.')));
    }
  };

  const onData = (chunk: Buffer | string) => {
    queue.push(...parser.push(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    pump();
  };
  const onEnd = () => {
    ended = true;
    pump();
  };
  input.on('data', onData);
  input.on('end', onEnd);
  input.resume();

  return {
    write,
    readLine(options) {
      if (closed) return Promise.reject(new PromptCancelled());
      if (reading) return Promise.reject(new Error('plain mode asks one question at a time'));
      if (options.fresh) queue.length = 0;
      return new Promise<string>((resolve, reject) => {
        reading = { options, text: '', resolve, reject };
        write(options.prompt);
        raw(true);
        pump();
      });
    },
    close() {
      if (closed) return;
      closed = true;
      input.off('data', onData);
      input.off('end', onEnd);
      if (reading) finish((current) => current.reject(new PromptCancelled()));
      input.pause();
    },
  };
}
