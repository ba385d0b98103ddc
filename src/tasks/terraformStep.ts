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
import { UiRunCheck } from '../terraform/uiCheck.js';
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
  /**
   * Told when a Terraform process starts (its pid, this step's label and log)
   * and when it has ended (undefined): the project lock records it, so a run
   * after a kill -9 of this one knows Terraform may still be running.
   */
  readonly onTerraform?: (child: { pid: number; label: string; logFile: string } | undefined) => void;
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
  const check = new UiRunCheck();
  const process = step.startTerraform({
    binary: step.binary,
    args,
    cwd: step.stackDir,
    signal: step.signal,
    forceSignal: step.forceSignal,
    logFile,
    onEvent: (event) => {
      check.observe(event);
      step.emit({ type: 'terraform', command: label, event });
      onEvent?.(event);
    },
  });
  if (process.pid !== undefined) step.onTerraform?.({ pid: process.pid, label, logFile });
  let result: TerraformRunResult;
  try {
    result = await process.result;
  } finally {
    if (process.pid !== undefined) step.onTerraform?.(undefined);
  }
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
  // An exit code that says "success" is believed only if the events agree.
  const contradiction = check.verdict(result.args, result.exitCode);
  if (contradiction) {
    throw new RunFailure(`terraform ${label} cannot be trusted: ${contradiction}. ecs-wizard stopped here; the whole output is in ${logFile}`, EXIT.failure, {
      diagnostics: result.errors,
      logFile,
      next: 'Check which program runs as terraform (--terraform, ECS_WIZARD_TERRAFORM, then PATH; "ecs-wizard doctor" shows it) and read the log above.',
    });
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
