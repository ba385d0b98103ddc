import { describe, expect, it } from 'vitest';
import { CONFIG_VERSION, migrateConfig, parseConfig, parseConfigText } from '../../src/config/index.js';
import { minimalConfig } from './configFixtures.js';

/** A version 0 file: one environment at the top level, no "version" key. */
const v0 = () => ({
  app: { name: 'shop', containerPort: 8080 },
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  network: { vpcCidr: '10.1.0.0/16' },
  database: { instanceClass: 'db.t4g.small' },
  service: { maxCount: 4 },
  pipeline: { owner: 'acme', repo: 'shop' },
  backend: { type: 'local' },
});

describe('migrateConfig', () => {
  it('leaves a current file as it is, not migrated', () => {
    const input = minimalConfig();
    const result = migrateConfig(input);
    expect(result).toEqual({ ok: true, config: input, from: CONFIG_VERSION, migrated: false });
  });

  it('moves a version 0 file into environments.production, then on to version 2 (its database keeps the master user app)', () => {
    const result = migrateConfig(v0());
    expect(result).toEqual({
      ok: true,
      from: 0,
      migrated: true,
      config: {
        version: 2,
        app: { name: 'shop', containerPort: 8080 },
        backend: { type: 'local' },
        environments: {
          production: {
            region: 'eu-west-1',
            availabilityZones: ['eu-west-1a', 'eu-west-1b'],
            network: { vpcCidr: '10.1.0.0/16' },
            database: { instanceClass: 'db.t4g.small', masterUsername: 'app' },
            service: { maxCount: 4 },
            pipeline: { owner: 'acme', repo: 'shop' },
          },
        },
      },
    });
  });

  it('uses environmentName, and treats an explicit version 0 like a missing one', () => {
    const result = migrateConfig({ ...v0(), version: 0, environmentName: 'staging' });
    expect(result.ok && Object.keys(result.config.environments as object)).toEqual(['staging']);
    expect(result.ok && 'environmentName' in result.config).toBe(false);
  });

  it('leaves out the sections a version 0 file did not have', () => {
    const { network: _n, database: _d, service: _s, ...bare } = v0();
    const result = migrateConfig(bare);
    expect(result.ok && result.config.environments).toEqual({
      production: {
        region: 'eu-west-1',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        pipeline: { owner: 'acme', repo: 'shop' },
        // Every environment has a database: the one a version 1 file made has the master user app.
        database: { masterUsername: 'app' },
      },
    });
  });

  it('version 1 to 2: each database keeps the master user app it was made with, unless the file names one', () => {
    const v1 = { ...minimalConfig(), version: 1 } as any;
    v1.environments.staging = { ...structuredClone(v1.environments.production), database: { masterUsername: 'owner' } };
    const result = migrateConfig(v1);
    expect(result).toMatchObject({ ok: true, from: 1, migrated: true });
    if (!result.ok) return;
    const environments = result.config.environments as any;
    expect(environments.production.database.masterUsername).toBe('app');
    expect(environments.staging.database.masterUsername).toBe('owner');
    expect(v1.environments.production.database?.masterUsername).toBeUndefined();
  });

  it('does not modify its input', () => {
    const input = v0();
    const copy = structuredClone(input);
    migrateConfig(input);
    expect(input).toEqual(copy);
  });

  it('refuses a newer version with a way to upgrade', () => {
    const result = migrateConfig({ version: CONFIG_VERSION + 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`reads up to version ${CONFIG_VERSION}`);
    expect(!result.ok && result.message).toContain('npm i -D ecs-wizard@latest');
  });

  it.each([['1'], [1.5], [-1], [null], [true]])('refuses version %j', (version) => {
    const result = migrateConfig({ version });
    expect(result).toEqual({ ok: false, message: expect.stringContaining(`found ${JSON.stringify(version)}`) });
  });

  it.each([[null], [[]], ['text'], [3]])('refuses a non-object file %j', (input) => {
    expect(migrateConfig(input)).toEqual({ ok: false, message: expect.stringContaining('must hold a JSON object') });
  });
});

describe('loading through parseConfig', () => {
  it('validates the migrated file and says where it came from', () => {
    const result = parseConfig(v0());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.config.version).toBe(2);
    const env = result.config.environments.production!;
    expect(env.network.vpcCidr).toBe('10.1.0.0/16');
    expect(env.database.instanceClass).toBe('db.t4g.small');
    expect(env.service.maxCount).toBe(4);
    expect(result.config.app.containerPort).toBe(8080);
  });

  it('a current file has no migratedFrom', () => {
    const result = parseConfigText(JSON.stringify(minimalConfig()));
    expect(result.ok && 'migratedFrom' in result).toBe(false);
  });

  it('reports problems of a migrated file at their new paths', () => {
    const result = parseConfig({ ...v0(), availabilityZones: ['eu-west-1a', 'us-east-1a'] });
    expect(!result.ok && result.problems.map((problem) => problem.path)).toEqual(['environments.production.availabilityZones.1']);
  });
});
