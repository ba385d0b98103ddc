/**
 * Headless answers come from flags only. A decision no flag provides fails
 * with a message naming the flag, so CI logs say exactly what to add.
 */
import { EXIT } from '../errors.js';
import { guardPlan } from '../terraform/guard.js';
import type { Decider, Decision } from '../tasks/decisions.js';

export function headlessDecider(flags: { yes: boolean; allowReplace: readonly string[] }): Decider {
  return {
    async decide(request): Promise<Decision> {
      switch (request.kind) {
        case 'approve-plan':
          return flags.yes
            ? { approved: true }
            : { approved: false, exitCode: EXIT.usage, reason: 'The plan has changes and there is no terminal to ask: pass --yes to apply it.' };
        case 'allow-data-loss': {
          // The guard already cleared every --allow-replace address given. Name
          // every one still missing: a CI run should not discover them one plan at a time.
          const blocked = request.blocked?.length ? request.blocked : [request.finding];
          return {
            approved: false,
            exitCode: EXIT.blocked,
            // The reasons were shown with the guard's findings; this says what to do.
            reason: `Blocked by the data guard: ${blocked.map((finding) => finding.address).join(', ')} would lose data. To accept ${
              blocked.length === 1 ? 'it' : 'them'
            }, run again with ${blocked.map((finding) => `--allow-replace ${finding.address}`).join(' ')}`,
          };
        }
        case 'confirm-destroy': {
          const risks = guardPlan(request.summary, flags.allowReplace);
          const missing = risks.blocked.map((finding) => `--allow-replace ${finding.address}`);
          if (flags.yes && missing.length === 0) return { approved: true };
          const needs = [...(flags.yes ? [] : ['--yes']), ...missing];
          return {
            approved: false,
            exitCode: missing.length ? EXIT.blocked : EXIT.usage,
            reason: `Destroying ${request.environment} deletes ${request.summary.totals.destroy} resources${
              risks.blocked.length ? `, data included (${risks.blocked.map((f) => f.address).join(', ')})` : ''
            }. To confirm without a terminal, run again with: ${needs.join(' ')}`,
          };
        }
      }
    },
  };
}
