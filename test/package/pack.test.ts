/**
 * The published package works as `npx ecs-wizard` does for a user: pack the
 * tarball, then `npx ./ecs-wizard-x.y.z.tgz --help` in an empty folder, with
 * its dependencies installed from the registry as npx installs them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt } from '../helpers/cli.js';
import { makeTmpDir, REPO_ROOT } from '../helpers/fakeTerraformHarness.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const registryUp = spawnSync(npm, ['ping'], { stdio: 'ignore', timeout: 15_000 }).status === 0;
if (!registryUp) console.warn('*** SKIPPED: the npm registry does not answer; the npx-from-tarball test did not run ***');

describe.skipIf(!registryUp)('the packed tarball', () => {
  let scratch: string;
  let tarball: string;
  let files: string[];

  beforeAll(async () => {
    await ensureBuilt();
    scratch = makeTmpDir('ecs-wizard-pack-');
    // dist/ is already built; prepack's rebuild would empty it under other tests.
    const packed = JSON.parse(
      execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: REPO_ROOT, encoding: 'utf8' }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(scratch, packed[0]!.filename);
    files = packed[0]!.files.map((file) => file.path);
  }, 240_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('holds the command, the bundle, the library, the schema and the README, and no tests', () => {
    for (const file of ['bin/ecs-wizard.js', 'dist/ecs-wizard.js', 'dist/infra/index.js', 'dist/index.js', 'schema/ecs-wizard.schema.json', 'README.md', 'package.json']) {
      expect(files, file).toContain(file);
    }
    expect(files.some((file) => file.startsWith('test/') || file.startsWith('src/'))).toBe(false);
  });

  it('runs with npx from the tarball in an empty folder', () => {
    // As a user would try it: the tarball alone in a folder, `npx ./ecs-wizard-x.y.z.tgz`.
    const folder = path.join(scratch, 'try');
    mkdirSync(folder);
    const name = path.basename(tarball);
    copyFileSync(tarball, path.join(folder, name));
    const env = cleanEnv({ npm_config_cache: path.join(scratch, 'npm-cache'), npm_config_update_notifier: 'false' });
    const help = spawnSync('npx', ['--yes', `./${name}`, '--help'], { cwd: folder, env, encoding: 'utf8', timeout: 300_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('npx ecs-wizard [command] [options]');
    expect(help.stdout).toContain('Exit codes');
    const version = spawnSync('npx', ['--yes', `./${name}`, '--version'], { cwd: folder, env, encoding: 'utf8', timeout: 120_000 });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
    // Asking for help wrote nothing beside the tarball.
    expect(readdirSync(folder)).toEqual([name]);
  }, 360_000);
});
