/**
 * `.ecs-wizard/generated.json`: the SHA-256 of every file ecs-wizard
 * generated, so that it never overwrites a file someone edited. It is
 * committed, so it meets git: a merge can leave conflict markers in it, an
 * editor can break it. Reading it says what is wrong and how to get out.
 */
import { join } from 'node:path';
import { jsonErrorPlace } from './jsonError.js';

export const MANIFEST_PATH = join('.ecs-wizard', 'generated.json');

export const MANIFEST_NOTE = 'Written by ecs-wizard: hashes of the files it generated, so it never overwrites your edits. Commit this file.';

export interface Manifest {
  readonly note: string;
  readonly files: Record<string, string>;
}

export type ManifestRead = { readonly ok: true; readonly files: Record<string, string> } | { readonly ok: false; readonly problem: string };

const SHA256 = /^[0-9a-f]{64}$/;

/** Reads the manifest's text; `undefined` (no file yet) is an empty record. */
export function parseManifest(text: string | undefined): ManifestRead {
  if (text === undefined) return { ok: true, files: {} };
  const marker = /^(<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (marker) return { ok: false, problem: `it holds merge conflict markers (line ${lineOf(text, marker.index)})` };
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const place = jsonErrorPlace(text);
    return { ok: false, problem: `it is not valid JSON (${place ? `line ${place.line}, column ${place.column}` : (error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'it is not a JSON object' };
  const files = (value as { files?: unknown }).files;
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return { ok: false, problem: 'it has no "files" object' };
  for (const [file, hash] of Object.entries(files as Record<string, unknown>)) {
    if (typeof hash !== 'string' || !SHA256.test(hash)) {
      return { ok: false, problem: `"files"."${file}" is not a SHA-256 hash (64 hexadecimal characters)` };
    }
  }
  return { ok: true, files: { ...(files as Record<string, string>) } };
}

/** What to say about a damaged manifest at `path`: the sentence, and the way out. */
export function damagedManifestMessage(path: string, problem: string): { readonly message: string; readonly next: string } {
  return {
    message: `${path} is damaged: ${problem}; nothing was written. It records which generated files ecs-wizard wrote, so that files you edited are never overwritten.`,
    next: 'After a merge, keep one side (git checkout --theirs -- .ecs-wizard/generated.json, or --ours) or restore it from git; or run again with --force to rebuild it (generated files that differ from what ecs-wizard writes are overwritten).',
  };
}

export function serializeManifest(files: Record<string, string>): string {
  const manifest: Manifest = {
    note: MANIFEST_NOTE,
    // By code unit, not localeCompare: its first call loads ICU's collator (about 10 ms of every synth), and
    // for the lower-case names, digits, '.', '-' and '/' of the files it records the two orders agree.
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
