import { describe, expect, it } from 'vitest';
import { FARGATE_CPU_VALUES, FARGATE_PAIRS, fargateMemoryFor, fargatePairLabel, isValidFargatePair } from '../../src/config/fargate.js';
import { parseConfig } from '../../src/config/index.js';
import { configWith } from './configFixtures.js';

/** The Linux task sizes AWS documents for Fargate (CPU units, MiB). */
const range = (from: number, to: number, by: number) => Array.from({ length: (to - from) / by + 1 }, (_, index) => from + index * by);
const DOCUMENTED: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

describe('Fargate CPU/memory pairs', () => {
  it('offers exactly the documented CPU values, smallest first', () => {
    expect(FARGATE_CPU_VALUES).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
  });

  it('every documented pair is valid, and is listed in FARGATE_PAIRS', () => {
    for (const [cpu, memories] of Object.entries(DOCUMENTED)) {
      expect(fargateMemoryFor(Number(cpu))).toEqual(memories);
      for (const memory of memories) {
        expect(isValidFargatePair(Number(cpu), memory), `${cpu}/${memory}`).toBe(true);
      }
    }
    const documented = Object.entries(DOCUMENTED).flatMap(([cpu, memories]) => memories.map((memory) => ({ cpu: Number(cpu), memory })));
    expect(FARGATE_PAIRS).toEqual(documented);
  });

  it.each([
    [256, 512, true],
    [256, 2048, true],
    [256, 4096, false],
    [256, 3072, false],
    [512, 512, false],
    [512, 4096, true],
    [1024, 9216, false],
    [2048, 16384, true],
    [4096, 30720, true],
    [4096, 31744, false],
    [8192, 20480, true], // a multiple of 4096
    [8192, 17408, false], // a multiple of 1024 only
    [8192, 61440, true],
    [16384, 32768, true],
    [16384, 40960, true],
    [16384, 36864, false], // a multiple of 4096, not of 8192
    [16384, 122880, true],
    [16384, 131072, false],
    [300, 512, false],
    [0, 0, false],
  ])('%i CPU with %i MiB valid: %s', (cpu, memory, valid) => {
    expect(isValidFargatePair(cpu, memory)).toBe(valid);
  });

  it('no memory for an unknown CPU value', () => {
    expect(fargateMemoryFor(128)).toEqual([]);
  });

  it('labels pairs as the console does', () => {
    expect(fargatePairLabel({ cpu: 256, memory: 512 })).toBe('0.25 vCPU, 0.5 GB');
    expect(fargatePairLabel({ cpu: 16384, memory: 122880 })).toBe('16 vCPU, 120 GB');
  });

  it('the schema accepts every pair and refuses its neighbours', () => {
    for (const { cpu, memory } of FARGATE_PAIRS) {
      expect(parseConfig(configWith((c) => Object.assign(c.app, { cpu, memory }))).ok, `${cpu}/${memory}`).toBe(true);
    }
    for (const [cpu, memory] of [
      [256, 4096],
      [4096, 31744],
      [16384, 36864],
    ] as const) {
      expect(parseConfig(configWith((c) => Object.assign(c.app, { cpu, memory }))).ok, `${cpu}/${memory}`).toBe(false);
    }
  });
});
