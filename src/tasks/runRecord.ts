/**
 * A small record of the last apply or destroy per environment, so the next run
 * can say "the last apply failed / was interrupted" before planning again.
 * Written as "running" before Terraform starts: if the process dies hard, the
 * record still says so.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEventLines } from '../terraform/parser.js';
import { readTextIfExists, writeFileAtomic } from '../project/files.js';

/** `interrupted`: stopped gracefully (state saved); `killed`: a second Ctrl-C killed Terraform (state may be lost). */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted' | 'killed';

export interface RunRecord {
  readonly command: 'apply' | 'destroy';
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly logFile: string;
  /**
   * Resources Terraform had started creating and not finished when the run
   * was interrupted. On Ctrl-C Terraform cancels what is in flight: a resource
   * AWS already made is saved tainted, and the next plan would replace it.
   */
  readonly unfinishedCreates?: readonly string[];
}

export function runRecordPath(dir: string, environment: string): string {
  return join(dir, '.ecs-wizard', 'runs', `${environment}.json`);
}

export async function readRunRecord(dir: string, environment: string): Promise<RunRecord | undefined> {
  const text = await readTextIfExists(runRecordPath(dir, environment));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as RunRecord;
  } catch {
    return undefined;
  }
}

export async function writeRunRecord(dir: string, environment: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(runRecordPath(dir, environment), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * What Terraform's log says about a run whose ecs-wizard died (a record still
 * "running"): Terraform writes its output straight into the log, so it may
 * have carried on and finished after ecs-wizard was gone.
 */
export type Aftermath =
  /** Terraform finished: its own summary ("Apply complete! Resources: …"). */
  | { readonly kind: 'finished'; readonly summary: string }
  /** Terraform stopped with errors. */
  | { readonly kind: 'errors'; readonly errors: readonly string[] }
  /** The log stops mid-way: Terraform was stopped too (or still runs). */
  | { readonly kind: 'cut-off' };

const AFTERMATH_BYTES = 1024 * 1024;

/** Reads the end of a run's log for its aftermath; undefined when there is no log. */
export async function readAftermath(logFile: string): Promise<Aftermath | undefined> {
  let text: string;
  try {
    const handle = await open(logFile, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - AFTERMATH_BYTES);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  const events = parseEventLines(text);
  const summary = events.findLast((event) => event.type === 'change_summary' && (event.operation === 'apply' || event.operation === 'destroy'));
  if (summary) return { kind: 'finished', summary: summary.message };
  const errors = events.flatMap((event) => (event.type === 'diagnostic' && event.diagnostic.severity === 'error' ? [event.diagnostic.summary] : []));
  if (errors.length) return { kind: 'errors', errors: [...new Set(errors)] };
  return { kind: 'cut-off' };
}

/** What to tell the user about the previous run, if anything needs saying. */
export function describePreviousRun(record: RunRecord | undefined, aftermath?: Aftermath): string | undefined {
  if (!record || record.status === 'succeeded') return undefined;
  const when = record.startedAt;
  switch (record.status) {
    case 'running':
      switch (aftermath?.kind) {
        case 'finished':
          return `The last ${record.command} (started ${when}) lost its ecs-wizard while it ran, but Terraform carried on and finished: "${aftermath.summary}" This plan shows whether anything is left to do. Log: ${record.logFile}`;
        case 'errors':
          return `The last ${record.command} (started ${when}) lost its ecs-wizard while it ran; Terraform carried on and stopped with errors (${aftermath.errors
            .slice(0, 2)
            .map((error) => (error.length > 100 ? `${error.slice(0, 99)}…` : error))
            .join('; ')}${aftermath.errors.length > 2 ? `; ${aftermath.errors.length - 2} more` : ''}). It saved what it finished; this plan shows what is left to do. Log: ${record.logFile}`;
        default:
          return `The last ${record.command} (started ${when}) never finished: ecs-wizard ended while it ran, and Terraform's output stops mid-way. Resources may be half-made; this plan shows what is left to do, and a state lock left behind is reported with its unlock command. Log: ${record.logFile}`;
      }
    case 'killed':
      return `The last ${record.command} (started ${when}) was stopped by force: Terraform may not have saved its state, and its lock may still be held. Check this plan closely; a locked state is reported with its unlock command. Log: ${record.logFile}`;
    case 'interrupted':
      return `The last ${record.command} (started ${when}) was interrupted. Terraform saved what it finished; this plan shows what is left to do. Log: ${record.logFile}`;
    case 'failed':
      return `The last ${record.command} (started ${when}) failed. This plan shows what is left to do. Log: ${record.logFile}`;
  }
}
