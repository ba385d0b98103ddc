/**
 * Waiting for Ink frames without fixed sleeps: poll the last frame until it
 * shows what the test expects, or fail with the frame it got.
 */
export async function frameWith(
  lastFrame: () => string | undefined,
  expected: string | RegExp | ((frame: string) => boolean),
  timeoutMs = 5_000,
): Promise<string> {
  const matches =
    typeof expected === 'string' ? (frame: string) => frame.includes(expected) : expected instanceof RegExp ? (frame: string) => expected.test(frame) : expected;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (matches(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expected)}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until a condition holds (a promise settled, a callback ran). */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets Ink subscribe to stdin (an effect) and parse a key (Esc waits a tick) before the next write. */
export const settle = async (): Promise<void> => {
  for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
};
