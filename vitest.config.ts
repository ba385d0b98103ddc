import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The emulator tier (test/emulator/) applies and destroys real stacks: minutes
 * per file, nearly all of it waiting for Terraform's provider (its fixed
 * delays for the load balancer and the database) in processes of their own.
 * Those files start first, the lifecycle first of all, each in a worker of
 * its own, and the rest of the suite fills the other workers meanwhile. Left
 * to the default order (a clean clone has no timings cached) they would start
 * last and add their minutes to the end of the run.
 */
class EmulatorTierFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const file = spec.moduleId.replaceAll('\\', '/');
      if (!file.includes('/test/emulator/')) return 2;
      return file.endsWith('/lifecycle.test.ts') ? 0 : 1;
    };
    return sorted.map((spec, index) => ({ spec, index })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index).map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per core but one: on 2 cores, ONE, so
    // the emulator tier would hold the only worker for its minutes of waiting.
    // One more worker than cores: the waiting tier takes one, the rest of the
    // suite keeps the cores busy.
    maxWorkers: Math.max(2, os.availableParallelism()) + 1,
    sequence: { sequencer: EmulatorTierFirst },
  },
});
