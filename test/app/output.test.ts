import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardPlan } from '../../src/terraform/guard.js';
import { readPlan } from '../../src/terraform/planReader.js';
import { fanOut, jsonReporter, textReporter } from '../../src/app/output.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

const replacePlan = readPlan(readFixtureJson('show-plan-replace.json'));
const secretPlan = readPlan(readFixtureJson('show-plan-data-create.json'));
const events: RunEvent[] = [
  { type: 'task', id: 'plan', title: 'terraform plan', state: 'running' },
  { type: 'plan', environment: 'production', summary: replacePlan, destroy: false },
  { type: 'plan', environment: 'production', summary: secretPlan, destroy: false },
  { type: 'guard', result: guardPlan(replacePlan) },
  { type: 'warning', message: 'The last apply failed.' },
  { type: 'stopping', escalated: false },
  { type: 'stopping', escalated: true },
  { type: 'failure', message: 'terraform apply failed', diagnostics: [], logFile: '/p/log.jsonl', next: 'Fix it.' },
  { type: 'outputs', outputs: [{ name: 'url', sensitive: false, type: 'string', value: 'http://x' }, { name: 'pw', sensitive: true, type: 'string', value: '(sensitive value)' }] },
  { type: 'done', exitCode: 0, summary: 'Applied.' },
];

describe('jsonReporter', () => {
  it('one JSON object per line, each with a type, plans as counts and changes only', async () => {
    const out = collect();
    const listen = jsonReporter(out.stream);
    for (const event of events) listen(event);
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(events.length);
    const parsed = lines.map((line) => JSON.parse(line) as { type: string } & Record<string, any>);
    expect(parsed.map((p) => p.type)).toEqual(events.map((e) => e.type));
    const plan = parsed[1]!;
    expect(Object.keys(plan).sort()).toEqual(['changes', 'components', 'destroy', 'drift', 'environment', 'hasChanges', 'totals', 'type']);
    expect(plan.changes).toContainEqual({
      address: 'aws_db_instance.db',
      action: 'replace',
      component: 'database',
      reason: 'some changed attributes cannot be updated in place',
      replacePaths: ['engine'],
    });
    // No-ops are left out; no before/after values are sent at all.
    expect(plan.changes.map((c: { action: string }) => c.action)).not.toContain('no-op');
    expect(out.text()).not.toContain('hunter2');
  });
});

describe('textReporter', () => {
  it('writes the plan, guard, warnings, stopping, failure with log and next step, and outputs', () => {
    const out = collect();
    const listen = textReporter(out.stream);
    for (const event of events) listen(event);
    const text = out.text();
    expect(text).toContain('Plan for production: 0 to add, 1 to change, 1 to replace, 1 to destroy\n');
    expect(text).toContain('  ✖ aws_db_instance.db will be replaced');
    expect(text).toContain('⚠ The last apply failed.\n');
    expect(text).toContain('… Stopping safely');
    expect(text).toContain('✖ Second interrupt: killing Terraform now.');
    expect(text).toContain('✖ terraform apply failed\n  Full log: /p/log.jsonl\n  Next: Fix it.\n');
    expect(text).toContain('Outputs:\n  url = http://x\n  pw = (sensitive value)\n');
    expect(text).toContain('✔ Applied.\n');
    expect(text).not.toContain('hunter2');
    // Task lines are listr2's job, Terraform's own lines too.
    expect(text).not.toContain('terraform plan\n');
  });

  it('says nothing on a failed done: the failure event already did', () => {
    const out = collect();
    textReporter(out.stream)({ type: 'done', exitCode: 1, summary: 'x' });
    expect(out.text()).toBe('');
  });
});

describe('fanOut', () => {
  it('gives every listener every event, in order', () => {
    const a: string[] = [];
    const b: string[] = [];
    const listen = fanOut((e) => a.push(e.type), (e) => b.push(e.type));
    for (const event of events.slice(0, 3)) listen(event);
    expect(a).toEqual(['task', 'plan', 'plan']);
    expect(b).toEqual(a);
  });
});
