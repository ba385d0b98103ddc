/**
 * The published package works as `npx ecs-wizard` does for a user: pack the
 * tarball, then `npx ./ecs-wizard-x.y.z.tgz --help` in an empty folder, with
 * whatever it depends on installed from the registry as npx installs it.
 * Installed with `npm install` into a folder of its own, it weighs at most
 * 30 MB, and the project it generates synthesizes from it: the CLI with
 * nothing else installed, and the project's main.ts through the installed
 * `ecs-wizard/infra` (with the cdktf packages its package.json lists).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, STARTER_SETS } from '../helpers/cli.js';
import { makeTmpDir, REPO_ROOT } from '../helpers/fakeTerraformHarness.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const registryUp = spawnSync(npm, ['ping'], { stdio: 'ignore', timeout: 15_000 }).status === 0;
if (!registryUp) console.warn('*** SKIPPED: the npm registry does not answer; the npx-from-tarball test did not run ***');

/** The goal for `node_modules` after installing the tarball into an empty folder. */
const MAX_INSTALLED_MB = 30;

/** Disk usage as du counts it (blocks, not bytes), in MiB, and the packages found. */
function footprint(modules: string): { megabytes: number; packages: string[] } {
  let bytes = 0;
  const packages: string[] = [];
  const walk = (dir: string, underModules: boolean, scope = '') => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      bytes += lstatSync(full).blocks * 512;
      if (!entry.isDirectory()) continue;
      if (underModules && entry.name.startsWith('@')) walk(full, true, `${entry.name}/`);
      else {
        if (underModules && !entry.name.startsWith('.')) packages.push(`${scope}${entry.name}`);
        walk(full, entry.name === 'node_modules');
      }
    }
  };
  walk(modules, true);
  return { megabytes: bytes / 1024 / 1024, packages };
}

describe.skipIf(!registryUp)('the packed tarball', () => {
  let scratch: string;
  let tarball: string;
  let files: string[];
  const env = () => cleanEnv({ npm_config_cache: path.join(scratch, 'npm-cache'), npm_config_update_notifier: 'false', NODE_PATH: undefined });

  beforeAll(async () => {
    await ensureBuilt();
    scratch = makeTmpDir('ecs-wizard-pack-');
    // dist/ is already built; prepack's build would only repeat it.
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
    expect(files.some((file) => file.startsWith('test/') || file.startsWith('src/') || file.startsWith('bench/'))).toBe(false);
    // Only this build's files: the previous build's chunks stay in dist/ for running processes, not in the package.
    const built = readFileSync(path.join(REPO_ROOT, 'dist', '.build-files'), 'utf8').split('\n').filter(Boolean);
    expect(files.filter((file) => file.startsWith('dist/')).sort()).toEqual(built.map((file) => `dist/${file}`).sort());
  });

  it('runs with npx from the tarball in an empty folder', () => {
    // As a user would try it: the tarball alone in a folder, `npx ./ecs-wizard-x.y.z.tgz`.
    const folder = path.join(scratch, 'try');
    mkdirSync(folder);
    const name = path.basename(tarball);
    copyFileSync(tarball, path.join(folder, name));
    const help = spawnSync('npx', ['--yes', `./${name}`, '--help'], { cwd: folder, env: env(), encoding: 'utf8', timeout: 300_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('npx ecs-wizard [command] [options]');
    expect(help.stdout).toContain('Exit codes');
    const version = spawnSync('npx', ['--yes', `./${name}`, '--version'], { cwd: folder, env: env(), encoding: 'utf8', timeout: 120_000 });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
    // Asking for help wrote nothing beside the tarball.
    expect(readdirSync(folder)).toEqual([name]);
  }, 360_000);

  it(`installs alone into at most ${MAX_INSTALLED_MB} MB, and the project it generates synthesizes from it`, () => {
    const install = path.join(scratch, 'install');
    mkdirSync(install);
    const added = spawnSync(npm, ['install', '--no-audit', '--no-fund', tarball], { cwd: install, env: env(), encoding: 'utf8', timeout: 300_000 });
    expect(added.status, added.stderr).toBe(0);
    const installed = footprint(path.join(install, 'node_modules'));
    expect(installed.packages, 'the optional peers (cdktf...) must not be installed with it').toEqual(['ecs-wizard']);
    expect(installed.megabytes).toBeLessThanOrEqual(MAX_INSTALLED_MB);
    // The config model works from the installed package with nothing else installed.
    const model = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('ecs-wizard'); console.log(typeof m.parseConfig, typeof m.configSchema)"], {
      cwd: install,
      env: env(),
      encoding: 'utf8',
    });
    expect(model.stdout.trim(), model.stderr).toBe('function object');

    // The installed CLI, where nothing but itself can be found, writes a project.
    const project = path.join(scratch, 'shop');
    mkdirSync(project);
    const bin = path.join(install, 'node_modules', '.bin', 'ecs-wizard');
    const synth = spawnSync(bin, ['synth', ...STARTER_SETS], { cwd: project, env: env(), encoding: 'utf8', timeout: 120_000 });
    expect(synth.status, synth.stderr).toBe(0);

    // The project's main.ts through the installed library. Its package.json lists
    // what `npm install` would bring there; the test links the same versions
    // from this repository rather than download 360 MB of provider classes.
    const listed = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const modules = path.join(project, 'node_modules');
    mkdirSync(path.join(modules, '@cdktf'), { recursive: true });
    // A copy, as npm would install it there: Node resolves a symlinked package's imports from where it really lives.
    cpSync(path.join(install, 'node_modules', 'ecs-wizard'), path.join(modules, 'ecs-wizard'), { recursive: true });
    for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws']) {
      const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      expect(listed.dependencies[name], `the generated package.json lists ${name}`).toBe(version);
      symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name), 'dir');
    }
    const main = ts.transpileModule(readFileSync(path.join(project, 'main.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(path.join(project, 'main.mjs'), main);
    const outdir = path.join(project, 'cdktf-app.out');
    const app = spawnSync(process.execPath, ['main.mjs'], { cwd: project, env: cleanEnv({ CDKTF_OUTDIR: outdir, NODE_PATH: undefined }), encoding: 'utf8' });
    expect(app.status, app.stderr).toBe(0);
    const ours = readFileSync(path.join(project, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'));
    expect(existsSync(path.join(outdir, 'stacks', 'production', 'cdk.tf.json'))).toBe(true);
    expect(readFileSync(path.join(outdir, 'stacks', 'production', 'cdk.tf.json')).equals(ours), 'main.ts writes what ecs-wizard synth wrote').toBe(true);
  }, 360_000);
});
