import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseOutputs, parseValidation, readOutputs, showPlanJson, validateConfig } from '../../src/terraform/jsonCommands.js';
import { SENSITIVE } from '../../src/terraform/mask.js';
import { readPlan } from '../../src/terraform/planReader.js';
import { runTerraform, TerraformCommandError } from '../../src/terraform/runner.js';
import {
  FAKE_TERRAFORM,
  fakeTerraformEnv,
  makeTmpDir,
  readArgsLog,
  readFixtureJson,
  type FakeTerraformSettings,
} from '../helpers/fakeTerraformHarness.js';

const SECRET = 'hunter2-not-a-real-secret';
let dir: string;
let argsLog: string;

beforeEach(() => {
  dir = makeTmpDir();
  argsLog = path.join(dir, 'args.log');
});

function common(name: string, settings: FakeTerraformSettings = {}) {
  return {
    binary: FAKE_TERRAFORM,
    cwd: dir,
    env: fakeTerraformEnv({ argsLog, ...settings }),
    logFile: path.join(dir, '.ecs-wizard', 'logs', `${name}.jsonl`),
  };
}

describe('parseOutputs and parseValidation (pure)', () => {
  it('masks sensitive outputs of a real `output -json`, which prints them in clear', () => {
    const outputs = parseOutputs(readFixtureJson('output.json'));
    expect(outputs).toEqual([
      { name: 'app_release', sensitive: false, type: 'string', value: 'v1' },
      { name: 'db_password', sensitive: true, type: 'string', value: SENSITIVE },
    ]);
    expect(JSON.stringify(outputs)).not.toContain(SECRET);
    expect(parseOutputs(readFixtureJson('output.json'), { revealSensitive: true })[1]?.value).toBe(SECRET);
  });

  it('treats an output without a sensitive flag as sensitive, and junk as no outputs', () => {
    expect(parseOutputs({ x: { value: 'maybe' } })).toEqual([{ name: 'x', sensitive: true, type: undefined, value: SENSITIVE }]);
    expect(parseOutputs(null)).toEqual([]);
    expect(parseOutputs([1])).toEqual([]);
  });

  it('reads validate -json documents', () => {
    expect(parseValidation(readFixtureJson('validate-ok.json'))).toEqual({ valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    const bad = parseValidation(readFixtureJson('validate-error.json'));
    expect(bad).toMatchObject({ valid: false, errorCount: 1, warningCount: 0 });
    expect(bad.diagnostics[0]).toMatchObject({
      severity: 'error',
      summary: 'Extraneous JSON object property',
      detail: 'No argument or block type is named "instance_klass".',
      range: { filename: 'cdk.tf.json', start: { line: 1, column: 1006, byte: 1005 } },
      snippet: { context: 'resource.aws_db_instance.db', highlightStartOffset: 1005, highlightEndOffset: 1021 },
    });
    expect(parseValidation('nonsense')).toMatchObject({ valid: false, diagnostics: [] });
  });
});

describe('JSON commands through the fake terraform', () => {
  it('plan -out, then show -json of that file gives the plan, and the log holds none of it', async () => {
    const planned = await runTerraform({ ...common('plan', { scenarios: { show: 'show-plan-data-create' } }), args: ['plan', '-out=tfplan'] });
    expect(planned.ok).toBe(true);
    const opts = common('show', { scenarios: { show: 'show-plan-data-create' } });
    const json = await showPlanJson({ ...opts, planFile: 'tfplan' });
    expect(json).toEqual(readFixtureJson('show-plan-data-create.json'));
    expect(readArgsLog(argsLog).map((c) => c.argv)).toEqual([
      ['plan', '-json', '-input=false', '-no-color', '-out=tfplan'],
      ['show', '-json', 'tfplan'],
    ]);
    const log = readFileSync(opts.logFile, 'utf8');
    expect(log).not.toContain(SECRET);
    expect(log).toMatch(/read \d+ bytes of JSON from stdout \(not logged\)/);
    expect(readPlan(json).totals.add).toBe(2);
  });

  it('show -json of a plan file that does not exist throws, naming the log', async () => {
    const opts = common('show-missing');
    const error = await showPlanJson({ ...opts, planFile: 'nope.tfplan' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TerraformCommandError);
    // Terraform's coloured error box on stderr, as one clean line.
    expect((error as Error).message).toMatch(
      /^terraform show -json nope\.tfplan failed \(exit code 1\): Error: Failed to read the given file as a state or plan file State read error: Error loading statefile: open nope\.tfplan: no such file or directory \(log: /,
    );
    expect((error as Error).message).toContain(opts.logFile);
  });

  it('output -json after an apply: values read back, the sensitive one masked, nothing secret logged', async () => {
    const applied = await runTerraform({ ...common('apply'), args: ['apply', '-auto-approve'] });
    expect(applied.ok).toBe(true);
    const opts = common('output');
    const outputs = await readOutputs(opts);
    expect(outputs).toEqual([
      { name: 'app_release', sensitive: false, type: 'string', value: 'v1' },
      { name: 'db_password', sensitive: true, type: 'string', value: SENSITIVE },
    ]);
    expect(readFileSync(opts.logFile, 'utf8')).not.toContain(SECRET);
    // The fake, like Terraform, did print it: the masking is ours.
    expect(readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')).toContain(SECRET);
  });

  it('output -json with no state is an empty list', async () => {
    expect(await readOutputs(common('output-empty'))).toEqual([]);
  });

  it('validate -json: valid and invalid are both answers (exit 0 and 1)', async () => {
    expect(await validateConfig(common('validate-ok'))).toMatchObject({ valid: true, errorCount: 0, run: { exitCode: 0 } });
    const bad = await validateConfig(common('validate-bad', { scenarios: { validate: 'validate-error' } }));
    expect(bad).toMatchObject({ valid: false, errorCount: 1, run: { exitCode: 1 } });
    expect(bad.diagnostics[0]?.summary).toBe('Extraneous JSON object property');
    expect(readArgsLog(argsLog).map((c) => c.argv)).toEqual([['validate', '-json'], ['validate', '-json']]);
  });
});
