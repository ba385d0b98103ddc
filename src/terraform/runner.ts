/**
 * Runs Terraform as a child process and turns its output into typed events.
 *
 * What this module promises, because it drives real AWS accounts:
 *
 * - Terraform runs non-interactively (`-input=false`, `TF_IN_AUTOMATION=1`,
 *   stdin closed) with the caller's environment passed through, so
 *   TF_CLI_CONFIG_FILE, AWS_PROFILE, proxies and the rest work as users expect.
 * - Every line Terraform prints reaches the log file before it is parsed:
 *   Terraform's stdout IS the log file (opened before Terraform starts: no
 *   log, no run), and ecs-wizard reads the events back from it as they come.
 *   Stderr goes to a file beside it, copied into the log as it is read.
 * - Terraform never depends on ecs-wizard staying alive. It runs in its own
 *   session, and its output goes to files, not to pipes ecs-wizard reads: a
 *   reader that dies (kill -9, a closed terminal taking the CLI down) would
 *   break a pipe, and Terraform dies of SIGPIPE on its next line, mid-apply,
 *   its state unsaved (seen with Terraform 1.11: exit 141, the resource being
 *   created missing from the state). With files, Terraform finishes, saves
 *   its state and releases its lock, and the log shows what it did. Commands
 *   that print one JSON document (show, output) still use a pipe: they change
 *   nothing, and their document holds secrets the log must not keep.
 * - Cancellation is graceful. Aborting `signal` sends exactly ONE SIGINT:
 *   Terraform then stops starting new operations, waits for those in flight,
 *   writes state and releases its lock. A second SIGINT would make it exit at
 *   once ("Two interrupts received") and may lose state, so it is never sent.
 *   Stdout keeps being read until Terraform exits. Only `escalate()` (or
 *   aborting `forceSignal`) kills it, with SIGKILL, and that is reported.
 * - Terraform runs in its own process group (`detached`). A Ctrl-C typed in a
 *   terminal signals the whole foreground group; without this, Terraform would
 *   get the terminal's SIGINT plus ours, i.e. two, i.e. an immediate exit.
 *   The wizard owns Ctrl-C and forwards it here.
 * - Failing to run at all (binary vanished, cwd missing) throws. Terraform
 *   failing is not an exception: it is a result with an exit code and the
 *   diagnostics Terraform gave.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { execa, type Options, type ResultPromise } from 'execa';
import { hasDetailedExitCode, redactArgs, subcommandOf, withAutomationFlags } from './args.js';
import type { TerraformBinary } from './binary.js';
import type { Diagnostic, TerraformEvent } from './events.js';
import { LineSplitter, parseEventLine, stripAnsi } from './parser.js';

export interface RunTerraformOptions {
  /** The binary from findTerraform(), or a path (then assumed >= 1.9 for `init -json`). */
  readonly binary: TerraformBinary | string;
  /** Subcommand and its arguments, e.g. `['plan', '-out=tfplan']`. Automation flags are added. */
  readonly args: readonly string[];
  /** The stack folder. */
  readonly cwd: string;
  /** Added on top of the parent environment (which is always passed through). */
  readonly env?: NodeJS.ProcessEnv;
  /** Abort to stop Terraform gracefully: one SIGINT, then wait for it to exit. */
  readonly signal?: AbortSignal;
  /** Abort to kill Terraform at once (SIGKILL). For a second Ctrl-C. May lose state. */
  readonly forceSignal?: AbortSignal;
  /** Where to append the run's log. Parent folders are created. */
  readonly logFile: string;
  /** Called for each event, in order. A throwing handler never stops the run (see `handlerError`). */
  readonly onEvent?: (event: TerraformEvent) => void;
}

export interface TerraformRunResult {
  /** The argument list Terraform received (automation flags included). */
  readonly args: readonly string[];
  /** Terraform's exit code; null when it was killed by a signal. */
  readonly exitCode: number | null;
  /** The signal that killed Terraform (SIGKILL after escalate()), or null. */
  readonly signal: string | null;
  /** A SIGINT was forwarded: the run was stopped on request, whatever the exit code. */
  readonly interrupted: boolean;
  /** SIGKILL was sent: Terraform may not have written its state or released its lock. */
  readonly escalated: boolean;
  /**
   * The command did what was asked: exit 0, or exit 2 under -detailed-exitcode,
   * and the user did not ask to stop. A run stopped on request is never ok,
   * even if Terraform finished anyway, so a flow never goes on to the next
   * step after Ctrl-C; `exitCode` says whether Terraform completed.
   */
  readonly ok: boolean;
  /**
   * Only under `plan -detailed-exitcode` and when ok: true for exit 2 (the plan
   * has changes), false for exit 0 (nothing to do). Undefined otherwise.
   */
  readonly changes: boolean | undefined;
  readonly logFile: string;
  /** Every diagnostic Terraform printed, in order. */
  readonly diagnostics: readonly Diagnostic[];
  /** The error diagnostics among them. */
  readonly errors: readonly Diagnostic[];
  readonly durationMs: number;
  /** Set when writing the log failed part-way (disk full...): the run went on regardless. */
  readonly logWriteError: string | undefined;
  /** First error thrown by `onEvent`, if any. Terraform's pipe was kept flowing regardless. */
  readonly handlerError: unknown;
}

/** A started run: control handles and the eventual result. */
export interface TerraformProcess {
  readonly pid: number | undefined;
  /** Forward one SIGINT (idempotent). Same as aborting `signal`. */
  interrupt(): void;
  /** Kill at once with SIGKILL (idempotent). Same as aborting `forceSignal`. */
  escalate(): void;
  readonly result: Promise<TerraformRunResult>;
}

/** Terraform could not be started at all. Not used for Terraform's own failures. */
export class TerraformSpawnError extends Error {
  override readonly name = 'TerraformSpawnError';
  constructor(
    message: string,
    readonly logFile: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (log: ${logFile})`, options);
  }
}

/** A command whose output we need (show, output, validate) failed. */
export class TerraformCommandError extends Error {
  override readonly name = 'TerraformCommandError';
  constructor(
    message: string,
    readonly result: TerraformRunResult,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Runs Terraform to completion. See startTerraform for control handles. */
export function runTerraform(options: RunTerraformOptions): Promise<TerraformRunResult> {
  return startTerraform(options).result;
}

/**
 * Starts Terraform and returns at once. Throws synchronously only if the log
 * file cannot be opened (nothing has been started then).
 */
export function startTerraform(options: RunTerraformOptions): TerraformProcess {
  return start(options, { document: false });
}

/** Output mode: `lines` parses UI event lines; `document` collects stdout as one JSON document. */
interface StartMode {
  readonly document: boolean;
}

interface Internal extends TerraformProcess {
  readonly stdout: Promise<string>;
  readonly stderr: Promise<string>;
}

function start(options: RunTerraformOptions, mode: StartMode): Internal {
  const binaryPath = typeof options.binary === 'string' ? options.binary : options.binary.path;
  const args = withAutomationFlags(options.args, typeof options.binary === 'string' ? undefined : options.binary);
  const log = new RunLog(options.logFile);
  const started = Date.now();
  const diagnostics: Diagnostic[] = [];
  let handlerError: unknown;
  let interrupted = false;
  let escalated = false;
  let child: ResultPromise | undefined;

  const emit = (event: TerraformEvent): void => {
    if (event.type === 'diagnostic') diagnostics.push(event.diagnostic);
    if (!options.onEvent) return;
    try {
      options.onEvent(event);
    } catch (error) {
      // A view bug must not stop us reading Terraform's stdout mid-apply.
      if (handlerError === undefined) handlerError = error;
      log.record('handler_error', `ecs-wizard: event handler threw: ${String(error)}`);
    }
  };

  log.record('run_start', `ecs-wizard: ${path.basename(binaryPath)} ${redactArgs(args).join(' ')}`, {
    binary: binaryPath,
    args: redactArgs(args),
    cwd: options.cwd,
  });
  // Where Terraform's own lines begin in the log.
  const stdoutStart = log.size();

  // A stop requested after Terraform exited is no stop at all: it must not
  // mark a finished run as interrupted, nor signal a pid the OS may have reused.
  const exited = (): boolean => child !== undefined && (child.exitCode !== null || child.signalCode !== null);
  const interrupt = (): void => {
    if (interrupted || escalated || exited()) return;
    interrupted = true;
    if (!child) return; // not spawned (pre-aborted): nothing to signal
    log.record('interrupt', 'ecs-wizard: forwarding one SIGINT to terraform (graceful stop)');
    signalChild(child, 'SIGINT', false);
  };
  const escalate = (): void => {
    if (escalated || exited()) return;
    escalated = true;
    if (!child) return;
    log.record('escalate', 'ecs-wizard: sending SIGKILL to terraform (state may not be saved)');
    signalChild(child, 'SIGKILL', true);
  };

  const onAbort = (): void => interrupt();
  const onForce = (): void => escalate();

  let resolveStdout: (text: string) => void = () => {};
  let resolveStderr: (text: string) => void = () => {};
  const stdoutText = new Promise<string>((r) => (resolveStdout = r));
  const stderrText = new Promise<string>((r) => (resolveStderr = r));

  const finish = (exitCode: number | null, signal: string | null): TerraformRunResult => {
    options.signal?.removeEventListener('abort', onAbort);
    options.forceSignal?.removeEventListener('abort', onForce);
    const detailed = hasDetailedExitCode(args) && subcommandOf(args) === 'plan';
    const ok = !interrupted && !escalated && (exitCode === 0 || (detailed && exitCode === 2));
    const result: TerraformRunResult = {
      args,
      exitCode,
      signal,
      interrupted,
      escalated,
      ok,
      changes: detailed && ok ? exitCode === 2 : undefined,
      logFile: options.logFile,
      diagnostics,
      errors: diagnostics.filter((d) => d.severity === 'error'),
      durationMs: Date.now() - started,
      logWriteError: log.error,
      handlerError,
    };
    log.record('run_end', `ecs-wizard: terraform exited (${describeExit(result)})`, {
      exit_code: exitCode,
      signal,
      interrupted,
      escalated,
      duration_ms: result.durationMs,
    });
    log.close();
    return { ...result, logWriteError: log.error };
  };

  // Aborted before we even started: do not start Terraform at all.
  if (options.signal?.aborted || options.forceSignal?.aborted) {
    interrupted = true;
    log.record('interrupt', 'ecs-wizard: cancelled before terraform started');
    resolveStdout('');
    resolveStderr('');
    return {
      pid: undefined,
      interrupt,
      escalate,
      result: Promise.resolve(finish(null, null)),
      stdout: stdoutText,
      stderr: stderrText,
    };
  }

  // UI events: Terraform writes straight into the log (appending, as our own
  // records do) and stderr into a file beside it; both are read back below.
  const capture = mode.document ? undefined : openCapture(options.logFile);
  const spawnOptions: Options = {
    cwd: options.cwd,
    env: { ...options.env, TF_IN_AUTOMATION: '1' },
    extendEnv: true,
    stdin: 'ignore',
    // A file descriptor is handed to the child as is (execa's types list only 3-9).
    stdout: (capture?.stdoutFd ?? 'pipe') as Options['stdout'],
    stderr: (capture?.stderrFd ?? 'pipe') as Options['stderr'],
    buffer: false,
    reject: false,
    detached: true,
    // execa would follow a kill with SIGKILL after 5 s; Terraform's graceful
    // stop can rightly take minutes (an RDS create in flight). We escalate only
    // when told to.
    forceKillAfterDelay: false,
    // Nor kill it when this process exits: a half-finished apply must be
    // allowed to finish and write its state.
    cleanup: false,
    windowsHide: true,
  };
  child = execa(binaryPath, args, spawnOptions) as ResultPromise;
  const proc = child;
  options.signal?.addEventListener('abort', onAbort, { once: true });
  options.forceSignal?.addEventListener('abort', onForce, { once: true });

  const outSplitter = new LineSplitter();
  const errSplitter = new LineSplitter();
  const documentChunks: Buffer[] = [];
  const stderrLines: string[] = [];
  let documentBytes = 0;

  const onStdoutLine = (line: string): void => {
    if (!capture) log.raw(line);
    if (stripAnsi(line).trim() === '') return; // blank/colour-only lines: in the log, not worth an event
    emit(parseEventLine(line));
  };
  // Read back from the log: our own records (interrupt, stderr...) are there too.
  const onLogLine = (line: string): void => {
    if (isOwnRecord(line)) return;
    onStdoutLine(line);
  };
  const tails = capture
    ? [new FileTail(options.logFile, stdoutStart, onLogLine), new FileTail(capture.stderrFile, 0, (line) => onStderrLine(line))]
    : [];
  const poller = tails.length ? setInterval(() => tails.forEach((tail) => tail.poll()), TAIL_POLL_MS) : undefined;
  const onStderrLine = (line: string): void => {
    stderrLines.push(line);
    log.record('stderr', line, undefined, 'warn');
    if (stripAnsi(line).trim() === '') return;
    // Stderr is where Terraform puts what it could not say in JSON (CLI config
    // warnings, crashes): always text, never parsed as events.
    emit({ type: 'log', source: 'text', stream: 'stderr', level: 'warn', message: stripAnsi(line), timestamp: undefined });
  };

  proc.stdout?.on('data', (chunk: Buffer) => {
    if (mode.document) {
      documentChunks.push(chunk);
      documentBytes += chunk.length;
    } else {
      for (const line of outSplitter.push(chunk)) onStdoutLine(line);
    }
  });
  proc.stderr?.on('data', (chunk: Buffer) => {
    for (const line of errSplitter.push(chunk)) onStderrLine(line);
  });

  const result = proc.then((r) => {
    if (poller) clearInterval(poller);
    // Terraform has exited: everything it wrote is in the files. Read to the end.
    for (const tail of tails) tail.end();
    if (capture) capture.close();
    for (const line of outSplitter.end()) onStdoutLine(line);
    for (const line of errSplitter.end()) onStderrLine(line);
    if (mode.document) {
      // A JSON document (show, output) can hold secrets in clear text: the log
      // says how much was read, not what.
      log.record('stdout_document', `ecs-wizard: read ${documentBytes} bytes of JSON from stdout (not logged)`);
    }
    resolveStdout(Buffer.concat(documentChunks).toString('utf8'));
    resolveStderr(stderrLines.join('\n'));
    const exitCode = typeof r.exitCode === 'number' ? r.exitCode : null;
    const signal = typeof r.signal === 'string' ? r.signal : null;
    if (exitCode === null && signal === null) {
      // Neither exited nor killed: it never started (ENOENT, EACCES, bad cwd).
      const message = `could not start ${binaryPath}: ${r.shortMessage ?? 'unknown error'}`;
      log.record('spawn_error', `ecs-wizard: ${message}`);
      finish(null, null);
      throw new TerraformSpawnError(message, options.logFile, { cause: r.cause });
    }
    return finish(exitCode, signal);
  });

  return { pid: proc.pid, interrupt, escalate, result, stdout: stdoutText, stderr: stderrText };
}

/** How often the captured output is read while Terraform runs. */
const TAIL_POLL_MS = 25;

/** A line of the log that ecs-wizard wrote (a record), not Terraform. */
function isOwnRecord(line: string): boolean {
  return line.startsWith('{"@level":') && line.includes('"@module":"ecs-wizard"') && line.includes('"type":"ecs_wizard_');
}

/**
 * The files Terraform's stdout and stderr go to: the log itself (appending)
 * and `<log>.stderr` beside it, removed once copied into the log. A run that
 * dies before that leaves it, with whatever Terraform said there.
 */
function openCapture(logFile: string): { stdoutFd: number; stderrFd: number; stderrFile: string; close(): void } {
  const stderrFile = `${logFile.replace(/\.jsonl$/, '')}.stderr`;
  const stdoutFd = openSync(logFile, 'a');
  let stderrFd: number;
  try {
    stderrFd = openSync(stderrFile, 'w');
  } catch (error) {
    closeSync(stdoutFd);
    throw error;
  }
  let closed = false;
  return {
    stdoutFd,
    stderrFd,
    stderrFile,
    close() {
      if (closed) return;
      closed = true;
      for (const fd of [stdoutFd, stderrFd]) {
        try {
          closeSync(fd);
        } catch {
          // Already closed.
        }
      }
      rmSync(stderrFile, { force: true });
    },
  };
}

/** Reads a file as it grows, from an offset, line by line. */
class FileTail {
  private readonly fd: number;
  private readonly splitter = new LineSplitter();
  private readonly buffer = Buffer.allocUnsafe(64 * 1024);
  private done = false;

  constructor(
    readonly file: string,
    private position: number,
    private readonly onLine: (line: string) => void,
  ) {
    this.fd = openSync(file, 'r');
  }

  poll(): void {
    if (this.done) return;
    for (;;) {
      let read: number;
      try {
        read = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position);
      } catch {
        return; // try again next time
      }
      if (read === 0) return;
      this.position += read;
      for (const line of this.splitter.push(this.buffer.subarray(0, read))) this.onLine(line);
    }
  }

  end(): void {
    this.poll();
    if (this.done) return;
    this.done = true;
    for (const line of this.splitter.end()) this.onLine(line);
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }
}

function signalChild(child: ResultPromise, signal: 'SIGINT' | 'SIGKILL', wholeGroup: boolean): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    // SIGKILL goes to the whole group so the provider plugins Terraform started
    // die with it instead of lingering. SIGINT goes to Terraform alone: it
    // stops its providers itself, over RPC, in order.
    if (wholeGroup && process.platform !== 'win32') process.kill(-pid, signal);
    else process.kill(pid, signal);
  } catch {
    // Already gone: nothing to stop.
  }
}

function describeExit(r: Pick<TerraformRunResult, 'exitCode' | 'signal' | 'interrupted' | 'escalated'>): string {
  const how = r.signal !== null ? `killed by ${r.signal}` : `exit code ${String(r.exitCode)}`;
  return r.escalated ? `${how}, force-stopped` : r.interrupted ? `${how}, interrupted` : how;
}

/**
 * The log file of one run. Stdout lines are written exactly as Terraform
 * printed them; everything ecs-wizard adds (start/end records, stderr lines)
 * is one JSON object per line in Terraform's own shape (`@level`, `@message`,
 * `@module: "ecs-wizard"`, `type: "ecs_wizard_*"`), so the whole file can be
 * read back with parseEventLine and still tells who said what.
 */
class RunLog {
  private fd: number | undefined;
  error: string | undefined;

  constructor(readonly file: string) {
    // Opening may throw (permissions, bad path): before Terraform starts, on purpose.
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'a');
  }

  raw(line: string): void {
    this.write(`${line}\n`);
  }

  /** Bytes in the file now. */
  size(): number {
    if (this.fd === undefined) return 0;
    try {
      return fstatSync(this.fd).size;
    } catch {
      return 0;
    }
  }

  record(kind: string, message: string, extra?: Record<string, unknown>, level = 'info'): void {
    const entry = {
      '@level': level,
      '@message': message,
      '@module': 'ecs-wizard',
      '@timestamp': new Date().toISOString(),
      type: `ecs_wizard_${kind}`,
      ...extra,
    };
    this.write(`${JSON.stringify(entry)}\n`);
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch (error) {
      this.error ??= String(error);
    }
    this.fd = undefined;
  }

  private write(text: string): void {
    if (this.fd === undefined) return;
    try {
      // Synchronous on purpose: the bytes reach the kernel before we parse
      // the line, so a crash right after cannot lose it.
      writeSync(this.fd, text);
    } catch (error) {
      // Disk full or similar: keep the run going (stopping mid-apply is worse
      // than an incomplete log) and report it in the result.
      this.error ??= String(error);
    }
  }
}

/**
 * Runs a command whose stdout is one JSON document (show, output, validate)
 * and returns it parsed. Throws TerraformCommandError if Terraform fails or
 * prints something that is not JSON.
 */
export async function runTerraformJson(
  options: Omit<RunTerraformOptions, 'onEvent'>,
  acceptExitCodes: readonly number[] = [0],
): Promise<{ json: unknown; result: TerraformRunResult }> {
  const { stdout, stderr, result, command } = await runTerraformOutput(options, acceptExitCodes);
  try {
    return { json: JSON.parse(stdout) as unknown, result };
  } catch {
    throw new TerraformCommandError(
      `${command} did not print JSON (log: ${result.logFile}); first bytes: ${JSON.stringify(stdout.slice(0, 120))}`,
      result,
      stderr,
    );
  }
}

/**
 * Runs a command whose standard output is the answer (`state pull`, `show
 * -json`...) and returns it whole. Like the JSON commands, the output is
 * never written to the log: it may hold every secret of the state.
 */
export async function runTerraformOutput(
  options: Omit<RunTerraformOptions, 'onEvent'>,
  acceptExitCodes: readonly number[] = [0],
): Promise<{ stdout: string; stderr: string; result: TerraformRunResult; command: string }> {
  const run = start(options, { document: true });
  const result = await run.result;
  const [stdout, stderr] = await Promise.all([run.stdout, run.stderr]);
  const command = `terraform ${redactArgs(result.args).join(' ')}`;
  if (result.interrupted || result.escalated) {
    throw new TerraformCommandError(`${command} was interrupted (log: ${result.logFile})`, result, stderr);
  }
  if (result.exitCode === null || !acceptExitCodes.includes(result.exitCode)) {
    const said = terraformErrorText(stderr);
    const why = said ? `: ${said}` : '';
    throw new TerraformCommandError(
      `${command} failed (${describeExit(result)})${why} (log: ${result.logFile})`,
      result,
      stderr,
    );
  }
  return { stdout, stderr, result, command };
}

/**
 * Terraform's human error box on stderr (`╷ │ Error: ... ╵`, in colour) as
 * one plain line, for an error message.
 */
export function terraformErrorText(stderr: string, maxLength = 600): string {
  const text = stripAnsi(stderr)
    .split('\n')
    .map((line) => line.replace(/^\s*[│╷╵]\s?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
