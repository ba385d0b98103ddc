import { afterEach, describe, expect, it } from 'vitest';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';
import { DEFAULTS } from '../helpers/wizard.js';

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
    expect(screen.state().step).toBe('deploys');
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
    expect(screen.state().step).toBe('deploys');
  });
});
