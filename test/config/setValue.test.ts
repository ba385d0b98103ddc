import { describe, expect, it } from 'vitest';
import { applyAssignment, configSchema, parseAssignment, parseConfig, presetConfig, type Assignment } from '../../src/config/index.js';
import { choicesOf, keysOf, kindOf, schemaAt } from '../../src/config/schemaWalk.js';

function assignment(text: string): Assignment {
  const result = parseAssignment(text);
  if (!result.ok) throw new Error(`${text}: ${JSON.stringify(result.problem)}`);
  return result.assignment;
}
function refusal(text: string) {
  const result = parseAssignment(text);
  if (result.ok) throw new Error(`${text} was accepted: ${JSON.stringify(result.assignment)}`);
  return result.problem;
}
const preset = () => presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });

describe('parseAssignment: --set path=value, typed by the schema', () => {
  it('the issue example: a string leaf', () => {
    expect(assignment('environments.production.database.instanceClass=db.t4g.small')).toEqual({
      path: ['environments', 'production', 'database', 'instanceClass'],
      value: 'db.t4g.small',
    });
  });

  it('numbers', () => {
    expect(assignment('environments.production.service.maxCount=4').value).toBe(4);
    expect(assignment('app.containerPort=8080').value).toBe(8080);
    expect(assignment('app.cpu=1024').value).toBe(1024);
    for (const raw of ['', ' ', 'four', 'Infinity', 'NaN']) {
      expect(refusal(`app.containerPort=${raw}`)).toEqual({ path: 'app.containerPort', message: 'expects a number, e.g. 3000', value: raw });
    }
  });

  it("a word for a number gets an example of that field, not another field's", () => {
    expect(refusal('app.cpu=lots')).toEqual({ path: 'app.cpu', message: 'expects a number, e.g. 256', value: 'lots' });
    expect(refusal('environments.staging.service.maxCount=many')).toEqual({ path: 'environments.staging.service.maxCount', message: 'expects a number, e.g. 2', value: 'many' });
    expect(refusal('environments.production.database.allocatedStorage=big')).toMatchObject({ message: 'expects a number, e.g. 20' });
  });

  it('booleans are true or false only', () => {
    expect(assignment('environments.production.database.multiAz=true').value).toBe(true);
    expect(assignment('environments.production.containerInsights=false').value).toBe(false);
    for (const raw of ['yes', '1', 'TRUE', '']) {
      expect(refusal(`environments.production.database.multiAz=${raw}`)).toEqual({
        path: 'environments.production.database.multiAz',
        message: 'expects true or false',
        value: raw,
      });
    }
  });

  it('lists: comma separated or a JSON array', () => {
    expect(assignment('environments.production.availabilityZones=eu-west-1a, eu-west-1c').value).toEqual(['eu-west-1a', 'eu-west-1c']);
    expect(assignment('app.migrateCommand=["node","migrate.js","--up"]').value).toEqual(['node', 'migrate.js', '--up']);
    expect(assignment('environments.production.network.publicSubnets=10.0.0.0/24,10.0.1.0/24').value).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(refusal('app.migrateCommand=["node",').message).toContain('expects a list');
  });

  it('one item of a list', () => {
    expect(assignment('environments.production.availabilityZones.1=eu-west-1c')).toEqual({
      path: ['environments', 'production', 'availabilityZones', '1'],
      value: 'eu-west-1c',
    });
  });

  it('maps: a JSON object, or one key at a time', () => {
    expect(assignment('app.environment={"LOG_LEVEL":"debug"}').value).toEqual({ LOG_LEVEL: 'debug' });
    expect(assignment('app.environment.LOG_LEVEL=debug')).toEqual({ path: ['app', 'environment', 'LOG_LEVEL'], value: 'debug' });
    expect(assignment('environments.production.tags.Team=payments').value).toBe('payments');
    for (const raw of ['LOG_LEVEL=debug', '[1]', 'null', '"text"']) {
      expect(refusal(`app.environment=${raw}`).message).toContain('expects a JSON object');
    }
  });

  it('enums stay strings (the schema judges them), numeric choices become numbers', () => {
    expect(assignment('environments.production.network.natGateways=perAz').value).toBe('perAz');
    expect(assignment('environments.production.database.engine=mysql').value).toBe('mysql');
    expect(assignment('environments.production.service.periodSeconds=300').value).toBe(300);
    expect(assignment('environments.production.logRetentionDays=90').value).toBe(90);
    expect(assignment('version=2').value).toBe(2);
    expect(refusal('environments.production.service.periodSeconds=45')).toEqual({
      path: 'environments.production.service.periodSeconds',
      message: 'expects one of 10, 30, 60, 120, 300',
      value: '45',
    });
  });

  it('the value is everything after the first "="', () => {
    expect(assignment('app.healthCheckPath=/health?deep=1').value).toBe('/health?deep=1');
    expect(assignment('app.name=').value).toBe('');
  });

  it('through the backend union and into a new environment', () => {
    expect(assignment('backend.type=s3').value).toBe('s3');
    expect(assignment('backend.bucket=acme-state')).toEqual({ path: ['backend', 'bucket'], value: 'acme-state' });
    expect(assignment('environments.staging.region=us-east-1').path).toEqual(['environments', 'staging', 'region']);
  });

  it('refuses text without a path', () => {
    for (const text of ['app.name', '=shop', '']) expect(refusal(text).message).toMatch(/^a --set takes path=value, e\.g\. --set environments\.production/);
    expect(refusal('app..name=x')).toEqual({ path: 'app..name', message: 'has an empty segment; paths look like app.containerPort' });
  });

  it('an unknown key: reported where the path goes wrong, with did-you-mean', () => {
    expect(refusal('environments.production.databse.multiAz=true')).toEqual({
      path: 'environments.production.databse',
      message: 'unknown key "databse"; did you mean "database"?',
    });
    expect(refusal('app.contanerPort=80').message).toBe('unknown key "contanerPort"; did you mean "containerPort"?');
    expect(refusal('apps.name=x').message).toBe('unknown key "apps"; did you mean "app"?');
    expect(refusal('app.zzzzzzzz=1').message).toMatch(/^unknown key "zzzzzzzz"; keys here: name, containerPort, /);
    expect(refusal('app.name.first=x')).toEqual({ path: 'app.name.first', message: 'unknown key "first"; keys here: (none)' });
  });
});

describe('paths that would reach a prototype', () => {
  it.each([
    ['__proto__.x=1', '__proto__', '"__proto__" is not a setting and cannot be one; keys here: $schema, version, app, environments, backend'],
    ['constructor=1', 'constructor', '"constructor" is not a setting and cannot be one; keys here: $schema, version, app, environments, backend'],
    ['app.constructor.name=x', 'app.constructor', '"constructor" is not a setting and cannot be one; keys here: name, containerPort'],
    ['environments.__proto__.region=eu-west-1', 'environments.__proto__', '"__proto__" is not a setting and cannot be one'],
    ['environments.production.tags.prototype=x', 'environments.production.tags.prototype', '"prototype" is not a setting and cannot be one'],
  ])('--set %s is refused, naming the path', (text, path, message) => {
    const result = parseAssignment(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.path).toBe(path);
    expect(result.problem.message.startsWith(message)).toBe(true);
  });

  it('an inherited name (toString, hasOwnProperty) is an unknown key, not a crash', () => {
    for (const text of ['app.toString=1', 'app.hasOwnProperty=1', 'environments.production.valueOf=2']) {
      const result = parseAssignment(text);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problem.message).toMatch(/^unknown key "(toString|hasOwnProperty|valueOf)"; keys here: /);
    }
  });

  it('applyAssignment refuses them too, and Object.prototype stays clean', () => {
    expect(() => applyAssignment({}, { path: ['__proto__', 'polluted'], value: 1 })).toThrow(/prototype/);
    expect(() => applyAssignment({}, { path: ['constructor', 'prototype', 'polluted'], value: 1 })).toThrow(/prototype/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('applyAssignment', () => {
  it('returns a copy and leaves the target alone', () => {
    const target = preset();
    const before = structuredClone(target);
    const after = applyAssignment(target, assignment('environments.production.service.maxCount=4'));
    expect(target).toEqual(before);
    expect(after.environments.production!.service!.maxCount).toBe(4);
  });

  it('creates the objects on the way', () => {
    const after = applyAssignment({ version: 1 }, assignment('environments.staging.database.multiAz=true')) as any;
    expect(after).toEqual({ version: 1, environments: { staging: { database: { multiAz: true } } } });
  });

  it('replaces a scalar in the way with an object', () => {
    expect(applyAssignment({ app: 'shop' }, assignment('app.name=shop'))).toEqual({ app: { name: 'shop' } });
  });

  it('sets one item of a list, keeping the list', () => {
    const after = applyAssignment(preset(), assignment('environments.production.availabilityZones.1=eu-west-1c'));
    expect(after.environments.production!.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1c']);
    expect(parseConfig(after).ok).toBe(true);
  });

  it('replaces a list by a map when the path names a key', () => {
    expect(applyAssignment({ app: { environment: [] } }, { path: ['app', 'environment', 'A'], value: 'b' })).toEqual({ app: { environment: { A: 'b' } } });
  });

  it('--set edits flow through validation: typed values pass, bad ones are reported', () => {
    let config: unknown = preset();
    for (const text of [
      'environments.production.database.instanceClass=db.t4g.small',
      'environments.production.service.maxCount=4',
      'environments.production.database.multiAz=true',
      'environments.production.availabilityZones=eu-west-1a,eu-west-1b,eu-west-1c',
      'environments.production.network.natGateways=perAz',
      'app.secrets.API_KEY=arn:aws:ssm:eu-west-1:123456789012:parameter/shop/API_KEY',
      'backend.type=s3',
      'backend.bucket=acme-state',
      'backend.region=eu-west-1',
    ]) {
      config = applyAssignment(config, assignment(text));
    }
    const result = parseConfig(config);
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (!result.ok) return;
    const env = result.config.environments.production!;
    expect(env.database).toMatchObject({ instanceClass: 'db.t4g.small', multiAz: true });
    expect(env.service.maxCount).toBe(4);
    expect(env.availabilityZones).toHaveLength(3);
    expect(result.config.backend).toEqual({ type: 's3', bucket: 'acme-state', key: 'ecs-wizard', region: 'eu-west-1' });

    const bad = parseConfig(applyAssignment(preset(), assignment('environments.production.network.natGateways=none')));
    expect(!bad.ok && bad.problems.map((problem) => problem.path)).toEqual(['environments.production.network.natGateways']);
  });
});

describe('schemaWalk', () => {
  it('finds leaves through defaults, records, unions and transforms', () => {
    expect(kindOf(schemaAt(configSchema, ['environments', 'any', 'database', 'multiAz'])!)).toBe('boolean');
    expect(kindOf(schemaAt(configSchema, ['environments', 'any', 'database'])!)).toBe('object');
    expect(kindOf(schemaAt(configSchema, ['app', 'environment'])!)).toBe('record');
    expect(kindOf(schemaAt(configSchema, ['environments', 'x', 'availabilityZones', 0])!)).toBe('string');
    expect(kindOf(schemaAt(configSchema, ['backend', 'key'])!)).toBe('string');
    expect(schemaAt(configSchema, ['app', 'nope'])).toBeUndefined();
    expect(schemaAt(configSchema, ['app', 'name', 'deeper'])).toBeUndefined();
  });

  it('lists keys and choices', () => {
    expect(keysOf(configSchema)).toEqual(['$schema', 'version', 'app', 'environments', 'backend']);
    expect(keysOf(schemaAt(configSchema, ['backend'])!)).toEqual(['type', 'bucket', 'key', 'region']);
    expect(keysOf(schemaAt(configSchema, ['app', 'name'])!)).toBeUndefined();
    expect(choicesOf(schemaAt(configSchema, ['environments', 'p', 'network', 'natGateways'])!)).toEqual(['single', 'perAz']);
    expect(choicesOf(schemaAt(configSchema, ['environments', 'p', 'service', 'periodSeconds'])!)).toEqual([10, 30, 60, 120, 300]);
    expect(choicesOf(schemaAt(configSchema, ['app', 'name'])!)).toBeUndefined();
  });
});
