/**
 * The real collaborators of the task graph. Tests build their own.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ecsServiceReader } from '../aws/ecsService.js';
import { readOutputs, showPlanJson } from '../terraform/jsonCommands.js';
import { startTerraform } from '../terraform/runner.js';
import type { EngineDeps } from './engine.js';

export function realEngineDeps(synthesize: () => Promise<void>): EngineDeps {
  return {
    synthesize,
    startTerraform,
    showPlanJson,
    readOutputs,
    now: () => new Date(),
    serviceReader: ecsServiceReader,
    sleep: (ms, signal) => delay(ms, undefined, { signal }),
  };
}
