/**
 * Which folder holds the project. ecs-wizard writes a package.json of its own
 * (the CDKTF project's), so inside an app that has one it keeps to an `infra/`
 * folder: `npx ecs-wizard` at the root of an app just works, and finds
 * `infra/ecs-wizard.json` again on the next run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/constants.js';
import { MANIFEST_PATH, parseManifest } from './manifest.js';

export const INFRA_FOLDER = 'infra';

/** True when ecs-wizard wrote the package.json in `dir` (it is in its manifest, even one a merge left damaged). */
function ownsPackageJson(dir: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_PATH), 'utf8');
  } catch {
    return false;
  }
  const manifest = parseManifest(text);
  return manifest.ok ? manifest.files['package.json'] !== undefined : /"package\.json"\s*:/.test(text);
}

/**
 * `--dir` when given; else the current folder when it holds ecs-wizard.json;
 * else `infra/` when that does, or when the current folder is an app with a
 * package.json of its own; else the current folder.
 */
export function projectDir(explicit: string | undefined, cwd: string = process.cwd()): string {
  if (explicit !== undefined) return resolve(cwd, explicit);
  if (existsSync(join(cwd, CONFIG_FILE_NAME))) return cwd;
  const infra = join(cwd, INFRA_FOLDER);
  if (existsSync(join(infra, CONFIG_FILE_NAME))) return infra;
  if (existsSync(join(cwd, 'package.json')) && !ownsPackageJson(cwd)) return infra;
  return cwd;
}

/** The app's own folder, for the default app name: the parent of an `infra/` project folder. */
export function appFolder(dir: string): string {
  return basename(dir) === INFRA_FOLDER ? dirname(dir) : dir;
}
