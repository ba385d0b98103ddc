import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenTest } from '../helpers/screens.js';
import { prose } from '../helpers/ink.js';
import { renderScreen } from '../helpers/screens.js';
import { modifyContext } from '../helpers/wizard.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('ProjectScreen', () => {
  it('shows the defaults of a new project and the key hints', async () => {
    screen = await renderScreen('project');
    const frame = screen.lastFrame();
    expect(frame).toContain('ecs-wizard · new project');
    expect(frame).toMatch(/› App name\s+shop/);
    expect(frame).toMatch(/Preset\s+starter {2}lowest cost/);
    expect(frame).toMatch(/Environment\s+production/);
    expect(frame).toContain('Tab field  Enter next  ? help  ^C quit');
    // The first step of a new project has nowhere to go back to.
    expect(frame).not.toContain('Esc back');
  });

  it('validates the name as it is typed, with the schema’s message, and refuses next', async () => {
    screen = await renderScreen('project');
    await screen.press('backspace', 'backspace', 'backspace', 'backspace');
    expect(prose(screen.lastFrame())).toContain('✗ the app name needs at least 2 characters, e.g. "shop"');
    await screen.type('Blog');
    expect(prose(screen.lastFrame())).toContain('✗ the app name uses lower-case letters, digits and dashes, starts with a');
    await screen.press('enter');
    expect(screen.state().step).toBe('project');
    await screen.press('ctrlU');
    await screen.type('blog');
    expect(prose(screen.lastFrame())).not.toContain('✗');
    await screen.press('enter');
    expect(screen.state().step).toBe('region');
    expect(screen.state().answers['app.name']).toBe('blog');
  });

  it('edits in the middle of the text with the arrow keys', async () => {
    screen = await renderScreen('project');
    await screen.press('left', 'left');
    await screen.type('x');
    expect(screen.state().answers['app.name']).toBe('shxop');
    await screen.press('right', 'backspace');
    expect(screen.state().answers['app.name']).toBe('shxp');
  });

  it('shows help for the focused field with ? and hides it with ? or Esc', async () => {
    screen = await renderScreen('project');
    await screen.type('?');
    expect(screen.lastFrame()).toContain('│ App name: Every AWS resource is named after it');
    expect(screen.lastFrame()).toContain('? hide help');
    expect(screen.state().answers['app.name']).toBe('shop');
    await screen.press('tab');
    expect(screen.lastFrame()).toContain('│ Preset: A complete starting point');
    await screen.press('escape');
    expect(screen.lastFrame()).not.toContain('│');
    expect(screen.state().step).toBe('project');
  });

  it('switches the preset with the arrows, filling the answers the preset governs', async () => {
    screen = await renderScreen('project');
    await screen.press('tab');
    expect(screen.lastFrame()).toMatch(/› Preset\s+› starter/);
    await screen.press('down');
    expect(screen.lastFrame()).toMatch(/ {2}starter\s+lowest cost/);
    expect(screen.lastFrame()).toMatch(/› production\s+NAT per zone/);
    expect(screen.state().answers['wizard.preset']).toBe('production');
    expect(screen.state().answers['env.database.multiAz']).toBe(true);
    // ↓ on the last choice moves on to the next field.
    await screen.press('down');
    expect(screen.lastFrame()).toMatch(/› Environment/);
  });

  it('shows the identity of a saved environment as fixed, and why', async () => {
    screen = await renderScreen('project', { context: modifyContext(), onLeave: () => {} });
    expect(screen.lastFrame()).toContain('ecs-wizard · modifying production of shop');
    expect(screen.lastFrame()).toMatch(/› App name\s+shop \(fixed\)/);
    expect(screen.lastFrame()).toContain('fixed: shared by every environment');
    expect(screen.lastFrame()).not.toContain('Preset');
    expect(screen.lastFrame()).toContain('Esc back');
    await screen.type('x');
    expect(screen.state().answers['app.name']).toBe('shop');
  });

  it('leaves to the start menu with Esc when there is one', async () => {
    let left = 0;
    screen = await renderScreen('project', { context: modifyContext(), onLeave: () => left++ });
    await screen.press('escape');
    expect(left).toBe(1);
  });
});
