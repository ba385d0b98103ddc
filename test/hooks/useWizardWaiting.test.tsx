/**
 * The Ink wizard draws its first frame before the schema's validation loads
 * (src/hooks/useWizard.ts). Keys that arrive in between are neither lost nor
 * judged without the schema: they wait, and apply in order once it is here.
 * The validation module is held back here until the test lets it load.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WizardDefaults, WizardOutcome } from '../../src/wizard/types.js';
import { renderInk, tick, type Rendered } from '../helpers/ink.js';

// Not test/helpers/wizard.ts: it imports the reducer with validation, which would wait for the release below.
const DEFAULTS: WizardDefaults = { appName: 'shop', region: 'eu-west-1', branch: 'main', github: { owner: 'acme', repo: 'shop', branch: 'main' } };

const gate = vi.hoisted(() => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
});
vi.mock('../../src/wizard/validation.js', async (importOriginal) => {
  await gate.held;
  return importOriginal();
});

let mounted: Rendered | undefined;
afterEach(() => mounted?.unmount());

describe('keys before the wizard can judge them', () => {
  it('wait, then apply in order: typed text first, then the Enter that the schema refuses', async () => {
    const { WizardApp } = await import('../../src/tui/WizardApp.js');
    const outcomes: WizardOutcome[] = [];
    mounted = await renderInk(<WizardApp dir="/tmp/shop" defaults={DEFAULTS} onOutcome={(outcome) => outcomes.push(outcome)} />);
    expect(mounted.lastFrame()).toContain('› App name');
    // An upper-case letter, then Enter at once: the name "shopX" is not valid, so Enter must be refused.
    await mounted.type('X');
    await mounted.press('enter');
    for (let round = 0; round < 5; round++) await tick();
    // Nothing applied yet: no verdict can be had, and no key was judged without one.
    expect(mounted.lastFrame()).toContain('[Project]');
    expect(mounted.lastFrame()).not.toContain('shopX');
    gate.release();
    const judged = await mounted.waitFor('✗');
    expect(judged).toContain('shopX');
    expect(judged).toContain('[Project]');
    expect(judged).toMatch(/the app name uses lower-case letters/);
    expect(outcomes).toEqual([]);
  });
});
