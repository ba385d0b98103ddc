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

describe('80×24 with every optional question shown', () => {
  it.each(['domain', 'pipeline', 'deploys'] as const)('fits %s with a domain, an existing certificate and connection, and blue/green deploys', async (step) => {
    const context = { mode: 'new' as const, defaults: { ...DEFAULTS, github: undefined } };
    screen = await renderScreen(step, {
      context,
      onLeave: () => {},
      prepare: (state) => ({
        ...state,
        attempted: [step],
        answers: {
          ...state.answers,
          'env.domain.name': 'shop.example.com',
          'wizard.certificate': 'existing',
          'wizard.connection': 'existing',
          'env.deployment.strategy': 'blueGreen',
        },
      }),
    });
    await screen.type('?');
    for (let index = 0; index < 10; index++) {
      const frame = screen.lastFrame();
      expect(heightOf(frame), frame).toBeLessThanOrEqual(23);
      expect(Math.max(...frame.split('\n').map((line) => line.length)), frame).toBeLessThanOrEqual(80);
      await screen.press('tab');
    }
  });
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

describe('breadcrumb', () => {
  it('shows the whole walk when it fits, else a window around the current step', async () => {
    const { breadcrumbWindow } = await import('../../src/components/Frame.js');
    const titles = ['Project', 'Region', 'Zones', 'Network', 'Database', 'Container', 'Scaling', 'Domain', 'Pipeline', 'Deploys', 'Review'];
    expect(breadcrumbWindow({ titles, current: 3 }, 200)).toEqual({ first: 0, last: 10 });
    const first = breadcrumbWindow({ titles, current: 0 }, 80);
    expect(first.first).toBe(0);
    expect(first.last).toBeLessThan(10);
    const last = breadcrumbWindow({ titles, current: 10 }, 80);
    expect(last.last).toBe(10);
    expect(last.first).toBeGreaterThan(0);
    for (let current = 0; current < titles.length; current++) {
      const { first: from, last: to } = breadcrumbWindow({ titles, current }, 60);
      expect(from).toBeLessThanOrEqual(current);
      expect(to).toBeGreaterThanOrEqual(current);
      const width = titles.slice(from, to + 1).join(' ').length + 2 + (from > 0 ? 2 : 0) + (to < titles.length - 1 ? 2 : 0);
      expect(width).toBeLessThanOrEqual(60);
    }
  });
});
