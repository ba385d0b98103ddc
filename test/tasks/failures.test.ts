import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/terraform/events.js';
import { parseEventLines } from '../../src/terraform/parser.js';
import { describeDiagnostics, lockAdvice, RunFailure } from '../../src/tasks/failures.js';
import { readFixture } from '../helpers/fakeTerraformHarness.js';

/** What Terraform 1.11 prints when another run holds the local state's lock. */
const LOCKED: Diagnostic = {
  severity: 'error',
  summary: 'Error acquiring the state lock',
  detail: [
    'Error message: resource temporarily unavailable',
    'Lock Info:',
    '  ID:        6b5c9a2e-0f8e-3c1d-9d43-3a7b1f0e2c11',
    '  Path:      ../../../.ecs-wizard/state/production.tfstate',
    '  Operation: OperationTypeApply',
    '  Who:       ci@runner',
    '  Version:   1.11.4',
    '  Created:   2026-11-26 08:00:00.000000000 +0000 UTC',
    '  Info:      ',
    '',
    'Terraform acquires a state lock to protect the state from being written',
    'by multiple users at the same time.',
  ].join('\n'),
};

describe('lockAdvice', () => {
  const stackDir = '/home/me/shop/cdktf.out/stacks/production';

  it('turns a state-lock diagnostic into the exact force-unlock command', () => {
    const advice = lockAdvice([LOCKED], stackDir);
    expect(advice).toBeDefined();
    const lines = advice!.split('\n');
    expect(lines[0]).toContain('lock ID 6b5c9a2e-0f8e-3c1d-9d43-3a7b1f0e2c11');
    expect(lines[1]!.trim()).toBe(`terraform -chdir=${stackDir} force-unlock 6b5c9a2e-0f8e-3c1d-9d43-3a7b1f0e2c11`);
  });

  it('takes the lock ID of an S3 lock file too', () => {
    const s3: Diagnostic = { ...LOCKED, detail: LOCKED.detail.replace('6b5c9a2e-0f8e-3c1d-9d43-3a7b1f0e2c11', 'a1b2c3d4-0000-1111-2222-333344445555') };
    expect(lockAdvice([s3], stackDir)).toContain(`terraform -chdir=${stackDir} force-unlock a1b2c3d4-0000-1111-2222-333344445555`);
  });

  it('takes the lock ID, not the request ID, from an S3 lock-file conflict', () => {
    // Terraform: "Error message: " + the S3 error, then the lock's info.
    const s3: Diagnostic = {
      severity: 'error',
      summary: 'Error acquiring the state lock',
      detail: [
        'Error message: operation error S3: PutObject, https response error StatusCode: 412, RequestID: 4Q3WFA8ZNJ2PXK1T,',
        'HostID: Zm9vYmFyYmF6cXV4, api error PreconditionFailed: At least one of the pre-conditions you specified did not hold',
        'Lock Info:',
        '  ID:        c3f1a1d2-7b7e-2f4b-93e4-0a0e5b1c2d3e',
        '  Path:      acme-tf-state/shop/production.tfstate',
        '  Operation: OperationTypeApply',
        '',
        'Terraform acquires a state lock to protect the state from being written',
        'by multiple users at the same time.',
      ].join('\n'),
    };
    expect(lockAdvice([s3], stackDir)).toContain(`terraform -chdir=${stackDir} force-unlock c3f1a1d2-7b7e-2f4b-93e4-0a0e5b1c2d3e`);
  });

  it('still says what to do when no ID is printed', () => {
    const advice = lockAdvice([{ ...LOCKED, detail: 'Error message: timeout' }], stackDir);
    expect(advice).toContain('force-unlock');
    expect(advice).toContain(stackDir);
  });

  it('says nothing about other failures', () => {
    const errors = parseEventLines(readFixture('apply-unreachable.jsonl')).flatMap((e) => (e.type === 'diagnostic' ? [e.diagnostic] : []));
    expect(errors.length).toBeGreaterThan(0);
    expect(lockAdvice(errors, stackDir)).toBeUndefined();
    expect(lockAdvice([], stackDir)).toBeUndefined();
  });
});

describe('describeDiagnostics', () => {
  it('one entry per error, led by the resource address, with Terraform’s own words', () => {
    const diagnostics = parseEventLines(readFixture('apply-unreachable.jsonl')).flatMap((e) => (e.type === 'diagnostic' ? [e.diagnostic] : []));
    const lines = describeDiagnostics(diagnostics);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^aws_ecs_cluster\.cluster: creating ECS Cluster \(demo\): .*connection refused$/);
    expect(lines[1]).toMatch(/^aws_vpc\.vpc: creating EC2 VPC: .*connection refused$/);
  });

  it('leaves out warnings and indents the detail under the summary', () => {
    const lines = describeDiagnostics([
      { severity: 'warning', summary: 'Deprecated attribute', detail: 'x' },
      { severity: 'error', summary: 'Invalid value', detail: 'line one\nline two' },
    ]);
    expect(lines).toEqual(['Invalid value\n    line one\n    line two']);
  });
});

describe('RunFailure', () => {
  it('carries the exit code and details', () => {
    const failure = new RunFailure('stopped', 130, { logFile: '/x.jsonl', next: 'again' });
    expect(failure).toBeInstanceOf(Error);
    expect([failure.name, failure.message, failure.exitCode, failure.details.logFile]).toEqual(['RunFailure', 'stopped', 130, '/x.jsonl']);
  });
});
