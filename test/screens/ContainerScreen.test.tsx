import { afterEach, describe, expect, it } from 'vitest';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('ContainerScreen', () => {
  it('offers only the CPU sizes Fargate has', async () => {
    screen = await renderScreen('container');
    const frame = screen.lastFrame();
    for (const cpu of ['0.25 vCPU', '0.5 vCPU', '1 vCPU', '2 vCPU', '4 vCPU', '8 vCPU', '16 vCPU']) expect(frame).toContain(cpu);
    expect(frame).toMatch(/Memory\s+0\.5 GB {2}512 MiB/);
    expect(frame).toContain('Fargate runs 0.25 vCPU with 0.5-2 GB of memory; only those sizes are offered.');
  });

  it('keeps memory valid for a new CPU and lists only the memory that pairs with it', async () => {
    screen = await renderScreen('container');
    await screen.press('down');
    expect(screen.state().answers['app.memory']).toBe('1024');
    await screen.press('tab');
    const frame = screen.lastFrame();
    expect(frame).toMatch(/› Memory\s+› 1 GB/);
    for (const size of ['2 GB', '3 GB', '4 GB']) expect(frame).toContain(size);
    expect(frame).not.toContain('0.5 GB');
    expect(frame).not.toContain('5 GB');
  });

  it('validates the port with the schema', async () => {
    screen = await renderScreen('container');
    await screen.press('tab', 'tab', 'ctrlU');
    await screen.type('70000');
    expect(prose(screen.lastFrame())).toContain('✗ the container port must be at most 65535');
    await screen.press('enter');
    expect(screen.state().step).toBe('container');
  });

  it('edits the migrate command as one line of words', async () => {
    screen = await renderScreen('container');
    await screen.press('shiftTab', 'ctrlU');
    await screen.type('node dist/migrate.js');
    await screen.press('enter');
    expect(screen.state().step).toBe('scaling');
    expect(screen.state().answers['app.migrateCommand']).toBe('node dist/migrate.js');
  });
});
