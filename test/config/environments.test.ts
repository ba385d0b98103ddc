import { describe, expect, it } from 'vitest';
import { newEnvironmentBranch, unusedVpcCidr } from '../../src/config/environments.js';
import { findRegion, parseConfig, presetConfig, REGIONS } from '../../src/config/index.js';
import { configWith, minimalConfig, problemAt, problemsOf } from './configFixtures.js';

const ok = (input: unknown) => {
  const result = parseConfig(input);
  expect(result.ok, result.ok ? '' : JSON.stringify(result.problems)).toBe(true);
  return result.ok ? result.config : undefined;
};

describe('a new environment beside others', () => {
  it('gets the first 10.N.0.0/16 that overlaps no other VPC', () => {
    expect(unusedVpcCidr([])).toBe('10.0.0.0/16');
    expect(unusedVpcCidr([{ network: { vpcCidr: '10.0.0.0/16' } }])).toBe('10.1.0.0/16');
    // No network section means the default 10.0.0.0/16.
    expect(unusedVpcCidr([{}, { network: { vpcCidr: '10.1.128.0/20' } }])).toBe('10.2.0.0/16');
    expect(unusedVpcCidr([{ network: { vpcCidr: '10.0.0.0/15' } }])).toBe('10.2.0.0/16');
  });

  it('deploys from a branch of its own name', () => {
    expect(newEnvironmentBranch('staging', [{ pipeline: { branch: 'main' } }])).toBe('staging');
    expect(newEnvironmentBranch('staging', [{ pipeline: { branch: 'staging' } }])).toBe('staging-deploy');
  });
});

describe('environments together', () => {
  const twoOn = (branch: string | undefined) =>
    configWith((c) => {
      c.environments.staging = { ...structuredClone(c.env), pipeline: { owner: 'acme', repo: 'shop', ...(branch ? { branch } : {}) } };
    });

  it('refuses two environments that one push would deploy', () => {
    const problem = problemAt(problemsOf(twoOn(undefined)), 'environments.staging.pipeline.branch');
    expect(problem.message).toBe('staging and production both deploy acme/shop@main: one push would deploy both; give staging its own branch, e.g. "staging"');
    ok(twoOn('staging'));
  });

  it('lets an environment override CPU and memory, checked as the pair that runs', () => {
    const config = ok(configWith((c) => (c.environments.staging = { ...structuredClone(c.env), cpu: 1024, memory: 2048, pipeline: { owner: 'acme', repo: 'shop', branch: 'staging' } })));
    expect(config!.environments.staging).toMatchObject({ cpu: 1024, memory: 2048 });
    expect(config!.environments.production!.cpu).toBeUndefined();
    // 1024 CPU with the app's 512 MiB is no Fargate size.
    const problem = problemAt(problemsOf(configWith((c) => (c.env.cpu = 1024))), 'environments.production.cpu');
    expect(problem.message).toBe('512 MiB (app.memory) is not a Fargate size for cpu 1024; valid: 2048, 3072, 4096, 5120, 6144, 7168, 8192');
    expect(problemAt(problemsOf(configWith((c) => (c.env.memory = 3000))), 'environments.production.memory').message).toMatch(/not a Fargate size for cpu 256 \(app\.cpu\); valid: 512, 1024, 2048/);
  });
});

describe('secrets', () => {
  it('take an ARN, or an ARN with the customer-managed KMS key that encrypts it', () => {
    const config = ok(
      configWith((c) => {
        c.app.secrets = {
          API_KEY: 'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/API_KEY',
          STRIPE: { arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/stripe-AbCdEf', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
        };
      }),
    );
    expect(config!.app.secrets['STRIPE']).toEqual({
      arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/stripe-AbCdEf',
      kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
  });

  it('refuse a KMS alias and a non-ARN, naming the secret', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.app.secrets = {
          BAD: 'hunter2',
          ALIAS: { arn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/x', kmsKeyArn: 'alias/mine' },
        };
      }),
    );
    expect(problemAt(problems, 'app.secrets.BAD').message).toMatch(/SSM parameter or Secrets Manager ARN/);
    expect(problemAt(problems, 'app.secrets.BAD').value).toBeUndefined(); // never echoed
    expect(problemAt(problems, 'app.secrets.ALIAS.kmsKeyArn').message).toMatch(/key ARN \(not an alias\)/);
  });
});

describe('database changes', () => {
  it('apply immediately by default, or in the maintenance window when chosen', () => {
    expect(ok(minimalConfig())!.environments.production!.database.applyChanges).toBe('immediately');
    expect(ok(configWith((c) => (c.env.database = { applyChanges: 'maintenanceWindow' })))!.environments.production!.database.applyChanges).toBe('maintenanceWindow');
    expect(problemAt(problemsOf(configWith((c) => (c.env.database = { applyChanges: 'later' }))), 'environments.production.database.applyChanges').message).toMatch(
      /"immediately".*"maintenanceWindow"/,
    );
  });
});

describe('zones an account may not have', () => {
  it('the presets pick the zones newer accounts see; where accounts differ the note says so, never that every account has them', () => {
    const usWest1 = findRegion('us-west-1')!;
    expect(usWest1.defaultZones).toEqual(['us-west-1b', 'us-west-1c']);
    // Zone names map per account: no pair of us-west-1 is one that every account has.
    expect(usWest1.zoneNote).toBe(
      'accounts see two of us-west-1a/b/c, and which two depends on the account (newer ones: b and c, the defaults; older ones may have a instead)',
    );
    // Where older accounts see a zone newer ones lack, the note says so.
    expect(findRegion('ap-northeast-1')!.zoneNote).toBe('older accounts also see ap-northeast-1b, which is not offered here');
    expect(findRegion('ca-central-1')!.zoneNote).toBe('older accounts also see ca-central-1c, which is not offered here');
    const config = ok(presetConfig('production', { appName: 'shop', environment: 'production', region: 'us-west-1', github: { owner: 'acme', repo: 'shop' } }));
    expect(config!.environments.production!.availabilityZones).toEqual(['us-west-1b', 'us-west-1c']);
    for (const region of REGIONS) {
      expect(region.defaultZones.every((zone) => region.zones.includes(zone)), region.code).toBe(true);
      expect(region.defaultZones.length, region.code).toBeGreaterThanOrEqual(2);
    }
  });
});
