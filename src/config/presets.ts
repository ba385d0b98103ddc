/**
 * Presets: complete, sensible starting points. `starter` is the cheapest stack
 * that still follows the design (one NAT, the smallest database, 1-2 tasks);
 * `production` survives a zone outage and keeps data safe.
 */
import { findRegion } from './regions.js';
import { CONFIG_VERSION, SCHEMA_REFERENCE } from './constants.js';
import type { ConfigInput } from './schema.js';

export const PRESET_NAMES = ['starter', 'production'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const PRESET_DESCRIPTIONS: Record<PresetName, string> = {
  starter: 'lowest cost: one NAT gateway, db.t4g.micro single-AZ, 1-2 tasks',
  production: 'NAT per zone, multi-AZ db.t4g.medium with deletion protection, 2-10 tasks',
};

export interface PresetOptions {
  readonly appName: string;
  readonly environment: string;
  readonly region: string;
  /** Defaults to the first zones every account has: 2 for starter, 3 for production (fewer where the region has fewer). */
  readonly availabilityZones?: readonly string[];
  readonly github?: { readonly owner: string; readonly repo: string; readonly branch?: string };
}

type EnvironmentInput = ConfigInput['environments'][string];

export function presetEnvironment(preset: PresetName, options: Omit<PresetOptions, 'appName' | 'environment'>): EnvironmentInput {
  const zoneCount = preset === 'production' ? 3 : 2;
  const zones = options.availabilityZones ?? findRegion(options.region)?.defaultZones.slice(0, zoneCount) ?? [];
  // Without a known repository the owner and repo stay unset, so validation
  // asks for them instead of a placeholder deploying from nowhere.
  const pipeline = {
    ...(options.github ? { owner: options.github.owner, repo: options.github.repo } : {}),
    branch: options.github?.branch ?? 'main',
  } as EnvironmentInput['pipeline'];
  const common = { region: options.region, availabilityZones: [...zones], pipeline };
  if (preset === 'starter') {
    return {
      ...common,
      network: { vpcCidr: '10.0.0.0/16', natGateways: 'single', flowLogs: false },
      database: {
        engine: 'postgres',
        engineVersion: '16',
        instanceClass: 'db.t4g.micro',
        allocatedStorage: 20,
        maxAllocatedStorage: 50,
        multiAz: false,
        backupRetentionDays: 1,
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
      logRetentionDays: 14,
      containerInsights: false,
      deployment: { strategy: 'rolling' },
    };
  }
  return {
    ...common,
    network: { vpcCidr: '10.0.0.0/16', natGateways: 'perAz', flowLogs: true },
    database: {
      engine: 'postgres',
      engineVersion: '16',
      instanceClass: 'db.t4g.medium',
      allocatedStorage: 50,
      maxAllocatedStorage: 500,
      multiAz: true,
      backupRetentionDays: 14,
      deletionProtection: true,
      applyChanges: 'immediately',
      logExports: true,
      masterUsername: 'dbadmin',
    },
    service: {
      desiredCount: 2,
      minCount: 2,
      maxCount: 10,
      scaleUpCpuThreshold: 85,
      scaleDownCpuThreshold: 40,
      evaluationPeriods: 2,
      periodSeconds: 60,
    },
    loadBalancer: { deletionProtection: true, accessLogs: true },
    logRetentionDays: 90,
    containerInsights: true,
    deployment: { strategy: 'rolling' },
  };
}

/** A whole config file for a new project. */
export function presetConfig(preset: PresetName, options: PresetOptions): ConfigInput {
  return {
    $schema: SCHEMA_REFERENCE,
    version: CONFIG_VERSION,
    app: {
      name: options.appName,
      containerPort: 3000,
      healthCheckPath: '/health',
      cpu: preset === 'production' ? 512 : 256,
      memory: preset === 'production' ? 1024 : 512,
      migrateCommand: ['npm', 'run', 'migrate'],
      environment: {},
      secrets: {},
      dockerfile: 'Dockerfile',
      buildContext: '.',
      keepImages: 30,
      // A read-only root stops an attacker from changing the app's files; /tmp stays writable.
      readonlyRootFilesystem: preset === 'production',
    },
    environments: {
      [options.environment]: presetEnvironment(preset, options),
    },
    backend: { type: 'local' },
  };
}

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
