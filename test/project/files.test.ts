/**
 * The one way ecs-wizard writes a file: old content or new content, never
 * half; the file's mode kept; a symbolic link written through, not replaced.
 */
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashFile, sha256, stageFile, writeFileAtomic, writeTarget } from '../../src/project/files.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

let dir: string;
beforeEach(() => {
  dir = makeTmpDir('ecs-wizard-files-');
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('writeFileAtomic', () => {
  it('keeps the mode of the file it replaces (640 stays 640)', async () => {
    const file = join(dir, 'ecs-wizard.json');
    await writeFile(file, 'old\n');
    await chmod(file, 0o640);
    await writeFileAtomic(file, 'new\n');
    expect(await readFile(file, 'utf8')).toBe('new\n');
    expect((await mode(file)).toString(8)).toBe('640');
  });

  it('keeps an unusual mode exactly, even one the umask would strip', async () => {
    const file = join(dir, 'script.sh');
    await writeFile(file, 'old\n');
    await chmod(file, 0o777);
    await writeFileAtomic(file, 'new\n');
    expect((await mode(file)).toString(8)).toBe('777');
  });

  it('writes through a symbolic link: the link stays a link, its target gets the content', async () => {
    await mkdir(join(dir, 'shared'));
    const target = join(dir, 'shared', 'real.json');
    await writeFile(target, 'old\n');
    await chmod(target, 0o600);
    const link = join(dir, 'ecs-wizard.json');
    await symlink('shared/real.json', link);
    await writeFileAtomic(link, 'new\n');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('shared/real.json');
    expect(await readFile(target, 'utf8')).toBe('new\n');
    expect((await mode(target)).toString(8)).toBe('600');
    // The new content was renamed into place beside the target, and nothing is left over.
    expect(await readdir(join(dir, 'shared'))).toEqual(['real.json']);
    expect((await readdir(dir)).sort()).toEqual(['ecs-wizard.json', 'shared']);
  });

  it('follows a chain of links, and a dangling link creates its target', async () => {
    const target = join(dir, 'target.txt');
    await symlink(target, join(dir, 'b'));
    await symlink('b', join(dir, 'a'));
    expect(await writeTarget(join(dir, 'a'))).toBe(target);
    await writeFileAtomic(join(dir, 'a'), 'hello\n');
    expect(await readFile(target, 'utf8')).toBe('hello\n');
    expect((await lstat(join(dir, 'a'))).isSymbolicLink()).toBe(true);
  });

  it('a link loop is an error naming the path, and writes nothing', async () => {
    await symlink('loop2', join(dir, 'loop1'));
    await symlink('loop1', join(dir, 'loop2'));
    await expect(writeFileAtomic(join(dir, 'loop1'), 'x')).rejects.toThrow(/loop1: too many levels of symbolic links/);
    expect((await readdir(dir)).sort()).toEqual(['loop1', 'loop2']);
  });

  it('a new file gets the default mode and its folder is created', async () => {
    const file = join(dir, 'a', 'b', 'new.txt');
    await writeFileAtomic(file, 'x');
    expect(await readFile(file, 'utf8')).toBe('x');
    expect((await mode(file)) & 0o600).toBe(0o600);
  });

  it('a staged file is invisible until committed', async () => {
    const file = join(dir, 'f.txt');
    await writeFile(file, 'old');
    const staged = await stageFile(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readFile(staged.temporary, 'utf8')).toBe('new');
    expect(staged.temporary.startsWith(join(dir, '.f.txt.'))).toBe(true);
  });

  it('hashFile: the SHA-256 of the bytes, undefined without a file', async () => {
    await writeFile(join(dir, 'p'), 'plan');
    expect(await hashFile(join(dir, 'p'))).toBe(sha256('plan'));
    expect(await hashFile(join(dir, 'missing'))).toBeUndefined();
  });
});
