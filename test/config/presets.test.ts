import { describe, expect, it } from 'vitest';
import {
  PRESET_DESCRIPTIONS,
  PRESET_NAMES,
  SCHEMA_REFERENCE,
  findRegion,
  isPresetName,
  parseConfig,
  presetConfig,
  presetEnvironment,
  type Config,
  type PresetName,
} from '../../src/config/index.js';
import { DATABASE_CLASSES } from '../../src/config/databaseClasses.js';

const github = { owner: 'acme', repo: 'shop' };

function parsedPreset(preset: PresetName, region: string, extra: Partial<Parameters<typeof presetConfig>[1]> = {}): Config {
  const result = parseConfig(presetConfig(preset, { appName: 'shop', environment: 'production', region, github, ...extra }));
  if (!result.ok) throw new Error(`${preset} in ${region}: ${JSON.stringify(result.problems)}`);
  return result.config;
}

describe('presets', () => {
  it('are starter and production, described', () => {
    expect(PRESET_NAMES).toEqual(['starter', 'production']);
    for (const name of PRESET_NAMES) expect(PRESET_DESCRIPTIONS[name]).toBeTruthy();
    expect(isPresetName('starter')).toBe(true);
    expect(isPresetName('production')).toBe(true);
    expect(isPresetName('cheap')).toBe(false);
    expect(isPresetName('')).toBe(false);
  });

  const regions = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-northeast-1', 'ca-central-1', 'ap-southeast-2', 'sa-east-1'];
  for (const preset of PRESET_NAMES) {
    it.each(regions)(`${preset} parses cleanly in %s, with the first zones of the region`, (region) => {
      const config = parsedPreset(preset, region);
      const env = config.environments.production!;
      expect(env.region).toBe(region);
      const zones = findRegion(region)!.zones.slice(0, preset === 'production' ? 3 : 2);
      expect(env.availabilityZones).toEqual(zones);
    });
  }

  it('uses real zones where the letters are not contiguous', () => {
    expect(parsedPreset('production', 'ap-northeast-1').environments.production!.availabilityZones).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ]);
    expect(parsedPreset('production', 'ca-central-1').environments.production!.availabilityZones).toEqual([
      'ca-central-1a',
      'ca-central-1b',
      'ca-central-1d',
    ]);
  });

  it('parses in every region of the table', async () => {
    const { REGIONS } = await import('../../src/config/regions.js');
    for (const region of REGIONS) {
      for (const preset of PRESET_NAMES) expect(() => parsedPreset(preset, region.code)).not.toThrow();
    }
  });

  it('honours chosen zones, environment name and GitHub branch', () => {
    const config = parsedPreset('production', 'us-east-1', {
      environment: 'staging',
      availabilityZones: ['us-east-1b', 'us-east-1d', 'us-east-1f', 'us-east-1a'],
      github: { owner: 'acme', repo: 'shop', branch: 'release' },
    });
    const env = config.environments.staging!;
    expect(env.availabilityZones).toEqual(['us-east-1b', 'us-east-1d', 'us-east-1f', 'us-east-1a']);
    expect(env.pipeline).toEqual({ owner: 'acme', repo: 'shop', branch: 'release' });
    expect(Object.keys(config.environments)).toEqual(['staging']);
  });

  it('a full file: $schema, version, local backend', () => {
    const input = presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github });
    expect(input.$schema).toBe(SCHEMA_REFERENCE);
    expect(input.version).toBe(2);
    expect(input.backend).toEqual({ type: 'local' });
    expect(parsedPreset('starter', 'eu-west-1').backend).toEqual({ type: 'local' });
  });

  it('returns a fresh object each time (callers edit it)', () => {
    const a = presetEnvironment('starter', { region: 'eu-west-1', github });
    const b = presetEnvironment('starter', { region: 'eu-west-1', github });
    expect(a).toEqual(b);
    a.availabilityZones!.push('eu-west-1c');
    expect(b.availabilityZones).toHaveLength(2);
    expect(findRegion('eu-west-1')!.zones).toHaveLength(3);
  });

  it('starter is the lowest cost: one NAT, the smallest DB, 1-2 tasks', () => {
    const config = parsedPreset('starter', 'eu-west-1');
    const env = config.environments.production!;
    expect(env.availabilityZones).toHaveLength(2);
    expect(env.network.natGateways).toBe('single');
    expect(env.database.instanceClass).toBe(DATABASE_CLASSES[0]!.name);
    const smallest = Math.min(...DATABASE_CLASSES.map((entry) => entry.memoryGiB));
    expect(DATABASE_CLASSES[0]!.memoryGiB).toBe(smallest);
    expect(env.database.multiAz).toBe(false);
    expect(env.database.allocatedStorage).toBe(20); // the RDS minimum for gp storage
    expect([env.service.minCount, env.service.maxCount, env.service.desiredCount]).toEqual([1, 2, 1]);
    expect([config.app.cpu, config.app.memory]).toEqual([256, 512]); // the smallest Fargate size
    expect(env.containerInsights).toBe(false);
  });

  it('production survives a zone outage: NAT per AZ, multi-AZ DB, deletion protection, 2-10 tasks', () => {
    const config = parsedPreset('production', 'eu-west-1');
    const env = config.environments.production!;
    expect(env.availabilityZones.length).toBeGreaterThanOrEqual(3);
    expect(env.network.natGateways).toBe('perAz');
    expect(env.database.multiAz).toBe(true);
    expect(env.database.deletionProtection).toBe(true);
    expect(env.database.backupRetentionDays).toBeGreaterThanOrEqual(7);
    expect(env.database.maxAllocatedStorage).toBeGreaterThan(env.database.allocatedStorage);
    expect([env.service.minCount, env.service.maxCount]).toEqual([2, 10]);
    expect(env.service.desiredCount).toBeGreaterThanOrEqual(2);
    expect(env.logRetentionDays).toBeGreaterThanOrEqual(30);
  });

  it('both follow the design: scale-up at 85% over 2 periods, scale-down below it', () => {
    for (const preset of PRESET_NAMES) {
      const { service } = parsedPreset(preset, 'eu-west-1').environments.production!;
      expect(service.scaleUpCpuThreshold).toBe(85);
      expect(service.evaluationPeriods).toBe(2);
      expect(service.scaleDownCpuThreshold).toBeLessThan(service.scaleUpCpuThreshold);
    }
  });

  it('put no secrets and no secret-named variables in the file', () => {
    for (const preset of PRESET_NAMES) {
      const config = parsedPreset(preset, 'eu-west-1');
      expect(config.app.environment).toEqual({});
      expect(config.app.secrets).toEqual({});
    }
  });
});
