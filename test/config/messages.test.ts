/**
 * Every field of the schema, fed values of every wrong kind: each problem is
 * our own sentence (never zod's "Invalid input: expected number, received
 * string"), names its path, and no bad value makes validation throw.
 */
import { describe, expect, it } from 'vitest';
import { applyAssignment, configSchema, parseConfig, parseConfigText, renderProblem, type Problem } from '../../src/config/index.js';
import { keysOf, kindOf, schemaAt } from '../../src/config/schemaWalk.js';
import { ownProblem } from '../../src/wizard/validation.js';
import { question } from '../../src/wizard/questions.js';
import { minimalConfig } from './configFixtures.js';

/** zod's own wording, in any of its forms. */
const ZOD_WORDING = /Invalid input|Invalid option|Invalid string|Invalid element|Invalid key|Too small|Too big|expected \w+, received|expected string to|Unrecognized key/;

/** Every leaf path of the schema, environments under "production". */
function leaves(path: string[] = []): string[][] {
  const schema = schemaAt(configSchema, path)!;
  const kind = kindOf(schema);
  const keys = keysOf(schema);
  if ((kind === 'object' || kind === 'union') && keys) {
    return keys.filter((key) => key !== '$schema').flatMap((key) => leaves([...path, key]));
  }
  if (kind === 'record' && path.length === 1 && path[0] === 'environments') return leaves(['environments', 'production']);
  return [path];
}

const BAD_VALUES: unknown[] = ['text', '', ' ', 42, -1, 1.5, 0, true, null, [], [1], ['a', 'b'], {}, { a: 1 }, 'x'.repeat(300)];

function attempt(path: string[], value: unknown): Problem[] {
  let config: unknown = minimalConfig();
  if (path[0] === 'backend') config = { ...(config as object), backend: { type: 's3', bucket: 'acme-state', region: 'eu-west-1' } };
  const result = parseConfig(applyAssignment(config, { path, value }));
  return result.ok ? [] : result.problems;
}

describe('our own sentence for every bad value of every field', () => {
  const paths = leaves();

  it('walks the whole schema', () => {
    const names = paths.map((path) => path.join('.'));
    expect(names).toEqual(expect.arrayContaining(['app.cpu', 'environments.production.database.multiAz', 'environments.production.tags', 'backend.bucket', 'version']));
    expect(paths.length).toBeGreaterThan(40);
  });

  it('no zod wording, every line names its path, nothing throws', () => {
    let checked = 0;
    for (const path of paths) {
      for (const value of BAD_VALUES) {
        const problems = attempt(path, value);
        for (const problem of problems) {
          const line = renderProblem(problem);
          checked++;
          expect(line, `${path.join('.')} = ${JSON.stringify(value)}`).not.toMatch(ZOD_WORDING);
          expect(line.startsWith(`${problem.path === '' ? 'ecs-wizard.json' : problem.path.split('.').map((s) => (s.length > 80 ? `${s.slice(0, 79)}…` : s)).join('.')}: `), line).toBe(true);
          expect(line.length, line).toBeLessThan(400);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('a wrong type says what is expected and what was found', () => {
    const [multiAz] = attempt(['environments', 'production', 'database', 'multiAz'], 'yes');
    expect(renderProblem(multiAz!)).toBe('environments.production.database.multiAz: must be true or false, not text (found "yes"; e.g. false)');
    const [zones] = attempt(['environments', 'production', 'availabilityZones'], { a: 1 });
    expect(zones!.message).toBe('must be a list, not an object');
    const [tags] = attempt(['environments', 'production', 'tags'], 'team=payments');
    expect(tags!.message).toBe('must be an object of names and values, not text');
    const [dockerfile] = attempt(['app', 'dockerfile'], '');
    expect(dockerfile!.message).toBe('must not be empty');
  });

  it('the wizard checks an answer with the same sentences', () => {
    expect(ownProblem(question('env.database.instanceClass'), '')).not.toMatch(ZOD_WORDING);
    expect(ownProblem(question('app.containerPort'), 'http')).toBe('the container port must be a whole number from 1 to 65535');
  });
});

describe('the file as text', () => {
  it.each([
    ['{ "version": 1, "app": { "name": "shop", } }', 1, 42, 'a comma before "}": remove the trailing comma'],
    ['{\n  "version": 1\n  "app": {}\n}', 3, 3, 'expected "," or "}" after the value, found """'],
    ["{\n  'version': 1\n}", 2, 3, 'expected a property name in double quotes, found "\'"'],
    ['{\n  "app": { "name": "shop }\n}', 2, 20, 'a string runs past the end of its line: close it with "'],
    ['{\n  "version": tru\n}', 2, 14, 'expected a value'],
    ['<<<<<<< HEAD\n{}', 1, 1, 'expected a value'],
    ['', 1, 1, 'the file is empty'],
    ['{"version": 1}\n{"version": 1}', 2, 1, 'unexpected "{" after the end of the JSON value'],
  ])('a syntax error gives line and column: %j', (text, line, column, reason) => {
    const result = parseConfigText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toContain(`is not valid JSON: line ${line}, column ${column}: ${reason}`);
    // Never the whole file quoted back.
    expect(result.problems[0]!.message.length).toBeLessThan(200);
  });

  it('a byte-order mark is accepted', () => {
    const result = parseConfigText(`\uFEFF${JSON.stringify(minimalConfig(), null, 2)}`);
    expect(result.ok).toBe(true);
  });

  it('a missing "version" says so instead of migrating a current file as version 0', () => {
    const { version: _version, ...rest } = minimalConfig();
    const result = parseConfig(rest);
    expect(result).toEqual({ ok: false, problems: [{ path: 'version', message: '"version" is missing: add "version": 2 at the top of the file' }] });
    // A real version 0 file (its one environment at the top level) is still migrated.
    const v0 = parseConfig({ app: { name: 'shop' }, region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'], pipeline: { owner: 'acme', repo: 'shop' } });
    expect(v0.ok && v0.migratedFrom).toBe(0);
  });

  it('a value longer than 80 characters is shortened in the message', () => {
    const long = `db.${'x'.repeat(500)}`;
    const [problem] = attempt(['environments', 'production', 'database', 'instanceClass'], long);
    const line = renderProblem(problem!);
    expect(line).toContain(`found "db.${'x'.repeat(75)}…`);
    expect(line.length).toBeLessThan(260);
    const unknown = parseConfig({ ...minimalConfig(), ['k'.repeat(300)]: 1 });
    expect(!unknown.ok && renderProblem(unknown.problems[0]!).length).toBeLessThan(300);
  });
});
