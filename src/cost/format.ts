/**
 * Money and estimates as people read them: "$32.85", "$71.60-$89.34", a
 * table that fits 80 columns, and the JSON the `cost` command prints.
 */
import { COMPONENT_LABELS } from '../terraform/components.js';
import type { CostLine, Estimate, MonthlyRange } from './estimate.js';
// Type only: the price table loads with the estimate, never with these words (the wizard's first frame has neither).
import type { PriceTable } from './priceTable.js';

const cents = (value: number) => Math.round(value * 100) / 100;

export function formatUsd(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}$${Math.abs(cents(value)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "+$12.30", "-$4.00", "±$0.00". */
export function formatChange(value: number): string {
  const rounded = cents(value);
  if (rounded === 0) return '±$0.00';
  return rounded > 0 ? `+${formatUsd(rounded)}` : formatUsd(rounded);
}

export function formatRange(monthly: MonthlyRange): string {
  if (monthly === null) return 'unknown';
  const min = cents(monthly.min);
  const max = cents(monthly.max);
  return min === max ? formatUsd(min) : `${formatUsd(min)}-${formatUsd(max)}`;
}

export function formatChangeRange(change: { readonly min: number; readonly max: number }): string {
  const min = cents(change.min);
  const max = cents(change.max);
  return min === max ? formatChange(min) : `${formatChange(min)} to ${formatChange(max)}`;
}

/** "$71.60-$89.34/month", with the unknown lines named when there are some. */
export function totalText(estimate: Estimate): string {
  const total = `${formatRange(estimate.monthly)}/month`;
  if (estimate.unknown === 0) return total;
  return `${total} + ${estimate.unknown} unknown line${estimate.unknown === 1 ? '' : 's'}`;
}

/** A line's figure for the JSON event: a number when it does not depend on the task count. */
export function jsonMonthly(monthly: MonthlyRange): number | { min: number; max: number } | null {
  if (monthly === null) return null;
  const min = cents(monthly.min);
  const max = cents(monthly.max);
  return min === max ? min : { min, max };
}

/** The `cost --json` event, exactly as the README documents it. */
export function costEvent(environment: string, estimate: Estimate) {
  return {
    type: 'cost' as const,
    environment,
    currency: estimate.currency,
    priceDate: estimate.priceDate,
    monthly: { min: cents(estimate.monthly.min), max: cents(estimate.monthly.max) },
    lines: estimate.lines.map((line) => ({
      component: line.component,
      item: line.item,
      monthly: jsonMonthly(line.monthly),
      assumption: line.assumption,
    })),
  };
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

/**
 * The estimate as a terminal table within `columns` (80 by default): one row
 * per line under its component, the assumption wrapped beneath, the total last.
 */
export function costTable(environment: string, estimate: Estimate, columns = 80): string[] {
  const amountWidth = Math.max(9, ...estimate.lines.map((line) => formatRange(line.monthly).length));
  const itemWidth = columns - 2 - amountWidth - 1;
  const out: string[] = [`Monthly estimate for ${environment} in ${estimate.region} (USD, prices of ${estimate.priceDate})`];
  let component: CostLine['component'] | undefined;
  for (const line of estimate.lines) {
    if (line.component !== component) {
      component = line.component;
      out.push(COMPONENT_LABELS[component]);
    }
    const item = line.item.length > itemWidth ? `${line.item.slice(0, itemWidth - 1)}…` : line.item;
    out.push(`  ${item.padEnd(itemWidth)} ${formatRange(line.monthly).padStart(amountWidth)}`);
    for (const text of wrap(line.assumption, columns - 6)) out.push(`      ${text}`);
  }
  const rule = '─'.repeat(columns);
  out.push(rule);
  const total = formatRange(estimate.monthly);
  const label = estimate.unknown ? `Total of the known lines (${estimate.unknown} unknown)` : 'Total, minimum to maximum tasks';
  out.push(`  ${label.padEnd(columns - 3 - total.length)} ${total}`);
  if (estimate.unknown) {
    out.push(...wrap(`"unknown": the price table has no price for ${estimate.region} there; it says so rather than guess.`, columns));
  }
  return out;
}

/**
 * The prices of the estimate that come from another source than the offer
 * files (a stored page that states them), each with that source's host and
 * date: "RDS storage … : blog.example.com, undated, read 2026-12-01".
 */
export function otherSources(estimate: Estimate, prices: PriceTable): string[] {
  const ids = [...new Set(estimate.lines.filter((line) => line.monthly !== null).flatMap((line) => line.prices ?? []))];
  return ids.flatMap((id) => {
    const found = prices.prices[id]?.found?.[estimate.region];
    if (!found) return [];
    const host = /^https?:\/\/([^/]+)/.exec(found.page)?.[1] ?? found.page;
    return [`${prices.prices[id]!.description}: ${host}, ${found.published ?? 'undated'}, read ${found.read}`];
  });
}

/**
 * What `ecs-wizard cost` prints: the table, then where its assumptions and
 * prices come from (with `prices`, the ones found outside the offer files).
 */
export function costReport(environment: string, estimate: Estimate, prices?: PriceTable, columns = 80): string {
  const others = prices ? otherSources(estimate, prices) : [];
  return [
    ...costTable(environment, estimate, columns),
    ...(others.length
      ? [`Prices found in other sources for ${estimate.region} (addresses in src/cost/prices.json):`, ...others.flatMap((line) => wrap(`- ${line}`, columns - 2).map((text, index) => (index ? `  ${text}` : text)))]
      : []),
    `Usage assumptions: environments.${environment}.usage in ecs-wizard.json (see the README). Prices: ${estimate.priceDate}, on-demand, before tax.`,
    '',
  ].join('\n');
}
