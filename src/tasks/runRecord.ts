/**
 * A small record of the last apply or destroy per environment, so the next run
 * can say "the last apply failed / was interrupted" before planning again.
 * Written as "running" before Terraform starts: if the process dies hard, the
 * record still says so.
 */
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../project/files.js';

/** `interrupted`: stopped gracefully (state saved); `killed`: a second Ctrl-C killed Terraform (state may be lost). */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted' | 'killed';

export interface RunRecord {
  readonly command: 'apply' | 'destroy';
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly logFile: string;
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

/** What to tell the user about the previous run, if anything needs saying. */
export function describePreviousRun(record: RunRecord | undefined): string | undefined {
  if (!record || record.status === 'succeeded') return undefined;
  const when = record.startedAt;
  switch (record.status) {
    case 'running':
      return `The last ${record.command} (started ${when}) never finished: ecs-wizard ended while it ran. Resources may be half-made; this plan shows what is left to do. Log: ${record.logFile}`;
    case 'killed':
      return `The last ${record.command} (started ${when}) was stopped by force: Terraform may not have saved its state, and its lock may still be held. Check this plan closely; a locked state is reported with its unlock command. Log: ${record.logFile}`;
    case 'interrupted':
      return `The last ${record.command} (started ${when}) was interrupted. Terraform saved what it finished; this plan shows what is left to do. Log: ${record.logFile}`;
    case 'failed':
      return `The last ${record.command} (started ${when}) failed. This plan shows what is left to do. Log: ${record.logFile}`;
  }
}
