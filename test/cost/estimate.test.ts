/**
 * The estimate of each preset, pinned against figures computed by hand from
 * the price table (us-east-1, the default usage), and the rules around it:
 * usage settings change the lines that name them, a region with unknown
 * prices says "unknown" for those lines and leaves them out of the total.
 */
import { describe, expect, it } from 'vitest';
import { factsFromConfig } from '../../src/cost/facts.js';
import { estimateCost, type Estimate } from '../../src/cost/estimate.js';
import { costEvent, costReport, costTable, formatRange } from '../../src/cost/format.js';
import { PRICE_TABLE } from '../../src/cost/priceTable.js';
import { ENV, presetFixture } from '../helpers/infraSynth.js';
import type { Config } from '../../src/config/index.js';

const HOURS = 730;
const estimate = (config: Config, region = config.environments[ENV]!.region): Estimate =>
  estimateCost({ facts: factsFromConfig(config, ENV), region, usage: config.environments[ENV]!.usage, prices: PRICE_TABLE });
const line = (e: Estimate, key: string) => {
  const found = e.lines.find((entry) => entry.key === key);
  if (!found) throw new Error(`no line ${key}: ${e.lines.map((entry) => entry.key).join(', ')}`);
  return found;
};

describe('the estimate of each preset in us-east-1, by hand from the table', () => {
  it('starter: one NAT, three public IPv4 addresses, 1-2 small tasks, db.t4g.micro single-AZ', () => {
    const e = estimate(presetFixture('starter', () => {}, 'us-east-1'));
    const hand = {
      nat: HOURS * 0.045 + 20 * 0.045,
      ipv4: 3 * HOURS * 0.005, // one NAT address, one load balancer address in each of 2 zones
      alb: HOURS * 0.0225 + 10 * 0.008 + 10 * 0.09,
      task: 0.25 * HOURS * 0.04048 + 0.5 * HOURS * 0.004445,
      // Two alarms (cpu-high, cpu-low); the app's own database secret beside RDS's.
      other: 5 * 0.1 + 5 * 0.5 + 5 * (14 / (365 / 12)) * 0.03 + 0.1 + 0.4,
      db: HOURS * 0.016 + 20 * 0.115 + 0.4,
      // Two CodeBuild projects: the build and the Start step.
      pipeline: 0.1 + 30 * (1 + 5 + 10) * 0.002 + 2 * 30 * 5 * 0.005 + 0.023,
    };
    const min = hand.nat + hand.ipv4 + hand.alb + hand.task + hand.other + hand.db + hand.pipeline;
    expect(e.monthly.min).toBeCloseTo(min, 6);
    expect(e.monthly.max).toBeCloseTo(min + hand.task, 6);
    expect(e.monthly.min).toBeCloseTo(91.6471, 3);
    expect(e.monthly.max).toBeCloseTo(100.6571, 3);
    expect(e.unknown).toBe(0);
    expect(line(e, 'natGateway.hours').monthly).toEqual({ min: 32.85, max: 32.85 });
    expect(formatRange(line(e, 'fargate.vcpu').monthly)).toBe('$7.39-$14.78');
  });

  it('production: three NATs, six addresses, 2-10 tasks, multi-AZ db.t4g.medium, Container Insights', () => {
    const e = estimate(presetFixture('production', () => {}, 'us-east-1'));
    const task = 0.5 * HOURS * 0.04048 + 1 * HOURS * 0.004445;
    const min =
      3 * HOURS * 0.045 + 20 * 0.045 +
      6 * HOURS * 0.005 +
      HOURS * 0.0225 + 10 * 0.008 + 10 * 0.09 +
      2 * task +
      5 * 0.1 + 5 * 0.5 + 5 * (90 / (365 / 12)) * 0.03 + 30 * 0.3 +
      HOURS * 0.13 + 50 * 0.23 + 0.4 +
      0.1 + 30 * 16 * 0.002 + 150 * 0.005 + 0.023 +
      // The day-2 additions: cpu-low, the app's database secret, the Start
      // step's CodeBuild project, flow logs, the access log bucket.
      0.1 + 0.4 + 150 * 0.005 + 5 * 0.5 + 0.023;
    expect(e.monthly.min).toBeCloseTo(min, 6);
    expect(e.monthly.max).toBeCloseTo(min + 8 * task, 6);
    expect(e.monthly.min).toBeCloseTo(299.6449, 3);
    expect(e.monthly.max).toBeCloseTo(443.8053, 3);
    expect(line(e, 'rds.instance').item).toBe('RDS PostgreSQL db.t4g.medium, multi-AZ (primary and standby)');
    expect(line(e, 'rds.storage').monthly).toEqual({ min: 50 * 0.23, max: 50 * 0.23 });
  });
});

describe('usage assumptions', () => {
  it('change the lines that name them, and nothing else', () => {
    const base = estimate(presetFixture('starter', () => {}, 'us-east-1'));
    const busy = estimate(
      presetFixture('starter', (_, env) => {
        env.usage = { natGb: 1000, hours: 730, backupGb: 50 };
      }, 'us-east-1'),
    );
    expect(line(busy, 'natGateway.data').monthly!.min).toBeCloseTo(1000 * 0.045, 6);
    expect(line(busy, 'natGateway.data').assumption).toContain('1000 GB a month through the NAT gateways (usage.natGb)');
    expect(line(busy, 'rds.backup').monthly!.min).toBeCloseTo((50 - 20) * 0.095, 6);
    const changed = busy.lines.filter((entry, index) => JSON.stringify(entry.monthly) !== JSON.stringify(base.lines[index]!.monthly)).map((entry) => entry.key);
    expect(changed).toEqual(['natGateway.data', 'rds.backup']);
  });

  it('a high-resolution alarm period costs the high-resolution rate', () => {
    const e = estimate(presetFixture('starter', (_, env) => { env.service = { ...env.service, periodSeconds: 30 }; }, 'us-east-1'));
    // Both alarms, cpu-high and cpu-low.
    expect(line(e, 'alarms').monthly).toEqual({ min: 0.6, max: 0.6 });
  });
});

describe('a region whose prices the table does not know', () => {
  it('says "unknown" for those lines and totals only the known ones', () => {
    const e = estimate(presetFixture('starter'), 'eu-west-1');
    const unknown = e.lines.filter((entry) => entry.monthly === null).map((entry) => entry.key);
    expect(unknown).toEqual(['rds.instance', 'codeBuild.0', 'codeBuild.1']);
    expect(e.unknown).toBe(3);
    // No backup beyond the free amount: nothing to price, so $0 though the price is not known there.
    expect(line(e, 'rds.backup').monthly).toEqual({ min: 0, max: 0 });
    expect(line(estimate(presetFixture('starter', (_, env) => void (env.usage = { backupGb: 30 })), 'eu-west-1'), 'rds.backup').monthly).toBeNull();
    // eu-west-1's RDS storage price was found on a stored page (src/cost/prices.json "found"): 20 GB × $0.127.
    expect(line(e, 'rds.storage').monthly!.min).toBeCloseTo(20 * 0.127, 9);
    expect(costReport(ENV, e, PRICE_TABLE).replace(/\s+/g, ' ')).toContain('RDS General Purpose (gp3) storage, Single-AZ, per GB-month: blog.thebescloud.com, undated, read 2026-12-01');
    expect(line(e, 'natGateway.hours').monthly!.min).toBeCloseTo(730 * 0.048, 6);
    const table = costTable(ENV, e).join('\n');
    expect(table).toMatch(/RDS PostgreSQL db\.t4g\.micro, single-AZ\s+unknown/);
    expect(table).toContain('Total of the known lines (3 unknown)');
    expect(costEvent(ENV, e).lines.find((entry) => entry.item.startsWith('RDS PostgreSQL'))!.monthly).toBeNull();
  });
});

describe('the cost table', () => {
  it('fits 80 columns', () => {
    for (const preset of ['starter', 'production'] as const) {
      for (const row of costTable(ENV, estimate(presetFixture(preset, () => {}, 'us-east-1')))) expect(row.length, row).toBeLessThanOrEqual(80);
    }
  });
});
