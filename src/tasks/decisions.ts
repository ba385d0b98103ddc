/**
 * Decisions the engine cannot take alone. The task graph asks; each front-end
 * answers its own way (the TUI with a confirm bar or a typed name, line mode
 * with a prompt on the next line, headless from flags). Nothing is ever applied or
 * destroyed without an answer of "yes" to the exact thing at stake.
 */
import { EXIT, type ExitCode } from '../errors.js';
import type { GuardFinding } from '../terraform/guard.js';
import type { PlanSummary } from '../terraform/planReader.js';

export type DecisionRequest =
  /** Apply this reviewed plan? */
  | { readonly kind: 'approve-plan'; readonly environment: string; readonly summary: PlanSummary }
  /**
   * This plan deletes or replaces data: confirm this exact resource. `blocked`
   * lists every finding still blocked in the plan, this one included, so a
   * front-end that cannot ask (headless) names them all at once.
   */
  | { readonly kind: 'allow-data-loss'; readonly environment: string; readonly finding: GuardFinding; readonly blocked?: readonly GuardFinding[] }
  /** Destroy the whole environment: confirmed by typing its name. */
  | { readonly kind: 'confirm-destroy'; readonly environment: string; readonly summary: PlanSummary; readonly blockers: readonly string[] };

/** The front-end's answer. `reason` explains a "no" (shown, and used in headless errors). */
export type Decision = { readonly approved: true } | { readonly approved: false; readonly reason: string; readonly exitCode?: ExitCode };

/** The listr2 task asking, for a front-end that would prompt through it (none needs to: nothing redraws in line mode). */
export type DecisionTask = unknown;

export interface Decider {
  decide(request: DecisionRequest, task?: DecisionTask): Promise<Decision>;
}

/** The name a person types to confirm a request, shown in the prompt. */
export function confirmationWord(request: DecisionRequest): string | undefined {
  switch (request.kind) {
    case 'allow-data-loss':
      return request.finding.address;
    case 'confirm-destroy':
      return request.environment;
    default:
      return undefined;
  }
}

/**
 * A person's "no" to a request, in the words the failure message leaves and
 * with its exit code: the same whichever front-end asked.
 */
export function declined(request: DecisionRequest): Decision {
  switch (request.kind) {
    case 'approve-plan':
      // Saying no is not a failure: nothing changed.
      return { approved: false, reason: 'The plan was not approved: nothing was changed.', exitCode: EXIT.ok };
    case 'allow-data-loss':
      // The data guard blocking.
      return { approved: false, reason: `${request.finding.address} was not allowed to lose its data: nothing was changed.`, exitCode: EXIT.blocked };
    case 'confirm-destroy':
      return { approved: false, reason: `The destroy of ${request.environment} was cancelled: nothing was deleted.`, exitCode: EXIT.ok };
  }
}
