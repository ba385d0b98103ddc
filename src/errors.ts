/**
 * The one error type of ecs-wizard and the one home of its exit codes.
 *
 * A failure a person can meet is a CliError: one sentence that names the
 * flag, field or path and says what to do, an exit code from EXIT, and
 * where there is one, the next step, the log file and one line per problem.
 * Lower layers (config, terraform) know nothing of it: they return problems
 * or throw their own errors, and whoever calls them says what they mean.
 *
 * reportFailure() is the only thing that turns a failure into output: a
 * `failure` and a `done` event, which the text reporter writes on stderr and
 * the JSON reporter on stdout. No other file in src/ writes an exit-code
 * number (test/errors.test.ts holds that). A stack trace travels with the
 * failure event and is shown only under --debug.
 *
 * Loaded by the entry point for every command, `--help` included: no
 * runtime import of ours, nothing heavy.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Diagnostic } from './terraform/events.js';

/** The README's exit codes. */
export const EXIT = {
  ok: 0,
  /** Terraform, AWS, a full disk, or a bug in ecs-wizard. */
  failure: 1,
  /** Usage or configuration: a flag, a value, a file; nothing was written. */
  usage: 2,
  /** Blocked by the data guard. */
  blocked: 3,
  /** Interrupted: Terraform was stopped safely. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliErrorDetails {
  /** What to do next, in one sentence. */
  readonly next?: string;
  /** The log that has the whole story (a Terraform run's). */
  readonly logFile?: string;
  /** Terraform's error diagnostics, for `--json` readers. */
  readonly diagnostics?: readonly Diagnostic[];
  /** One line per problem under the message, each naming its path. */
  readonly problems?: readonly string[];
  readonly cause?: unknown;
}

/** The base of every failure ecs-wizard reports. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details: CliErrorDetails = {},
  ) {
    super(message, details.cause !== undefined ? { cause: details.cause } : undefined);
  }

  get next(): string | undefined {
    return this.details.next;
  }

  get logFile(): string | undefined {
    return this.details.logFile;
  }
}

/** The command line cannot run as given (a flag, a command, a value). Exit 2. */
export class UsageError extends CliError {
  override readonly name: string = 'UsageError';
  constructor(message: string, details: CliErrorDetails = {}) {
    super(message, EXIT.usage, details);
  }
}

/** ecs-wizard.json, with --preset and --set, is not valid: one line per problem. Exit 2, nothing written. */
export class ConfigError extends UsageError {
  override readonly name: string = 'ConfigError';
  constructor(problems: readonly string[], message?: string) {
    super(message ?? `the configuration has ${problemCount(problems.length)}; nothing was written.`, { problems });
  }
}

/** The file system refused (a folder where a file belongs, no permission, a full disk). Exit 2; 1 for a full disk. */
export class FileSystemError extends CliError {
  override readonly name: string = 'FileSystemError';
  constructor(
    message: string,
    exitCode: ExitCode,
    readonly path: string,
    readonly code: string,
    details: CliErrorDetails = {},
  ) {
    super(message, exitCode, details);
  }
}

/** Something nobody planned for: a bug. Exit 1, and the way to see more. */
export class InternalError extends CliError {
  override readonly name: string = 'InternalError';
  constructor(cause: unknown, logFile?: string) {
    const said = cause instanceof Error ? cause.message : String(cause);
    super(`ecs-wizard hit an internal error: ${firstLine(said) || 'no message'}`, EXIT.failure, {
      cause,
      next: 'Run the same command again with --debug to see where it happened, and report it with that output.',
      ...(logFile ? { logFile } : {}),
    });
  }
}

const firstLine = (text: string): string => text.split('\n')[0]!.trim();

/** "a problem", "3 problems". */
export const problemCount = (count: number): string => (count === 1 ? 'a problem' : `${count} problems`);

/** A value as a message quotes it: JSON-quoted, at most 80 characters. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
}

/** An error from node:fs (or a child process) that names a path. */
interface ErrnoLike {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
  readonly message: string;
}

function isErrno(error: unknown): error is ErrnoLike {
  if (!(error instanceof Error)) return false;
  const { code, syscall } = error as Partial<ErrnoLike>;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof syscall === 'string';
}

const DOING: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  mkdtemp: 'create a temporary folder in',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove the folder',
  scandir: 'list the folder',
  copyfile: 'copy',
  chmod: 'change the mode of',
  symlink: 'link',
};

/** The first ancestor of `path` that exists but is a file: what ENOTDIR is about. */
function fileInTheWay(path: string): string | undefined {
  for (let current = dirname(path); current !== dirname(current); current = dirname(current)) {
    try {
      if (!statSync(current).isDirectory()) return current;
      return undefined;
    } catch {
      // Not there: look further up.
    }
  }
  return undefined;
}

/** One sentence with the path and the fix, for the errors the file system gives. */
export function fileSystemError(error: ErrnoLike): FileSystemError {
  // mkdtemp names the folder it tried to make (a random suffix): the folder it was making it in is what matters.
  const path = error.syscall === 'mkdtemp' && error.path ? dirname(error.path) : (error.path ?? error.dest ?? '');
  const folder = error.syscall === 'mkdtemp' ? path : dirname(path);
  const doing = DOING[error.syscall ?? ''] ?? error.syscall ?? 'use';
  const make = (message: string, exitCode: ExitCode = EXIT.usage) => new FileSystemError(message, exitCode, path, error.code, { cause: error });
  switch (error.code) {
    case 'EISDIR':
      return make(`${path} is a folder where ecs-wizard needs a file: move the folder away, or point --config at a file.`);
    case 'ENOTDIR': {
      const file = fileInTheWay(path);
      return make(
        file
          ? `${file} is a file where ecs-wizard needs a folder: point --dir at a folder (or move the file away).`
          : `cannot ${doing} ${path}: part of the path is a file, not a folder; point --dir at a folder.`,
      );
    }
    case 'EACCES':
    case 'EPERM':
      return make(
        `cannot ${doing} ${path}: permission denied. Make it writable for you (ls -ld ${folder}; chown or chmod), or run from a folder you own with --dir.`,
      );
    case 'EROFS':
      return make(`cannot ${doing} ${path}: the file system is read-only. Run from a writable folder with --dir.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return make(
        `cannot ${doing} ${path}: ${error.code === 'EDQUOT' ? 'the disk quota is used up' : 'the disk is full'}. Free some space, then run the same command again.`,
        EXIT.failure,
      );
    case 'ENOENT':
      return make(`${path} does not exist: check the path (--dir, --config), or create it.`);
    case 'ENAMETOOLONG':
      return make(`${path.slice(0, 80)}… is too long a path for this system: choose a shorter --dir or --config.`);
    case 'ELOOP':
      return make(`${path} is a loop of symbolic links: fix or remove the link.`);
    case 'EMFILE':
    case 'ENFILE':
      return make(`too many open files while trying to ${doing} ${path}: close other programs or raise the limit (ulimit -n), then run again.`, EXIT.failure);
    default:
      return make(`cannot ${doing} ${path}: ${error.code}. Check the path and its permissions, then run again.`, EXIT.failure);
  }
}

/** Errors a programmer made, never a user: reported as internal. */
function isBug(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  return (
    error.constructor === Error ||
    error instanceof TypeError ||
    error instanceof ReferenceError ||
    error instanceof RangeError ||
    error instanceof SyntaxError ||
    error.name === 'AssertionError'
  );
}

/**
 * Any thrown value as a CliError: itself; a file-system error as one
 * sentence with the path; a lower layer's own error (it names itself, as
 * TerraformCommandError or PlanReadError do, with a message written for
 * people) as a failure, exit 1; anything else as an internal error.
 */
export function toCliError(error: unknown, context: { logFile?: string } = {}): CliError {
  if (error instanceof CliError) return error;
  if (isErrno(error)) return fileSystemError(error);
  if (isBug(error)) return new InternalError(error, context.logFile);
  const message = (error as Error).message;
  return new CliError(message, EXIT.failure, { cause: error, ...(context.logFile ? { logFile: context.logFile } : {}) });
}

/** The `failure` event: the message, its problems, and whatever helps the reader act. */
export interface FailureEvent {
  readonly type: 'failure';
  readonly message: string;
  /** One line per problem (a config path, a flag), for failures that have several. */
  readonly problems?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly logFile?: string;
  /** What to do next, in one sentence. */
  readonly next?: string;
  /** Where it was thrown; reporters show it only under --debug. */
  readonly stack?: string;
}

/** The last event of every run. */
export interface DoneEvent {
  readonly type: 'done';
  readonly exitCode: ExitCode;
  readonly summary: string;
}

/** Where the failure began: the cause's stack (a bug's own), else the error's. */
function stackOf(error: CliError): string | undefined {
  const cause = error.details.cause;
  return (cause instanceof Error ? cause.stack : undefined) ?? error.stack;
}

/**
 * Turns any failure into output: one `failure` event and the `done` event
 * that ends the run, sent to `emit` (the text and JSON reporters, the run
 * view). Returns the exit code to end with.
 */
export function reportFailure(error: unknown, emit: (event: FailureEvent | DoneEvent) => void, context: { logFile?: string } = {}): ExitCode {
  const failure = toCliError(error, context);
  const { details } = failure;
  const stack = stackOf(failure);
  emit({
    type: 'failure',
    message: failure.message,
    ...(details.problems?.length ? { problems: details.problems } : {}),
    diagnostics: details.diagnostics ?? [],
    ...(details.logFile ? { logFile: details.logFile } : {}),
    ...(details.next ? { next: details.next } : {}),
    ...(stack ? { stack } : {}),
  });
  emit({ type: 'done', exitCode: failure.exitCode, summary: firstLine(failure.message).replace(/:$/, '') });
  return failure.exitCode;
}
