/**
 * The wizard's cost lines: each step says what its choices cost a month and
 * the stack's total with the answers so far; Review says the total and the
 * change against the saved file. Figures by hand from the price table
 * (us-east-1), the same ones `ecs-wizard cost` prints.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, presetConfig } from '../../src/config/index.js';
import { stepCostLines } from '../../src/wizard/cost.js';
import type { WizardContext } from '../../src/wizard/types.js';
import { DEFAULTS, run, start } from '../helpers/wizard.js';

const US: WizardContext = { mode: 'new', defaults: { ...DEFAULTS, region: 'us-east-1' } };
const HOURS = 730;
const stack = (min: number, max: number) => `stack $${min.toFixed(2)}-$${max.toFixed(2)}/month`;
// The starter preset in us-east-1, as test/cost/estimate.test.ts pins it.
const STARTER = { min: 91.6471, max: 100.6571 };

describe('each step: what its choices cost, and the running total', () => {
  it('network: one shared NAT, then a NAT per zone', () => {
    const state = start(US);
    const shared = 32.85 + 20 * 0.045 + 3 * HOURS * 0.005;
    expect(stepCostLines('network', state.answers, US)).toEqual([`One shared NAT: +$${shared.toFixed(2)}/month · ${stack(STARTER.min, STARTER.max)}`]);
    const perAz = run(state, { type: 'set', field: 'env.network.natGateways', value: 'perAz' });
    const zonal = 2 * 32.85 + 20 * 0.045 + 4 * HOURS * 0.005;
    expect(zonal).toBeCloseTo(81.2, 6);
    expect(stepCostLines('network', perAz.answers, US)).toEqual([
      `NAT per zone: +$81.20/month · ${stack(STARTER.min + zonal - shared, STARTER.max + zonal - shared)}`,
    ]);
  });

  it('database: the class and deployment priced, multi-AZ at twice the rate', () => {
    const state = run(start(US), { type: 'set', field: 'env.database.multiAz', value: true });
    // Two secrets: the one RDS keeps and the app's own database password.
    const single = HOURS * 0.016 + 20 * 0.115 + 0.8;
    const multi = HOURS * 0.032 + 20 * 0.23 + 0.8;
    expect(stepCostLines('database', state.answers, US)).toEqual([
      `db.t4g.micro multi-AZ: +$${multi.toFixed(2)}/month · ${stack(STARTER.min + multi - single, STARTER.max + multi - single)}`,
    ]);
  });

  it('container: per task; scaling: from the minimum to the maximum count', () => {
    const state = start(US);
    const task = HOURS * (0.25 * 0.04048 + 0.5 * 0.004445);
    expect(stepCostLines('container', state.answers, US)[0]).toBe(`Task size: +$${task.toFixed(2)}/month a task · ${stack(STARTER.min, STARTER.max)}`);
    const wider = run(state, { type: 'set', field: 'env.service.maxCount', value: '4' });
    expect(stepCostLines('scaling', wider.answers, US)[0]).toBe(
      // Two alarms: cpu-high and cpu-low.
      `1-4 tasks: +$${(task + 0.2).toFixed(2)}-$${(4 * task + 0.2).toFixed(2)}/month · ${stack(STARTER.min, STARTER.max + 2 * task)}`,
    );
  });

  it('a region whose prices are unknown says so instead of a figure', () => {
    const state = start({ mode: 'new', defaults: DEFAULTS }); // eu-west-1
    expect(stepCostLines('database', state.answers, US)[0]).toMatch(/^db\.t4g\.micro single-AZ: \+\$3\.34\/month and unknown · stack \$[\d.]+-\$[\d.]+\/month \+ 3 unknown$/);
  });

  it('waits for the answers that set the price; others (a GitHub owner not typed yet) do not hide it', () => {
    const noOwner = run(start(US), { type: 'set', field: 'env.pipeline.owner', value: '' }, { type: 'set', field: 'app.name', value: '' });
    expect(stepCostLines('network', noOwner.answers, US)[0]).toMatch(/^One shared NAT: \+\$44\.70\/month/);
    const typing = run(start(US), { type: 'set', field: 'env.service.maxCount', value: '3a' });
    expect(stepCostLines('scaling', typing.answers, US)).toEqual(['Cost: shown once the answers that set it are valid.']);
  });

  it('every line fits 80 columns', () => {
    const state = run(start(US), { type: 'set', field: 'env.network.natGateways', value: 'perAz' });
    for (const step of ['project', 'region', 'zones', 'network', 'database', 'container', 'scaling', 'pipeline', 'review'] as const) {
      for (const line of stepCostLines(step, state.answers, US)) expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });
});

describe('review: the total and the change against the saved file', () => {
  const saved = () => {
    const parsed = parseConfig(presetConfig('starter', { appName: 'shop', environment: 'production', region: 'us-east-1', github: { owner: 'acme', repo: 'shop' } }));
    if (!parsed.ok) throw new Error('fixture');
    return parsed.config;
  };

  it('a new project: the whole estimate', () => {
    expect(stepCostLines('review', start(US).answers, US)).toEqual([`$${STARTER.min.toFixed(2)}-$${STARTER.max.toFixed(2)}/month, minimum to maximum tasks`]);
  });

  it('modifying: the change a new database class makes, and the total', () => {
    const context: WizardContext = { mode: 'modify', defaults: DEFAULTS, existing: saved(), environment: 'production' };
    const unchanged = start(context);
    expect(stepCostLines('review', unchanged.answers, context)[0]).toMatch(/^±\$0\.00\/month; \$91\.65-\$100\.66\/month in all$/);
    const bigger = run(unchanged, { type: 'set', field: 'env.database.instanceClass', value: 'db.t4g.small' });
    const change = HOURS * (0.032 - 0.016);
    expect(stepCostLines('review', bigger.answers, context)).toEqual([
      `+$${change.toFixed(2)}/month; $${(STARTER.min + change).toFixed(2)}-$${(STARTER.max + change).toFixed(2)}/month in all`,
    ]);
  });
});
