// Runs a command as a fresh process N times and reports median wall time and peak memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const peakModule = fileURLToPath(new URL('./peak.mjs', import.meta.url));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `node [--import peak] args` `runs` times; `prepare()` runs before each and returns a cwd. */
export function measureNode(args, { runs = 7, prepare, env = {} } = {}) {
  const walls = [];
  const peaks = [];
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-'));
  try {
    for (let i = 0; i < runs; i++) {
      const cwd = prepare ? prepare(i) : process.cwd();
      const peakFile = join(scratch, `peak-${i}`);
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, ['--import', peakModule, ...args], {
        cwd,
        env: { ...process.env, ...env, ECS_WIZARD_BENCH_PEAK: peakFile },
        encoding: 'utf8',
      });
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      walls.push(wall);
      peaks.push(Number(readFileSync(peakFile, 'utf8')) / 1024);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { wallMs: median(walls), minMs: Math.min(...walls), peakMiB: Math.max(...peaks) };
}

export function row(label, value, goal) {
  const text = `  ${label.padEnd(52)} ${value}`;
  return goal ? `${text.padEnd(78)} goal ${goal}` : text;
}
