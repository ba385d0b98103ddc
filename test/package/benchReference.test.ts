/**
 * The bench's synth ratio compares `ecs-wizard synth` of the production
 * preset with a hand-written stack of the same architecture,
 * bench/reference/main.cjs. That file is a transcription: when the stack
 * gains a resource or an attribute and nobody updates it, the ratio quietly
 * compares less work. This holds the architecture, not the values: the same
 * resource addresses, variables, outputs and locals, and for each resource
 * and block the same attribute key paths (nested keys, into the JSON that
 * policies and container definitions hold; `[]` for any array element). A
 * new description or a different number passes; a new resource, attribute,
 * container setting or policy condition fails here, naming what to add.
 * (`npm run bench` checks the rest: both must write the same JSON.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fakeTerraformHarness.js';
import { ENV, presetFixture, synthStack, type TerraformJson } from '../helpers/infraSynth.js';

const REFERENCE = path.join('bench', 'reference', 'main.cjs');
const UPDATE = `update ${REFERENCE} (the bench's hand-written anchor) to match src/infra`;

/** A JSON document held in a string attribute (a policy, container definitions, a buildspec), parsed; else undefined. */
function embeddedJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Every key path under a value: `a.b`, `list[].c`, `policy → Statement[].Condition.StringEquals.aws:SourceAccount`. */
function keyPaths(value: unknown, prefix: string, into: Set<string>): Set<string> {
  const inner = embeddedJson(value);
  if (inner !== undefined) return keyPaths(inner, `${prefix} → `, into);
  if (Array.isArray(value)) {
    for (const element of value) keyPaths(element, `${prefix}[]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '//') continue; // cdktf's metadata: construct paths differ by design
      const path = prefix === '' || prefix.endsWith(' ') ? `${prefix}${key}` : `${prefix}.${key}`;
      into.add(path);
      keyPaths(child, path, into);
    }
  }
  return into;
}

const addresses = (json: TerraformJson) =>
  Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();

/** What one side has and the other lacks, as lines for the failure message. */
function difference(ours: Iterable<string>, theirs: Iterable<string>): string[] {
  const a = new Set(ours);
  const b = new Set(theirs);
  return [
    ...[...a].filter((item) => !b.has(item)).map((item) => `ecs-wizard only: ${item}`),
    ...[...b].filter((item) => !a.has(item)).map((item) => `reference only:  ${item}`),
  ].sort();
}

let ours: TerraformJson;
let reference: TerraformJson;
const outdir = mkdtempSync(path.join(tmpdir(), 'ecs-wizard-bench-reference-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

beforeAll(() => {
  // The bench's project: app "shop", the production preset, eu-west-1, github acme/shop (PRODUCTION_SETS in bench/synth.mjs).
  ours = synthStack(presetFixture('production'));
  const run = spawnSync(process.execPath, [REFERENCE, outdir], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node ${REFERENCE} failed (exit ${run.status}):\n${run.stderr}`);
  reference = JSON.parse(readFileSync(path.join(outdir, 'stacks', ENV, 'cdk.tf.json'), 'utf8')) as TerraformJson;
});

describe('the bench reference stack (bench/reference/main.cjs)', () => {
  it('has the resources of the production preset, at the same addresses', () => {
    const lines = difference(addresses(ours), addresses(reference));
    expect(lines, `${UPDATE}; resources:\n  ${lines.join('\n  ')}`).toEqual([]);
  });

  it('has the same variables, outputs and locals', () => {
    const named = (json: TerraformJson) => [
      ...Object.keys(json.variable ?? {}).map((name) => `variable.${name}`),
      ...Object.keys(json.output ?? {}).map((name) => `output.${name}`),
      ...Object.keys(json.locals ?? {}).map((name) => `local.${name}`),
    ];
    const lines = difference(named(ours), named(reference));
    expect(lines, `${UPDATE}:\n  ${lines.join('\n  ')}`).toEqual([]);
  });

  it('sets the same attributes on each resource, and in the provider, backend, variables and outputs', () => {
    const attributes = (json: TerraformJson) => {
      const lines: string[] = [];
      for (const [type, byName] of Object.entries(json.resource)) {
        for (const [name, body] of Object.entries(byName)) lines.push(...[...keyPaths(body, '', new Set())].map((key) => `${type}.${name}: ${key}`));
      }
      const blocks = { provider: json.provider, terraform: json.terraform, variable: json.variable, output: json.output };
      for (const [block, body] of Object.entries(blocks)) lines.push(...[...keyPaths(body ?? {}, '', new Set())].map((key) => `${block}: ${key}`));
      return lines;
    };
    const oursAttributes = attributes(ours);
    // Resources only one side has are the first test's; here, what the common ones set.
    const common = new Set(addresses(ours).filter((address) => addresses(reference).includes(address)));
    const inCommon = (line: string) => !/^aws_/.test(line) || common.has(line.slice(0, line.indexOf(':')));
    const lines = difference(oursAttributes.filter(inCommon), attributes(reference).filter(inCommon));
    expect(oursAttributes.length).toBeGreaterThan(500); // the walk reached into the stack
    expect(lines, `${UPDATE}; attributes (key paths; values may differ):\n  ${lines.join('\n  ')}`).toEqual([]);
  });
});
