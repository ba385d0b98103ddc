/**
 * The generated project is a real CDKTF app: compiling its main.ts and running
 * it (as `cdktf synth` would) writes byte-identical Terraform JSON to
 * ecs-wizard's own synthesis. The app resolves `ecs-wizard/infra` to this
 * repository's built package, as an installed dependency would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  if (existsSync(modules)) return;
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
    // What `npm install` there brings: ecs-wizard, and the cdktf packages its library takes from the project.
    for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws']) expect(pkg.dependencies[name], name).toBe(own.peerDependencies[name]);
    expect(pkg.dependencies['ecs-wizard']).toBe(own.version);
    expect(JSON.parse(readFileSync(path.join(project, 'cdktf.json'), 'utf8')).app).toBe('npx tsx main.ts');
    expect(readFileSync(path.join(project, '.gitignore'), 'utf8')).toMatch(/^cdktf\.out\/$/m);
  });

  it('running its main.ts writes byte-identical Terraform JSON', () => {
    linkDependencies(project);
    const outdir = runMain(readFileSync(path.join(project, 'main.ts'), 'utf8'), 'main', 'cdktf-app.out');
    for (const environment of ['production', 'staging']) {
      const ours = readFileSync(path.join(project, 'cdktf.out', 'stacks', environment, 'cdk.tf.json'));
      const theirs = readFileSync(path.join(outdir, 'stacks', environment, 'cdk.tf.json'));
      expect(theirs.equals(ours), `${environment} differs`).toBe(true);
    }
    expect(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe(readFileSync(path.join(project, 'cdktf.out', 'manifest.json'), 'utf8'));
  });

  it("tells a user who adds provider classes which package they come from, and lists it", () => {
    const main = readFileSync(path.join(project, 'main.ts'), 'utf8');
    expect(main).toContain("from '@cdktf/provider-aws/lib/s3-bucket/index.js'");
    expect(main).toMatch(/npm install/);
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['@cdktf/provider-aws', 'cdktf', 'constructs', 'ecs-wizard']));
  });

  it("takes the user's own provider classes and aspects into ecs-wizard's stacks: one cdktf for both", () => {
    linkDependencies(project);
    // As the comment in main.ts says: a class from its deep path, added to a stack addEnvironmentStacks returns.
    const extended = readFileSync(path.join(project, 'main.ts'), 'utf8')
      .replace(
        "import { readFileSync } from 'node:fs';",
        [
          "import { readFileSync } from 'node:fs';",
          "import { Aspects } from 'cdktf';",
          "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';",
        ].join('\n'),
      )
      .replace(
        'addEnvironmentStacks(app, config);',
        [
          'for (const stack of addEnvironmentStacks(app, config)) {',
          "  new S3Bucket(stack, 'assets', { bucketPrefix: `shop-${stack.environment}-assets-` });",
          // An aspect only runs when the App that synthesizes and the Aspects that registered it are one cdktf.
          "  Aspects.of(stack).add({ visit(node) { if (node instanceof S3Bucket && node.node.id === 'assets') node.forceDestroy = true; } });",
          '}',
        ].join('\n'),
      );
    const outdir = runMain(extended, 'extended', 'extended.out');
    const stack = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'production', 'cdk.tf.json'), 'utf8'));
    const buckets = Object.values(stack.resource.aws_s3_bucket as Record<string, { bucket_prefix?: string; force_destroy?: boolean }>);
    expect(buckets).toContainEqual(expect.objectContaining({ bucket_prefix: 'shop-production-assets-', force_destroy: true }));
    // ecs-wizard's own resources are still all there.
    const ours = JSON.parse(readFileSync(path.join(project, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'), 'utf8'));
    for (const [type, resources] of Object.entries(ours.resource as Record<string, object>)) {
      expect(Object.keys(stack.resource[type] ?? {}), type).toEqual(expect.arrayContaining(Object.keys(resources)));
    }
  });
});

/** Compiles main.ts as tsx would and runs it as `cdktf synth` does; returns its outdir. */
function runMain(source: string, name: string, out: string): string {
  const compiled = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(path.join(project, `${name}.mjs`), compiled);
  const outdir = path.join(project, out);
  execFileSync(process.execPath, [`${name}.mjs`], { cwd: project, env: cleanEnv({ CDKTF_OUTDIR: outdir }), stdio: 'pipe' });
  return outdir;
}
