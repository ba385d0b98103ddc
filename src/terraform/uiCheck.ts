/**
 * Does a Terraform run that exited "successfully" say so in its own events?
 *
 * The runner trusts nothing it cannot read, and neither may the flow built on
 * it: a wrapper script or another program installed as `terraform`, a binary
 * that prints its human UI, or a crash that exits 0 would otherwise pass for
 * "no changes" (the review reads the plan from the events). `plan` and
 * `apply` under `-json` always print a `version` line first, only JSON lines
 * on stdout, and a `change_summary` when they succeed (checked against every
 * recording of Terraform 1.11). So, for a run whose exit code says success:
 *
 * - no `version` event, or a stdout line that is not JSON: not Terraform's JSON UI;
 * - an error diagnostic: the exit code hides a failure;
 * - no `change_summary`: it ended before finishing its work;
 * - `plan -detailed-exitcode` exit 2 (changes) with no change anywhere in the
 *   events, or exit 0 (none) with a summary that counts changes;
 * - `apply` with a resource that failed (`apply_errored`).
 *
 * Each finding is a sentence; the caller turns it into a failure naming the log.
 */
import { hasDetailedExitCode, subcommandOf } from './args.js';
import type { TerraformEvent } from './events.js';

export class UiRunCheck {
  private version = false;
  private textLines = 0;
  private firstText: string | undefined;
  private errors = 0;
  private firstError: string | undefined;
  private summary: { add: number; change: number; remove: number; import: number; operation: string } | undefined;
  private changeEvents = 0;
  private applyErrors = 0;

  observe(event: TerraformEvent): void {
    switch (event.type) {
      case 'version':
        this.version = true;
        break;
      case 'log':
        if (event.source === 'text' && event.stream !== 'stderr') {
          this.textLines++;
          this.firstText ??= event.message;
        }
        break;
      case 'diagnostic':
        if (event.diagnostic.severity === 'error') {
          this.errors++;
          this.firstError ??= event.diagnostic.summary;
        }
        break;
      case 'change_summary':
        this.summary = { add: event.add, change: event.change, remove: event.remove, import: event.import, operation: event.operation };
        break;
      case 'planned_change':
        if (event.action !== 'noop') this.changeEvents++;
        break;
      case 'resource_drift':
        this.changeEvents++;
        break;
      case 'outputs':
        if (Object.values(event.outputs).some((output) => output.action !== undefined && output.action !== 'noop')) this.changeEvents++;
        break;
      case 'apply_errored':
        this.applyErrors++;
        break;
      default:
        break;
    }
  }

  /**
   * What contradicts success in a run whose exit code says it succeeded
   * (`exitCode` 0, or 2 under plan -detailed-exitcode), or undefined.
   */
  verdict(args: readonly string[], exitCode: number | null): string | undefined {
    const subcommand = subcommandOf(args);
    if (this.errors > 0) {
      return `it exited with code ${String(exitCode)} but reported ${this.errors === 1 ? 'an error' : `${this.errors} errors`} ("${this.firstError}")`;
    }
    if (subcommand !== 'plan' && subcommand !== 'apply') return undefined;
    if (!this.version) {
      return `its output is not Terraform's JSON UI (no "version" line${this.firstText !== undefined ? `; it printed "${shorten(this.firstText)}"` : ''}), so what it did cannot be read`;
    }
    if (this.textLines > 0) {
      return `${this.textLines === 1 ? 'a line' : `${this.textLines} lines`} of its output ${this.textLines === 1 ? 'is' : 'are'} not Terraform's JSON UI (first: "${shorten(this.firstText ?? '')}"), so what it did cannot be fully read`;
    }
    if (!this.summary) return `it ended without the change summary Terraform prints when ${subcommand} completes, so it may have stopped half-way`;
    if (subcommand === 'apply' && this.applyErrors > 0) {
      return `it exited with code ${String(exitCode)} although ${this.applyErrors === 1 ? 'a resource' : `${this.applyErrors} resources`} failed to apply`;
    }
    if (subcommand === 'plan' && hasDetailedExitCode(args)) {
      const counted = this.summary.add + this.summary.change + this.summary.remove + this.summary.import;
      if (exitCode === 2 && counted === 0 && this.changeEvents === 0) {
        return 'it exited with code 2 ("the plan has changes") but its events show no change at all';
      }
      if (exitCode === 0 && counted > 0) {
        return `it exited with code 0 ("no changes") but its summary counts changes (${this.summary.add} to add, ${this.summary.change} to change, ${this.summary.remove} to destroy)`;
      }
    }
    return undefined;
  }
}

function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
