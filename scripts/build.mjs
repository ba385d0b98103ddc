// The build, in one place for `npm run build` and the tests:
// 1. tsc: type-checks and writes dist/ (the library exports: the config model
//    and 'ecs-wizard/infra', which a generated project's main.ts imports);
// 2. esbuild: bundles the command line into dist/ecs-wizard.js with lazily
//    loaded chunks in dist/chunks/. Node's ESM loader pays per module, and Ink
//    alone pulls in hundreds (es-toolkit's whole compat barrel for one
//    throttle): the bundle halves the time to the first wizard frame
//    (~620 ms to ~320 ms measured). cdktf and the AWS provider stay outside
//    the bundle, loaded with require() from node_modules when synthesizing;
// 3. the JSON Schema of ecs-wizard.json, from the zod schema.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);

await build({
  absWorkingDir: root,
  entryPoints: { 'ecs-wizard': 'dist/cli.js' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded with require() at synth time; react-devtools-core only under DEV.
  external: ['cdktf', 'constructs', '@cdktf/*', 'react-devtools-core'],
  // React's production build: smaller, faster, and what users run.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS dependencies (execa's cross-spawn...) call require().
  banner: { js: "import { createRequire as __ecsWizardRequire } from 'node:module'; const require = __ecsWizardRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});

run(['scripts/write-schema.mjs']);
