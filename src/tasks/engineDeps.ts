/**
 * The real collaborators of the task graph. Tests build their own.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ecsServiceReader } from '../aws/ecsService.js';
import { ecsTaskDefinitions } from '../aws/taskDefinitions.js';
import { readOutputs, readState, showPlanJson } from '../terraform/jsonCommands.js';
import { startTerraform } from '../terraform/runner.js';
import type { Config } from '../config/schema.js';
import type { EngineDeps } from './engine.js';
import { probeHealth } from './healthProbe.js';

export function realEngineDeps(synthesize: EngineDeps['synthesize'], saveConfig?: (config: Config) => Promise<void>): EngineDeps {
  return {
    synthesize,
    startTerraform,
    showPlanJson,
    readOutputs,
    probeHealth,
    ...(saveConfig ? { saveConfig } : {}),
    readState,
    now: () => new Date(),
    serviceReader: ecsServiceReader,
    taskDefinitions: ecsTaskDefinitions,
    sleep: (ms, signal) => delay(ms, undefined, { signal }),
  };
}
