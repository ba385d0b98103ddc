/**
 * Small file-system helpers with one promise: a file is either its old
 * content or its new content, never half-written (write to a sibling, rename).
 *
 * Writing a file a user owns keeps what they chose about it:
 * - its mode: a file kept at 640 stays 640 (a new file gets the umask's default);
 * - its owner, where the writer may set it (running as root);
 * - a symbolic link stays a link: the content goes to the file it points to,
 *   renamed into place beside that file (so on the same file system).
 */
import { chown, lstat, mkdir, open, readFile, readlink, rename, rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const MAX_LINKS = 40;

/**
 * node:crypto on first use: loading it costs about 10 ms, and the wizard reads
 * its config file through here before its first frame, which hashes nothing.
 */
const crypto = () => process.getBuiltinModule('node:crypto');

/**
 * The path a write to `path` must land on: `path` itself, or, through any
 * chain of symbolic links, the file the last one points to (which may not
 * exist yet: a dangling link is written through, as `echo > link` would).
 */
export async function writeTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let info: Stats;
    try {
      info = await lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!info.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP', path });
}

/** A sibling name for the new content: hidden, unique, and recognisably ours. */
export function temporaryNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${crypto().randomBytes(4).toString('hex')}.ecs-wizard-tmp`);
}

export interface StagedFile {
  /** The file that will get the content (a link's target, resolved). */
  readonly target: string;
  /** The sibling holding the new content until it is renamed over the target. */
  readonly temporary: string;
}

/**
 * Writes `content` to a sibling of `path`'s target with the target's mode
 * (and owner, where allowed), flushed to disk, ready to be renamed into place
 * by `commitStaged`. The target itself is not touched.
 */
export async function stageFile(path: string, content: string | Uint8Array, options: { temporary?: string } = {}): Promise<StagedFile> {
  const target = await writeTarget(path);
  await mkdir(dirname(target), { recursive: true });
  const existing = await statIfExists(target);
  const temporary = options.temporary ?? temporaryNameFor(target);
  const handle = await open(temporary, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  try {
    await handle.writeFile(content);
    if (existing) {
      // open() applied the umask: set the exact mode the file had.
      await handle.chmod(existing.mode & 0o7777);
      if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
        await chown(temporary, existing.uid, existing.gid).catch(() => undefined);
      }
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw naming(error, target);
  }
  await handle.close();
  return { target, temporary };
}

/** Renames a staged file over its target: the one step that makes the new content visible. */
export async function commitStaged(staged: StagedFile): Promise<void> {
  try {
    await rename(staged.temporary, staged.target);
  } catch (error) {
    await rm(staged.temporary, { force: true });
    throw error;
  }
}

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await commitStaged(await stageFile(path, content));
}

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function statIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * An error from a file handle (write(2) on a full disk says ENOSPC, no path)
 * with the path of the file the person knows: the target, not our sibling.
 */
function naming(error: unknown, target: string): unknown {
  const errno = error as NodeJS.ErrnoException;
  if (errno instanceof Error && typeof errno.code === 'string' && errno.path === undefined) {
    errno.path = target;
    errno.syscall ??= 'write';
  }
  return error;
}

export function sha256(text: string | Uint8Array): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

/** The SHA-256 of a file's bytes, or undefined when there is no such file. */
export async function hashFile(path: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
