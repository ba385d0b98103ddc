import { afterEach, describe, expect, it } from 'vitest';
import { heightOf } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

const regionRows = (frame: string) => frame.split('\n').filter((line) => /[a-z]{2}-[a-z]+-\d\s*$/.test(line)).length;

describe('RegionScreen', () => {
  it('lists regions by name and code, scrolled to the chosen one', async () => {
    screen = await renderScreen('region');
    const frame = screen.lastFrame();
    expect(frame).toContain('› Europe (Ireland) eu-west-1');
    expect(frame).toContain('type to filter');
    expect(frame).toMatch(/↑ \d+ more {2}↓ \d+ more/);
    expect(frame).toContain('type filter  ↑↓ choose');
    expect(heightOf(frame)).toBeLessThanOrEqual(23);
  });

  it('filters as the user types and picks the first match', async () => {
    screen = await renderScreen('region');
    await screen.type('frank');
    const frame = screen.lastFrame();
    expect(frame).toContain('filter: frank');
    expect(frame).toContain('› Europe (Frankfurt) eu-central-1');
    expect(frame).not.toContain('Ireland');
    expect(screen.state().answers['env.region']).toBe('eu-central-1');
    // The zones follow the region.
    expect(screen.state().answers['env.availabilityZones']).toEqual(['eu-central-1a', 'eu-central-1b']);
  });

  it('says when nothing matches, and widens again with Backspace', async () => {
    screen = await renderScreen('region');
    await screen.type('qq');
    expect(screen.lastFrame()).toContain('no match for “qq”');
    expect(screen.state().answers['env.region']).toBe('eu-west-1');
    await screen.press('backspace', 'backspace');
    expect(screen.lastFrame()).toContain('› Europe (Ireland) eu-west-1');
  });

  it('moves with the arrows; Esc clears the filter first, then goes back', async () => {
    screen = await renderScreen('region');
    await screen.press('down');
    expect(screen.state().answers['env.region']).toBe('eu-west-2');
    await screen.type('us');
    await screen.press('down');
    expect(screen.state().answers['env.region']).toBe('us-east-2');
    await screen.press('escape');
    expect(screen.lastFrame()).toContain('type to filter');
    expect(screen.state().step).toBe('region');
    await screen.press('escape');
    expect(screen.state().step).toBe('project');
  });

  it('fits the window and follows a resize', async () => {
    screen = await renderScreen('region');
    const tall = regionRows(screen.lastFrame());
    await screen.resize(80, 14);
    const short = screen.lastFrame();
    expect(heightOf(short)).toBeLessThanOrEqual(13);
    expect(regionRows(short)).toBeLessThan(tall);
    expect(short).toContain('› Europe (Ireland) eu-west-1');
    await screen.resize(60, 24);
    // Narrower than the whole walk: a window around the current step.
    expect(screen.lastFrame()).toContain('Project [Region] Zones Network Database Container Scaling …');
  });
});
