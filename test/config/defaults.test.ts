import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_ENGINE_VERSION, ENGINE_VERSIONS, backendSchema, configSchema, parseConfig, type Config } from '../../src/config/index.js';
import { APP_DEFAULTS, DATABASE_DEFAULTS, DEPLOYMENT_DEFAULTS, NETWORK_DEFAULTS, PIPELINE_DEFAULTS, SERVICE_DEFAULTS, defaultAt } from '../../src/config/defaults.js';
import { schemaAt } from '../../src/config/schemaWalk.js';
import { configPath } from '../../src/wizard/answers.js';
import { QUESTIONS } from '../../src/wizard/questions.js';
import { configWith, minimalConfig } from './configFixtures.js';

function parsed(input: unknown): Config {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

describe('defaults', () => {
  it('fill the app', () => {
    expect(parsed(minimalConfig()).app).toEqual({
      name: 'shop',
      containerPort: 3000,
      healthCheckPath: '/health',
      cpu: 256,
      memory: 512,
      migrateCommand: ['npm', 'run', 'migrate'],
      environment: {},
      secrets: {},
      dockerfile: 'Dockerfile',
      buildContext: '.',
      keepImages: 30,
      readonlyRootFilesystem: false,
    });
  });

  it('fill an environment: one NAT, a small single-AZ postgres, 1-2 tasks, scale-up at 85% over 2 periods', () => {
    expect(parsed(minimalConfig()).environments.production).toEqual({
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      network: { vpcCidr: '10.0.0.0/16', natGateways: 'single', flowLogs: false },
      database: {
        engine: 'postgres',
        engineVersion: '16',
        instanceClass: 'db.t4g.micro',
        allocatedStorage: 20,
        maxAllocatedStorage: 100,
        multiAz: false,
        backupRetentionDays: 7,
        deletionProtection: false,
        applyChanges: 'immediately',
        logExports: true,
        masterUsername: 'dbadmin',
      },
      service: {
        desiredCount: 1,
        minCount: 1,
        maxCount: 2,
        scaleUpCpuThreshold: 85,
        scaleDownCpuThreshold: 40,
        evaluationPeriods: 2,
        periodSeconds: 60,
      },
      loadBalancer: { deletionProtection: false, accessLogs: false },
      pipeline: { owner: 'acme', repo: 'shop', branch: 'main' },
      variables: {},
      secrets: {},
      logRetentionDays: 30,
      containerInsights: false,
      tags: {},
      deployment: { strategy: 'rolling', traffic: 'CodeDeployDefault.ECSAllAtOnce', keepOldMinutes: 5, testCidrs: [] },
    });
  });

  it('keep state local by default, and default the S3 key prefix', () => {
    expect(parsed(minimalConfig()).backend).toEqual({ type: 'local' });
    expect(backendSchema.parse({ type: 's3', bucket: 'acme-state', region: 'eu-west-1' })).toEqual({
      type: 's3',
      bucket: 'acme-state',
      key: 'ecs-wizard',
      region: 'eu-west-1',
    });
  });

  it('default the engine version per engine, and keep a chosen one', () => {
    expect(DEFAULT_ENGINE_VERSION).toEqual({ postgres: '16', mysql: '8.0' });
    for (const engine of ['postgres', 'mysql'] as const) {
      expect(ENGINE_VERSIONS[engine]).toContain(DEFAULT_ENGINE_VERSION[engine]);
      const config = parsed(configWith((c) => (c.env.database = { engine })));
      expect(config.environments.production!.database.engineVersion).toBe(DEFAULT_ENGINE_VERSION[engine]);
    }
    const chosen = parsed(configWith((c) => (c.env.database = { engine: 'mysql', engineVersion: '8.4' })));
    expect(chosen.environments.production!.database.engineVersion).toBe('8.4');
  });

  it('fill the rest of a partly given section', () => {
    const config = parsed(configWith((c) => (c.env.service = { maxCount: 6 })));
    expect(config.environments.production!.service).toMatchObject({ minCount: 1, maxCount: 6, desiredCount: 1, scaleUpCpuThreshold: 85 });
  });

  it('never override a given value, falsy ones included', () => {
    const config = parsed(
      configWith((c) => {
        c.app.migrateCommand = ['./migrate'];
        c.env.service = { scaleDownCpuThreshold: 0 };
        c.env.database = { multiAz: true };
      }),
    );
    expect(config.app.migrateCommand).toEqual(['./migrate']);
    expect(config.environments.production!.service.scaleDownCpuThreshold).toBe(0);
    expect(config.environments.production!.database.multiAz).toBe(true);
  });

  it('are stable: a parsed config parses to itself', () => {
    const once = parsed(minimalConfig());
    expect(parsed(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  it('do not touch the input', () => {
    const input = minimalConfig();
    const copy = structuredClone(input);
    parsed(input);
    expect(input).toEqual(copy);
  });

  it('agree with the defaults in the JSON Schema', () => {
    const schema = z.toJSONSchema(configSchema, { io: 'input' }) as any;
    const app = schema.properties.app.properties;
    expect(app.containerPort.default).toBe(3000);
    expect(app.cpu.default).toBe(256);
    expect(app.healthCheckPath.default).toBe('/health');
    const service = schema.properties.environments.additionalProperties.properties.service.properties;
    expect(service.scaleUpCpuThreshold.default).toBe(85);
    expect(service.evaluationPeriods.default).toBe(2);
  });
});

describe('the defaults table (src/config/defaults.ts), which the wizard reads without the schema', () => {
  const schemaDefault = (path: readonly string[]) => {
    const result = schemaAt(configSchema, path)?.safeParse(undefined);
    return result?.success ? result.data : undefined;
  };
  const sections = { network: NETWORK_DEFAULTS, database: DATABASE_DEFAULTS, service: SERVICE_DEFAULTS, pipeline: PIPELINE_DEFAULTS, deployment: DEPLOYMENT_DEFAULTS };

  it('holds what the schema defaults to, entry by entry', () => {
    for (const [key, value] of Object.entries(APP_DEFAULTS)) expect({ key, value: schemaDefault(['app', key]) }).toEqual({ key, value });
    for (const [section, entries] of Object.entries(sections)) {
      for (const [key, value] of Object.entries(entries)) {
        expect({ key: `${section}.${key}`, value: schemaDefault(['environments', 'production', section, key]) }).toEqual({ key: `${section}.${key}`, value });
      }
    }
  });

  it('has the default of every setting the wizard asks about that the schema defaults', () => {
    const asked = QUESTIONS.map((entry) => configPath(entry.id, 'production')).filter((path) => path !== undefined);
    expect(asked.length).toBeGreaterThan(20);
    for (const path of asked) expect({ path: path.join('.'), value: defaultAt(path) }).toEqual({ path: path.join('.'), value: schemaDefault(path) });
  });

  it('gives arrays as copies, so a caller that changes one changes no default', () => {
    const command = defaultAt(['app', 'migrateCommand']) as string[];
    command.push('--force');
    expect(defaultAt(['app', 'migrateCommand'])).toEqual(['npm', 'run', 'migrate']);
  });
});
