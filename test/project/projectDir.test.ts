import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFolder, projectDir } from '../../src/project/projectDir.js';

let app: string;
beforeEach(() => {
  app = mkdtempSync(join(tmpdir(), 'ecs-wizard-dir-'));
});
afterEach(() => rmSync(app, { recursive: true, force: true }));

describe('projectDir', () => {
  it('takes --dir as given, relative to the current folder', () => {
    expect(projectDir('deploy', app)).toBe(join(app, 'deploy'));
  });

  it('keeps to the current folder when it holds ecs-wizard.json, or when it has no package.json', () => {
    expect(projectDir(undefined, app)).toBe(app);
    writeFileSync(join(app, 'package.json'), '{"name":"shop"}');
    writeFileSync(join(app, 'ecs-wizard.json'), '{}');
    expect(projectDir(undefined, app)).toBe(app);
  });

  it('uses infra/ inside an app with a package.json of its own, and finds it again', () => {
    writeFileSync(join(app, 'package.json'), '{"name":"shop"}');
    expect(projectDir(undefined, app)).toBe(join(app, 'infra'));
    mkdirSync(join(app, 'infra'));
    writeFileSync(join(app, 'infra', 'ecs-wizard.json'), '{}');
    rmSync(join(app, 'package.json'));
    expect(projectDir(undefined, app)).toBe(join(app, 'infra'));
  });

  it('stays in a folder whose package.json ecs-wizard wrote itself', () => {
    writeFileSync(join(app, 'package.json'), '{"name":"shop-infrastructure"}');
    mkdirSync(join(app, '.ecs-wizard'));
    writeFileSync(join(app, '.ecs-wizard', 'generated.json'), JSON.stringify({ files: { 'package.json': 'abc' } }));
    expect(projectDir(undefined, app)).toBe(app);
  });
});

describe('appFolder', () => {
  it('names the app after the folder above infra/', () => {
    expect(appFolder('/src/shop/infra')).toBe('/src/shop');
    expect(appFolder('/src/shop')).toBe('/src/shop');
  });
});
