/**
 * Writes the generated CDKTF project beside ecs-wizard.json. Three promises:
 * - a file the user edited is never overwritten silently (hashes of what we
 *   wrote are kept in .ecs-wizard/generated.json, which is committed);
 * - nothing is half-written: synthesis goes to a staging folder, every
 *   conflict is checked before the first write, each write is atomic;
 * - state (.ecs-wizard/state) and Terraform's working files
 *   (cdktf.out/stacks/<env>/.terraform*) are never touched.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Config } from '../config/schema.js';
import { readTextIfExists, sha256, writeFileAtomic } from '../project/files.js';
import { synthesizeApp } from './app.js';
import { cdktfJson, mainTs, mergeGitignore, packageJson, type TemplateVersions } from './projectTemplates.js';
import { diagramModel, renderSvg } from '../diagram/index.js';

/** The drawing synth keeps beside the project, regenerated (and guarded) like every generated file. */
export const DIAGRAM_FILE = 'architecture.svg';

export const MANIFEST_PATH = join('.ecs-wizard', 'generated.json');

interface Manifest {
  readonly note: string;
  readonly files: Record<string, string>;
}

export interface Conflict {
  /** Path relative to the project folder. */
  readonly file: string;
  readonly reason: 'edited' | 'foreign';
}

export type WriteResult =
  | { ok: true; written: string[]; unchanged: string[]; stacks: Array<{ environment: string; file: string }> }
  | { ok: false; conflicts: Conflict[] };

export interface WriteOptions {
  readonly dir: string;
  readonly config: Config;
  readonly versions: TemplateVersions;
  /** Overwrite files edited by hand (the user asked for it with --force). */
  readonly force?: boolean;
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

const toPosix = (path: string) => path.split(sep).join('/');

export async function writeProject(options: WriteOptions): Promise<WriteResult> {
  const { dir, config } = options;
  // Staging beside the target keeps the final renames on one file system.
  await mkdir(join(dir, '.ecs-wizard', 'tmp'), { recursive: true });
  const staging = await mkdtemp(join(dir, '.ecs-wizard', 'tmp', 'synth-'));
  try {
    const synthesized = synthesizeApp(config, { outdir: staging });
    const planned = new Map<string, string>([
      ['main.ts', mainTs()],
      ['cdktf.json', cdktfJson()],
      ['package.json', packageJson(config.app.name, options.versions)],
    ]);
    for (const file of await listFiles(staging)) {
      planned.set(toPosix(join('cdktf.out', file)), await readFile(join(staging, file), 'utf8'));
    }
    const drawings = await Promise.all(synthesized.stacks.map(async (stack) => diagramModel(await readFile(stack.file, 'utf8'), stack.environment)));
    planned.set(DIAGRAM_FILE, renderSvg(drawings));

    const manifestText = await readTextIfExists(join(dir, MANIFEST_PATH));
    const recorded: Record<string, string> = manifestText ? (JSON.parse(manifestText) as Manifest).files : {};

    const conflicts: Conflict[] = [];
    const toWrite: Array<[string, string]> = [];
    const unchanged: string[] = [];
    for (const [file, content] of planned) {
      const current = await readTextIfExists(join(dir, file));
      if (current === content) {
        unchanged.push(file);
        continue;
      }
      if (current !== undefined && !options.force) {
        const known = recorded[file];
        if (known === undefined) conflicts.push({ file, reason: 'foreign' });
        else if (known !== sha256(current)) conflicts.push({ file, reason: 'edited' });
      }
      toWrite.push([file, content]);
    }
    if (conflicts.length) return { ok: false, conflicts };

    for (const [file, content] of toWrite) await writeFileAtomic(join(dir, file), content);
    const gitignorePath = join(dir, '.gitignore');
    const gitignore = await readTextIfExists(gitignorePath);
    const mergedGitignore = mergeGitignore(gitignore);
    if (mergedGitignore !== gitignore) await writeFileAtomic(gitignorePath, mergedGitignore);

    const files: Record<string, string> = { ...recorded };
    for (const [file, content] of planned) files[file] = sha256(content);
    const manifest: Manifest = {
      note: 'Written by ecs-wizard: hashes of the files it generated, so it never overwrites your edits. Commit this file.',
      files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
    };
    const nextManifest = `${JSON.stringify(manifest, null, 2)}\n`;
    if (nextManifest !== manifestText) await writeFileAtomic(join(dir, MANIFEST_PATH), nextManifest);

    return {
      ok: true,
      written: toWrite.map(([file]) => file),
      unchanged,
      stacks: synthesized.stacks.map((stack) => ({
        environment: stack.environment,
        file: toPosix(join('cdktf.out', relative(staging, stack.file))),
      })),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export function describeConflict(conflict: Conflict): string {
  return conflict.reason === 'edited'
    ? `${conflict.file} was edited by hand since ecs-wizard wrote it`
    : `${conflict.file} exists and was not written by ecs-wizard`;
}
