/**
 * The project lock on its own: taking, waiting, giving up, re-entering, and
 * taking over from the dead, with real processes as holders; and many real
 * processes racing to take over one dead run's lock, of which exactly one at
 * a time may hold it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireProjectLock, describeHolder, holdsProjectLock, LOCK_PATH, readProjectLock, STALE_MS, tryTake, type LockHolder, type LockInfo } from '../../src/project/lock.js';
import { processStartTime } from '../../src/project/processes.js';
import { RunFailure } from '../../src/tasks/failures.js';
import { childModule } from '../helpers/childModule.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function sleeper(seconds = 30): ChildProcess {
  const child = spawn('sleep', [String(seconds)], { stdio: 'ignore' });
  children.push(child);
  return child;
}

function plant(dir: string, info: Record<string, unknown>): string {
  mkdirSync(path.join(dir, '.ecs-wizard'), { recursive: true });
  const file = path.join(dir, LOCK_PATH);
  writeFileSync(file, JSON.stringify({ version: 1, token: 'deadbeef01', host: hostname(), command: 'apply', startedAt: '2026-11-26T09:00:00.000Z', ...info }));
  return file;
}

async function failureOf(promise: Promise<unknown>): Promise<RunFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunFailure);
  return error as RunFailure;
}

describe('acquireProjectLock', () => {
  it('takes a free lock, says who holds it, and removes it on release', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const lock = await acquireProjectLock({ dir, command: 'apply' });
    const info = JSON.parse(readFileSync(path.join(dir, LOCK_PATH), 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, host: hostname(), command: 'apply', token: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(Date.parse(info.startedAt)).not.toBeNaN();
    if (processStartTime(process.pid)) expect(info.startTime).toBe(processStartTime(process.pid));
    expect(holdsProjectLock(dir)).toBe(true);
    lock.release();
    lock.release(); // twice is harmless
    expect(existsSync(path.join(dir, LOCK_PATH))).toBe(false);
    expect(holdsProjectLock(dir)).toBe(false);
  });

  it('is re-entrant in one process: released when the last holder lets go', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const outer = await acquireProjectLock({ dir, command: 'apply' });
    const inner = await acquireProjectLock({ dir, command: 'synth', timeoutMs: 0 });
    inner.release();
    expect(existsSync(path.join(dir, LOCK_PATH))).toBe(true);
    outer.release();
    expect(existsSync(path.join(dir, LOCK_PATH))).toBe(false);
  });

  it('held by a live process: with timeout 0, exit 2 naming its command and PID; the lock stays theirs', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const holder = sleeper();
    const file = plant(dir, { pid: holder.pid });
    const failure = await failureOf(acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 }));
    expect(failure.exitCode).toBe(2);
    expect(failure.message).toContain(`ecs-wizard apply (PID ${holder.pid}, started 2026-11-26T09:00:00.000Z), and --no-wait says not to wait`);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(holder.pid);
  });

  it('waits, telling once whom for, and takes it when the holder is gone; says it took over', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const holder = sleeper(0.3);
    plant(dir, { pid: holder.pid });
    const told: LockHolder[] = [];
    const lock = await acquireProjectLock({ dir, command: 'plan', pollMs: 20, onWait: (h) => told.push(h) });
    expect(told).toHaveLength(1);
    expect(describeHolder(told[0]!)).toBe(`another ecs-wizard run holds this project: ecs-wizard apply (PID ${holder.pid}, started 2026-11-26T09:00:00.000Z)`);
    expect(lock.tookOverFrom).toMatchObject({ pid: holder.pid, command: 'apply' });
    lock.release();
  });

  it('--lock-timeout: waits that long, then exit 2', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    plant(dir, { pid: sleeper().pid });
    const started = Date.now();
    const failure = await failureOf(acquireProjectLock({ dir, command: 'plan', timeoutMs: 300, pollMs: 20 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(failure.message).toContain('did not finish within --lock-timeout');
  });

  it('an abort (Ctrl-C) stops the wait: exit 130', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    plant(dir, { pid: sleeper().pid });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failureOf(acquireProjectLock({ dir, command: 'plan', signal: controller.signal }))).exitCode).toBe(130);
  });

  it('a dead holder (no such pid), a reused pid (other start time), our own pid with another token: all taken over at once', async () => {
    for (const info of [{ pid: 999_999 }, { pid: process.pid, token: 'abcabc0001' }, ...(processStartTime(1) ? [{ pid: 1, startTime: '1' }] : [])]) {
      const dir = makeTmpDir('ecs-wizard-lock-');
      plant(dir, info);
      const lock = await acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 });
      expect(lock.tookOverFrom?.pid).toBe(info.pid);
      lock.release();
    }
  });

  it('a lock whose ecs-wizard died but whose Terraform still runs stays held, and says so', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const terraform = sleeper();
    plant(dir, { pid: 999_999, terraform: { pid: terraform.pid, command: 'apply', logFile: '/p/.ecs-wizard/logs/x-apply.jsonl' } });
    const holder = readProjectLock(dir)!;
    expect(holder).toMatchObject({ alive: true, orphanTerraform: true });
    expect(describeHolder(holder)).toBe(
      `terraform apply (PID ${terraform.pid}) is still running: the ecs-wizard apply that started it (PID 999999, started 2026-11-26T09:00:00.000Z) was killed. It holds the state until it ends; its output goes on into /p/.ecs-wizard/logs/x-apply.jsonl`,
    );
    const failure = await failureOf(acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 }));
    expect(failure.message).toContain(`terraform apply (PID ${terraform.pid}) is still running`);
    expect(failure.details.next).toContain('Wait for that Terraform to finish');
    terraform.kill('SIGKILL');
    await new Promise((resolve) => terraform.on('close', resolve));
    const lock = await acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 });
    expect(lock.tookOverFrom?.terraform?.pid).toBe(terraform.pid);
    lock.release();
  });

  it('a lock from another host is alive while refreshed, stale after STALE_MS', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const file = plant(dir, { pid: 12, host: 'build-agent-7' });
    expect((await failureOf(acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 }))).message).toContain('PID 12 on build-agent-7');
    const old = new Date(Date.now() - STALE_MS - 1000);
    utimesSync(file, old, old);
    const lock = await acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 });
    expect(lock.tookOverFrom?.host).toBe('build-agent-7');
    lock.release();
  });

  it('an unreadable lock file is respected while fresh, taken over when stale', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    mkdirSync(path.join(dir, '.ecs-wizard'));
    const file = path.join(dir, LOCK_PATH);
    writeFileSync(file, '<<<<<<< garbage');
    expect((await failureOf(acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 }))).exitCode).toBe(2);
    const old = new Date(Date.now() - STALE_MS - 1000);
    utimesSync(file, old, old);
    (await acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 })).release();
  });

  it('a folder where no lock can be written: one sentence with exit 2, no stack trace', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    writeFileSync(path.join(dir, '.ecs-wizard'), 'a file where the folder should be');
    const failure = await failureOf(acquireProjectLock({ dir, command: 'plan' }));
    expect(failure.exitCode).toBe(2);
    expect(failure.message).toBe(`Cannot take the project lock ${path.join(dir, LOCK_PATH)}: ${path.join(dir, '.ecs-wizard')} is not a folder. Nothing was done.`);
  });

  it('setTerraform records the child in the lock file and clears it', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const lock = await acquireProjectLock({ dir, command: 'apply' });
    lock.setTerraform({ pid: 4242, command: 'apply', logFile: '/x.jsonl' });
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_PATH), 'utf8')).terraform).toEqual({ pid: 4242, command: 'apply', logFile: '/x.jsonl' });
    lock.setTerraform(undefined);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_PATH), 'utf8')).terraform).toBeUndefined();
    lock.release();
    expect(readdirSync(path.join(dir, '.ecs-wizard'))).toEqual([]);
  });
});

describe('two takers of one dead lock, interleaved at the worst moment', () => {
  it('the slower one, having read the dead lock, never removes the lock the faster one took', () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const file = plant(dir, { pid: 999_999 });
    const identity = (pid: number, token: string): LockInfo => ({ version: 1, token, pid, host: hostname(), command: 'plan', startedAt: new Date().toISOString() });
    const b = identity(sleeper().pid!, 'bbbbbbbb02');
    const a = identity(sleeper().pid!, 'aaaaaaaa01');
    let bTook: unknown;
    // A reads the dead lock; before A acts on it, B takes it over completely.
    const attempt = tryTake(file, a, () => {
      bTook = tryTake(file, b);
    });
    expect(bTook).toMatchObject({ taken: true });
    expect(attempt.taken).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('bbbbbbbb02');
    // And A, trying again, sees B alive.
    expect(tryTake(file, a)).toMatchObject({ taken: false, holder: { info: { token: 'bbbbbbbb02' } } });
  });
});

describe('a taker that died mid-takeover', () => {
  it('its claim is taken over in turn, and nothing is left behind', async () => {
    const dir = makeTmpDir('ecs-wizard-lock-');
    const file = plant(dir, { pid: 999_999 });
    writeFileSync(`${file}.takeover-deadbeef01`, JSON.stringify({ version: 1, token: 'c1a1c1a1', pid: 999_998, host: hostname(), command: 'plan', startedAt: '2026-11-26T09:01:00.000Z' }));
    const lock = await acquireProjectLock({ dir, command: 'plan', timeoutMs: 0 });
    expect(lock.tookOverFrom?.pid).toBe(999_999);
    expect(readdirSync(path.join(dir, '.ecs-wizard'))).toEqual(['lock']);
    lock.release();
  });
});

describe('many processes taking over one dead run’s lock at once', () => {
  it('exactly one holds it at any moment, and every one gets it in turn', async () => {
    const lockModule = await childModule('src/project/lock.ts');
    const dir = makeTmpDir('ecs-wizard-lock-race-');
    plant(dir, { pid: 999_999 });
    const journal = path.join(dir, 'journal.log');
    const script = `
      import { appendFileSync } from 'node:fs';
      const [lockModule, dir, journal] = process.argv.slice(1);
      const { acquireProjectLock } = await import(lockModule);
      const lock = await acquireProjectLock({ dir, command: 'race', pollMs: 5 });
      appendFileSync(journal, 'in ' + process.pid + '\\n');
      await new Promise((r) => setTimeout(r, 60));
      appendFileSync(journal, 'out ' + process.pid + '\\n');
      lock.release();
    `;
    const racers = Array.from({ length: 6 }, () => spawn(process.execPath, ['--input-type=module', '-e', script, lockModule, dir, journal], { stdio: 'ignore' }));
    children.push(...racers);
    const codes = await Promise.all(racers.map((child) => new Promise<number | null>((resolve) => child.on('close', resolve))));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(12);
    // Strictly alternating: in A, out A, in B, out B...
    for (let i = 0; i < lines.length; i += 2) {
      const [kind, pid] = lines[i]!.split(' ');
      expect(kind).toBe('in');
      expect(lines[i + 1]).toBe(`out ${pid}`);
    }
    expect(new Set(lines.map((line) => line.split(' ')[1])).size).toBe(6);
    expect(readdirSync(path.join(dir, '.ecs-wizard'))).toEqual([]);
  }, 240_000);
});
