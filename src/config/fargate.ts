/**
 * The CPU/memory pairs Fargate accepts for Linux tasks (CPU in units of
 * 1/1024 vCPU, memory in MiB). Any other pair fails at deploy time with an
 * error far from its cause, so the schema only admits these.
 */
const ranges: ReadonlyArray<{ cpu: number; memory: readonly number[] }> = [
  { cpu: 256, memory: [512, 1024, 2048] },
  { cpu: 512, memory: steps(1024, 4096, 1024) },
  { cpu: 1024, memory: steps(2048, 8192, 1024) },
  { cpu: 2048, memory: steps(4096, 16384, 1024) },
  { cpu: 4096, memory: steps(8192, 30720, 1024) },
  { cpu: 8192, memory: steps(16384, 61440, 4096) },
  { cpu: 16384, memory: steps(32768, 122880, 8192) },
];

function steps(from: number, to: number, by: number): number[] {
  const out: number[] = [];
  for (let value = from; value <= to; value += by) out.push(value);
  return out;
}

export const FARGATE_CPU_VALUES: readonly number[] = ranges.map((range) => range.cpu);

export function fargateMemoryFor(cpu: number): readonly number[] {
  return ranges.find((range) => range.cpu === cpu)?.memory ?? [];
}

export function isValidFargatePair(cpu: number, memory: number): boolean {
  return fargateMemoryFor(cpu).includes(memory);
}

export interface FargatePair {
  readonly cpu: number;
  readonly memory: number;
}

export const FARGATE_PAIRS: readonly FargatePair[] = ranges.flatMap((range) =>
  range.memory.map((memory) => ({ cpu: range.cpu, memory })),
);

/** "0.25 vCPU, 0.5 GB": the way the AWS console words a pair. */
export function fargatePairLabel(pair: FargatePair): string {
  return `${pair.cpu / 1024} vCPU, ${pair.memory / 1024} GB`;
}
