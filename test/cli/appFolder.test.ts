/**
 * `npx ecs-wizard` at the root of an app: the app's own package.json is left
 * alone and the project goes to infra/, found again on the next run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, runCli } from '../helpers/cli.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

beforeAll(() => ensureBuilt(), 240_000);

describe('inside an app with its own package.json', () => {
  it('writes the project to infra/, names the app after the app folder, and finds it again', async () => {
    const app = path.join(makeTmpDir('ecs-wizard-app-'), 'shop');
    mkdirSync(app);
    const appPackage = '{ "name": "shop", "scripts": { "start": "node server.js" } }\n';
    writeFileSync(path.join(app, 'package.json'), appPackage);
    const sets = ['--set', 'environments.production.pipeline.owner=acme', '--set', 'environments.production.pipeline.repo=shop'];

    const first = await runCli(['synth', ...sets], { cwd: app, env: cleanEnv() });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(readFileSync(path.join(app, 'package.json'), 'utf8')).toBe(appPackage);
    const config = JSON.parse(readFileSync(path.join(app, 'infra', 'ecs-wizard.json'), 'utf8'));
    expect(config.app.name).toBe('shop');
    expect(existsSync(path.join(app, 'infra', 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(path.join(app, 'ecs-wizard.json'))).toBe(false);

    const again = await runCli(['synth', '--set', 'environments.production.service.maxCount=3'], { cwd: app, env: cleanEnv() });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(app, 'infra', 'ecs-wizard.json'), 'utf8')).environments.production.service.maxCount).toBe(3);
  });
});
