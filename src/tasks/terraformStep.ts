/**
 * Runs one Terraform command for the task graph: names its log file, forwards
 * its events to the views and the cancellation signals to the runner, and
 * turns a failure into a RunFailure that says what happened and what to do.
 */
import { join } from 'node:path';
import { EXIT } from '../errors.js';
import type { TerraformBinary } from '../terraform/binary.js';
import type { TerraformEvent } from '../terraform/events.js';
import type { RunTerraformOptions, TerraformProcess, TerraformRunResult } from '../terraform/runner.js';
import { describeDiagnostics, lockAdvice, RunFailure } from './failures.js';
import type { RunListener } from './runEvents.js';

export interface StepEnvironment {
  readonly dir: string;
  readonly environment: string;
  readonly stackDir: string;
  readonly binary: TerraformBinary;
  readonly signal: AbortSignal;
  readonly forceSignal: AbortSignal;
  readonly emit: RunListener;
  readonly startTerraform: (options: RunTerraformOptions) => TerraformProcess;
  readonly now: () => Date;
}

export function logFileFor(step: Pick<StepEnvironment, 'dir' | 'environment' | 'now'>, command: string): string {
  const stamp = step.now().toISOString().replace(/[:.]/g, '-');
  return join(step.dir, '.ecs-wizard', 'logs', `${stamp}-${step.environment}-${command}.jsonl`);
}

/** The interrupt message, the same for every command. */
export const STOPPED_SAFELY = 'Stopped safely: Terraform finished what was in flight, saved its state and released its lock.';

export async function runStep(
  step: StepEnvironment,
  label: string,
  args: readonly string[],
  onEvent?: (event: TerraformEvent) => void,
  logFile: string = logFileFor(step, label),
): Promise<TerraformRunResult> {
  if (step.signal.aborted) throw new RunFailure('Interrupted before Terraform started.', EXIT.interrupted);
  const process = step.startTerraform({
    binary: step.binary,
    args,
    cwd: step.stackDir,
    signal: step.signal,
    forceSignal: step.forceSignal,
    logFile,
    onEvent: (event) => {
      step.emit({ type: 'terraform', command: label, event });
      onEvent?.(event);
    },
  });
  const result = await process.result;
  if (result.escalated) {
    throw new RunFailure(
      `Terraform was killed during ${label}: its state may not be saved and its lock may still be held.`,
      EXIT.interrupted,
      { logFile, next: `Run the same command again; if the state is locked, ecs-wizard prints the unlock command.` },
    );
  }
  if (result.interrupted) throw new RunFailure(STOPPED_SAFELY, EXIT.interrupted, { logFile, next: 'Run the same command again to continue.' });
  if (!result.ok) {
    const lock = lockAdvice(result.errors, step.stackDir);
    const errors = describeDiagnostics(result.errors);
    throw new RunFailure(
      `terraform ${label} failed${errors.length ? `:\n  ${errors.join('\n  ')}` : ` with exit code ${result.exitCode}`}`,
      EXIT.failure,
      { diagnostics: result.errors, logFile, next: lock ?? nextStepFor(label) },
    );
  }
  return result;
}

function nextStepFor(label: string): string {
  switch (label) {
    case 'init':
      return 'Check the network or the provider mirror (TF_CLI_CONFIG_FILE), then run again.';
    case 'plan':
    case 'destroy-plan':
      return 'Fix the cause above (often credentials: AWS_PROFILE, or the profile in ecs-wizard.json), then run again.';
    default:
      return 'Fix the cause above and run again: Terraform kept what it finished, and the next plan shows what is left.';
  }
}
