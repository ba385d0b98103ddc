/**
 * `ecs-wizard backend bootstrap`: creates the S3 bucket a team keeps its
 * Terraform states in, from a small stack of its own (src/infra/stateBucket.ts)
 * whose state stays local in the project, then writes `backend` into
 * ecs-wizard.json. The next plan or apply of each environment moves its local
 * state there (the engine's init step does it, checked).
 *
 * The bucket lives where an environment lives: the one named with --env (or
 * the only one), in its region, with its AWS profile and endpoint.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliOptions } from '../args.js';
import { headlessRenderer } from './run.js';
import { locateTerraform } from '../app/engine.js';
import { surviveClosedOutput, type Output } from '../app/output.js';
import { pickEnvironment, resolveProject, shownPath } from '../app/project.js';
import { writeStateBucketStack } from '../app/stateBucket.js';
import type { Config } from '../config/schema.js';
import { parseConfig } from '../config/validate.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { RunFailure } from '../tasks/failures.js';
import { LOCAL_STATE_DIR } from '../infra/contract.js';
import { saveConfigFile } from '../project/configFile.js';
import { runEngine } from '../tasks/run.js';
import { realEngineDeps } from '../tasks/engineDeps.js';
import { createInterruptController, listenToProcessSignals } from '../tasks/interrupts.js';
import type { RunEvent } from '../tasks/runEvents.js';
import { headlessDecider } from './decider.js';

/** Where the bootstrap stack lives and what it is called: as src/infra/stateBucket.ts says (not imported here: it loads cdktf). */
const STACK_DIR = '.ecs-wizard/state-bucket';
const LABEL = 'state-bucket';

export async function runBackendBootstrap(options: CliOptions, output: Output): Promise<ExitCode> {
  surviveClosedOutput();
  const project = await resolveProject(options);
  const environment = pickEnvironment(project, options.env);
  const { config } = project.resolved;
  const env = config.environments[environment]!;
  const ownState = join(project.dir, LOCAL_STATE_DIR, `${LABEL}.tfstate`);
  if (config.backend.type === 's3' && !existsSync(ownState)) {
    throw new UsageError(
      `${shownPath(project.configPath)} already keeps state in s3://${config.backend.bucket}/${config.backend.key}: bootstrap makes a bucket for a project that has none, and this folder did not make that one.`,
      { next: 'Keep the backend as it is, or remove "backend" from ecs-wizard.json first to make a new bucket.' },
    );
  }
  const binary = await locateTerraform(options);
  const stackDir = join(project.dir, STACK_DIR);

  let bucket: string | undefined;
  const emit = (event: RunEvent) => {
    if (event.type === 'outputs') {
      const value = event.outputs.find((o) => o.name === 'bucket')?.value;
      if (typeof value === 'string') bucket = value;
    }
    output.run(event);
  };
  const interrupts = createInterruptController(emit);
  const stopListening = listenToProcessSignals(interrupts);
  try {
    const synthesize = async () => {
      await writeStateBucketStack(project.dir, {
        app: config.app.name,
        region: env.region,
        ...(env.awsProfile !== undefined ? { profile: env.awsProfile } : {}),
        ...(env.endpoint !== undefined ? { endpoint: env.endpoint } : {}),
      });
    };
    const result = await runEngine(
      {
        dir: project.dir,
        environment: LABEL,
        stackDir,
        command: 'apply',
        binary,
        terraformArgs: [],
        allowReplace: options.allowReplace,
        ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
        decider: headlessDecider(options),
        emit,
        signal: interrupts.signal,
        forceSignal: interrupts.forceSignal,
        deps: {
          ...realEngineDeps(synthesize),
          finish: async ({ succeeded }, report) => {
            if (!succeeded) return;
            if (!bucket) throw new RunFailure('The state bucket was made, but its name was not in the outputs; ecs-wizard.json is unchanged.', EXIT.failure);
            const backend = { type: 's3' as const, bucket, key: config.app.name, region: env.region };
            const next = parseConfig({ ...(project.saved ?? config), backend } satisfies Config);
            if (!next.ok) throw new RunFailure(`The state bucket ${bucket} was made, but the backend does not validate: ${next.problems.map((p) => p.message).join('; ')}`, EXIT.failure);
            await saveConfigFile(project.configPath, next.config);
            report({
              type: 'config',
              path: project.configPath,
              saved: true,
              message: `backend s3://${bucket}/${backend.key}/<env>.tfstate (${env.region}): saved to ${shownPath(project.configPath)}. The next plan or apply of each environment moves its local state there.`,
            });
          },
        },
      },
      headlessRenderer(),
    );
    return result.exitCode;
  } finally {
    stopListening();
  }
}
