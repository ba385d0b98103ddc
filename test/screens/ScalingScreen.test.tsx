import { afterEach, describe, expect, it } from 'vitest';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('ScalingScreen', () => {
  it('says what the numbers really do in one sentence: scale-in goes on to the minimum', async () => {
    screen = await renderScreen('scaling');
    expect(prose(screen.lastFrame())).toContain(
      'Add a task when average CPU stays above 85% for 2 minutes (2 × 60 s), and one more each minute it stays there; remove one when it stays below 40% as long, and one more every 5 minutes until the minimum. Always between 1 and 2 tasks. Scale-in stays at most 42% (85 × 1/2): a task added at 85% spreads the load to about 43% per task, so it is not removed again at once.',
    );
  });

  it('rewrites the sentence as thresholds and periods change', async () => {
    screen = await renderScreen('scaling');
    await screen.press('tab', 'tab', 'ctrlU');
    await screen.type('90');
    await screen.press('tab', 'tab', 'ctrlU');
    await screen.type('3');
    expect(screen.lastFrame()).toContain('above 90% for 3 minutes (3 × 60 s)');
  });

  it('shows the schema’s cross-field messages on the field that carries them', async () => {
    screen = await renderScreen('scaling');
    await screen.press('tab', 'tab', 'ctrlU');
    await screen.type('50');
    // The problem shows on the scale-down field at once, though scale-up caused it.
    expect(prose(screen.lastFrame())).toContain(
      '✗ scaleDownCpuThreshold 40 would remove the task a scale-out just added: 1 task above 50% becomes 2 at about 25% each, below 40%, and so on in a loop; use at most 25 (50 × 1/2), e.g. 25',
    );
    await screen.press('enter');
    expect(screen.state().step).toBe('scaling');
    expect(screen.state().focus).toBe(3);
    await screen.press('shiftTab', 'shiftTab', 'shiftTab', 'ctrlU');
    await screen.type('3');
    expect(prose(screen.lastFrame())).toContain('✗ minCount 3 is above maxCount 2');
  });
});
