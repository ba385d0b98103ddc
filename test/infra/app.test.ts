import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { synthesizeApp, synthesizeToJson } from '../../src/infra/index.js';
import { presetFixture } from '../helpers/infraSynth.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-app-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const twoEnvironments = presetFixture('production', (input) => {
  input.environments['staging'] = { ...input.environments['production']!, region: 'eu-west-1', pipeline: { owner: 'acme', repo: 'shop', branch: 'staging' } };
});

/** Every file under a folder, relative path → bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('synthesizeApp', () => {
  test('writes one stack per environment and says where', () => {
    const outdir = path.join(root, 'project-a', 'cdktf.out');
    const result = synthesizeApp(twoEnvironments, { outdir });
    expect(result.stacks).toEqual([
      { environment: 'production', stack: 'production', directory: path.join(outdir, 'stacks', 'production'), file: path.join(outdir, 'stacks', 'production', 'cdk.tf.json') },
      { environment: 'staging', stack: 'staging', directory: path.join(outdir, 'stacks', 'staging'), file: path.join(outdir, 'stacks', 'staging', 'cdk.tf.json') },
    ]);
    const staging = JSON.parse(readFileSync(result.stacks[1]!.file, 'utf8'));
    expect(staging.resource.aws_db_instance.database.identifier).toBe('shop-staging-db');
    expect(staging.terraform.backend.local.path).toBe('../../../.ecs-wizard/state/staging.tfstate');
  });

  test('is deterministic: the same config gives the same bytes, wherever it is written', () => {
    const first = path.join(root, 'first', 'cdktf.out');
    const second = path.join(root, 'second', 'nested', 'cdktf.out');
    synthesizeApp(twoEnvironments, { outdir: first });
    synthesizeApp(twoEnvironments, { outdir: second });
    const a = tree(first);
    expect(Object.keys(a).sort()).toEqual(['manifest.json', 'stacks/production/cdk.tf.json', 'stacks/staging/cdk.tf.json']);
    expect(tree(second)).toEqual(a);
  });

  test('synthesizeToJson gives the bytes synthesizeApp writes, without touching the disk', () => {
    const outdir = path.join(root, 'compare', 'cdktf.out');
    const result = synthesizeApp(twoEnvironments, { outdir });
    const inMemory = synthesizeToJson(twoEnvironments);
    expect(Object.keys(inMemory)).toEqual(['production', 'staging']);
    for (const stack of result.stacks) expect(inMemory[stack.environment]).toBe(readFileSync(stack.file, 'utf8'));
  });

  test('keeps .terraform, the lock file and local state across a regeneration', () => {
    const project = path.join(root, 'regenerate');
    const outdir = path.join(project, 'cdktf.out');
    const [stack] = synthesizeApp(twoEnvironments, { outdir }).stacks;
    const plugin = path.join(stack!.directory, '.terraform', 'providers', 'marker');
    mkdirSync(path.dirname(plugin), { recursive: true });
    writeFileSync(plugin, 'provider');
    writeFileSync(path.join(stack!.directory, '.terraform.lock.hcl'), 'lock');
    const state = path.join(project, '.ecs-wizard', 'state', 'production.tfstate');
    mkdirSync(path.dirname(state), { recursive: true });
    writeFileSync(state, '{"version":4}');

    const changed = presetFixture('production', (_, env) => void (env.logRetentionDays = 365));
    synthesizeApp(changed, { outdir });
    expect(readFileSync(plugin, 'utf8')).toBe('provider');
    expect(readFileSync(path.join(stack!.directory, '.terraform.lock.hcl'), 'utf8')).toBe('lock');
    expect(readFileSync(state, 'utf8')).toBe('{"version":4}');
    expect(readFileSync(stack!.file, 'utf8')).toContain('"retention_in_days": 365');
    // A removed environment's folder (with its own .terraform) is left for the user to decide on.
    expect(existsSync(path.join(outdir, 'stacks', 'staging', 'cdk.tf.json'))).toBe(true);
  });

  test('ignores the cdktf variables of the calling shell', () => {
    const shell = { SYNTH_HCL_OUTPUT: 'true', CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfVersion: '9.9.9' }), CDKTF_OUTDIR: path.join(root, 'elsewhere') };
    const saved = Object.fromEntries(Object.keys(shell).map((key) => [key, process.env[key]]));
    Object.assign(process.env, shell);
    try {
      const outdir = path.join(root, 'shell', 'cdktf.out');
      const [stack] = synthesizeApp(presetFixture('starter'), { outdir }).stacks;
      const text = readFileSync(stack!.file, 'utf8');
      expect(JSON.parse(text)['//'].metadata.version).toBe('0.21.0');
      expect(text).toBe(synthesizeToJson(presetFixture('starter'))['production']);
      expect(existsSync(path.join(root, 'elsewhere'))).toBe(false);
      expect(process.env['SYNTH_HCL_OUTPUT']).toBe('true');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
