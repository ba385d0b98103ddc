// Synthesis: `ecs-wizard synth` of the production preset (a fresh process in a
// fresh folder holding only ecs-wizard.json) against the hand-written
// reference stack (bench/reference/main.cjs) and against `cdktf synth` of the
// generated project; and how synthesis grows with the number of environments.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, runMeasured, stats } from './measure.mjs';
import { packTarball } from './install.mjs';
import { BENCH_CACHE } from './source.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reference = join(root, 'bench', 'reference', 'main.cjs');

export const PRODUCTION_SETS = [
  '--preset', 'production',
  '--set', 'environments.production.region=eu-west-1',
  '--set', 'environments.production.pipeline.owner=acme',
  '--set', 'environments.production.pipeline.repo=shop',
];

/** A project folder named `shop` (the app name) synthesized from the production preset. */
export function productionProject(cli, parent) {
  const dir = join(parent, 'shop');
  mkdirSync(dir, { recursive: true });
  runMeasured(cli, ['synth', ...PRODUCTION_SETS], { cwd: dir, node: true });
  return dir;
}

/** The stack JSON without cdktf's metadata (construct paths), for comparing architectures. */
function withoutMetadata(file) {
  const stack = JSON.parse(readFileSync(file, 'utf8'));
  delete stack['//'];
  for (const resources of Object.values(stack.resource ?? {})) for (const resource of Object.values(resources)) delete resource['//'];
  return stack;
}

const isObject = (value) => value !== null && typeof value === 'object';

/** A JSON document held in a string attribute (a policy, container definitions, a buildspec), parsed; else undefined. */
function embeddedJson(value) {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * Where two stacks differ, depth first: resource addresses and attribute
 * paths (`aws_lb.alb.access_logs.bucket`, `output.app_url.value`), going
 * into JSON held in strings (`aws_iam_role_policy.x.policy → Statement[2].Action`).
 */
function differingPaths(ours, theirs, path, found) {
  if (JSON.stringify(ours) === JSON.stringify(theirs)) return;
  const [innerOurs, innerTheirs] = [embeddedJson(ours), embeddedJson(theirs)];
  if (innerOurs !== undefined && innerTheirs !== undefined) return differingPaths(innerOurs, innerTheirs, `${path} → `, found);
  if (!isObject(ours) || !isObject(theirs) || Array.isArray(ours) !== Array.isArray(theirs)) {
    found.push(`${path.trim() || '(top)'} (values differ)`);
    return;
  }
  const child = (key) => (Array.isArray(ours) ? `${path}[${key}]` : path === '' || path.endsWith(' ') ? `${path}${key}` : `${path}.${key}`);
  const keys = Array.isArray(ours) ? [...Array(Math.max(ours.length, theirs.length)).keys()] : [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  const before = found.length;
  for (const key of keys) {
    if (!(key in theirs)) found.push(`${child(key)} (ecs-wizard only)`);
    else if (!(key in ours)) found.push(`${child(key)} (reference only)`);
    else differingPaths(ours[key], theirs[key], child(key), found);
  }
  if (found.length === before) found.push(`${path.trim() || '(top)'} (same keys and values, in another order)`);
}

/** What differs between ecs-wizard's stack and the reference's, naming the first few paths. */
export function describeDifference(ours, theirs, shown = 6) {
  const count = (stack) => Object.fromEntries(Object.entries(stack.resource ?? {}).map(([type, resources]) => [type, Object.keys(resources).length]));
  const a = count(ours);
  const b = count(theirs);
  const types = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const counts = types.filter((type) => a[type] !== b[type]).map((type) => `${type} ${b[type] ?? 0}→${a[type] ?? 0}`);
  const found = [];
  // Resources by their address (type.name); the other blocks by their own names.
  const { resource: oursResources = {}, ...oursRest } = ours;
  const { resource: theirResources = {}, ...theirRest } = theirs;
  differingPaths(oursRest, theirRest, '', found);
  differingPaths(oursResources, theirResources, '', found);
  const paths = `${found.length} differing path${found.length === 1 ? '' : 's'}: ${found.slice(0, shown).join('; ')}${found.length > shown ? `; and ${found.length - shown} more` : ''}`;
  const summary = counts.length ? `resource counts differ (reference→ecs-wizard): ${counts.join(', ')}; ` : 'same resources; ';
  return `${summary}${paths} (update bench/reference/main.cjs)`;
}

function freshCopy(configFile, parent, name) {
  const dir = join(parent, name, 'shop');
  mkdirSync(dir, { recursive: true });
  cpSync(configFile, join(dir, 'ecs-wizard.json'));
  return dir;
}

export async function benchSynthAgainstReference(cli, runs = 9) {
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-synth-'));
  try {
    const template = productionProject(cli, scratch);
    const config = join(template, 'ecs-wizard.json');
    const referenceOut = join(scratch, 'reference.out');
    runMeasured(reference, [referenceOut], { node: true });
    const ours = withoutMetadata(join(template, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'));
    const theirs = withoutMetadata(join(referenceOut, 'stacks', 'production', 'cdk.tf.json'));
    const same = JSON.stringify(ours) === JSON.stringify(theirs);
    const peaks = [];
    const comparison = await interleave({
      runs,
      metric: (measured) => measured.cpuMs,
      anchor: (i) => runMeasured(reference, [join(scratch, `reference-${i}.out`)], { node: true }),
      subject: (i) => {
        const measured = runMeasured(cli, ['synth'], { cwd: freshCopy(config, scratch, `synth-${i}`), node: true });
        if (i > 0) peaks.push(measured.peakMiB); // round 0 is the warm-up
        return measured;
      },
    });
    return { comparison, architecture: same ? 'the same Terraform JSON apart from construct paths' : describeDifference(ours, theirs), peak: stats(peaks) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** CPU of synth with 1, 2 and 3 copies of the production environment, interleaved. */
export async function benchEnvironments(cli, runs = 9) {
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-envs-'));
  try {
    const template = productionProject(cli, scratch);
    const base = JSON.parse(readFileSync(join(template, 'ecs-wizard.json'), 'utf8'));
    const names = ['production', 'staging', 'qa'];
    const configs = names.map((_, index) => {
      // Each copy deploys from a branch of its own: two environments on one branch are refused (one push would deploy both).
      const copyOf = (name) => (name === 'production' ? base.environments.production : { ...base.environments.production, pipeline: { ...base.environments.production.pipeline, branch: name } });
      const config = { ...base, environments: Object.fromEntries(names.slice(0, index + 1).map((name) => [name, copyOf(name)])) };
      const file = join(scratch, `config-${index + 1}.json`);
      writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
      return file;
    });
    const cpu = [[], [], []];
    const peaks = [[], [], []];
    for (let i = 0; i < runs + 1; i++) {
      for (let n = 0; n < 3; n++) {
        const k = (n + i) % 3; // rotate the order
        const measured = runMeasured(cli, ['synth'], { cwd: freshCopy(configs[k], scratch, `envs-${k}-${i}`), node: true });
        if (i > 0) {
          cpu[k].push(measured.cpuMs);
          peaks[k].push(measured.peakMiB);
        }
      }
    }
    return { cpu: cpu.map(stats), peaks: peaks.map(stats) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The generated project with what its package.json lists installed (kept in
 * the bench cache between runs; ecs-wizard itself from a fresh tarball, as it
 * is not on the registry), then `npx cdktf synth` in it against `ecs-wizard synth`.
 */
export async function benchSynthAgainstCdktf(cli, runs = 3) {
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-cdktf-'));
  try {
    const template = productionProject(cli, scratch);
    const generated = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
    const { 'ecs-wizard': _ours, ...dependencies } = generated.dependencies;
    const key = Object.entries({ ...dependencies, ...generated.devDependencies }).map(([name, version]) => `${name}@${version}`).join(' ');
    const project = join(BENCH_CACHE, 'cdktf-project');
    const manifest = { name: 'shop-infrastructure', private: true, type: 'module', dependencies, devDependencies: generated.devDependencies };
    if (!existsSync(join(project, 'node_modules')) || readFileSync(join(project, '.installed'), 'utf8') !== key) {
      rmSync(project, { recursive: true, force: true });
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      console.log(`    (installing the generated project's dependencies once into ${project}: ${key})`);
      runMeasured('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
      writeFileSync(join(project, '.installed'), key);
    }
    const tarball = packTarball(scratch);
    runMeasured('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project });
    for (const file of ['main.ts', 'cdktf.json', 'ecs-wizard.json']) cpSync(join(template, file), join(project, file));
    const config = join(template, 'ecs-wizard.json');
    const env = { CHECKPOINT_DISABLE: '1', CI: '1' };
    const comparison = await interleave({
      runs,
      metric: (measured) => measured.cpuMs,
      anchor: () => {
        rmSync(join(project, 'cdktf.out'), { recursive: true, force: true });
        return runMeasured('npx', ['cdktf', 'synth'], { cwd: project, env });
      },
      subject: (i) => runMeasured(cli, ['synth'], { cwd: freshCopy(config, scratch, `synth-${i}`), node: true }),
    });
    const same = readFileSync(join(project, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json')).equals(
      readFileSync(join(template, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json')),
    );
    return { comparison, identical: same };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
