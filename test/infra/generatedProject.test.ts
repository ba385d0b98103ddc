/**
 * The generated project is a real CDKTF app: compiling its main.ts and running
 * it (as `cdktf synth` would) writes byte-identical Terraform JSON to
 * ecs-wizard's own synthesis. The app resolves `ecs-wizard/infra` to this
 * repository's built package, as an installed dependency would.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, runCli } from '../helpers/cli.js';
import { makeTmpDir, REPO_ROOT } from '../helpers/fakeTerraformHarness.js';

let project: string;

beforeAll(async () => {
  await ensureBuilt();
  project = makeTmpDir('ecs-wizard-project-');
  const result = await runCli(
    [
      'synth',
      '--preset',
      'production',
      '--set',
      'environments.production.region=eu-west-1',
      '--set',
      'environments.production.pipeline.owner=acme',
      '--set',
      'environments.production.pipeline.repo=shop',
      '--env',
      'production',
    ],
    { cwd: project, env: cleanEnv() },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  // A second environment proves main.ts builds every stack.
  const added = await runCli(['synth', '--env', 'staging', '--preset', 'starter', '--set', 'environments.staging.region=eu-west-1'], {
    cwd: project,
    env: cleanEnv(),
  });
  expect(added.exitCode, added.stderr).toBe(0);
}, 240_000);

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

function linkDependencies(dir: string): void {
  const modules = path.join(dir, 'node_modules');
  mkdirSync(path.join(modules, '@cdktf'), { recursive: true });
  symlinkSync(REPO_ROOT, path.join(modules, 'ecs-wizard'), 'dir');
  for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws']) {
    symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name), 'dir');
  }
}

describe('the generated CDKTF project', () => {
  it('holds the files a CDKTF project needs, with the pinned versions', () => {
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    const own = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies.cdktf).toBe(own.dependencies.cdktf);
    expect(pkg.dependencies['@cdktf/provider-aws']).toBe(own.dependencies['@cdktf/provider-aws']);
    expect(pkg.dependencies['ecs-wizard']).toBe(own.version);
    expect(JSON.parse(readFileSync(path.join(project, 'cdktf.json'), 'utf8')).app).toBe('npx tsx main.ts');
    expect(readFileSync(path.join(project, '.gitignore'), 'utf8')).toMatch(/^cdktf\.out\/$/m);
  });

  it('running its main.ts writes byte-identical Terraform JSON', () => {
    linkDependencies(project);
    const source = readFileSync(path.join(project, 'main.ts'), 'utf8');
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(path.join(project, 'main.mjs'), compiled);
    const outdir = path.join(project, 'cdktf-app.out');
    execFileSync(process.execPath, ['main.mjs'], { cwd: project, env: cleanEnv({ CDKTF_OUTDIR: outdir }), stdio: 'pipe' });
    for (const environment of ['production', 'staging']) {
      const ours = readFileSync(path.join(project, 'cdktf.out', 'stacks', environment, 'cdk.tf.json'));
      const theirs = readFileSync(path.join(outdir, 'stacks', environment, 'cdk.tf.json'));
      expect(theirs.equals(ours), `${environment} differs`).toBe(true);
    }
    expect(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe(readFileSync(path.join(project, 'cdktf.out', 'manifest.json'), 'utf8'));
  });
});
