// What a new user downloads: `npm install` of the packed tarball into an
// empty folder with an empty npm cache, against installing `cdktf` and
// `@cdktf/provider-aws` alone (what a hand-written CDKTF project downloads),
// the same way, side by side. Both talk to the npm registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, runMeasured } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function registryAnswers() {
  return spawnSync(npm, ['ping'], { stdio: 'ignore', timeout: 15_000 }).status === 0;
}

/** Disk usage (as du counts it) and the number of packages of a node_modules folder. */
export function footprint(modules) {
  let bytes = 0;
  let packages = 0;
  const walk = (dir, depthInModules) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const stat = lstatSync(full);
      bytes += stat.blocks * 512;
      if (!entry.isDirectory()) continue;
      // A package is a folder right under a node_modules folder (or under its @scope).
      if (depthInModules === 0 && entry.name.startsWith('@')) walk(full, 0);
      else {
        if (depthInModules === 0 && !entry.name.startsWith('.')) packages++;
        walk(full, entry.name === 'node_modules' ? 0 : depthInModules + 1);
      }
    }
  };
  walk(modules, 0);
  return { megabytes: bytes / 1024 / 1024, packages };
}

/** Packs the package as it is built (dist/ must be fresh); returns the tarball's path. */
export function packTarball(destination) {
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: root, encoding: 'utf8' }));
  return join(destination, packed[0].filename);
}

function installedVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

export async function benchInstall(runs = 3) {
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-install-'));
  try {
    const tarball = packTarball(scratch);
    const anchorSpecs = [`cdktf@${installedVersion('cdktf')}`, `@cdktf/provider-aws@${installedVersion('@cdktf/provider-aws')}`];
    const sizes = { anchor: [], subject: [] };
    const install = (side, i, specs) => {
      const folder = join(scratch, `${side}-${i}`);
      mkdirSync(folder);
      const env = { npm_config_cache: join(scratch, `${side}-${i}-cache`), npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
      const measured = runMeasured(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: folder, env });
      sizes[side].push(footprint(join(folder, 'node_modules')));
      rmSync(folder, { recursive: true, force: true });
      rmSync(env.npm_config_cache, { recursive: true, force: true });
      return measured;
    };
    const time = await interleave({
      runs,
      warmup: 0,
      metric: (measured) => measured.wallMs,
      anchor: (i) => install('anchor', i, anchorSpecs),
      subject: (i) => install('subject', i, [tarball]),
    });
    const last = (side) => sizes[side][sizes[side].length - 1];
    return { time, anchorSpecs, anchorSize: last('anchor'), subjectSize: last('subject') };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
