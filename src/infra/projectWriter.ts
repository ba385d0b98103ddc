/**
 * Writes the generated CDKTF project beside ecs-wizard.json. Four promises:
 * - a file the user edited is never overwritten silently (hashes of what we
 *   wrote are kept in .ecs-wizard/generated.json, which is committed);
 * - the whole write is one step: synthesis goes to a staging folder, every
 *   conflict is checked before the first write, then the files and the record
 *   of their hashes change together through a journal, which the next run
 *   finishes if this one is killed (src/project/transaction.ts);
 * - a file keeps its mode, and a symbolic link stays a link (its target gets
 *   the content);
 * - state (.ecs-wizard/state) and Terraform's working files
 *   (cdktf.out/stacks/<env>/.terraform*) are never touched.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Config } from '../config/schema.js';
import { readTextIfExists, sha256, writeFileAtomic } from '../project/files.js';
import { withProjectLock } from '../project/lock.js';
import { damagedManifestMessage, MANIFEST_PATH, parseManifest, serializeManifest } from '../project/manifest.js';
import { recoverInterruptedWrite, removeStaleTemporaries, TMP_DIR, writeFilesAsOneStep, type PlannedFile, type Recovery, type TransactionOptions } from '../project/transaction.js';
import { synthesizeApp } from './app.js';
import { cdktfJson, mainTs, mergeGitignore, packageJson, type TemplateVersions } from './projectTemplates.js';
import { environmentModel, renderSvg } from '../diagram/index.js';
import { copyRole } from '../cost/layers.js';
import { environmentLayout } from './contract.js';

/** The drawing synth keeps beside the project, regenerated (and guarded) like every generated file. */
export const DIAGRAM_FILE = 'architecture.svg';

export { MANIFEST_PATH } from '../project/manifest.js';

export interface Conflict {
  /** Path relative to the project folder. */
  readonly file: string;
  readonly reason: 'edited' | 'foreign';
}

export type WriteResult =
  | {
      ok: true;
      written: string[];
      unchanged: string[];
      stacks: Array<{ environment: string; file: string }>;
      /** What this write found of an earlier one that was killed, and did about it. */
      recovered: Recovery;
    }
  | {
      ok: false;
      conflicts: Conflict[];
      /** Set when .ecs-wizard/generated.json itself cannot be read: what to say, and the way out. */
      damagedManifest?: { readonly message: string; readonly next: string };
    };

export interface WriteOptions {
  readonly dir: string;
  readonly config: Config;
  readonly versions: TemplateVersions;
  /** Overwrite files edited by hand, and rebuild a damaged record of hashes (the user asked for it with --force). */
  readonly force?: boolean;
  /** A test seam: called at each step of the final write (see src/project/transaction.ts). */
  readonly onStep?: TransactionOptions['onStep'];
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

const toPosix = (path: string) => path.split(sep).join('/');

/**
 * Under the project lock (src/project/lock.ts), which the commands take first
 * with their own messages; taken here as well (it is re-entrant), because
 * recovery and the write assume no one else writes.
 */
export async function writeProject(options: WriteOptions): Promise<WriteResult> {
  return withProjectLock({ dir: options.dir, command: 'synth' }, () => writeLocked(options));
}

async function writeLocked(options: WriteOptions): Promise<WriteResult> {
  const { dir, config } = options;
  const recovered = await recoverInterruptedWrite(dir);
  await removeStaleTemporaries([dir, join(dir, '.ecs-wizard'), join(dir, '.ecs-wizard', 'runs')]);
  // Staging beside the target keeps the final renames on one file system.
  await mkdir(join(dir, TMP_DIR), { recursive: true });
  const staging = await mkdtemp(join(dir, TMP_DIR, 'synth-'));
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
    // One panel per environment; during a blue/green change it holds the shared layer and both copies.
    const texts = await Promise.all(synthesized.stacks.map(async (stack) => ({ ...stack, json: await readFile(stack.file, 'utf8') })));
    const drawings = [...new Set(texts.map((stack) => stack.environment))].map((environment) => {
      const layout = environmentLayout(environment, config.environments[environment]?.copies);
      const copies = layout.kind === 'split' ? layout.copies : [];
      return environmentModel(
        texts
          .filter((stack) => stack.environment === environment)
          .map((stack) => {
            const copy = copies.find((entry) => entry.stack === stack.stack);
            return { json: stack.json, ...(copy ? { copy: copyRole(copy) } : {}) };
          }),
        environment,
      );
    });
    planned.set(DIAGRAM_FILE, renderSvg(drawings));

    const manifestText = await readTextIfExists(join(dir, MANIFEST_PATH));
    const manifest = parseManifest(manifestText);
    if (!manifest.ok && !options.force) {
      return { ok: false, conflicts: [], damagedManifest: damagedManifestMessage(join(dir, MANIFEST_PATH), manifest.problem) };
    }
    // --force with a damaged record: rebuilt from what this write leaves.
    const recorded: Record<string, string> = manifest.ok ? manifest.files : {};

    const conflicts: Conflict[] = [];
    const toWrite: PlannedFile[] = [];
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
      toWrite.push({ file, content, before: current === undefined ? null : sha256(current) });
    }
    if (conflicts.length) return { ok: false, conflicts };

    const files: Record<string, string> = { ...recorded };
    for (const [file, content] of planned) files[file] = sha256(content);
    const nextManifest = serializeManifest(files);
    if (toWrite.length > 0 || nextManifest !== manifestText) {
      await writeFilesAsOneStep(dir, toWrite, nextManifest !== manifestText ? { file: MANIFEST_PATH, content: nextManifest } : null, {
        ...(options.onStep ? { onStep: options.onStep } : {}),
      });
    }
    // Not part of the step: merged, never hashed, and merging again is harmless.
    const gitignorePath = join(dir, '.gitignore');
    const gitignore = await readTextIfExists(gitignorePath);
    const mergedGitignore = mergeGitignore(gitignore);
    if (mergedGitignore !== gitignore) await writeFileAtomic(gitignorePath, mergedGitignore);

    return {
      ok: true,
      written: toWrite.map(({ file }) => file),
      unchanged,
      stacks: synthesized.stacks.map((stack) => ({
        environment: stack.environment,
        file: toPosix(join('cdktf.out', relative(staging, stack.file))),
      })),
      recovered,
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

/** One line about the killed write this one found, for the run's output. */
export function describeRecovery(recovery: Exclude<Recovery, { kind: 'none' }>): string {
  if (recovery.kind === 'rolled-back') {
    return 'An earlier run was stopped while writing the project, before any file changed; its unfinished copies were removed.';
  }
  const skipped = recovery.skipped.length ? ` Left alone because they changed since: ${recovery.skipped.join(', ')}.` : '';
  return `An earlier run was stopped half-way through writing the project; its write was finished (${recovery.files.length} files).${skipped}`;
}
