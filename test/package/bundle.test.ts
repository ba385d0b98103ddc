/**
 * The command line ships what it runs: cdktf, constructs and every provider
 * class the stack uses are inside its bundle, so the installed package needs
 * none of them. Three holds on it, from the cheapest:
 *
 * - the source: provider classes come only through src/infra/aws.ts, as
 *   static imports of deep paths (what esbuild can follow);
 * - the bundle: esbuild's record of the last build (its metafile) holds each
 *   of those classes, never the package root, and leaves nothing of cdktf,
 *   constructs or @cdktf/* to load at run time; cdktf's archiver (for
 *   TerraformAsset, which the stack never makes) is left out, and its
 *   tokens keep their creation stacks only with --debug;
 * - the behaviour: the built package, copied where no node_modules can be
 *   found, synthesizes a config that takes every branch of the stack, byte
 *   for byte as the source does.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/config/index.js';
import { synthesizeToJson } from '../../src/infra/index.js';
import { cleanEnv, ensureBuilt } from '../helpers/cli.js';
import { makeTmpDir, REPO_ROOT } from '../helpers/fakeTerraformHarness.js';
import { presetFixture, terraformVariants } from '../helpers/infraSynth.js';

const BUILD_CACHE = path.join(REPO_ROOT, 'node_modules', '.cache', 'ecs-wizard-build');
const PEERS = ['cdktf', 'constructs', '@cdktf/provider-aws'] as const;
/** A module specifier of cdktf, constructs or any @cdktf package. */
const CDKTF_FAMILY = /^(cdktf|constructs|@cdktf\/[^/]+)(\/|$)/;

interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean; original?: string }> }>;
  outputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }>; inputs: Record<string, unknown>; entryPoint?: string }>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const AWS_TS = path.join(REPO_ROOT, 'src', 'infra', 'aws.ts');
/** The deep paths src/infra/aws.ts re-exports, e.g. `@cdktf/provider-aws/lib/vpc/index.js`. */
function awsModules(): string[] {
  return [...readFileSync(AWS_TS, 'utf8').matchAll(/^export \{[^}]+\} from '(@cdktf\/provider-aws\/lib\/[a-z0-9-]+\/index\.js)';$/gm)].map((m) => m[1]!);
}

describe('provider classes in the source', () => {
  it('come only through src/infra/aws.ts, as static re-exports of deep paths', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const relative = path.relative(REPO_ROOT, file);
      for (const match of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'(@cdktf\/provider-aws[^']*)'/gm)) {
        const typeOnly = match[2] !== undefined;
        if (file !== AWS_TS && !typeOnly) offenders.push(`${relative}: ${match[0]} (import it from ./aws.js; add it there)`);
      }
      if (file !== AWS_TS && /require\(\s*[`'"]@cdktf\/provider-aws/.test(text)) offenders.push(`${relative}: require() of @cdktf/provider-aws`);
    }
    const aws = readFileSync(AWS_TS, 'utf8');
    const code = aws.replace(/\/\*[\s\S]*?\*\//g, '').trim().split('\n').filter((line) => line.trim() !== '');
    for (const line of code) {
      if (!/^export \{[^}]+\} from '@cdktf\/provider-aws\/lib\/[a-z0-9-]+\/index\.js';$/.test(line)) {
        offenders.push(`src/infra/aws.ts: "${line}" (only lines like: export { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';)`);
      }
    }
    expect(offenders).toEqual([]);
    expect(awsModules().length).toBeGreaterThan(30);
  });
});

describe('the command line bundle', () => {
  let cli: Metafile;

  beforeAll(async () => {
    await ensureBuilt();
    cli = JSON.parse(readFileSync(path.join(BUILD_CACHE, 'meta-cli.json'), 'utf8')) as Metafile;
  }, 240_000);

  it('holds every provider class src/infra/aws.ts imports, and never the package root', () => {
    const bundled = new Set(Object.keys(cli.inputs));
    const missing = awsModules().filter((module) => !bundled.has(`node_modules/${module}`));
    expect(missing, 'provider classes aws.ts imports but the bundle lacks').toEqual([]);
    expect(bundled.has('node_modules/@cdktf/provider-aws/lib/index.js'), 'the package root (every class) is bundled').toBe(false);
    // Exactly those: a class bundled from elsewhere means an import that bypasses aws.ts.
    const classes = [...bundled].filter((input) => input.startsWith('node_modules/@cdktf/provider-aws/lib/') && input.endsWith('/index.js'));
    expect(classes.sort()).toEqual(awsModules().map((module) => `node_modules/${module}`).sort());
    for (const name of ['node_modules/cdktf/lib/index.js', 'node_modules/constructs/lib/index.js']) expect(bundled.has(name), name).toBe(true);
  });

  it('leaves nothing of cdktf, constructs or @cdktf/* to load at run time', () => {
    const external = Object.entries(cli.outputs).flatMap(([file, output]) =>
      output.imports.filter((entry) => entry.external && !isBuiltin(entry.path)).map((entry) => `${file}: ${entry.path}`),
    );
    // Ink's devtools chunk, loaded only with DEV=true, is all that may ask for more:
    // react-devtools-core, and ws's optional native helpers (required in a try).
    expect(external.filter((entry) => !/\/chunks\/devtools-[A-Z0-9]+\.js: /.test(entry))).toEqual([]);
    const unbundled = Object.values(cli.inputs).flatMap((input) => input.imports.filter((entry) => entry.external && CDKTF_FAMILY.test(entry.path)));
    expect(unbundled).toEqual([]);
  });

  it("gives Ink's yoga no fetch to load its wasm with (Node would load undici first)", () => {
    const [chunk] = Object.entries(cli.outputs).filter(([, output]) =>
      Object.keys(output.inputs).some((input) => input.endsWith('yoga-layout/dist/binaries/yoga-wasm-base64-esm.js')),
    );
    expect(chunk, 'no chunk holds yoga').toBeDefined();
    const text = readFileSync(path.join(REPO_ROOT, 'dist', path.relative('dist', chunk![0].replace(/^\.dist-next-[^/]+\//, 'dist/'))), 'utf8');
    expect(text).toContain('both async and sync fetching of the wasm failed');
    // However esbuild reprints the loader's `"function"!=typeof fetch`.
    expect(text).not.toMatch(/"function"\s*!==?\s*typeof fetch|typeof fetch\s*!==?\s*"function"/);
  });

  it("measures Ink's text with src/tui/stringWidth.ts, which alone reaches the real string-width", () => {
    const importers = Object.entries(cli.inputs).flatMap(([input, { imports }]) =>
      imports.filter((entry) => entry.original === 'string-width').map((entry) => ({ input, path: entry.path })),
    );
    const served = importers.filter((entry) => entry.path === 'src/tui/stringWidth.ts').map((entry) => entry.input.replace(/^node_modules\//, ''));
    expect(served.sort()).toEqual(['cli-truncate/index.js', 'ink/build/output.js', 'widest-line/index.js']);
    // Through a require() in the stand-in, so that its module (and its \p{RGI_Emoji} regex) loads on the first call.
    expect(importers.filter((entry) => entry.path === 'node_modules/string-width/index.js').map((entry) => entry.input)).toEqual(['lazy-string-width:string-width']);
    expect(importers.filter((entry) => entry.input === 'src/tui/stringWidth.ts').map((entry) => entry.path)).toEqual(['lazy-string-width:string-width']);
    const [chunk] = Object.entries(cli.outputs).filter(([, output]) => Object.keys(output.inputs).includes('node_modules/string-width/index.js'));
    expect(chunk, 'no chunk holds string-width').toBeDefined();
    const text = readFileSync(path.join(REPO_ROOT, 'dist', path.relative('dist', chunk![0].replace(/^\.dist-next-[^/]+\//, 'dist/'))), 'utf8');
    // esbuild wraps a required ES module in an __esm initializer: its top level (the regexes) runs on the first require.
    const wrapper = text.indexOf('__esm({"node_modules/string-width/index.js"(){');
    expect(wrapper, 'string-width is not wrapped to load lazily').toBeGreaterThan(-1);
    expect(text.indexOf('rgiEmojiRegex=new RegExp', wrapper)).toBeGreaterThan(wrapper);
    expect(text.lastIndexOf('rgiEmojiRegex=new RegExp', wrapper)).toBe(-1);
  });

  it('loads neither execa nor listr2 before the first wizard frame (only when a run starts), nor the price table, node:crypto or the schema (zod)', () => {
    const name = (file: string) => file.replace(/^\.dist-next-[^/]+\//, '');
    const outputs = new Map(Object.entries(cli.outputs).map(([file, output]) => [name(file), output]));
    const closure = (start: string): Set<string> => {
      const seen = new Set<string>();
      const todo = [start];
      while (todo.length) {
        const file = todo.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        for (const entry of outputs.get(file)?.imports ?? []) if (entry.kind === 'import-statement' && !entry.external) todo.push(name(entry.path));
      }
      return seen;
    };
    const holding = (source: string) => [...outputs].find(([file, output]) => file.endsWith('.js') && Object.keys(output.inputs).includes(source))?.[0];
    const wizard = holding('src/tui/WizardApp.tsx');
    expect(wizard, 'no chunk holds src/tui/WizardApp.tsx').toBeDefined();
    // The chunks that import the wizard lazily, the entry, and the wizard's own static imports.
    const loaders = [...outputs].filter(([, output]) => output.imports.some((entry) => entry.kind === 'dynamic-import' && name(entry.path) === wizard)).map(([file]) => file);
    expect(loaders.length).toBeGreaterThan(0);
    const firstFrame = new Set([...closure('ecs-wizard.js'), ...closure(wizard!), ...loaders.flatMap((file) => [...closure(file)])]);
    const packages = new Set(
      [...firstFrame].flatMap((file) => Object.keys(outputs.get(file)?.inputs ?? {})).filter((input) => input.startsWith('node_modules/')).map((input) => input.split('/')[1]),
    );
    expect([...packages].filter((pkg) => pkg === 'execa' || pkg === 'listr2')).toEqual([]);
    expect(packages.has('ink'), 'the first frame is drawn by Ink').toBe(true);
    // Nor what comes in the frame after (the cost line's price table), nor node:crypto (~10 ms to load), which nothing before it uses.
    const sources = [...firstFrame].flatMap((file) => Object.keys(outputs.get(file)?.inputs ?? {}));
    expect(sources.filter((input) => input.startsWith('src/cost/price'))).toEqual([]);
    const builtins = [...firstFrame].flatMap((file) => (outputs.get(file)?.imports ?? []).filter((entry) => entry.external).map((entry) => entry.path));
    expect(builtins.filter((builtin) => builtin === 'node:crypto' || builtin === 'crypto')).toEqual([]);
    // Nor zod and the schema it builds (about a third of the frame's CPU): a new project's first frame reads the
    // config's data modules (src/config/defaults.ts, presets, regions); the schema loads when there is a file to judge.
    expect([...packages].filter((pkg) => pkg === 'zod')).toEqual([]);
    expect(sources.filter((input) => ['src/config/schema.ts', 'src/config/validate.ts', 'src/config/index.ts'].includes(input))).toEqual([]);
  });

  it("carries no archiver: cdktf's require('archiver') gets a stand-in that says why if it is ever called", () => {
    const importsOfArchiver = Object.entries(cli.inputs).flatMap(([input, { imports }]) =>
      imports.filter((entry) => entry.original === 'archiver').map((entry) => ({ input, path: entry.path })),
    );
    const fromCdktf = importsOfArchiver.filter((entry) => entry.input.startsWith('node_modules/cdktf/lib/'));
    expect(fromCdktf.length).toBeGreaterThan(0);
    for (const entry of importsOfArchiver) expect(entry.path, entry.input).toMatch(/^without-archiver:/);
    // Nor any of its module tree (zips, streams, globs): about a quarter of the synth chunk it was.
    const tree = Object.keys(cli.inputs).filter((input) => /(^|\/)node_modules\/(archiver|archiver-utils|zip-stream|compress-commons|crc32-stream|lazystream|readdir-glob)\//.test(input));
    expect(tree).toEqual([]);
    const [chunk] = Object.entries(cli.outputs).filter(([, output]) => Object.keys(output.inputs).includes('node_modules/cdktf/lib/terraform-asset.js'));
    expect(chunk, 'no chunk holds cdktf').toBeDefined();
    expect(readFileSync(path.join(REPO_ROOT, 'dist', path.relative('dist', chunk![0].replace(/^\.dist-next-[^/]+\//, 'dist/'))), 'utf8')).toContain(
      "ecs-wizard's command line makes no TerraformAsset: its bundled cdktf carries no archiver",
    );
  });

  it("gives cdktf's tokens their creation stacks only with --debug, through cdktf's own module", () => {
    const STACK_TRACE = 'node_modules/cdktf/lib/tokens/private/stack-trace.js';
    // cdktf's modules import the stand-in, and only the stand-in imports cdktf's own module.
    const importers = Object.entries(cli.inputs).flatMap(([input, { imports }]) => imports.filter((entry) => entry.path.startsWith(STACK_TRACE)).map((entry) => `${input} → ${entry.path}`));
    expect(importers.filter((line) => line.endsWith(`→ ${STACK_TRACE}`)).length).toBeGreaterThan(0);
    expect(importers.filter((line) => !line.endsWith(`→ ${STACK_TRACE}`))).toEqual([`${STACK_TRACE} → ${STACK_TRACE}?cdktf-original`]);
    // What the stand-in gives, with and without --debug.
    const standIn = readFileSync(path.join(REPO_ROOT, 'scripts', 'standins', 'cdktfStackTrace.cjs'), 'utf8');
    const original = createRequire(import.meta.url)('cdktf/lib/tokens/private/stack-trace.js') as { captureStackTrace: () => string[] };
    const load = (argv: string[]) => {
      const module = { exports: {} as { captureStackTrace: () => string[] } };
      const requireOriginal = (name: string) => {
        expect(name).toBe('ecs-wizard:cdktf-stack-trace');
        return original;
      };
      new Function('module', 'exports', 'require', 'process', standIn)(module, module.exports, requireOriginal, { argv });
      return module.exports;
    };
    expect(load(['node', 'ecs-wizard', 'synth']).captureStackTrace()).toEqual([]);
    const debug = load(['node', 'ecs-wizard', 'synth', '--debug']);
    expect(debug).toBe(original);
    expect(debug.captureStackTrace().length).toBeGreaterThan(0);
  });
});

/** A config that takes every branch: two regions, both NAT layouts, MySQL and PostgreSQL, secrets, an existing connection, S3 state, an endpoint. */
function everyBranch(): Config {
  const mixed = terraformVariants()['starter-3az-mysql']!;
  const production = presetFixture('production');
  const result = parseConfig({
    ...mixed,
    // Its own branch: two environments never deploy from the same one.
    environments: { ...mixed.environments, live: { ...production.environments.production!, pipeline: { ...production.environments.production!.pipeline, branch: 'live' } } },
    backend: { type: 's3', bucket: 'acme-state', key: 'shop', region: 'eu-west-1' },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

describe('the built package on its own', () => {
  it('synthesizes every branch of the stack with no node_modules anywhere, byte for byte as the source does', async () => {
    await ensureBuilt();
    const scratch = makeTmpDir('ecs-wizard-alone-');
    // The package as npm would unpack it, where no node_modules folder is found walking up.
    const pkg = path.join(scratch, 'package');
    for (const entry of ['bin', 'dist', 'schema', 'package.json']) cpSync(path.join(REPO_ROOT, entry), path.join(pkg, entry), { recursive: true });
    const project = path.join(scratch, 'shop');
    mkdirSync(project);
    const config = everyBranch();
    writeFileSync(path.join(project, 'ecs-wizard.json'), `${JSON.stringify(config, null, 2)}\n`);
    const synth = spawnSync(process.execPath, [path.join(pkg, 'bin', 'ecs-wizard.js'), 'synth'], {
      cwd: project,
      env: cleanEnv({ NODE_PATH: undefined, NODE_OPTIONS: undefined }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(synth.status, synth.stderr).toBe(0);
    const expected = synthesizeToJson(config);
    expect(Object.keys(expected).sort()).toEqual(['live', 'production']);
    for (const [environment, json] of Object.entries(expected)) {
      const written = readFileSync(path.join(project, 'cdktf.out', 'stacks', environment, 'cdk.tf.json'), 'utf8');
      expect(written === json, `${environment}: the bundle's synthesis differs from the source's`).toBe(true);
    }
    // The library, by contrast, takes cdktf from the project importing it, and says so when it is missing.
    const library = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(path.join(pkg, 'dist', 'infra', 'index.js'))})`], {
      cwd: project,
      env: cleanEnv({ NODE_PATH: undefined, NODE_OPTIONS: undefined }),
      encoding: 'utf8',
    });
    expect(library.status).not.toBe(0);
    expect(library.stderr).toMatch(/ecs-wizard\/infra builds on cdktf, constructs and @cdktf\/provider-aws from the project that imports it: run `npm install @cdktf\/provider-aws@20\.1\.0 cdktf@0\.21\.0 constructs@10\.4\.2` there/);
  }, 120_000);
});

describe('the package manifest', () => {
  const own = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
  };

  it('has no runtime dependencies: the command line bundles them all', () => {
    expect(own.dependencies ?? {}).toEqual({});
  });

  it('pins the peers the library needs to the versions it bundles, optional so npx installs none', () => {
    for (const name of PEERS) {
      const installed = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      expect(own.peerDependencies[name], name).toBe(installed);
      expect(own.devDependencies[name], name).toBe(installed);
      expect(own.peerDependenciesMeta[name]?.optional, name).toBe(true);
    }
    expect(Object.keys(own.peerDependencies).sort()).toEqual([...PEERS].sort());
  });
});
