import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePreviousRun, readAftermath, readRunRecord, runRecordPath, writeRunRecord, type RunRecord } from '../../src/tasks/runRecord.js';
import { makeTmpDir, readFixture } from '../helpers/fakeTerraformHarness.js';

const record = (status: RunRecord['status'], command: RunRecord['command'] = 'apply'): RunRecord => ({
  command,
  status,
  startedAt: '2026-11-26T08:00:00.000Z',
  logFile: '/p/.ecs-wizard/logs/2026-11-26T08-00-00-000Z-production-apply.jsonl',
});

describe('describePreviousRun', () => {
  it('says nothing without a record or after a success', () => {
    expect(describePreviousRun(undefined)).toBeUndefined();
    expect(describePreviousRun(record('succeeded'))).toBeUndefined();
  });

  it('a failed apply: says it failed, when, and where the log is', () => {
    expect(describePreviousRun(record('failed'))).toBe(
      'The last apply (started 2026-11-26T08:00:00.000Z) failed. This plan shows what is left to do. Log: /p/.ecs-wizard/logs/2026-11-26T08-00-00-000Z-production-apply.jsonl',
    );
  });

  it('an interrupted destroy: says Terraform saved what it finished', () => {
    const text = describePreviousRun(record('interrupted', 'destroy'))!;
    expect(text).toMatch(/^The last destroy \(started 2026-11-26T08:00:00.000Z\) was interrupted\. Terraform saved what it finished/);
    expect(text).toContain('Log: /p/.ecs-wizard/logs/');
  });

  it('a destroy killed by a second Ctrl-C: says the state may not be saved and the lock may be held', () => {
    const text = describePreviousRun(record('killed', 'destroy'))!;
    expect(text).toMatch(/^The last destroy \(started 2026-11-26T08:00:00.000Z\) was stopped by force: Terraform may not have saved its state/);
    expect(text).toContain('lock');
    expect(text).toContain('Log: /p/.ecs-wizard/logs/');
  });

  it('a record still "running": the process died mid-apply', () => {
    expect(describePreviousRun(record('running'))).toMatch(/^The last apply \(started .*\) never finished: ecs-wizard ended while it ran, and Terraform's output stops mid-way\./);
  });

  it('a record still "running" whose log shows Terraform finished, or failed, after ecs-wizard died', async () => {
    const dir = makeTmpDir('ecs-wizard-runs-');
    const log = path.join(dir, 'apply.jsonl');
    writeFileSync(log, readFixture('apply-success.jsonl'));
    const finished = await readAftermath(log);
    expect(finished).toEqual({ kind: 'finished', summary: 'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.' });
    expect(describePreviousRun(record('running'), finished)).toContain('lost its ecs-wizard while it ran, but Terraform carried on and finished: "Apply complete! Resources: 2 added, 0 changed, 0 destroyed."');
    writeFileSync(log, readFixture('apply-unreachable.jsonl'));
    const failed = await readAftermath(log);
    expect(failed?.kind).toBe('errors');
    expect(describePreviousRun(record('running'), failed)).toContain('Terraform carried on and stopped with errors (creating ECS Cluster (demo)');
    writeFileSync(log, readFixture('apply-success.jsonl').split('\n').slice(0, 3).join('\n'));
    expect(await readAftermath(log)).toEqual({ kind: 'cut-off' });
    expect(await readAftermath(path.join(dir, 'missing.jsonl'))).toBeUndefined();
  });
});

describe('the record on disk', () => {
  it('round-trips, one file per environment', async () => {
    const dir = makeTmpDir('ecs-wizard-runs-');
    expect(await readRunRecord(dir, 'production')).toBeUndefined();
    await writeRunRecord(dir, 'production', record('failed'));
    await writeRunRecord(dir, 'staging', record('succeeded'));
    expect(await readRunRecord(dir, 'production')).toEqual(record('failed'));
    expect((await readRunRecord(dir, 'staging'))?.status).toBe('succeeded');
    expect(runRecordPath(dir, 'production')).toBe(path.join(dir, '.ecs-wizard', 'runs', 'production.json'));
  });

  it('a damaged record reads as none rather than failing the run', async () => {
    const dir = makeTmpDir('ecs-wizard-runs-');
    mkdirSync(path.dirname(runRecordPath(dir, 'production')), { recursive: true });
    writeFileSync(runRecordPath(dir, 'production'), '{"command":"apply","sta');
    expect(await readRunRecord(dir, 'production')).toBeUndefined();
  });
});
