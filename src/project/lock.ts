/**
 * The project lock: two ecs-wizard runs in one project never overlap.
 *
 * Without it, a second run could rewrite the plan file a first one is about
 * to apply, or regenerate the project under it. Every command that writes the
 * project or runs Terraform holds `.ecs-wizard/lock` from start to end; a
 * second one waits for it (saying who holds it), or stops at once when asked
 * not to wait.
 *
 * The lock file holds who took it (pid, host, command, start time, a random
 * token) and, while a Terraform child runs, that child's pid: after a kill -9
 * of ecs-wizard, Terraform may still be finishing an apply, and the project
 * stays locked until it ends.
 *
 * How it is made safe without OS file locks (which Node does not offer):
 * - Taking it is one `link(2)` of a fully written file onto `lock`: atomic,
 *   and it fails if the lock exists. Nobody ever reads a half-written lock.
 * - A lock whose holder (and Terraform child) is gone is taken over through a
 *   claim on that very lock: `lock.takeover-<token>`, itself taken with
 *   link(2). Only the winner of the claim removes the dead lock, and only
 *   after checking it still carries the dead token; then it races for `lock`
 *   like anyone else. Two takers can never both remove a lock, nor remove a
 *   live one. A claim left by a taker that died is itself taken over the same
 *   way.
 * - On the same host a holder is alive while its pid runs with the same start
 *   time; a lock from another host (a shared folder) is alive while its
 *   holder refreshes its time stamp (every HEARTBEAT_MS).
 *
 * Locks are re-entrant within one process: the engine holds it for a whole
 * run and the project writer inside it asks again.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { EXIT } from '../errors.js';
import { RunFailure } from '../tasks/failures.js';
import { processAlive, processStartTime } from './processes.js';

export const LOCK_PATH = join('.ecs-wizard', 'lock');

/** A holder refreshes its lock's time stamp this often. */
export const HEARTBEAT_MS = 15_000;
/** A lock from another host not refreshed for this long is stale. */
export const STALE_MS = 120_000;


export interface TerraformChild {
  readonly pid: number;
  readonly startTime?: string;
  /** `plan`, `apply`, … as the run names it. */
  readonly command: string;
  readonly logFile: string;
}

export interface LockInfo {
  readonly version: 1;
  readonly token: string;
  readonly pid: number;
  readonly startTime?: string;
  readonly host: string;
  /** The ecs-wizard command that holds it: `apply`, `synth`, … */
  readonly command: string;
  readonly startedAt: string;
  /** The Terraform process this run is waiting for, if any. */
  readonly terraform?: TerraformChild;
}

/** Who holds a lock, and whether they are still there. */
export interface LockHolder {
  readonly info: LockInfo;
  /** The ecs-wizard process is gone, but the Terraform it started still runs. */
  readonly orphanTerraform: boolean;
}

export interface ProjectLock {
  readonly file: string;
  readonly info: LockInfo;
  /** Set when this lock was taken over from a run that died holding it. */
  readonly tookOverFrom?: LockInfo;
  /** Record (or clear) the Terraform child this run waits for, so a next run knows after a kill -9. */
  setTerraform(child: TerraformChild | undefined): void;
  release(): void;
}

export interface AcquireOptions {
  readonly dir: string;
  /** What this run is, for whoever waits on it: `apply`, `synth`… */
  readonly command: string;
  /** How long to wait for another run: undefined waits as long as it takes, 0 not at all. */
  readonly timeoutMs?: number;
  /** Aborting stops the wait (Ctrl-C): a RunFailure with exit code 130. */
  readonly signal?: AbortSignal;
  /** Told once per holder that makes this run wait. */
  readonly onWait?: (holder: LockHolder) => void;
  /** Poll interval while waiting. */
  readonly pollMs?: number;
}

interface Held {
  readonly lock: ProjectLock;
  count: number;
}

const held = new Map<string, Held>();
let releasingOnExit = false;

/** Takes the project lock, waiting for another run as told; throws a RunFailure (2 or 130) when it cannot. */
export async function acquireProjectLock(options: AcquireOptions): Promise<ProjectLock> {
  const file = join(options.dir, LOCK_PATH);
  const mine = held.get(file);
  if (mine) {
    mine.count++;
    return nested(mine, false);
  }
  const info: LockInfo = {
    version: 1,
    token: randomBytes(12).toString('hex'),
    pid: process.pid,
    ...optional('startTime', processStartTime(process.pid)),
    host: hostname(),
    command: options.command,
    startedAt: new Date().toISOString(),
  };
  const started = Date.now();
  let told: string | undefined;
  let tookOverFrom: LockInfo | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new RunFailure('Stopped while waiting for the other ecs-wizard run; nothing was done.', EXIT.interrupted);
    let attempt: Attempt;
    try {
      mkdirSync(dirname(file), { recursive: true });
      attempt = tryTake(file, info);
    } catch (error) {
      throw cannotLock(file, error as NodeJS.ErrnoException);
    }
    if (attempt.taken) {
      const entry: Held = { lock: makeLock(file, info, tookOverFrom ?? attempt.tookOverFrom), count: 1 };
      held.set(file, entry);
      if (!releasingOnExit) {
        // process.exit() anywhere, or the end of the event loop: never leave our lock behind.
        releasingOnExit = true;
        process.on('exit', () => {
          for (const each of [...held.values()]) each.lock.release();
        });
      }
      await removeDeadClaims(file);
      return nested(entry, true);
    }
    if (attempt.tookOverFrom) tookOverFrom = attempt.tookOverFrom;
    const holder = attempt.holder;
    if (!holder) {
      // Released, or another taker is mid-takeover: look again in a moment.
      await sleep(10, options.signal);
      continue;
    }
    const waited = Date.now() - started;
    if (options.timeoutMs !== undefined && waited >= options.timeoutMs) throw busyFailure(file, holder, options.timeoutMs);
    const key = `${holder.info.token}:${holder.orphanTerraform}`;
    if (told !== key) {
      told = key;
      options.onWait?.(holder);
    }
    await sleep(Math.min(options.pollMs ?? 250, options.timeoutMs === undefined ? Infinity : Math.max(1, options.timeoutMs - waited)), options.signal);
  }
}

/** Runs `body` holding the project lock. */
export async function withProjectLock<T>(options: AcquireOptions, body: (lock: ProjectLock) => Promise<T>): Promise<T> {
  const lock = await acquireProjectLock(options);
  try {
    return await body(lock);
  } finally {
    lock.release();
  }
}

/** Does this process hold the lock of `dir`? */
export function holdsProjectLock(dir: string): boolean {
  return held.has(join(dir, LOCK_PATH));
}

/** Reads the lock of `dir` and says whether its holder is alive; undefined when unlocked. */
export function readProjectLock(dir: string): (LockHolder & { alive: boolean }) | undefined {
  const read = readLock(join(dir, LOCK_PATH));
  if (!read) return undefined;
  return { info: read.info, alive: holderAlive(read), orphanTerraform: orphan(read) };
}

/** The sentence a waiting run prints: who holds the project, and what ends the wait. */
export function describeHolder(holder: LockHolder): string {
  const { info } = holder;
  const where = info.host === hostname() ? '' : ` on ${info.host}`;
  if (holder.orphanTerraform && info.terraform) {
    return `terraform ${info.terraform.command} (PID ${info.terraform.pid}${where}) is still running: the ecs-wizard ${info.command} that started it (PID ${info.pid}, started ${info.startedAt}) was killed. It holds the state until it ends; its output goes on into ${info.terraform.logFile}`;
  }
  return `another ecs-wizard run holds this project: ecs-wizard ${info.command} (PID ${info.pid}${where}, started ${info.startedAt})`;
}

/** What a run that took over a dead run's lock says about it. */
export function describeTakeover(previous: LockInfo): string {
  const terraform = previous.terraform ? ` while terraform ${previous.terraform.command} ran (log: ${previous.terraform.logFile})` : '';
  return `The ecs-wizard ${previous.command} started ${previous.startedAt} (PID ${previous.pid}) ended without releasing the project lock${terraform}; its process is gone, and this run took the lock over.`;
}

// ---- taking, reading and releasing

export type Attempt =
  | { readonly taken: true; readonly tookOverFrom?: LockInfo }
  | { readonly taken: false; readonly holder?: LockHolder; readonly tookOverFrom?: LockInfo };

interface ReadLock {
  readonly file: string;
  readonly info: LockInfo;
  /** The token the takeover claim is named after: the lock's own, or a hash of an unreadable one. */
  readonly claimKey: string;
  readonly mtimeMs: number;
}

/**
 * One attempt at the lock. `pause` is a test seam: it runs between reading a
 * dead lock and claiming it, where another taker may slip in.
 */
export function tryTake(file: string, info: LockInfo, pause?: () => void): Attempt {
  if (link(file, info)) return { taken: true };
  const current = readLock(file);
  if (!current) return { taken: false }; // released meanwhile
  if (holderAlive(current)) return { taken: false, holder: { info: current.info, orphanTerraform: orphan(current) } };
  pause?.();
  // Dead: claim the right to remove exactly this lock.
  const claim = `${file}.takeover-${current.claimKey}`;
  if (!takeClaim(claim, info)) return { taken: false };
  try {
    const again = readLock(file);
    if (again?.claimKey === current.claimKey) unlinkSync(file);
  } finally {
    unlinkQuietly(claim);
  }
  return link(file, info) ? { taken: true, tookOverFrom: current.info } : { taken: false, tookOverFrom: current.info };
}

/** A takeover claim: taken with link(2); a dead taker's claim is itself taken over, recursively. */
function takeClaim(claim: string, info: LockInfo, depth = 0): boolean {
  if (link(claim, info)) return true;
  if (depth > 8) return false;
  const current = readLock(claim);
  if (!current || holderAlive(current)) return false;
  const inner = `${claim}.takeover-${current.claimKey}`;
  if (!takeClaim(inner, info, depth + 1)) return false;
  try {
    if (readLock(claim)?.claimKey === current.claimKey) unlinkSync(claim);
  } finally {
    unlinkQuietly(inner);
  }
  return link(claim, info);
}

/** Writes `info` to a private file, then links it to `target`: false if `target` exists. */
function link(target: string, info: LockInfo): boolean {
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.ecs-wizard-tmp`;
  writeWhole(temporary, info);
  try {
    linkSync(temporary, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(temporary);
  }
}

/** Not flushed to disk: a lock guards processes, and a power cut ends them all (a reboot's stale lock is taken over). */
function writeWhole(path: string, info: LockInfo): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
}

function readLock(file: string): ReadLock | undefined {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(file, 'utf8');
    mtimeMs = statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    if (typeof info.token === 'string' && /^[0-9a-f]+$/.test(info.token) && typeof info.pid === 'number' && typeof info.host === 'string') {
      return { file, info, claimKey: info.token, mtimeMs };
    }
  } catch {
    // Not ours, or damaged by hand: below.
  }
  // Unreadable: alive for a while (someone may be fixing it), then stale.
  const key = Buffer.from(text).toString('hex').slice(0, 24) || 'empty';
  return {
    file,
    info: { version: 1, token: key, pid: 0, host: '?', command: 'unknown', startedAt: new Date(mtimeMs).toISOString() },
    claimKey: key,
    mtimeMs,
  };
}

function holderAlive(lock: ReadLock): boolean {
  const { info } = lock;
  if (info.pid === 0) return Date.now() - lock.mtimeMs < STALE_MS;
  if (info.host !== hostname()) return Date.now() - lock.mtimeMs < STALE_MS;
  if (info.pid === process.pid && held.get(lock.file)?.lock.info.token !== info.token) {
    // Our pid, not our lock: a process that had our pid before us (a container's pid 1...).
    return orphan(lock);
  }
  return processAlive(info.pid, info.startTime) || orphan(lock);
}

/** Its ecs-wizard is gone but its Terraform child runs on (same host only). */
function orphan(lock: ReadLock): boolean {
  const { info } = lock;
  if (!info.terraform || info.host !== hostname()) return false;
  if (info.pid !== process.pid && processAlive(info.pid, info.startTime)) return false;
  return processAlive(info.terraform.pid, info.terraform.startTime);
}

function makeLock(file: string, info: LockInfo, tookOverFrom: LockInfo | undefined): ProjectLock {
  let current = info;
  let released = false;
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // Gone or unwritable: the holder finds out when it releases.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const lock: ProjectLock = {
    file,
    get info() {
      return current;
    },
    ...(tookOverFrom ? { tookOverFrom } : {}),
    setTerraform(child) {
      if (released) return;
      const { terraform: _previous, ...rest } = current;
      current = child ? { ...rest, terraform: child } : rest;
      // Replace the lock's content in one rename: readers see old or new, never half.
      const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.ecs-wizard-tmp`;
      try {
        writeWhole(temporary, current);
        renameSync(temporary, file);
      } catch {
        unlinkQuietly(temporary);
      }
    },
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      held.delete(file);
      // Only our own lock: never one someone took over from us.
      const read = readLock(file);
      if (read?.info.token === info.token) unlinkQuietly(file);
    },
  };
  return lock;
}

/** A counted handle: the lock goes when the last one is released. Only the first says it took over. */
function nested(entry: Held, first: boolean): ProjectLock {
  let released = false;
  return {
    get file() {
      return entry.lock.file;
    },
    get info() {
      return entry.lock.info;
    },
    ...(first && entry.lock.tookOverFrom ? { tookOverFrom: entry.lock.tookOverFrom } : {}),
    setTerraform: (child) => entry.lock.setTerraform(child),
    release() {
      if (released) return;
      released = true;
      entry.count--;
      if (entry.count === 0) entry.lock.release();
    },
  };
}

/** Claims and temporaries of takers that died: harmless, but litter. */
async function removeDeadClaims(file: string): Promise<void> {
  const folder = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const path = join(folder, name);
    const temporary = /\.(\d+)-[0-9a-f]{8}\.ecs-wizard-tmp$/.exec(name);
    if (temporary) {
      if (Number(temporary[1]) !== process.pid && !processAlive(Number(temporary[1]))) unlinkQuietly(path);
      continue;
    }
    if (!name.includes('.takeover-')) continue;
    const claim = readLock(path);
    if (claim && !holderAlive(claim)) unlinkQuietly(path);
  }
}

function busyFailure(file: string, holder: LockHolder, timeoutMs: number): RunFailure {
  const waited = timeoutMs === 0 ? 'and --no-wait says not to wait' : `and did not finish within --lock-timeout (${Math.round(timeoutMs / 1000)} s)`;
  return new RunFailure(`The project is in use: ${describeHolder(holder)}, ${waited}. Nothing was done.`, EXIT.usage, {
    next: holder.orphanTerraform
      ? 'Wait for that Terraform to finish, then run again (without --no-wait, ecs-wizard waits for it).'
      : `Wait for it to finish and run again, or run without --no-wait to wait for it. If no such run exists, the lock is ${file}.`,
  });
}

/** The lock cannot be written at all (a read-only folder, a full disk): one sentence, not a stack trace. */
function cannotLock(file: string, error: NodeJS.ErrnoException): RunFailure {
  const why =
    error.code === 'EACCES' || error.code === 'EPERM'
      ? 'permission denied'
      : error.code === 'ENOSPC'
        ? 'the disk is full'
        : error.code === 'EROFS'
          ? 'the file system is read-only'
          : error.code === 'EEXIST' || error.code === 'ENOTDIR'
            ? `${dirname(file)} is not a folder`
            : error.message;
  return new RunFailure(`Cannot take the project lock ${file}: ${why}. Nothing was done.`, error.code === 'ENOSPC' ? EXIT.failure : EXIT.usage, {
    next: error.code === 'ENOSPC' ? 'Free some disk space, then run again.' : `Run ecs-wizard where you may write (${dirname(dirname(file))}), or fix the folder's permissions.`,
  });
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
