/**
 * Which "successful" Terraform runs the events contradict, on the recordings
 * of the real binary (none of which may be flagged when their exit code is
 * the real one) and on what a garbage terraform prints.
 */
import { describe, expect, it } from 'vitest';
import { parseEventLines } from '../../src/terraform/parser.js';
import { UiRunCheck } from '../../src/terraform/uiCheck.js';
import { readFixture } from '../helpers/fakeTerraformHarness.js';

function verdict(recording: string, args: string[], exitCode: number): string | undefined {
  const check = new UiRunCheck();
  for (const event of parseEventLines(readFixture(recording))) check.observe(event);
  return check.verdict(args, exitCode);
}

const PLAN = ['plan', '-json', '-input=false', '-no-color', '-out=p', '-detailed-exitcode'];
const APPLY = ['apply', '-json', '-input=false', '-no-color', 'p'];

describe('UiRunCheck', () => {
  it.each([
    ['plan-create.jsonl', PLAN, 2],
    ['plan-replace.jsonl', PLAN, 2],
    ['plan-destroy.jsonl', [...PLAN, '-destroy'], 2],
    ['plan-nochanges.jsonl', PLAN, 0],
    ['plan-data-replace.jsonl', PLAN, 2],
    ['plan-hundred.jsonl', PLAN, 2],
    ['apply-success.jsonl', APPLY, 0],
    ['apply-replace.jsonl', APPLY, 0],
    ['apply-hundred.jsonl', APPLY, 0],
    ['destroy-success.jsonl', APPLY, 0],
    ['init.jsonl', ['init', '-json', '-input=false', '-no-color'], 0],
  ])('%s with its real exit code: believed', (recording, args, exitCode) => {
    expect(verdict(recording, args, exitCode)).toBeUndefined();
  });

  it('the human UI (no -json) is not believed, whatever the exit code', () => {
    expect(verdict('plan-human.txt', PLAN, 2)).toBe(
      'its output is not Terraform\'s JSON UI (no "version" line; it printed "terraform_data.app: Refreshing state... [id=c3c4c592-e959-eca4-05af-1ad966881f4…"), so what it did cannot be read',
    );
  });

  it('nothing at all on stdout is not believed either', () => {
    expect(new UiRunCheck().verdict(PLAN, 2)).toBe('its output is not Terraform\'s JSON UI (no "version" line), so what it did cannot be read');
  });

  it('JSON lines mixed with text lines are not believed', () => {
    const check = new UiRunCheck();
    for (const event of parseEventLines(`${readFixture('plan-create.jsonl')}\nwrapper: done\n`)) check.observe(event);
    expect(check.verdict(PLAN, 2)).toBe('a line of its output is not Terraform\'s JSON UI (first: "wrapper: done"), so what it did cannot be fully read');
  });

  it('a plan or apply that stops before its change summary is not believed', () => {
    const lines = readFixture('apply-success.jsonl').split('\n').filter((line) => !line.includes('"change_summary"'));
    const check = new UiRunCheck();
    for (const event of parseEventLines(lines.join('\n'))) check.observe(event);
    expect(check.verdict(APPLY, 0)).toContain('it ended without the change summary');
  });

  it('exit codes and events that disagree', () => {
    expect(verdict('plan-nochanges.jsonl', PLAN, 2)).toContain('exited with code 2 ("the plan has changes") but its events show no change at all');
    expect(verdict('plan-create.jsonl', PLAN, 0)).toContain('exited with code 0 ("no changes") but its summary counts changes (6 to add, 0 to change, 0 to destroy)');
    expect(verdict('apply-unreachable.jsonl', APPLY, 0)).toContain('exited with code 0 but reported 2 errors ("creating ECS Cluster');
  });
});
