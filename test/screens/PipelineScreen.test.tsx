import { afterEach, describe, expect, it } from 'vitest';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';
import { buildConfig } from '../../src/wizard/answers.js';
import { DEFAULTS, modifyContext } from '../helpers/wizard.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

const noRemote = { mode: 'new' as const, defaults: { ...DEFAULTS, github: undefined, noGitHub: 'the git repository has no "origin" remote' } };

describe('PipelineScreen', () => {
  it('fills owner, repository and branch from the git remote', async () => {
    screen = await renderScreen('pipeline');
    const frame = screen.lastFrame();
    expect(frame).toMatch(/› GitHub owner\s+acme/);
    expect(frame).toMatch(/Repository\s+shop/);
    expect(frame).toMatch(/Branch\s+main/);
    expect(frame).toMatch(/Connection\s+Create a new one/);
    expect(frame).toContain('After the first apply, authorise the new connection once');
  });

  it('asks for the repository when there is no remote, with the schema’s messages', async () => {
    screen = await renderScreen('pipeline', { context: noRemote });
    expect(prose(screen.lastFrame())).toContain('No GitHub repository found: the git repository has no "origin" remote. Enter the repository CodePipeline should watch.');
    expect(screen.lastFrame()).toMatch(/GitHub owner\s+e\.g\. acme/);
    await screen.press('enter');
    expect(screen.state().step).toBe('pipeline');
    expect(prose(screen.lastFrame())).toContain('✗ the GitHub owner is a user or organisation name, e.g. "acme"');
    expect(prose(screen.lastFrame())).toContain('✗ the GitHub repository is a name like "shop" (no owner, no .git)');
    await screen.type('acme');
    await screen.press('tab');
    await screen.type('shop');
    await screen.press('enter');
    expect(screen.state().step).toBe('review');
  });

  it('asks for the ARN of an existing connection, and refuses an empty one', async () => {
    screen = await renderScreen('pipeline');
    await screen.press('tab', 'tab', 'tab', 'down');
    expect(screen.lastFrame()).toMatch(/Connection ARN\s+e\.g\. arn:aws:codestar-connections:…/);
    await screen.press('enter');
    expect(screen.state().step).toBe('pipeline');
    expect(screen.state().focus).toBe(4);
    expect(prose(screen.lastFrame())).toContain('✗ an existing connection is an ARN like');
    await screen.type('arn:aws:codestar-connections:eu-west-1:123456789012:connection/0a1b2c3d-aaaa');
    await screen.press('enter');
    expect(screen.state().step).toBe('review');
  });

  it('asks how blue/green deploys move traffic, and keeps the test listener closed unless ranges are given', async () => {
    screen = await renderScreen('pipeline');
    // Owner, repository, branch, connection, then deploys: one down is blue/green.
    await screen.press('tab', 'tab', 'tab', 'tab', 'down');
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
    screen = await renderScreen('pipeline', { context: modifyContext() });
    expect(prose(screen.lastFrame())).not.toContain('replaces the ECS service');
    await screen.press('tab', 'tab', 'tab', 'tab', 'down');
    expect(prose(screen.lastFrame())).toContain('Changing the strategy replaces the ECS service: the new one is created and healthy beside the old one');
  });
});
