import { afterEach, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/wizard/answers.js';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';
import { modifyContext } from '../helpers/wizard.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('DeploysScreen', () => {
  it('starts from rolling deploys and says what they do', async () => {
    screen = await renderScreen('deploys');
    expect(screen.lastFrame()).toMatch(/› Deploys\s+› Rolling/);
    expect(prose(screen.lastFrame())).toContain('Rolling: new tasks start beside the old ones a few at a time');
    expect(screen.lastFrame()).not.toContain('Traffic shift');
  });

  it('asks how blue/green deploys move traffic, and keeps the test listener closed unless ranges are given', async () => {
    screen = await renderScreen('deploys');
    await screen.press('down');
    let frame = screen.lastFrame();
    expect(frame).toMatch(/Traffic shift\s+All at once/);
    expect(frame).toMatch(/Keep old tasks\s+5 minutes/);
    expect(frame).toMatch(/Test listener from\s+e\.g\. closed/);
    expect(prose(frame)).toContain('the test listener on 8080 (closed to everyone) reaches it first');
    await screen.press('tab', 'tab', 'tab');
    await screen.type('0.0.0.0/0');
    expect(prose(screen.lastFrame())).toContain('✗ 0.0.0.0/0 is the whole internet');
    for (let i = 0; i < 9; i++) await screen.press('backspace');
    await screen.type('203.0.113.0/24');
    frame = screen.lastFrame();
    expect(prose(frame)).toContain('(open to 203.0.113.0/24)');
    await screen.press('enter');
    expect(screen.state().step).toBe('review');
    expect(buildConfig(screen.state().answers, screen.state().context).environments.production!.deployment).toEqual({
      strategy: 'blueGreen',
      traffic: 'CodeDeployDefault.ECSAllAtOnce',
      keepOldMinutes: 5,
      testCidrs: ['203.0.113.0/24'],
    });
  });

  it('says what switching the strategy of a running environment does to its service', async () => {
    screen = await renderScreen('deploys', { context: modifyContext() });
    expect(prose(screen.lastFrame())).not.toContain('replaces the ECS service');
    await screen.press('down');
    expect(prose(screen.lastFrame())).toContain('Changing the strategy replaces the ECS service: the new one is created and healthy beside the old one');
  });
});
