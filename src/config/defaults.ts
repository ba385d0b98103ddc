/**
 * The schema's defaults for every setting the wizard asks about, as plain
 * data: the schema reads them (`.default(SERVICE_DEFAULTS.minCount)`), and the
 * wizard's first frame reads them through defaultAt() without loading zod or
 * building the schema (together about a third of that frame's CPU). A test
 * (test/config/defaults.test.ts) holds every asked path to the schema's own
 * default, so a default added in the schema alone cannot go unnoticed.
 */
export const APP_DEFAULTS = {
  containerPort: 3000,
  healthCheckPath: '/health',
  cpu: 256,
  memory: 512,
  migrateCommand: ['npm', 'run', 'migrate'] as readonly string[],
};

export const NETWORK_DEFAULTS = {
  vpcCidr: '10.0.0.0/16',
  natGateways: 'single' as 'single' | 'perAz',
};

export const DATABASE_DEFAULTS = {
  engine: 'postgres' as 'postgres' | 'mysql',
  instanceClass: 'db.t4g.micro',
  allocatedStorage: 20,
  maxAllocatedStorage: 100,
  multiAz: false,
  backupRetentionDays: 7,
  deletionProtection: false,
};

export const SERVICE_DEFAULTS = {
  minCount: 1,
  maxCount: 2,
  scaleUpCpuThreshold: 85,
  scaleDownCpuThreshold: 40,
  evaluationPeriods: 2,
  periodSeconds: 60 as 10 | 30 | 60 | 120 | 300,
};

export const PIPELINE_DEFAULTS = {
  branch: 'main',
};

export const DEPLOYMENT_DEFAULTS = {
  strategy: 'rolling' as 'rolling' | 'blueGreen',
  traffic: 'CodeDeployDefault.ECSAllAtOnce' as const,
  keepOldMinutes: 5,
  testCidrs: [] as readonly string[],
};

const ENVIRONMENT_SECTIONS: Record<string, Record<string, unknown>> = {
  network: NETWORK_DEFAULTS,
  database: DATABASE_DEFAULTS,
  service: SERVICE_DEFAULTS,
  pipeline: PIPELINE_DEFAULTS,
  deployment: DEPLOYMENT_DEFAULTS,
};

/**
 * The default at a config path (`['app', 'cpu']`, `['environments', name,
 * 'service', 'minCount']`), or undefined where the table has none. Arrays
 * come as copies, as the schema's defaults do.
 */
export function defaultAt(path: readonly string[]): unknown {
  let value: unknown;
  if (path.length === 2 && path[0] === 'app') value = (APP_DEFAULTS as Record<string, unknown>)[path[1]!];
  else if (path.length === 4 && path[0] === 'environments') value = ENVIRONMENT_SECTIONS[path[2]!]?.[path[3]!];
  return Array.isArray(value) ? [...value] : value;
}
