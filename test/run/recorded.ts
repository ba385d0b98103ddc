/**
 * Run events from real recordings: Terraform's UI lines parsed by the real
 * parser, plans read by the real plan reader, wrapped as the engine emits them.
 */
import { parseEventLine } from '../../src/terraform/parser.js';
import { readPlan, type PlanSummary } from '../../src/terraform/planReader.js';
import { guardPlan } from '../../src/terraform/guard.js';
import type { RunEvent, TaskId } from '../../src/tasks/runEvents.js';
import { initialRunState, reduceRun, type RunState } from '../../src/tasks/runState.js';
import { readFixture, readFixtureJson } from '../helpers/fakeTerraformHarness.js';

/** Every line of a `*.jsonl` recording as the engine's `terraform` event for `command`. */
export function recorded(name: string, command: string): RunEvent[] {
  return readFixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'terraform', command, event: parseEventLine(line) }));
}

export function recordedPlan(name: string): PlanSummary {
  return readPlan(readFixtureJson(name));
}

export const planEvent = (summary: PlanSummary, destroy = false, environment = 'production'): RunEvent => ({ type: 'plan', environment, summary, destroy });

export const guardEvent = (summary: PlanSummary, allow: string[] = []): RunEvent => ({ type: 'guard', result: guardPlan(summary, allow) });

export const task = (id: TaskId, title: string, state: 'running' | 'done' | 'skipped' | 'failed', elapsedMs?: number, detail?: string): RunEvent => ({
  type: 'task',
  id,
  title,
  state,
  ...(elapsedMs !== undefined ? { elapsedMs } : {}),
  ...(detail !== undefined ? { detail } : {}),
});

/** The engine's events up to the approval of an apply, as they come for a plan with changes. */
export function upToApproval(summary: PlanSummary): RunEvent[] {
  return [
    task('synth', 'Synthesize the Terraform configuration', 'running'),
    task('synth', 'Synthesize the Terraform configuration', 'done', 1200),
    task('init', 'terraform init', 'running'),
    task('init', 'terraform init', 'done', 3400),
    task('plan', 'terraform plan', 'running'),
    planEvent(summary),
    task('plan', 'terraform plan', 'done', 5100),
    task('guard', 'Check for data loss', 'running'),
    guardEvent(summary),
  ];
}

/** The run state after these events, all at time `at`. */
export const feed = (events: readonly RunEvent[], state: RunState = initialRunState, at = 1_000): RunState =>
  events.reduce((current, event) => reduceRun(current, { type: 'event', event, at }), state);

/** Everything before the apply's first Terraform line, the plan approved. */
export function applying(summary: PlanSummary): RunEvent[] {
  return [
    ...upToApproval(summary),
    task('guard', 'Check for data loss', 'done', 4),
    task('approve', 'Approve the plan', 'running'),
    task('approve', 'Approve the plan', 'done', 2_000),
    task('apply', 'terraform apply', 'running'),
  ];
}
