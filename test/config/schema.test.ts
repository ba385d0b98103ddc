import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  CONFIG_FILE_NAME,
  CONFIG_VERSION,
  DATABASE_CLASSES,
  ENGINE_PORTS,
  ENGINE_VERSIONS,
  SECRET_NAME_PATTERN,
  configSchema,
  databaseClassLabel,
  findDatabaseClass,
  parseConfig,
  type Config,
  type ConfigInput,
} from '../../src/config/index.js';
import { configWith, minimalConfig, problemAt, problemsOf } from './configFixtures.js';

const ok = (input: unknown) => {
  const result = parseConfig(input);
  expect(result.ok, result.ok ? '' : JSON.stringify(result.problems)).toBe(true);
};
const pathsOf = (input: unknown) => problemsOf(input).map((problem) => problem.path);

describe('configSchema', () => {
  it('names the file and its version', () => {
    expect(CONFIG_FILE_NAME).toBe('ecs-wizard.json');
    expect(CONFIG_VERSION).toBe(2);
  });

  it('types: input fields with defaults are optional, output fields are not', () => {
    expectTypeOf<ConfigInput['app']['containerPort']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Config['app']['containerPort']>().toEqualTypeOf<number>();
    expectTypeOf<Config['environments'][string]['database']['engineVersion']>().toEqualTypeOf<string>();
    expectTypeOf<Config['environments'][string]['network']['natGateways']>().toEqualTypeOf<'single' | 'perAz'>();
  });

  it('accepts a full, hand-written file', () => {
    ok({
      $schema: './node_modules/ecs-wizard/schema/ecs-wizard.schema.json',
      version: 2,
      app: {
        name: 'shop-api',
        containerPort: 8080,
        healthCheckPath: '/healthz?full=1',
        cpu: 1024,
        memory: 3072,
        migrateCommand: ['node', 'migrate.js'],
        environment: { LOG_LEVEL: 'info', _PRIVATE_FLAG: '1', NODE_ENV: 'production' },
        secrets: {
          API_KEY: 'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/API_KEY',
          DB_URL: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf',
          GOV: 'arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/x',
        },
        dockerfile: 'docker/Dockerfile.prod',
        buildContext: 'services/api',
        keepImages: 10,
      },
      environments: {
        production: {
          region: 'us-east-1',
          availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'],
          network: {
            vpcCidr: '10.10.0.0/16',
            natGateways: 'perAz',
            publicSubnets: ['10.10.0.0/24', '10.10.1.0/24', '10.10.2.0/24', '10.10.3.0/24', '10.10.4.0/24', '10.10.5.0/24'],
            privateSubnets: ['10.10.64.0/20', '10.10.80.0/20', '10.10.96.0/20', '10.10.112.0/20', '10.10.128.0/20', '10.10.144.0/20'],
          },
          database: { engine: 'mysql', engineVersion: '8.4', instanceClass: 'db.r7g.large', allocatedStorage: 100, maxAllocatedStorage: 1000, multiAz: true, backupRetentionDays: 35, deletionProtection: true },
          service: { desiredCount: 3, minCount: 3, maxCount: 30, scaleUpCpuThreshold: 70, scaleDownCpuThreshold: 30, evaluationPeriods: 3, periodSeconds: 300 },
          pipeline: { owner: 'acme-corp', repo: 'shop.api', branch: 'release/prod', connectionArn: 'arn:aws:codestar-connections:us-east-1:123456789012:connection/0a1b2c3d-1111-2222-3333-444455556666' },
          variables: { FEATURE_X: 'on' },
          secrets: { STRIPE_KEY: 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/stripe' },
          logRetentionDays: 365,
          containerInsights: true,
          awsProfile: 'acme-prod',
          endpoint: 'http://localhost:4566',
          tags: { Team: 'payments', 'cost-center': '' },
        },
        staging: {
          region: 'ap-northeast-1',
          availabilityZones: ['ap-northeast-1c', 'ap-northeast-1d'],
          pipeline: { owner: 'acme-corp', repo: 'shop.api', branch: 'main', connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/abc-def' },
        },
      },
      backend: { type: 's3', bucket: 'acme-terraform-state', key: 'shop', region: 'eu-central-1' },
    });
  });

  it('accepts 2 to 6 zones and refuses 1 or 7', () => {
    ok(configWith((c) => (c.env.availabilityZones = ['eu-west-1c', 'eu-west-1a'])));
    expect(pathsOf(configWith((c) => (c.env.availabilityZones = ['eu-west-1a'])))).toEqual(['environments.production.availabilityZones']);
    const seven = configWith((c) => Object.assign(c.env, { region: 'us-east-1', availabilityZones: ['a', 'b', 'c', 'd', 'e', 'f', 'a'].map((l) => `us-east-1${l}`) }));
    expect(pathsOf(seven)).toContain('environments.production.availabilityZones');
  });

  it('refuses a zone listed twice, suggesting an unused one', () => {
    const problem = problemAt(problemsOf(configWith((c) => (c.env.availabilityZones = ['eu-west-1a', 'eu-west-1a']))), 'environments.production.availabilityZones.1');
    expect(problem.message).toBe('eu-west-1a is listed twice; e.g. "eu-west-1b"');
  });

  it('refuses an unknown region, with an example', () => {
    const problems = problemsOf(configWith((c) => (c.env.region = 'eu-west-9')));
    const problem = problemAt(problems, 'environments.production.region');
    expect(problem.message).toContain('unknown AWS region');
    expect(problem.example).toBe('eu-west-1');
  });

  describe('names', () => {
    it.each(['ab', 'shop', 'my-shop-2', 'a1234567890123456'.slice(0, 16)])('app name %j is valid', (name) => ok(configWith((c) => (c.app.name = name))));
    it.each(['a', 'Shop', '2shop', 'shop-', 'my_shop', 'my shop', 'a12345678901234567'])('app name %j is refused', (name) => {
      // "a" breaks both the length and the pattern rule: each says so.
      expect(new Set(pathsOf(configWith((c) => (c.app.name = name))))).toEqual(new Set(['app.name']));
    });
    it('environment names are at most 10 characters so derived AWS names fit', () => {
      const on = (branch: string) => ({ ...c0(), pipeline: { owner: 'acme', repo: 'shop', branch } });
      const c0 = () => structuredClone(minimalConfig().environments.production!);
      ok(configWith((c) => (c.environments = { production: c.env, staging: on('staging'), 'qa-2': on('qa-2') })));
      expect(pathsOf(configWith((c) => (c.environments = { 'production1': c.env })))).toEqual(['environments.production1']);
    });
  });

  describe('network', () => {
    // A /24 cuts into /28 subnets, too small for a load balancer: see sizing.test.ts.
    it.each(['10.0.0.0/16', '192.168.0.0/20', '172.31.254.0/23'])('VPC %s is valid', (vpcCidr) => ok(configWith((c) => (c.env.network = { vpcCidr }))));
    it.each([
      ['10.0.0.0/8', 'a VPC is /16 to /24; e.g. "10.0.0.0/16"'],
      ['10.0.0.0/25', 'a VPC is /16 to /24; e.g. "10.0.0.0/16"'],
      ['10.0.0.1/16', '10.0.0.1/16 is not a network address (the network is 10.0.0.0/16); e.g. "10.0.0.0/16"'],
      ['10.0.0/16', '10.0.0/16 is not in the form a.b.c.d/n; e.g. "10.0.0.0/16"'],
    ])('VPC %s is refused: %s', (vpcCidr, message) => {
      expect(problemAt(problemsOf(configWith((c) => (c.env.network = { vpcCidr }))), 'environments.production.network.vpcCidr').message).toBe(message);
    });

    it('explicit subnets: one per zone, inside the VPC, /28 or larger, not overlapping', () => {
      ok(configWith((c) => (c.env.network = { publicSubnets: ['10.0.0.0/24', '10.0.1.0/24'], privateSubnets: ['10.0.2.0/24', '10.0.3.0/24'] })));
      ok(configWith((c) => (c.env.network = { publicSubnets: ['10.0.0.0/24', '10.0.1.0/24'] }))); // private computed from block 8
      const count = problemsOf(configWith((c) => (c.env.network = { publicSubnets: ['10.0.0.0/24'] })));
      expect(problemAt(count, 'environments.production.network.publicSubnets').message).toBe(
        'publicSubnets lists 1 CIDR for 2 zones; give one per zone, or leave it out to compute them',
      );
      const small = problemsOf(configWith((c) => (c.env.network = { publicSubnets: ['10.0.0.0/24', '10.0.1.0/29'] })));
      expect(problemAt(small, 'environments.production.network.publicSubnets.1').message).toBe(
        '10.0.1.0/29 is smaller than /28, the smallest subnet AWS allows; e.g. "10.0.16.0/20"',
      );
      const bad = problemsOf(configWith((c) => (c.env.network = { privateSubnets: ['10.0.128.0/20', 'ten'] })));
      expect(problemAt(bad, 'environments.production.network.privateSubnets.1').message).toBe('ten is not in the form a.b.c.d/n; e.g. "10.0.144.0/20"');
    });

    it('an overlap where the computed subnet is the value itself suggests computing both lists', () => {
      const problems = problemsOf(configWith((c) => (c.env.network = { publicSubnets: ['10.0.128.0/20', '10.0.16.0/20'], privateSubnets: ['10.0.128.0/20', '10.0.144.0/20'] })));
      expect(problemAt(problems, 'environments.production.network.privateSubnets.0').message).toBe(
        '10.0.128.0/20 overlaps 10.0.128.0/20; subnets must not overlap; or leave privateSubnets out to compute them',
      );
    });

    it('natGateways is single or perAz', () => {
      const problem = problemAt(problemsOf(configWith((c) => (c.env.network = { natGateways: 'none' }))), 'environments.production.network.natGateways');
      expect(problem.message).toContain('"single" (one shared, cheaper) or "perAz"');
    });
  });

  describe('database', () => {
    it.each(DATABASE_CLASSES.map((entry) => entry.name))('class %s is accepted with both engines', (instanceClass) => {
      ok(configWith((c) => (c.env.database = { instanceClass })));
      ok(configWith((c) => (c.env.database = { instanceClass, engine: 'mysql' })));
    });
    it('an unknown class lists some choices', () => {
      const problem = problemAt(problemsOf(configWith((c) => (c.env.database = { instanceClass: 'db.t2.micro' }))), 'environments.production.database.instanceClass');
      expect(problem.message).toMatch(/^unknown instance class; choose one of db\.t4g\.micro, /);
    });
    it('engine is postgres or mysql; every offered version is accepted', () => {
      expect(pathsOf(configWith((c) => (c.env.database = { engine: 'oracle' })))).toEqual(['environments.production.database.engine']);
      for (const [engine, versions] of Object.entries(ENGINE_VERSIONS)) {
        for (const engineVersion of versions) ok(configWith((c) => (c.env.database = { engine, engineVersion })));
      }
      expect(ENGINE_PORTS).toEqual({ postgres: 5432, mysql: 3306 });
    });
    it('storage: 20 GiB minimum; a ceiling equal to the storage is allowed', () => {
      ok(configWith((c) => (c.env.database = { allocatedStorage: 50, maxAllocatedStorage: 50 })));
      expect(pathsOf(configWith((c) => (c.env.database = { allocatedStorage: 10 })))).toEqual(['environments.production.database.allocatedStorage']);
      expect(pathsOf(configWith((c) => (c.env.database = { backupRetentionDays: 0 })))).toEqual(['environments.production.database.backupRetentionDays']);
    });
    it('class table: unique names, labels with size', () => {
      expect(new Set(DATABASE_CLASSES.map((entry) => entry.name)).size).toBe(DATABASE_CLASSES.length);
      expect(databaseClassLabel(findDatabaseClass('db.t4g.micro')!)).toBe('db.t4g.micro (2 vCPU, 1 GiB)');
      expect(findDatabaseClass('db.x9.huge')).toBeUndefined();
    });
  });

  describe('service', () => {
    it('period is one CloudWatch period; thresholds and counts are bounded', () => {
      for (const periodSeconds of [10, 30, 60, 120, 300]) ok(configWith((c) => (c.env.service = { periodSeconds })));
      const problem = problemAt(problemsOf(configWith((c) => (c.env.service = { periodSeconds: 45 }))), 'environments.production.service.periodSeconds');
      expect(problem.message).toBe('the period is 10, 30, 60, 120 or 300 seconds');
      expect(pathsOf(configWith((c) => (c.env.service = { scaleUpCpuThreshold: 101 })))).toEqual(['environments.production.service.scaleUpCpuThreshold']);
      expect(pathsOf(configWith((c) => (c.env.service = { minCount: 0 })))).toEqual(['environments.production.service.minCount']);
      expect(pathsOf(configWith((c) => (c.env.service = { maxCount: 2.5 })))).toEqual(['environments.production.service.maxCount']);
    });
    it('desired equal to min or max is fine', () => {
      ok(configWith((c) => (c.env.service = { minCount: 2, maxCount: 4, desiredCount: 4 })));
      ok(configWith((c) => (c.env.service = { minCount: 3, maxCount: 3, desiredCount: 3 })));
    });
  });

  describe('app', () => {
    it('health check path starts with / and has no spaces', () => {
      expect(pathsOf(configWith((c) => (c.app.healthCheckPath = 'health')))).toEqual(['app.healthCheckPath']);
      expect(pathsOf(configWith((c) => (c.app.healthCheckPath = '/he alth')))).toEqual(['app.healthCheckPath']);
    });
    it('migrate command needs a word', () => {
      expect(pathsOf(configWith((c) => (c.app.migrateCommand = [])))).toEqual(['app.migrateCommand']);
    });
    it('container port is 1..65535', () => {
      expect(pathsOf(configWith((c) => (c.app.containerPort = 0)))).toEqual(['app.containerPort']);
      expect(pathsOf(configWith((c) => (c.app.containerPort = 65536)))).toEqual(['app.containerPort']);
    });
    it('the secret-name pattern catches the usual credential names only', () => {
      for (const name of ['DB_PASSWORD', 'passwd', 'JWT_SECRET', 'GITHUB_TOKEN', 'SSH_PRIVATE_KEY', 'API_KEY', 'AWS_ACCESS_KEY_ID', 'GOOGLE_CREDENTIALS']) {
        expect(SECRET_NAME_PATTERN.test(name), name).toBe(true);
      }
      for (const name of ['LOG_LEVEL', 'NODE_ENV', 'PORT', 'DATABASE_HOST', 'KEYCLOAK_URL']) expect(SECRET_NAME_PATTERN.test(name), name).toBe(false);
    });
    it.each([
      'arn:aws:ssm:eu-west-1:12345678901:parameter/x', // 11-digit account
      'arn:aws:ssm:eu-west-1:123456789012:parameter/',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:',
      'arn:aws:kms:eu-west-1:123456789012:key/abc',
      '/shop/API_KEY',
    ])('refuses secret %j', (arn) => {
      expect(pathsOf(configWith((c) => (c.app.secrets = { API_KEY: arn })))).toEqual(['app.secrets.API_KEY']);
    });
  });

  describe('pipeline, endpoint and backend', () => {
    it('GitHub owner and repository', () => {
      expect(pathsOf(configWith((c) => (c.env.pipeline.owner = 'acme/shop')))).toEqual(['environments.production.pipeline.owner']);
      expect(pathsOf(configWith((c) => (c.env.pipeline.repo = 'acme/shop')))).toEqual(['environments.production.pipeline.repo']);
      expect(pathsOf(configWith((c) => (c.env.pipeline.connectionArn = 'arn:aws:codestar:eu-west-1:1:connection/x')))).toEqual([
        'environments.production.pipeline.connectionArn',
      ]);
    });
    it('endpoint is a URL', () => {
      const problem = problemAt(problemsOf(configWith((c) => (c.env.endpoint = 'localhost 4566'))), 'environments.production.endpoint');
      expect(problem.message).toBe('the endpoint is a URL, e.g. "http://localhost:4566"');
    });
    it('log retention is a CloudWatch value', () => {
      expect(pathsOf(configWith((c) => (c.env.logRetentionDays = 10)))).toEqual(['environments.production.logRetentionDays']);
    });
    it('backend is local or s3 with a bucket and a known region', () => {
      ok(configWith((c) => (c.backend = { type: 'local' })));
      expect(pathsOf(configWith((c) => (c.backend = { type: 's3', bucket: 'Acme_State', region: 'eu-west-1' })))).toEqual(['backend.bucket']);
      expect(pathsOf(configWith((c) => (c.backend = { type: 's3', bucket: 'acme-state', region: 'moon-1' })))).toEqual(['backend.region']);
      expect(pathsOf(configWith((c) => (c.backend = { type: 'local', bucket: 'x' })))).toEqual(['backend.bucket']);
      const gcs = problemAt(problemsOf(configWith((c) => (c.backend = { type: 'gcs' }))), 'backend.type');
      expect(gcs.message).toBe('the backend type is "local" or "s3"');
    });
  });
});

describe('JSON Schema', () => {
  const schema = z.toJSONSchema(configSchema, { io: 'input' }) as any;

  it('is generated and serializable', () => {
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'app', 'environments']));
    expect(schema.properties.version.const).toBe(2);
    // A Secrets Manager name ending in -XXXXXX is ambiguous as a partial ARN (AWS says so): the help says what to paste.
    for (const secrets of [schema.properties.app.properties.secrets, schema.properties.environments.additionalProperties.properties.secrets]) {
      expect(secrets.description).toContain('the full ARN the console shows');
      expect(secrets.description).toContain('a name ending in a hyphen and 6 letters or digits');
    }
    expect(schema.additionalProperties).toBe(false);
  });

  it('carries descriptions for editors', () => {
    const descriptions: string[] = [];
    JSON.stringify(schema, (key, value) => {
      if (key === 'description' && typeof value === 'string') descriptions.push(value);
      return value;
    });
    expect(descriptions.length).toBeGreaterThanOrEqual(20);
    expect(schema.properties.app.properties.name.description).toMatch(/every AWS resource name derives from it/);
    const env = schema.properties.environments.additionalProperties;
    expect(env.properties.endpoint.description).toMatch(/LocalStack/);
    expect(env.properties.network.properties.natGateways.description).toBeTruthy();
  });

  it('lists the DB classes, the Fargate CPU values and the enums', () => {
    const env = schema.properties.environments.additionalProperties;
    expect(env.properties.database.properties.instanceClass.enum).toEqual(DATABASE_CLASSES.map((entry) => entry.name));
    expect(env.properties.database.properties.engine.enum).toEqual(['postgres', 'mysql']);
    expect(env.properties.network.properties.natGateways.enum).toEqual(['single', 'perAz']);
    expect(schema.properties.app.properties.cpu.enum).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
  });

  it('describes input: fields with defaults are not required', () => {
    expect(schema.properties.app.required).toEqual(['name']);
    const env = schema.properties.environments.additionalProperties;
    expect(env.required.sort()).toEqual(['availabilityZones', 'pipeline', 'region']);
    expect(env.properties.availabilityZones).toMatchObject({ minItems: 2, maxItems: 6 });
  });

  it('the minimal config has the fields the JSON Schema requires', () => {
    const input = minimalConfig() as any;
    for (const key of schema.required) expect(input).toHaveProperty(key);
  });
});
