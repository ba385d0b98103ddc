/**
 * `kill -9` of the project writer at every step of its final write, in a real
 * child process running the built writer; then the next run. Whatever moment
 * the writer died, the next write succeeds without a single file reported as
 * "edited by hand", leaves exactly the files a clean write leaves, and no
 * temporary behind.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../src/config/presets.js';
import { parseConfig } from '../../src/config/validate.js';
import type { Config } from '../../src/config/schema.js';
import { MANIFEST_PATH, writeProject } from '../../src/infra/projectWriter.js';
import { JOURNAL_PATH, type WriteStep } from '../../src/project/transaction.js';
import { childModule } from '../helpers/childModule.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

const versions = { ecsWizard: '0.1.0', cdktf: '0.21.0', providerAws: '20.1.0', constructs: '10.4.2' };

function config(appName: string): Config {
  const input = presetConfig('starter', { appName, environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
  const result = parseConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/** Every file of a folder with its content, `.terraform` and the like excluded by nothing: all of it. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = readFileSync(full, 'utf8');
  }
  return out;
}

/** Runs the built writer in a child that SIGKILLs itself at `step` (and rename `index`). */
async function killedWrite(dir: string, configFile: string, step: WriteStep, index?: number): Promise<NodeJS.Signals | null> {
  const writer = await childModule('src/infra/projectWriter.ts');
  const validate = await childModule('src/config/validate.ts');
  const script = `
    import { readFileSync } from 'node:fs';
    const [writer, validate, dir, configFile, step, index, versions] = process.argv.slice(1);
    const { writeProject } = await import(writer);
    const { parseConfig } = await import(validate);
    const parsed = parseConfig(JSON.parse(readFileSync(configFile, 'utf8')));
    await writeProject({ dir, config: parsed.config, versions: JSON.parse(versions), onStep: (at, i) => {
      if (at === step && (index === '' || String(i) === index)) process.kill(process.pid, 'SIGKILL');
    } });
    process.exit(3);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, writer, validate, dir, configFile, step, index === undefined ? '' : String(index), JSON.stringify(versions)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => (signal ? resolve(signal) : reject(new Error(`the writer exited ${code} instead of dying at ${step}:\n${stderr}`))));
  });
}

const STEPS: Array<[WriteStep, number | undefined, 'rolled-back' | 'completed']> = [
  ['journal-staging', undefined, 'rolled-back'],
  ['staged', undefined, 'rolled-back'],
  ['journal-committed', undefined, 'completed'],
  ['renamed', 0, 'completed'],
  ['record-written', undefined, 'completed'],
];

describe('kill -9 of the project writer', () => {
  let base: string;
  let clean: Record<string, string>;
  let configFile: string;

  beforeAll(async () => {
    const root = makeTmpDir('ecs-wizard-crash-');
    base = path.join(root, 'base');
    // The project as it was: written for "shop".
    expect((await writeProject({ dir: base, config: config('shop'), versions })).ok).toBe(true);
    // What a write that is never interrupted leaves for "shop2" (app name: package.json and the stack change).
    const reference = path.join(root, 'reference');
    await cp(base, reference, { recursive: true });
    const written = await writeProject({ dir: reference, config: config('shop2'), versions });
    expect(written.ok && written.written.length).toBeGreaterThanOrEqual(2);
    clean = snapshot(reference);
    configFile = path.join(root, 'shop2.json');
    writeFileSync(configFile, JSON.stringify(config('shop2')));
  }, 240_000);

  it.each(STEPS)('at %s %s: the next run finishes or undoes it, and nothing reads as edited', async (step, index, expected) => {
    const dir = makeTmpDir(`ecs-wizard-crash-${step}-`);
    await cp(base, dir, { recursive: true });
    expect(await killedWrite(dir, configFile, step, index)).toBe('SIGKILL');

    const next = await writeProject({ dir, config: config('shop2'), versions });
    expect(next.ok, JSON.stringify(next)).toBe(true);
    if (!next.ok) return;
    expect(next.recovered.kind).toBe(expected);
    expect(snapshot(dir)).toEqual(clean);
    // And once more: nothing left to do.
    const again = await writeProject({ dir, config: config('shop2'), versions });
    expect(again.ok && again.written).toEqual([]);
    expect(again.ok && again.recovered.kind).toBe('none');
  });

  it('a file changed by hand after the crash is not overwritten by the recovery: it is reported as edited', async () => {
    const dir = makeTmpDir('ecs-wizard-crash-edited-');
    await cp(base, dir, { recursive: true });
    expect(await killedWrite(dir, configFile, 'journal-committed')).toBe('SIGKILL');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"mine"}\n');
    const next = await writeProject({ dir, config: config('shop2'), versions });
    expect(next).toMatchObject({ ok: false, conflicts: [{ file: 'package.json', reason: 'edited' }] });
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    expect(snapshot(dir)[JOURNAL_PATH]).toBeUndefined();
    expect(Object.keys(snapshot(dir)).filter((file) => file.endsWith('.ecs-wizard-tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dir, MANIFEST_PATH), 'utf8')).files['cdktf.out/stacks/production/cdk.tf.json']).toBeDefined();
  });
});
