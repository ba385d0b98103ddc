// Modules of src/ for the bench to call in-process (the event parser, the
// Terraform finder…): bundled from the TypeScript source with esbuild into
// the bench's cache, since dist/ holds only what the package ships.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BENCH_CACHE = join(root, 'node_modules', '.cache', 'ecs-wizard-bench');

/** Imports `src/<path>` (e.g. 'terraform/parser.ts'), built afresh on each bench run. */
export async function importSource(path) {
  const outdir = join(BENCH_CACHE, 'src');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${path.replace(/[\\/]/g, '_').replace(/\.tsx?$/, '')}.mjs`);
  await build({
    absWorkingDir: root,
    entryPoints: [join('src', path)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?${basename(outfile)}-${Date.now()}`);
}
