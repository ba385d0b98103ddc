/**
 * This package's own package.json, found by walking up from the running file:
 * the same code runs from dist/ (tsc output, for the library exports) and from
 * dist/chunks/ (the bundled CLI), so no fixed relative path fits both.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OwnPackage {
  readonly name: string;
  readonly version: string;
  /**
   * cdktf, constructs and @cdktf/provider-aws, pinned to the versions the
   * command line bundles (a test holds them equal): what the library
   * (ecs-wizard/infra) needs from the project importing it, and what a
   * generated project's package.json lists.
   */
  readonly peerDependencies: Readonly<Record<string, string>>;
}

let cached: OwnPackage | undefined;

export function ownPackage(from: string = import.meta.url): OwnPackage {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as OwnPackage;
      if (parsed.name === 'ecs-wizard') return (cached = parsed);
    } catch {
      // No package.json here: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('ecs-wizard cannot find its own package.json');
    dir = parent;
  }
}
