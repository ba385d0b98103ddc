import { afterEach, describe, expect, it } from 'vitest';
import { KeyRouter } from '../../src/components/KeyRouter.js';
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
    app = await renderInk(<StartScreen config={twoEnvironments} size={{ columns: 80, rows: 24 }} onChoose={() => {}} />);
    const frame = app.lastFrame();
    expect(frame).toContain('shop (environments: production, staging)');
    expect(frame).toContain('ecs-wizard.json is here. What would you like to do?');
    expect(frame).toMatch(/› Modify production\s+change its answers, review the differences/);
    expect(frame).toMatch(/Destroy production\s+plan the deletion of everything, ask, then destroy/);
    expect(frame).toContain('Modify staging');
    expect(frame).toMatch(/Add an environment\s+another copy of the stack/);
    expect(frame).toContain('↑↓ choose  Enter select  ^C quit');
  });

  async function choose(...keys: Array<'down' | 'up' | 'enter'>): Promise<StartChoice[]> {
    const chosen: StartChoice[] = [];
    app = await renderInk(
      <KeyRouter isActive>
        <StartScreen config={existingConfig()} size={{ columns: 80, rows: 24 }} onChoose={(choice) => chosen.push(choice)} />
      </KeyRouter>,
    );
    await app.press(...keys);
    app.unmount();
    app = undefined;
    return chosen;
  }

  it('reports the highlighted choice on Enter, once', async () => {
    expect(await choose('down', 'enter', 'enter')).toEqual([{ kind: 'plan', environment: 'production' }]);
    expect(await choose('down', 'down', 'down', 'down', 'enter')).toEqual([{ kind: 'add' }]);
  });
});
