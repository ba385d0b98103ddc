/**
 * The plan review as plain lines, for the headless and line-mode front-ends:
 * counts per component, each replacement with the attribute that forces it,
 * deletions, and drift. Sensitive values were masked by the plan reader.
 */
import type { PlanSummary } from '../terraform/planReader.js';
import type { GuardResult } from '../terraform/guard.js';
import type { PlanCost } from '../cost/planCost.js';
import { formatChangeRange, totalText } from '../cost/format.js';

const pad = (text: string, width: number) => text.padEnd(width);

/** "Monthly cost: +$58.40 to +$67.41 (after it: $90.40-$99.41/month)", beside the plan's totals. */
export function planCostLine(cost: PlanCost): string {
  const unknown = cost.unknown.length ? `, and unknown for ${cost.unknown.join(', ')}` : '';
  return `  Monthly cost: ${formatChangeRange(cost)}${unknown} (after it: ${totalText(cost.after)})`;
}

export function planLines(summary: PlanSummary, environment: string, destroy = false, cost?: PlanCost): string[] {
  const lines: string[] = [];
  const verb = destroy ? 'Destroy plan' : 'Plan';
  if (!summary.hasChanges) {
    lines.push(`${verb} for ${environment}: no changes. The environment matches ecs-wizard.json.`);
  } else {
    const t = summary.totals;
    lines.push(`${verb} for ${environment}: ${t.add} to add, ${t.change} to change, ${t.replace} to replace, ${t.destroy} to destroy`);
    lines.push(`  ${pad('component', 16)}${pad('add', 6)}${pad('change', 8)}${pad('replace', 9)}destroy`);
    for (const component of summary.components) {
      const c = component.counts;
      lines.push(`  ${pad(component.label, 16)}${pad(String(c.add), 6)}${pad(String(c.change), 8)}${pad(String(c.replace), 9)}${c.destroy}`);
    }
  }
  if (cost) lines.push(planCostLine(cost));
  for (const change of summary.changes) {
    if (change.action === 'replace') {
      const forcing = change.replacePaths.length ? ` (forced by ${change.replacePaths.join(', ')})` : '';
      lines.push(`  ± replace ${change.address}${forcing}${change.reasonText ? `: ${change.reasonText}` : ''}`);
    } else if (change.action === 'delete' && !destroy) {
      lines.push(`  - delete ${change.address}${change.reasonText ? `: ${change.reasonText}` : ''}`);
    }
  }
  for (const note of summary.notes ?? []) lines.push(`  ℹ ${note}`);
  for (const notice of summary.notices) {
    lines.push(`  ${notice.level === 'risk' ? '⚠ risk' : 'note'}: ${notice.address}: ${notice.message}`);
  }
  if (summary.drift.length) {
    lines.push(`  Changed outside Terraform since the last apply (${summary.drift.length}):`);
    for (const drift of summary.drift) lines.push(`    ~ ${drift.address} (${drift.action})`);
  }
  return lines;
}

export function guardLines(result: GuardResult): string[] {
  return [
    ...result.blocked.map((finding) => `  ✖ ${finding.reason}`),
    ...result.allowed.map((finding) => `  ✔ allowed by --allow-replace: ${finding.address}`),
  ];
}
