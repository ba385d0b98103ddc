/**
 * Is a process that wrote a lock or a temporary file still alive? On the same
 * host a pid answers it, and on Linux the process's start time (from
 * /proc/PID/stat) tells a live holder from an unrelated process that got the
 * same pid later.
 */
import { readFileSync } from 'node:fs';

/** State and start time (clock ticks since boot) from /proc/PID/stat; undefined where there is no /proc. */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "PID (comm) STATE PPID ...": comm may hold spaces and parentheses; fields
    // after the last ")" are fixed. starttime is field 22, the 20th after comm.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** Start time of a process (Linux), recorded beside its pid to recognise it later. */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/**
 * True while `pid` runs and, when `startTime` was recorded with it, is still
 * the same process. A process we may not signal (EPERM) is alive.
 */
export function processAlive(pid: number, startTime?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = procStat(pid);
  if (now === undefined) return true;
  // A zombie has finished: nobody reaped it yet (a container's init may never).
  if (now.state === 'Z' || now.state === 'X') return false;
  return startTime === undefined || now.startTime === startTime;
}
