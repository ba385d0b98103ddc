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
/**
 * Then the files that run processes for tens of seconds each (real Terraform
 * plans, the built CLI, tmux, npm pack): without cached timings the default
 * order puts big files first, and these are small files that take long, so
 * one of them starting last would run on alone after everything else.
 */
const PROCESS_TIER = [/\/test\/infra\/terraform[^/]*\.test\.ts$/, /\/test\/terraform\/real[^/]*\.test\.ts$/, /\/test\/cli\//, /\/test\/e2e\//, /\/test\/package\//];

class EmulatorTierFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const file = spec.moduleId.replaceAll('\\', '/');
      if (file.includes('/test/emulator/')) return file.endsWith('/lifecycle.test.ts') ? 0 : 1;
      return PROCESS_TIER.some((pattern) => pattern.test(file)) ? 2 : 3;
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
    // One process per worker serves file after file with its modules loaded:
    // isolated, every file paid its own import of cdktf, the provider classes
    // and Ink again (the rest of the suite, outside the emulator tier, went
    // from ~700 to ~470 CPU-seconds; 50 unit-test files from 114 to 53).
    // Tests leave no state behind: an environment variable a test sets, it
    // puts back; what a file needs fresh, it builds in its hooks.
    isolate: false,
    // Vitest's default is one worker per core but one: on 2 cores, ONE, so
    // the emulator tier would hold the only worker for its minutes of waiting.
    // One more worker than cores: the waiting tier takes one, the rest of the
    // suite keeps the cores busy.
    maxWorkers: Math.max(2, os.availableParallelism()) + 1,
    sequence: { sequencer: EmulatorTierFirst },
  },
});
