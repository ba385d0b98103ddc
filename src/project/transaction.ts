/**
 * Writing several files as one step, so that a process killed at any moment
 * (kill -9, a power cut after the page cache reached the disk) leaves the
 * project either as it was or as it was meant to become, never a mix that the
 * next run mistakes for files "edited by hand".
 *
 * A journal (`.ecs-wizard/tmp/write-journal.json`) says what is going on:
 *
 *   1. journal "staging": the files, the hashes they have now and will have,
 *      and the name of the sibling that will hold each new content;
 *   2. every new content is written to its sibling and flushed;
 *   3. journal "committed": from here on the write is decided;
 *   4. each sibling is renamed over its file;
 *   5. the record of hashes (`.ecs-wizard/generated.json`) is written whole;
 *   6. the journal is deleted.
 *
 * The next run (under the project lock, like every write) finishes what a
 * dead one left: a "staging" journal is rolled back (its siblings deleted:
 * no file was touched), a "committed" one is rolled forward (the siblings
 * still there are renamed into place, then the record of hashes is written).
 * A file changed by someone since the crash is left alone, and the hash
 * record then reports it as edited, as it should.
 *
 * Every step is a rename of a whole file, so a crash between any two of them
 * leaves a state the recovery understands.
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { commitStaged, hashFile, readTextIfExists, sha256, stageFile, temporaryNameFor, writeFileAtomic, writeTarget } from './files.js';
import { processAlive } from './processes.js';

export const TMP_DIR = join('.ecs-wizard', 'tmp');
export const JOURNAL_PATH = join(TMP_DIR, 'write-journal.json');

export interface PlannedFile {
  /** Path relative to the project folder. */
  readonly file: string;
  readonly content: string;
  /** SHA-256 of what the file holds now; null when it does not exist. */
  readonly before: string | null;
}

interface JournalEntry {
  readonly file: string;
  /** Base name of the sibling of the file's target that holds the new content. */
  readonly temporary: string;
  readonly before: string | null;
  readonly after: string;
}

interface Journal {
  readonly version: 1;
  readonly state: 'staging' | 'committed';
  readonly pid: number;
  readonly startedAt: string;
  readonly files: readonly JournalEntry[];
  /** A last file, written after every other one: the record of hashes. */
  readonly record: { readonly file: string; readonly content: string } | null;
}

/** Where a transaction stopped, for the test that kills the writer at each one. */
export type WriteStep = 'journal-staging' | 'staged' | 'journal-committed' | 'renamed' | 'record-written' | 'done';

export interface TransactionOptions {
  /** Called after each step (and after each rename, with its index). A test seam: nothing else uses it. */
  readonly onStep?: (step: WriteStep, index?: number) => void | Promise<void>;
}

/**
 * Writes `files`, then `record` (the file that describes the others), as one
 * step. The caller holds the project lock.
 */
export async function writeFilesAsOneStep(
  dir: string,
  files: readonly PlannedFile[],
  record: { readonly file: string; readonly content: string } | null,
  options: TransactionOptions = {},
): Promise<void> {
  const step = async (name: WriteStep, index?: number) => options.onStep?.(name, index);
  const entries: Array<JournalEntry & { readonly content: string; readonly target: string }> = [];
  for (const planned of files) {
    const target = await writeTarget(join(dir, planned.file));
    entries.push({
      file: planned.file,
      temporary: basename(temporaryNameFor(target)),
      before: planned.before,
      after: sha256(planned.content),
      content: planned.content,
      target,
    });
  }
  const journal = (state: Journal['state']): Journal => ({
    version: 1,
    state,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    files: entries.map(({ file, temporary, before, after }) => ({ file, temporary, before, after })),
    record,
  });
  const journalFile = join(dir, JOURNAL_PATH);
  await writeFileAtomic(journalFile, `${JSON.stringify(journal('staging'), null, 2)}\n`);
  try {
    await step('journal-staging');
    for (const entry of entries) {
      await stageFile(entry.target, entry.content, { temporary: join(dirname(entry.target), entry.temporary) });
    }
    await step('staged');
    await writeFileAtomic(journalFile, `${JSON.stringify(journal('committed'), null, 2)}\n`);
  } catch (error) {
    // Failed (a full disk) before anything was decided: undo it now, as the next run would.
    await Promise.all(entries.map((entry) => rm(join(dirname(entry.target), entry.temporary), { force: true })));
    await rm(journalFile, { force: true });
    throw error;
  }
  // From here on the write is decided: a failure leaves the journal for the next run to finish.
  await step('journal-committed');
  for (const [index, entry] of entries.entries()) {
    await commitStaged({ target: entry.target, temporary: join(dirname(entry.target), entry.temporary) });
    await step('renamed', index);
  }
  if (record) await writeFileAtomic(join(dir, record.file), record.content);
  await step('record-written');
  await rm(journalFile, { force: true });
  await step('done');
}

export type Recovery =
  | { readonly kind: 'none' }
  /** A write stopped before any file changed: its staged copies were deleted. */
  | { readonly kind: 'rolled-back'; readonly files: readonly string[] }
  /** A write stopped half-way: it was finished. `skipped` lists files changed by someone since. */
  | { readonly kind: 'completed'; readonly files: readonly string[]; readonly skipped: readonly string[] };

/**
 * Finishes or undoes the write a dead run left, then deletes what stale runs
 * left in `.ecs-wizard/tmp/`. The caller holds the project lock.
 */
export async function recoverInterruptedWrite(dir: string): Promise<Recovery> {
  const journalFile = join(dir, JOURNAL_PATH);
  const text = await readTextIfExists(journalFile);
  let recovery: Recovery = { kind: 'none' };
  if (text !== undefined) {
    const journal = readJournal(text);
    if (journal) recovery = await replay(dir, journal);
    await rm(journalFile, { force: true });
  }
  await cleanTmp(dir);
  return recovery;
}

function readJournal(text: string): Journal | undefined {
  try {
    const value = JSON.parse(text) as Journal;
    if (value.version !== 1 || (value.state !== 'staging' && value.state !== 'committed') || !Array.isArray(value.files)) return undefined;
    return value;
  } catch {
    // Written whole by a rename, so never half; damaged by hand at worst. Its
    // siblings carry our pid-named marker and go with the stale temporaries.
    return undefined;
  }
}

async function replay(dir: string, journal: Journal): Promise<Recovery> {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const entry of journal.files) {
    const target = await writeTarget(join(dir, entry.file));
    const temporary = join(dirname(target), basename(entry.temporary));
    const staged = await hashFile(temporary);
    if (journal.state === 'staging' || staged === undefined) {
      await rm(temporary, { force: true });
      continue;
    }
    const current = (await hashFile(target)) ?? null;
    if (staged === entry.after && current === entry.before) {
      await commitStaged({ target, temporary });
      files.push(entry.file);
    } else {
      // Changed since the crash, or a copy we cannot vouch for: leave the file be.
      await rm(temporary, { force: true });
      if (current !== entry.after) skipped.push(entry.file);
    }
  }
  if (journal.state === 'staging') return { kind: 'rolled-back', files: journal.files.map((entry) => entry.file) };
  if (journal.record) await writeFileAtomic(join(dir, journal.record.file), journal.record.content);
  return { kind: 'completed', files: journal.files.map((entry) => entry.file).filter((file) => !skipped.includes(file)), skipped };
}

/** Everything in `.ecs-wizard/tmp/` belongs to a run; under the lock, to a dead one. */
async function cleanTmp(dir: string): Promise<void> {
  const tmp = join(dir, TMP_DIR);
  let names: string[];
  try {
    names = await readdir(tmp);
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => name !== basename(JOURNAL_PATH)).map((name) => rm(join(tmp, name), { recursive: true, force: true })));
}

/**
 * Temporary siblings (`.NAME.PID-HEX.ecs-wizard-tmp`) of a process that is
 * gone, in the given folders: a kill -9 between writing one and renaming it.
 */
export async function removeStaleTemporaries(folders: readonly string[]): Promise<void> {
  for (const folder of folders) {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = /^\..+\.(\d+)-[0-9a-f]{8}\.ecs-wizard-tmp$/.exec(name);
      if (!match) continue;
      const pid = Number(match[1]);
      if (pid !== process.pid && !processAlive(pid)) await rm(join(folder, name), { force: true });
    }
  }
}
