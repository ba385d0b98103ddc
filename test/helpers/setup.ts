import os from 'node:os';
import { afterAll, beforeAll, expect } from 'vitest';

// Tests render Ink without a TTY and must not inherit CI's "last frame only" mode or colours.
delete process.env.CI;
process.env.FORCE_COLOR = '0';

// Terraform and its AWS provider are Go programs with large heaps (the
// provider's schema): at Go's default GOGC=100 a real `terraform plan` of our
// stack spends about a third of its CPU collecting garbage. The suite runs
// dozens of them on 2 cores, so it trades memory for CPU (measured: a plan
// from 17.5 to 12 CPU-seconds, peak 330 to 470 MB). Children inherit it (the
// CLI passes its environment to Terraform). A value set outside wins.
process.env.GOGC ??= '400';

// The emulator tier (test/emulator/) is the suite's long pole: its chains of
// real Terraform runs are minutes of the provider's waits and CPU-bound
// Terraform steps in between, while the rest of the suite can keep both cores
// busy. Every other file yields the CPU to it: its worker (and what it starts)
// runs at a lower priority, so the long chains keep their pace and the short
// files fill what they leave. Raising a niceness needs no privilege; the
// sequencer in vitest.config.ts gives the emulator files their workers first.
beforeAll(({}, suite) => {
  const file = ('filepath' in suite ? suite.filepath : suite.file?.filepath) ?? '';
  if (!file.replaceAll('\\', '/').includes('/test/emulator/')) lowerPriority();
});

function lowerPriority(): void {
  try {
    if (os.getPriority() < 10) os.setPriority(10);
  } catch {
    // Not allowed here (some containers): the suite only runs slower.
  }
}

// A worker runs file after file in one process (vitest.config.ts: isolate
// false), so a file must leave the environment as it found it: the next file
// would inherit what it set. Only what ecs-wizard itself sets for its whole
// process, the same whatever runs it, may stay.
const PROCESS_SETTINGS = new Set([
  // src/aws/ecsClient.ts, before the AWS SDK loads.
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
]);
let environmentBefore: Record<string, string | undefined> = {};
beforeAll(() => {
  environmentBefore = { ...process.env };
});
afterAll(() => {
  const keys = new Set([...Object.keys(environmentBefore), ...Object.keys(process.env)]);
  const changed = [...keys].filter((key) => !PROCESS_SETTINGS.has(key) && environmentBefore[key] !== process.env[key]).sort();
  expect(changed, 'environment variables this file changed and did not put back').toEqual([]);
});
