/**
 * A module of src/ as one ESM file a child process can import, for tests
 * that must run our code in a process of its own (to kill it with SIGKILL at
 * a chosen moment, or to race several of them). dist/ holds only the CLI and
 * library bundles, so the test bundles the module it needs with esbuild,
 * once per test file.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT } from './fakeTerraformHarness.js';

const built = new Map<string, Promise<string>>();

/** `src/project/lock.ts` → a file: URL of that module bundled, its exports intact. */
export function childModule(source: string): Promise<string> {
  let url = built.get(source);
  if (!url) {
    url = (async () => {
      // Inside the repository, so that its packages resolve from node_modules.
      const cache = path.join(REPO_ROOT, 'node_modules', '.cache', 'ecs-wizard-tests');
      mkdirSync(cache, { recursive: true });
      const outfile = path.join(mkdtempSync(path.join(cache, 'child-')), `${path.basename(source, '.ts')}.mjs`);
      await build({
        absWorkingDir: REPO_ROOT,
        entryPoints: [source],
        outfile,
        bundle: true,
        // Packages bundled too, as the CLI's own build does (cdktf's JSON, CommonJS that calls require()).
        external: ['react-devtools-core'],
        banner: { js: "import { createRequire as __childRequire } from 'node:module'; const require = __childRequire(import.meta.url);" },
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'warning',
      });
      return pathToFileURL(outfile).href;
    })();
    built.set(source, url);
  }
  return url;
}
