// The build, in one place for `npm run build`, `npm pack` and the tests:
// 1. tsc type-checks src/ (no output; esbuild compiles);
// 2. esbuild bundles the command line into dist/ecs-wizard.js with lazily
//    loaded chunks in dist/chunks/: everything it runs, including cdktf,
//    constructs and the AWS provider classes src/infra/aws.ts imports, so
//    the published package has no runtime dependencies (see
//    scripts/buildOptions.mjs for why each choice);
// 3. esbuild bundles the library exports (dist/index.js, the config model;
//    dist/infra/index.js, which a generated project's main.ts imports): the
//    same source, but cdktf, constructs and @cdktf/provider-aws come from the
//    project that imports it (peer dependencies), so a user's own provider
//    classes and ours share one cdktf;
// 4. the JSON Schema of ecs-wizard.json, from the zod schema.
//
// Nothing is deleted or rebuilt in place: the build writes a folder beside
// dist/, then renames each new file into dist/ (a rename is atomic), the
// chunks first and the entry points last. Chunks are named by their content,
// so a name already in dist/ holds the same bytes. The previous build's files
// stay until the next build (and out of the package, through dist/.npmignore),
// so a process that started before the swap still finds the chunks it loads
// lazily, and dist/ is never missing, not even for a moment, as it would be
// between the two renames of a whole-folder swap.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { cliBuildOptions, libraryBuildOptions, BUILD_CACHE } from './buildOptions.mjs';
import { writeSchema } from './write-schema.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const BUILD_FILES = '.build-files';

mkdirSync(BUILD_CACHE, { recursive: true });
execFileSync(
  process.execPath,
  ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--noEmit', '--incremental', '--tsBuildInfoFile', path.join(BUILD_CACHE, 'tsc.tsbuildinfo')],
  { cwd: root, stdio: 'inherit' },
);

const next = mkdtempSync(path.join(root, '.dist-next-'));
try {
  const cli = await build(cliBuildOptions(next));
  const library = await build(libraryBuildOptions(next));
  writeFileSync(path.join(BUILD_CACHE, 'meta-cli.json'), JSON.stringify(cli.metafile));
  writeFileSync(path.join(BUILD_CACHE, 'meta-library.json'), JSON.stringify(library.metafile));
  const entries = [cli, library].flatMap((result) =>
    Object.entries(result.metafile.outputs)
      .filter(([, output]) => output.entryPoint)
      .map(([file]) => path.relative(next, path.join(root, file)).split(path.sep).join('/')),
  );
  await writeSchema(path.join(root, 'schema', 'ecs-wizard.schema.json'));
  withLock(() => moveIntoPlace(next, entries));
} finally {
  rmSync(next, { recursive: true, force: true });
}

function filesUnder(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

function sameBytes(a, b) {
  return existsSync(b) && statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
}

/** Renames the new build's files into dist/, entry points last; drops what is two builds old. */
function moveIntoPlace(source, entries) {
  const manifest = path.join(dist, BUILD_FILES);
  // The files of the build that made the current dist/ (all of them, for a dist/ older than this scheme).
  const previous = new Set(existsSync(manifest) ? readFileSync(manifest, 'utf8').split('\n').filter(Boolean) : filesUnder(dist));
  const built = filesUnder(source);
  const isEntry = new Set(entries);
  const ordered = [...built.filter((file) => !isEntry.has(file)), ...built.filter((file) => isEntry.has(file))];
  for (const file of ordered) {
    const from = path.join(source, file);
    const to = path.join(dist, file);
    if (sameBytes(from, to)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
  }
  const current = new Set([...built, BUILD_FILES, '.npmignore']);
  const kept = [];
  for (const file of filesUnder(dist)) {
    if (current.has(file)) continue;
    if (previous.has(file)) kept.push(file);
    else rmSync(path.join(dist, file), { force: true });
  }
  removeEmptyFolders(dist);
  writeAtomically(manifest, built.map((file) => `${file}\n`).join(''));
  // Within dist/, npm honours .npmignore although package.json has "files".
  writeAtomically(path.join(dist, '.npmignore'), [BUILD_FILES, ...kept].map((file) => `/${file}\n`).join(''));
}

function removeEmptyFolders(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    removeEmptyFolders(full);
    if (readdirSync(full).length === 0) rmSync(full, { recursive: true, force: true });
  }
}

function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** Two builds at once each write their own folder; only their moves into dist/ take turns. */
function withLock(run) {
  const lock = path.join(root, '.dist-lock');
  for (let waited = 0; ; waited += 50) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than a minute is from a build that died mid-move.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 120_000) throw new Error(`another build holds ${lock}; delete it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    mkdirSync(dist, { recursive: true });
    run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
