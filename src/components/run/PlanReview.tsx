/**
 * The plan, as a person approves it: counts per part of the stack, then every
 * replacement and deletion with why Terraform does it and which attribute
 * forces it (those holding data marked), then drift. Built as a list of
 * one-row lines so the screen can give it an exact number of rows.
 */
import { Box, Text } from 'ink';
import { COMPONENT_LABELS } from '../../terraform/components.js';
import { isStatefulType } from '../../terraform/guard.js';
import type { PlanSummary, ResourceChangeSummary } from '../../terraform/planReader.js';
import type { PlanCost } from '../../cost/planCost.js';
import { planCostLine } from '../../tasks/planText.js';
import { wrapWords } from '../Paragraph.js';
import { theme, type Role } from '../theme.js';
import { actionLabel } from './format.js';

interface Segment {
  readonly text: string;
  readonly role?: Role;
  readonly bold?: boolean;
}
type Line = readonly Segment[];

const COLUMNS = [
  ['add', 5],
  ['change', 8],
  ['replace', 9],
  ['destroy', 8],
] as const;
const LABEL_WIDTH = 16;

function headline(summary: PlanSummary, environment: string, destroy: boolean): Line {
  const verb = destroy ? 'Destroy plan' : 'Plan';
  if (!summary.hasChanges) return [{ text: `${verb} for ${environment}: no changes. The environment matches ecs-wizard.json.`, bold: true }];
  const t = summary.totals;
  const counts = destroy ? `${t.destroy} to destroy` : `${t.add} to add, ${t.change} to change, ${t.replace} to replace, ${t.destroy} to destroy`;
  return [{ text: `${verb} for ${environment}: `, bold: true }, { text: counts, bold: true }];
}

function table(summary: PlanSummary): Line[] {
  if (!summary.hasChanges || summary.components.length === 0) return [];
  const header: Line = [{ text: `  ${'component'.padEnd(LABEL_WIDTH)}${COLUMNS.map(([name, width]) => name.padStart(width)).join('')}`, role: 'muted' }];
  const rows = summary.components.map((component): Line => [
    { text: `  ${component.label.padEnd(LABEL_WIDTH)}` },
    ...COLUMNS.map(([name, width]): Segment => {
      const value = component.counts[name];
      const role: Role | undefined = value === 0 ? 'muted' : name === 'destroy' ? 'error' : name === 'replace' ? 'warning' : undefined;
      return { text: String(value).padStart(width), ...(role ? { role } : {}) };
    }),
  ]);
  return [header, ...rows];
}

/** Why, in words: Terraform's reason and the attributes that force a replacement. */
function because(change: ResourceChangeSummary): string | undefined {
  const parts = [
    ...(change.reasonText ? [change.reasonText] : []),
    ...(change.replacePaths.length ? [`forced by ${change.replacePaths.join(', ')}`] : []),
    ...(change.replaceOrder === 'create-first' ? ['the new one is created before the old one is deleted'] : []),
  ];
  return parts.length ? parts.join('; ') : undefined;
}

/** One entry per replacement or deletion; a destroy plan lists only the data it loses. */
function risks(summary: PlanSummary, destroy: boolean, columns: number): Line[][] {
  const risky = summary.changes.filter(
    (change) => (change.action === 'replace' || change.action === 'delete') && (!destroy || isStatefulType(change.type)),
  );
  return risky.map((change) => {
    const data = isStatefulType(change.type);
    const title: Line = [
      { text: `${actionLabel(change.action)} ${change.address}`, role: change.action === 'delete' ? 'error' : 'warning', bold: true },
      { text: ` · ${COMPONENT_LABELS[change.component]}`, role: 'muted' },
      ...(data ? [{ text: ' · holds data', role: 'error' as Role }] : []),
    ];
    const why = because(change);
    const reason = why ? wrapWords(why, columns - 4).map((text): Line => [{ text: `    ${text}`, role: 'muted' }]) : [];
    return [title, ...reason];
  });
}

/** Risks and notes that are not data loss: when a database change applies, a major upgrade. */
function notices(summary: PlanSummary, columns: number): Line[][] {
  return summary.notices.map((notice) => {
    const risk = notice.level === 'risk';
    const title: Line = [{ text: `${risk ? '⚠ risk' : 'note'}: ${notice.address}`, role: risk ? 'warning' : 'muted', bold: risk }];
    return [title, ...wrapWords(notice.message, columns - 4).map((text): Line => [{ text: `    ${text}`, role: risk ? 'warning' : 'muted' }])];
  });
}

/** What the plan means for the app's users (a domain arriving, a service replaced without downtime). */
function notes(summary: PlanSummary, columns: number): Line[][] {
  return (summary.notes ?? []).map((note) =>
    wrapWords(note, columns - 4).map((text, index): Line => [{ text: `${index === 0 ? '  ℹ ' : '    '}${text}`, role: 'accent' }]),
  );
}

function drift(summary: PlanSummary): Line[][] {
  if (!summary.drift.length) return [];
  return [
    [[{ text: `~ Changed outside Terraform since the last apply (${summary.drift.length}):`, role: 'changed' }]],
    ...summary.drift.map((change): Line[] => [[{ text: `    ~ ${change.address} (${change.action})`, role: 'changed' }]]),
  ];
}

export interface PlanReviewProps {
  readonly summary: PlanSummary;
  readonly environment: string;
  readonly destroy?: boolean;
  readonly columns: number;
  /** Rows it may take; the list of risks is cut with a count of what is left. */
  readonly maxLines?: number;
  /** The monthly change the plan makes, shown under the counts. */
  readonly cost?: PlanCost;
}

/** The lines the review shows, cut to `maxLines`: headline and counts first, then risks, then drift. */
export function planReviewLines({ summary, environment, destroy = false, columns, maxLines = Infinity, cost }: PlanReviewProps): Line[] {
  const fixed: Line[] = [headline(summary, environment, destroy), ...table(summary), ...(cost ? [[{ text: planCostLine(cost) }]] : [])];
  const entries = [...notes(summary, columns), ...risks(summary, destroy, columns), ...notices(summary, columns), ...drift(summary)];
  const lines = [...fixed];
  let room = Math.max(maxLines, fixed.length + 1) - fixed.length;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    const rest = entries.length - index;
    // Keep one row to say how many entries did not fit.
    if (entry.length > room - (rest > 1 ? 1 : 0)) {
      lines.push([{ text: `  … and ${rest} more: the full plan is in the log file`, role: 'muted' }]);
      return lines;
    }
    lines.push(...entry);
    room -= entry.length;
  }
  return lines;
}

export function PlanReview(props: PlanReviewProps) {
  const lines = planReviewLines(props);
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line.map((segment, at) => (
            <Text key={at} bold={segment.bold ?? false} color={segment.role ? theme.color(segment.role) : undefined}>
              {segment.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
