import { afterEach, describe, expect, it } from 'vitest';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('DatabaseScreen', () => {
  it('shows the preset’s database with sizes in vCPU and memory', async () => {
    screen = await renderScreen('database');
    const frame = screen.lastFrame();
    expect(frame).toMatch(/› Engine\s+› PostgreSQL/);
    expect(frame).toMatch(/Version\s+16 {2}recommended/);
    expect(frame).toMatch(/Instance class\s+db\.t4g\.micro {2}2 vCPU, 1 GiB/);
    expect(frame).toMatch(/Storage\s+20 GiB/);
    expect(frame).toMatch(/Multi-AZ\s+\( \) yes {2}\(•\) no/);
    expect(frame).toMatch(/Backups kept\s+1 day/);
    expect(frame).toContain('Without deletion protection, a destroy of production deletes its database');
  });

  it('offers the versions of the chosen engine', async () => {
    screen = await renderScreen('database');
    await screen.press('down');
    expect(screen.state().answers['env.database.engine']).toBe('mysql');
    expect(screen.lastFrame()).toMatch(/Version\s+8\.0 {2}recommended/);
  });

  it('lists instance classes with their size when focused', async () => {
    screen = await renderScreen('database');
    await screen.press('tab', 'tab');
    expect(screen.lastFrame()).toMatch(/› Instance class\s+› db\.t4g\.micro\s+2 vCPU, 1 GiB\n\s+db\.t4g\.small\s+2 vCPU, 2 GiB/);
    await screen.press('down', 'down');
    expect(screen.state().answers['env.database.instanceClass']).toBe('db.t4g.medium');
  });

  it('takes digits only in number fields and shows the schema’s range messages', async () => {
    screen = await renderScreen('database');
    await screen.press('tab', 'tab', 'tab', 'ctrlU');
    await screen.type('1a0');
    expect(screen.state().answers['env.database.allocatedStorage']).toBe('10');
    expect(prose(screen.lastFrame())).toContain('✗ the storage in GiB must be at least 20');
    await screen.type('0');
    expect(prose(screen.lastFrame())).toContain('✗ maxAllocatedStorage 50 is below allocatedStorage 100');
    await screen.press('enter');
    expect(screen.state().step).toBe('database');
  });

  it('toggles yes/no answers with Space and the arrows', async () => {
    screen = await renderScreen('database');
    await screen.press('tab', 'tab', 'tab', 'tab', 'tab');
    expect(screen.lastFrame()).toContain('←→ change');
    await screen.press('space');
    expect(screen.lastFrame()).toMatch(/Multi-AZ\s+\(•\) yes {2}\( \) no/);
    await screen.press('tab', 'tab', 'right');
    expect(screen.state().answers['env.database.deletionProtection']).toBe(true);
    expect(screen.lastFrame()).not.toContain('Without deletion protection');
  });
});
