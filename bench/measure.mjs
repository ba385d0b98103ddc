// Measuring fresh processes, and comparing a subject with its anchor.
//
// Each figure of the bench is a ratio against an anchor measured side by side
// in the same run, interleaved (anchor, subject, anchor, subject…), so a
// machine that slows down mid-run slows both. Rows print runs, min, median and
// max of each side and the ratio of the medians.
//
// CPU time is the user + system time of the whole process tree (the child and
// every process it waited for: npx, tsx, git…), read from this process's
// `cutime`/`cstime` in /proc/self/stat around each run. Peak memory comes from
// bench/peak.mjs, preloaded into node processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const peakModule = fileURLToPath(new URL('./peak.mjs', import.meta.url));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function stats(values) {
  return { runs: values.length, min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux (getconf CLK_TCK).

/** CPU ms used so far by this process's waited-for descendants; undefined off Linux. */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime are fields 16 and 17 of the whole line: 14 and 15 here (state is 3).
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/**
 * Runs one command to completion and measures it. With `node: true` the
 * command is `node [--import peak.mjs] ...args` and its peak RSS is read.
 */
export function runMeasured(command, args, { cwd = process.cwd(), env = {}, node = false, check = true, timeout = 600_000 } = {}) {
  const scratch = node ? mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-peak-')) : undefined;
  const peakFile = scratch ? join(scratch, 'peak') : undefined;
  const file = node ? process.execPath : command;
  const argv = node ? ['--import', peakModule, command, ...args].filter((arg) => arg !== undefined) : args;
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, {
    cwd,
    env: { ...process.env, ...env, ...(peakFile ? { ECS_WIZARD_BENCH_PEAK: peakFile } : {}) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  let peakMiB;
  if (peakFile) {
    try {
      peakMiB = Number(readFileSync(peakFile, 'utf8')) / 1024;
    } catch {
      peakMiB = undefined;
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  if (check && result.status !== 0) {
    throw new Error(`${[file, ...argv].join(' ')} exited ${result.status ?? result.signal}:\n${(result.stderr || result.stdout || '').slice(-3000)}`);
  }
  return {
    wallMs,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    peakMiB,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** The node-only form of runMeasured: `node [--import peak.mjs] args`. */
export function measureNodeOnce(args, options = {}) {
  return runMeasured(args[0], args.slice(1), { ...options, node: true });
}

/**
 * Runs anchor and subject alternately `runs` times (plus `warmup` unrecorded
 * rounds) and collects `metric` of each; both are async-capable.
 */
export async function interleave({ runs, warmup = 1, anchor, subject, metric }) {
  const values = { anchor: [], subject: [] };
  for (let i = 0; i < warmup + runs; i++) {
    // Alternate who goes first, so neither always runs on a warmer machine.
    const order = i % 2 === 0 ? ['anchor', 'subject'] : ['subject', 'anchor'];
    for (const side of order) {
      const measured = await (side === 'anchor' ? anchor : subject)(i);
      if (i >= warmup) values[side].push(metric(measured));
    }
  }
  return { anchor: stats(values.anchor), subject: stats(values.subject), ratio: median(values.subject) / median(values.anchor) };
}

const fmt = (value, unit) => (unit === 'MB' || unit === 'MiB' ? value.toFixed(1) : value.toFixed(0));

export function statsLine(label, s, unit) {
  return `    ${label.padEnd(62)} runs ${String(s.runs).padStart(2)}  min ${fmt(s.min, unit).padStart(6)}  median ${fmt(s.median, unit).padStart(6)}  max ${fmt(s.max, unit).padStart(6)} ${unit}`;
}

/** Prints a compared row: the ratio with its goal, then both sides. */
export function printComparison(title, comparison, { anchorLabel, subjectLabel, unit, goal }) {
  const verdict = goal ? `  goal ${goal.text}  ${goal.holds(comparison.ratio) ? 'ok' : 'MISSED'}` : '';
  console.log(`  ${title.padEnd(52)} ratio ${comparison.ratio.toFixed(2)}${verdict}`);
  console.log(statsLine(`anchor: ${anchorLabel}`, comparison.anchor, unit));
  console.log(statsLine(subjectLabel, comparison.subject, unit));
}

export function row(label, value, goal) {
  const text = `  ${label.padEnd(52)} ${value}`;
  return goal ? `${text.padEnd(78)} goal ${goal}` : text;
}
