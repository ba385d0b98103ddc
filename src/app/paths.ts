/**
 * Where the project is: its folder and config file, and paths as messages
 * show them. Apart from project.ts so that the wizard's first frame finds
 * its project without loading the schema (zod) that project.ts resolves with.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { CliOptions } from '../args.js';
import { quote, UsageError } from '../errors.js';
import { configPathFor } from '../project/configFile.js';
import { projectDir } from '../project/projectDir.js';

/** What kind of thing is at `path`: a folder, a file, or nothing. */
function kindAt(path: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** The project folder and config file, refused when one is the wrong kind of thing. */
export function projectPaths(options: Pick<CliOptions, 'dir' | 'config'>): { dir: string; configPath: string } {
  const dir = projectDir(options.dir);
  if (options.dir !== undefined && kindAt(dir) === 'file') {
    throw new UsageError(`--dir ${quote(options.dir)} is a file, not a folder: point --dir at the project folder (a missing one is created).`);
  }
  const configPath = configPathFor(dir, options.config);
  if (kindAt(configPath) === 'folder') {
    throw new UsageError(
      options.config !== undefined
        ? `--config ${quote(options.config)} is a folder, not a file: point --config at the config file, e.g. --config ${relative(process.cwd(), resolve(configPath, 'ecs-wizard.json')) || 'ecs-wizard.json'}.`
        : `${configPath} is a folder, not a file: move it away (ecs-wizard keeps its settings in that file), or point --config at the config file.`,
    );
  }
  return { dir, configPath };
}

/** A path as messages show it: relative to the current folder. */
export function shownPath(path: string): string {
  return relative(process.cwd(), path) || '.';
}
