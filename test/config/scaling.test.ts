/**
 * Scaling thresholds that cannot flap. A step adds or removes one task, and
 * the load spreads over the tasks: n tasks at a per-task CPU above the
 * scale-out threshold become n+1 at n/(n+1) of it. If that is below the
 * scale-in threshold, the new task is removed again, and so on in a loop.
 * The worst case is the smallest count that scales out: the minimum (at 1
 * task, half the load).
 */
import { describe, expect, it } from 'vitest';
import { migrateConfig, parseConfig, presetConfig, type ConfigInput } from '../../src/config/index.js';
import { scalingSentence } from '../../src/wizard/sentences.js';
import { minimalConfig } from './configFixtures.js';

/** Loads (per task, in %) at which one count scales out and the next count then scales in again, if any. */
function flaps(up: number, down: number, minCount: number, maxCount: number): { tasks: number; load: number } | undefined {
  for (let tasks = minCount; tasks < maxCount; tasks++) {
    // The lowest per-task loads that scale out at `tasks` (alarm: above `up`).
    for (let load = up + 0.01; load <= Math.min(100, up + 5); load += 0.5) {
      const after = (load * tasks) / (tasks + 1);
      if (after < down) return { tasks, load };
    }
  }
  return undefined;
}

function withService(service: Record<string, number>) {
  const input = minimalConfig() as ConfigInput;
  input.environments['production']!.service = { ...input.environments['production']!.service, ...service };
  return parseConfig(input);
}

describe('scaling thresholds', () => {
  it('the defaults and both presets cannot flap', () => {
    const defaults = parseConfig(minimalConfig());
    expect(defaults.ok).toBe(true);
    if (!defaults.ok) return;
    const service = defaults.config.environments['production']!.service;
    expect([service.scaleUpCpuThreshold, service.scaleDownCpuThreshold]).toEqual([85, 40]);
    expect(flaps(service.scaleUpCpuThreshold, service.scaleDownCpuThreshold, service.minCount, service.maxCount)).toBeUndefined();
    for (const preset of ['starter', 'production'] as const) {
      const input = presetConfig(preset, { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
      const s = input.environments['production']!.service!;
      expect(flaps(s.scaleUpCpuThreshold!, s.scaleDownCpuThreshold!, s.minCount!, s.maxCount!), preset).toBeUndefined();
    }
  });

  it('refuses exactly the pairs that flap, for every threshold and minimum', () => {
    const wrong: string[] = [];
    for (const minCount of [1, 2, 3]) {
      for (let up = 10; up <= 95; up += 5) {
        for (let down = 0; down < up; down += 3) {
          const result = withService({ minCount, desiredCount: minCount, maxCount: minCount + 2, scaleUpCpuThreshold: up, scaleDownCpuThreshold: down });
          const refused = !result.ok && result.problems.some((problem) => problem.path.endsWith('scaleDownCpuThreshold'));
          if (refused !== (flaps(up, down, minCount, minCount + 2) !== undefined)) wrong.push(`min ${minCount}, up ${up}, down ${down}: ${refused ? 'refused' : 'accepted'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the old defaults (85 and 60) are refused with the field, why, and the highest value that works', () => {
    const result = withService({ scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 60 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'environments.production.service.scaleDownCpuThreshold',
        value: 60,
        message:
          'scaleDownCpuThreshold 60 would remove the task a scale-out just added: 1 task above 85% becomes 2 at about 43% each, below 60%, and so on in a loop; use at most 42 (85 × 1/2), e.g. 40',
      },
    ]);
  });

  it('with a minimum of 2, the limit is two thirds of the scale-out threshold', () => {
    expect(withService({ minCount: 2, desiredCount: 2, maxCount: 4, scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 56 }).ok).toBe(true);
    const result = withService({ minCount: 2, desiredCount: 2, maxCount: 4, scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 57 });
    expect(!result.ok && result.problems[0]!.message).toContain('use at most 56 (85 × 2/3)');
  });

  it('a fixed count never scales, so any pair below the scale-out threshold is fine', () => {
    expect(withService({ minCount: 2, desiredCount: 2, maxCount: 2, scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 80 }).ok).toBe(true);
  });

  it('a version 1 file with the old default pair moves to the new scale-in default; a pair of your own is left for validation to judge', () => {
    const v1 = { ...minimalConfig(), version: 1 } as any;
    v1.environments.production.service = { scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 60 };
    v1.environments.staging = { ...structuredClone(v1.environments.production), service: { scaleUpCpuThreshold: 70, scaleDownCpuThreshold: 50 } };
    const result = migrateConfig(v1);
    if (!result.ok) throw new Error(result.message);
    const environments = result.config.environments as any;
    expect(environments.production.service).toEqual({ scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 40 });
    expect(environments.staging.service).toEqual({ scaleUpCpuThreshold: 70, scaleDownCpuThreshold: 50 });
  });

  it("the Scaling step's sentence says why scale-in sits below half the scale-out threshold", () => {
    const sentence = scalingSentence({ minCount: 1, maxCount: 4, scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 40, evaluationPeriods: 2, periodSeconds: 60 });
    expect(sentence).toContain(
      'Scale-in stays at most 42% (85 × 1/2): a task added at 85% spreads the load to about 43% per task, so it is not removed again at once.',
    );
  });
});
