/**
 * Older `ecs-wizard.json` layouts, brought forward one version at a time so a
 * project made by any earlier release still loads. Pure: the caller decides
 * whether to write the migrated file back.
 */
import { CONFIG_VERSION } from './constants.js';

type Raw = Record<string, unknown>;

/**
 * Version 0 (the pre-release format, no "version" key) described one
 * environment at the top level: region, availabilityZones, network, database,
 * service and pipeline beside app, and an optional environmentName.
 */
function v0ToV1(raw: Raw): Raw {
  const { region, availabilityZones, network, database, service, pipeline, environmentName, ...rest } = raw;
  const name = typeof environmentName === 'string' ? environmentName : 'production';
  const environment: Raw = { region, availabilityZones };
  if (network !== undefined) environment.network = network;
  if (database !== undefined) environment.database = database;
  if (service !== undefined) environment.service = service;
  if (pipeline !== undefined) environment.pipeline = pipeline;
  return { ...rest, version: 1, environments: { [name]: environment } };
}

/** Each environment of a file, as a copy with `edit` applied (left alone when it is not an object). */
function eachEnvironment(raw: Raw, edit: (env: Raw) => Raw): Raw {
  const environments = raw.environments;
  if (environments === null || typeof environments !== 'object' || Array.isArray(environments)) return raw;
  const next: Raw = {};
  for (const [name, env] of Object.entries(environments as Raw)) {
    next[name] = env !== null && typeof env === 'object' && !Array.isArray(env) ? edit(env as Raw) : env;
  }
  return { ...raw, environments: next };
}

/**
 * Version 1 had no `database.masterUsername`: the stack named its master user
 * `app`. Version 2 names new databases' master `dbadmin` (the app has a user
 * of its own); RDS cannot rename a master user, so a database made before
 * keeps `app`, written into the file, and its next plan replaces nothing.
 */
function v1ToV2(raw: Raw): Raw {
  const migrated = eachEnvironment(raw, (env) => {
    const database = env.database === undefined ? {} : env.database;
    if (database === null || typeof database !== 'object' || Array.isArray(database)) return env;
    const kept = 'masterUsername' in database ? database : { ...database, masterUsername: LEGACY_MASTER_USERNAME };
    return { ...env, database: kept, ...scalingOfVersion2(env.service) };
  });
  return { ...migrated, version: 2 };
}

/**
 * Version 1's presets wrote scale-out 85 and scale-in 60, which flap (one task
 * above 85% becomes two at 43%, below 60%). That exact pair moves to version
 * 2's scale-in default; any other pair is the user's, judged by validation.
 */
function scalingOfVersion2(service: unknown): { service?: Raw } {
  if (service === null || typeof service !== 'object' || Array.isArray(service)) return {};
  const { scaleUpCpuThreshold: up, scaleDownCpuThreshold: down } = service as Raw;
  return up === 85 && down === 60 ? { service: { ...(service as Raw), scaleDownCpuThreshold: 40 } } : { service: service as Raw };
}

/** The master user of every database made by a version 1 file. */
export const LEGACY_MASTER_USERNAME = 'app';

const steps: Record<number, (raw: Raw) => Raw> = { 0: v0ToV1, 1: v1ToV2 };

/** Version 0 kept its one environment at the top level, and had no "environments". */
function looksLikeVersion0(raw: Raw): boolean {
  if ('environments' in raw) return false;
  return ['region', 'availabilityZones', 'network', 'database', 'service', 'pipeline', 'environmentName'].some((key) => key in raw);
}

export type MigrationResult =
  | { ok: true; config: Raw; from: number; migrated: boolean }
  | { ok: false; message: string };

export function migrateConfig(input: unknown): MigrationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, message: `the file must hold a JSON object, e.g. {"version": ${CONFIG_VERSION}, "app": {...}, "environments": {...}}` };
  }
  let raw = input as Raw;
  const declared = raw.version;
  // No "version" means version 0 only when the file has version 0's shape;
  // a current file that lost its "version" must not be migrated into nonsense.
  if (declared === undefined && !looksLikeVersion0(raw)) {
    return { ok: false, message: `"version" is missing: add "version": ${CONFIG_VERSION} at the top of the file` };
  }
  const from = declared === undefined ? 0 : declared;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    return { ok: false, message: `version must be a whole number such as ${CONFIG_VERSION} (found ${JSON.stringify(declared)})` };
  }
  if (from > CONFIG_VERSION) {
    return {
      ok: false,
      message: `the file is version ${from}, written by a newer ecs-wizard; this one reads up to version ${CONFIG_VERSION}: upgrade with "npm i -D ecs-wizard@latest" or run "npx ecs-wizard@latest"`,
    };
  }
  for (let version = from; version < CONFIG_VERSION; version++) {
    const step = steps[version];
    if (!step) return { ok: false, message: `no migration from version ${version}` };
    raw = step(raw);
  }
  return { ok: true, config: raw, from, migrated: from !== CONFIG_VERSION };
}
