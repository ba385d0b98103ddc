import { afterEach, describe, expect, it } from 'vitest';
import { StartScreen } from '../../src/screens/StartScreen.js';
import type { StartChoice } from '../../src/wizard/start.js';
import { renderInk, type Rendered } from '../helpers/ink.js';
import { existingConfig } from '../helpers/wizard.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

describe('StartScreen', () => {
  it('offers to modify, plan, apply or destroy each environment, or add one', async () => {
    const config = existingConfig();
    const twoEnvironments = { ...config, environments: { ...config.environments, staging: config.environments.production! } };
    app = await renderInk(<StartScreen config={twoEnvironments} size={{ columns: 80, rows: 24 }} isActive onChoose={() => {}} />);
    const frame = app.lastFrame();
    expect(frame).toContain('shop (environments: production, staging)');
    expect(frame).toContain('ecs-wizard.json is here. What would you like to do?');
    expect(frame).toMatch(/› Modify production\s+change its answers, review the differences/);
    expect(frame).toMatch(/Destroy production\s+plan the deletion of everything, ask, then destroy/);
    expect(frame).toContain('Modify staging');
    expect(frame).toMatch(/Add an environment\s+another copy of the stack/);
    expect(frame).toContain('↑↓ choose  Enter select  ^C quit');
  });

  it('reports the highlighted choice on Enter', async () => {
    const chosen: StartChoice[] = [];
    app = await renderInk(<StartScreen config={existingConfig()} size={{ columns: 80, rows: 24 }} isActive onChoose={(choice) => chosen.push(choice)} />);
    await app.press('down', 'enter');
    expect(chosen).toEqual([{ kind: 'plan', environment: 'production' }]);
    await app.press('down', 'down', 'down', 'down', 'enter');
    expect(chosen[1]).toEqual({ kind: 'add' });
  });
});
