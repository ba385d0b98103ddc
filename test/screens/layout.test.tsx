// Every screen, every field focused, help open: within 80×24 (Ink clears the
// whole terminal once a frame is as tall as the window).
import { afterEach, describe, expect, it } from 'vitest';
import { STEP_IDS } from '../../src/wizard/types.js';
import { createTheme } from '../../src/components/theme.js';
import { heightOf } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';
import { DEFAULTS, modifyContext } from '../helpers/wizard.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

const contexts = {
  'a new project without a git remote': { mode: 'new' as const, defaults: { ...DEFAULTS, github: undefined } },
  'a modified environment': modifyContext(),
};

describe('80×24', () => {
  for (const [name, context] of Object.entries(contexts)) {
    it.each(STEP_IDS)(`fits %s for ${name}, with help and problems shown`, async (step) => {
      // As after a refused Enter: every problem of the step shows. ? opens the help.
      screen = await renderScreen(step, { context, onLeave: () => {}, prepare: (state) => ({ ...state, attempted: [step] }) });
      await screen.type('?');
      for (let index = 0; index < 10; index++) {
        const frame = screen.lastFrame();
        expect(heightOf(frame), frame).toBeLessThanOrEqual(23);
        expect(Math.max(...frame.split('\n').map((line) => line.length)), frame).toBeLessThanOrEqual(80);
        await screen.press('tab');
      }
    });
  }
});

describe('theme', () => {
  it('gives no colours when NO_COLOR is set, and colours otherwise', () => {
    expect(createTheme({ NO_COLOR: '1' }).color('accent')).toBeUndefined();
    expect(createTheme({ NO_COLOR: '1' }).colors).toBe(false);
    expect(createTheme({}).color('error')).toBe('red');
    // no-color.org: an empty NO_COLOR does not count.
    expect(createTheme({ NO_COLOR: '' }).colors).toBe(true);
  });
});
