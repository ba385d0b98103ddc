/**
 * Failures that end a run, each with the exit code the README documents and
 * the one next step a person should take.
 */
import { CliError, type CliErrorDetails, type ExitCode } from '../errors.js';
import type { Diagnostic } from '../terraform/events.js';

/** A failure of the task graph: a Terraform step, a decision answered "no". */
export class RunFailure extends CliError {
  override readonly name: string = 'RunFailure';
  constructor(message: string, exitCode: ExitCode, details: CliErrorDetails = {}) {
    super(message, exitCode, details);
  }
}

/**
 * A state lock left behind by a dead run: Terraform says "Error acquiring the
 * state lock" and prints the lock ID. We turn that into the exact command.
 */
export function lockAdvice(diagnostics: readonly Diagnostic[], stackDir: string): string | undefined {
  for (const diagnostic of diagnostics) {
    if (!/state lock/i.test(diagnostic.summary)) continue;
    // The "ID:" line of Terraform's "Lock Info:" block; not "RequestID:" or
    // "HostID:", which an S3 lock-file conflict prints first.
    const id = /^\s*ID:\s+(\S+)/m.exec(diagnostic.detail)?.[1];
    if (!id) return `The state is locked by another run. If no other run is active, unlock it with terraform force-unlock (run in ${stackDir}).`;
    return `The state is locked (lock ID ${id}). If no other ecs-wizard or terraform run is active, release it with:\n  terraform -chdir=${stackDir} force-unlock ${id}`;
  }
  return undefined;
}

/** One line per error diagnostic: "address: summary — detail". */
export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => {
      const where = diagnostic.address ? `${diagnostic.address}: ` : '';
      const detail = diagnostic.detail.trim() ? `\n    ${diagnostic.detail.trim().replace(/\n/g, '\n    ')}` : '';
      return `${where}${diagnostic.summary}${detail}`;
    });
}
