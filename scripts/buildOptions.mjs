// esbuild options of the two bundles scripts/build.mjs writes, apart so the
// tests can read what was bundled (the metafiles in BUILD_CACHE) against the
// same rules.
//
// The command line (dist/ecs-wizard.js, dist/chunks/): one ESM bundle with
// lazily loaded chunks. Node's loaders pay per module: Ink alone pulls in
// hundreds (es-toolkit's whole compat barrel for one throttle), and synth
// loaded ~210 CommonJS files of cdktf, its dependencies and the provider
// classes. Bundled, the first wizard frame came down from ~620 ms to ~320 ms
// and nothing is left to install: cdktf, constructs and every provider class
// that src/infra/aws.ts imports (static imports of deep paths, so esbuild
// follows them; the package root would bring all ~1,500 classes) are inside.
//
// The library (dist/index.js, dist/infra/index.js): the same source, with
// cdktf, constructs and @cdktf/provider-aws left to the importing project
// (peer dependencies; a generated project lists them). They are loaded with
// require(), never import: they are CommonJS, and Node's ESM loader would lex
// every file of them to find named exports.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Outside dist/: the tsc build info and the metafiles of the last build. */
export const BUILD_CACHE = path.join(root, 'node_modules', '.cache', 'ecs-wizard-build');

/** The packages the library leaves to the project that imports it. */
export const PEER_PACKAGES = /^(cdktf|constructs|@cdktf\/provider-aws)(\/.*)?$/;

// Bundled CommonJS (execa's cross-spawn, cdktf…) calls require(); ESM has none.
const requireBanner = "import { createRequire as __ecsWizardRequire } from 'node:module'; const require = __ecsWizardRequire(import.meta.url);";

const common = {
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // React's production build: smaller, faster, and what users run.
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: requireBanner },
  // Less to parse: ~10% off the CPU of loading the wizard's chunks and of synth.
  // Names stay (stack traces read), and `node --enable-source-maps` maps them
  // to src/ lines (sources left out of the maps: they would triple dist/).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
};

/**
 * cdktf requires `archiver` when it loads, for the zips of TerraformAsset,
 * which this stack never makes. The command line's cdktf gets a stand-in that
 * fails with that reason if it is ever called: archiver's module tree
 * (archiver, readable-stream, glob, async, lodash… about 550 KB, a quarter of
 * the synth chunk) would otherwise be compiled by every synth, and shipped.
 * The library build takes cdktf, and so archiver, from the project.
 */
export const ARCHIVER_STAND_IN_MESSAGE = "ecs-wizard's command line makes no TerraformAsset: its bundled cdktf carries no archiver";
export const withoutArchiver = {
  name: 'without-archiver',
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, (args) => ({ path: args.importer, namespace: 'without-archiver' }));
    build.onLoad({ filter: /.*/, namespace: 'without-archiver' }, () => ({
      contents: `module.exports = function archiver() { throw new Error(${JSON.stringify(ARCHIVER_STAND_IN_MESSAGE)}); };`,
      loader: 'js',
    }));
  },
};

/**
 * cdktf records, for every token it makes (each reference, interpolation, Fn
 * call and list attribute: thousands per synth), the whole stack as text, only
 * to quote it if that token later fails to resolve: about 5% of a synth, for a
 * message about a defect of ours that names the attribute anyway. The command
 * line's cdktf gets scripts/standins/cdktfStackTrace.cjs in place of
 * lib/tokens/private/stack-trace.js: without --debug a token's creation stack
 * is empty (as cdktf leaves it for tokens made with `stackTrace: false`); with
 * --debug it is cdktf's own module. The build stops if that module moved or
 * changed its export.
 */
const CDKTF_STACK_TRACE = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/;
const ORIGINAL = '?cdktf-original';
export const STACK_TRACE_STAND_IN = path.join(root, 'scripts', 'standins', 'cdktfStackTrace.cjs');
export const stackTracesOnDebug = {
  name: 'stack-traces-on-debug',
  setup(build) {
    let original;
    build.onLoad({ filter: CDKTF_STACK_TRACE }, async (args) => {
      if (args.suffix === ORIGINAL) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('exports.captureStackTrace = captureStackTrace;')) {
        throw new Error(`${args.path}: expected cdktf's stack-trace module to export captureStackTrace; update stackTracesOnDebug in scripts/buildOptions.mjs`);
      }
      original = args.path;
      return { contents: await readFile(STACK_TRACE_STAND_IN, 'utf8'), loader: 'js', resolveDir: path.dirname(args.path) };
    });
    build.onResolve({ filter: /^ecs-wizard:cdktf-stack-trace$/ }, () => ({ path: original, suffix: ORIGINAL }));
    build.onEnd((result) => {
      if (result.errors.length > 0 || original) return undefined;
      return { errors: [{ text: "cdktf's lib/tokens/private/stack-trace.js was not bundled; update stackTracesOnDebug in scripts/buildOptions.mjs" }] };
    });
  },
};

/**
 * Ink's layout engine, yoga, loads its wasm (inlined as a data: URL) with
 * fetch() whenever fetch exists, and in Node that first call loads undici,
 * Node's whole fetch implementation (~30 ms before the first wizard frame),
 * only to read bytes that are already in memory. Without fetch, yoga's loader
 * decodes the same bytes itself: this makes its `typeof fetch` tests fail.
 * The build stops if yoga's loader no longer reads as expected.
 */
export const YOGA_FETCH_TEST = '"function"!=typeof fetch';
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const found = text.split(YOGA_FETCH_TEST).length - 1;
      if (found !== 2) {
        throw new Error(`${args.path}: expected yoga's loader to test for fetch twice (${YOGA_FETCH_TEST}), found ${found}; update yogaWithoutFetch in scripts/buildOptions.mjs`);
      }
      return { contents: text.replaceAll(YOGA_FETCH_TEST, 'true'), loader: 'js' };
    });
  },
};

/**
 * Ink measures every line of every frame with string-width, whose answer for
 * anything but printable ASCII goes through Intl.Segmenter and Unicode
 * property regexes compiled on first use. The command line's Ink gets
 * src/tui/stringWidth.ts instead: the same answers (it defers to string-width
 * for all but the narrow symbols it knows), without that cost for the "·",
 * "…" and box-drawing lines of our screens. Only importers that resolve to
 * the top-level string-width (Ink, widest-line, cli-truncate) are served;
 * copies of other versions nested under other packages stay theirs.
 *
 * The real string-width, which src/tui/stringWidth.ts hands everything else,
 * is loaded on its first call: building its \p{RGI_Emoji} regex alone takes
 * ~37 ms when the module loads, before the first frame, for emoji that
 * screen may never show.
 */
export const FAST_STRING_WIDTH = path.join(root, 'src', 'tui', 'stringWidth.ts');
const TOP_STRING_WIDTH = path.join(root, 'node_modules', 'string-width', 'index.js');
export const fastStringWidth = {
  name: 'fast-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.namespace === 'lazy-string-width' || args.pluginData === 'fast-string-width') return undefined;
      if (args.importer === FAST_STRING_WIDTH) return { path: args.path, namespace: 'lazy-string-width' };
      const real = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'fast-string-width' });
      if (real.errors.length > 0) return { errors: real.errors };
      return real.path === TOP_STRING_WIDTH ? { path: FAST_STRING_WIDTH } : { path: real.path };
    });
    // A require() of an ES module is evaluated when it runs, not when the bundle loads.
    build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, () => ({
      contents: "let real; export default function stringWidth(text, options) { real ??= require('string-width').default; return real(text, options); }",
      resolveDir: path.dirname(FAST_STRING_WIDTH),
      loader: 'js',
    }));
  },
};

/**
 * Serves each peer package as `module.exports = require(name)`, resolved at
 * run time from the importing project; when the project lacks it, the error
 * says what to install there.
 */
const peersByRequire = {
  name: 'peers-by-require',
  setup(build) {
    const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const install = Object.entries(own.peerDependencies).map(([name, version]) => `${name}@${version}`).join(' ');
    const hint = `ecs-wizard/infra builds on cdktf, constructs and @cdktf/provider-aws from the project that imports it: run \`npm install ${install}\` there (a project ecs-wizard generates lists them in its package.json).`;
    build.onResolve({ filter: PEER_PACKAGES }, (args) =>
      args.namespace === 'peer' ? { path: args.path, external: true } : { path: args.path, namespace: 'peer' },
    );
    build.onLoad({ filter: /.*/, namespace: 'peer' }, (args) => {
      const name = JSON.stringify(args.path);
      return {
        contents: [
          'try {',
          `  module.exports = require(${name});`,
          '} catch (error) {',
          `  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(${JSON.stringify(`'${args.path}'`)})) throw new Error(${JSON.stringify(hint)}, { cause: error });`,
          '  throw error;',
          '}',
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      };
    });
  },
};

export function cliBuildOptions(outdir) {
  return {
    ...common,
    entryPoints: { 'ecs-wizard': 'src/cli.ts' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    // Ink imports react-devtools-core only when DEV=true.
    external: ['react-devtools-core'],
    plugins: [withoutArchiver, stackTracesOnDebug, yogaWithoutFetch, fastStringWidth],
  };
}

export function libraryBuildOptions(outdir) {
  return {
    ...common,
    entryPoints: { index: 'src/index.ts', 'infra/index': 'src/infra/index.ts' },
    outdir,
    chunkNames: 'chunks/library-[name]-[hash]',
    plugins: [peersByRequire],
  };
}
