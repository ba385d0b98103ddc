import { describe, expect, it } from 'vitest';
import { MANIFEST_NOTE, parseManifest, serializeManifest } from '../../src/project/manifest.js';

const HASH = 'a'.repeat(64);

/** Every file name ecs-wizard records: fixed files, and per stack (an environment, or `<env>.<copy>`) its cdk.tf.json. */
function recordedNames(stacks: readonly string[]): string[] {
  return [
    'main.ts',
    'cdktf.json',
    'package.json',
    'architecture.svg',
    'cdktf.out/manifest.json',
    ...stacks.map((stack) => `cdktf.out/stacks/${stack}/cdk.tf.json`),
  ];
}

describe('serializeManifest', () => {
  it('writes the files sorted, and reads back what it wrote', () => {
    const files = Object.fromEntries(recordedNames(['staging', 'production']).map((file, index) => [file, String(index).repeat(64).slice(0, 64)]));
    const text = serializeManifest(files);
    const written = JSON.parse(text) as { note: string; files: Record<string, string> };
    expect(written.note).toBe(MANIFEST_NOTE);
    expect(Object.keys(written.files)).toEqual([
      'architecture.svg',
      'cdktf.json',
      'cdktf.out/manifest.json',
      'cdktf.out/stacks/production/cdk.tf.json',
      'cdktf.out/stacks/staging/cdk.tf.json',
      'main.ts',
      'package.json',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseManifest(text)).toEqual({ ok: true, files });
  });

  // The order changed from localeCompare's to code units' (the collator's first call costs ~10 ms of
  // every synth). Manifests written before must not be rewritten in another order: for names of the
  // characters environments and copies may hold ([a-z0-9-], joined by "." and "/"), both orders agree.
  it("orders the names ecs-wizard records as localeCompare did, so existing manifests are left as they are", () => {
    const stacks = ['production', 'production-eu', 'production.blue', 'production.green', 'prod', 'prod-2', 'prod2', 'p-a', 'p0', 'pa', 'a-b-c', 'a1', 'z9-x', 'qa', 'q-a.blue'];
    const files = Object.fromEntries(recordedNames(stacks).map((file) => [file, HASH]));
    const written = Object.keys((JSON.parse(serializeManifest(files)) as { files: Record<string, string> }).files);
    expect(written).toEqual([...written].sort((a, b) => a.localeCompare(b)));
    // And for random names of those characters.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-./';
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const names = Array.from({ length: 400 }, () => `cdktf.out/stacks/${Array.from({ length: 1 + Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')}`);
    const byCodeUnit = Object.keys((JSON.parse(serializeManifest(Object.fromEntries(names.map((name) => [name, HASH])))) as { files: Record<string, string> }).files);
    expect(byCodeUnit).toEqual([...new Set(names)].sort((a, b) => a.localeCompare(b)));
  });
});
