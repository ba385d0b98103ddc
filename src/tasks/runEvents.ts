/**
 * What a run tells its views. The engine emits these; the Ink panes, the
 * headless lines and the `--json` stream subscribe. Views never spawn.
 */
import type { DoneEvent, FailureEvent } from '../errors.js';
import type { TerraformEvent } from '../terraform/events.js';
import type { GuardResult } from '../terraform/guard.js';
import type { StackOutput } from '../terraform/jsonCommands.js';
import type { PlanSummary } from '../terraform/planReader.js';
import type { PlanCost } from '../cost/planCost.js';

export type TaskId =
  | 'synth'
  | 'init'
  | 'plan'
  | 'guard'
  | 'approve'
  | 'apply'
  | 'checks'
  | 'confirm'
  | 'prepare'
  | 'destroy'
  | 'outputs'
  | 'wait'
  /** After a destroy: the task definition revisions the pipeline registered. */
  | 'revisions'
  | 'remove'
  /** Blue/green changes of the infrastructure: */
  | 'adopt'
  | 'probe'
  | 'save';
export type TaskState = 'running' | 'done' | 'skipped' | 'failed';

export type RunEvent =
  | { readonly type: 'task'; readonly id: TaskId; readonly title: string; readonly state: TaskState; readonly detail?: string; readonly elapsedMs?: number }
  /** A Terraform UI event, with the command that printed it. */
  | { readonly type: 'terraform'; readonly command: string; readonly event: TerraformEvent }
  | {
      readonly type: 'plan';
      readonly environment: string;
      readonly summary: PlanSummary;
      readonly destroy: boolean;
      /** The monthly change the plan makes, when the front-end asked for it. */
      readonly cost?: PlanCost;
    }
  | { readonly type: 'guard'; readonly result: GuardResult }
  | { readonly type: 'warning'; readonly message: string }
  | FailureEvent
  | {
      readonly type: 'outputs';
      readonly outputs: readonly StackOutput[];
      /** A blue/green environment: each copy, its role and share of the traffic, and its own outputs. */
      readonly copies?: readonly CopyOutputs[];
    }
  /** Ctrl-C was pressed: Terraform is stopping safely (or, escalated, being killed). */
  | { readonly type: 'stopping'; readonly escalated: boolean }
  /** ecs-wizard.json after a command that changes it: saved, or not and why. */
  | { readonly type: 'config'; readonly path: string; readonly saved: boolean; readonly message: string }
  | DoneEvent;

export interface CopyOutputs {
  readonly copy: string;
  readonly role: 'live' | 'next';
  /** Percent of the name's traffic. */
  readonly weight: number;
  readonly outputs: readonly StackOutput[];
}

export type RunListener = (event: RunEvent) => void;
