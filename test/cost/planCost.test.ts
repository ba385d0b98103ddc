/**
 * The monthly change a plan makes: the whole estimate for a first plan, the
 * price difference for a changed database class (read from show -json's
 * `before`), minus everything for a destroy, nothing for no changes, and
 * when the events alone are not enough to know.
 */
import { describe, expect, it } from 'vitest';
import { parseEventLines } from '../../src/terraform/parser.js';
import { readPlanEvents } from '../../src/terraform/planEvents.js';
import { readPlan, type PlanSummary } from '../../src/terraform/planReader.js';
import { estimateCost } from '../../src/cost/estimate.js';
import { factsFromResources } from '../../src/cost/facts.js';
import { needsAttributeDetail, planCost } from '../../src/cost/planCost.js';
import { PRICE_TABLE } from '../../src/cost/priceTable.js';
import { stackResources, type ResourceRecord } from '../../src/cost/resources.js';
import { planCostLine } from '../../src/tasks/planText.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';
import { presetFixture, synthStack } from '../helpers/infraSynth.js';

const config = presetFixture('starter', () => {}, 'us-east-1');
const stackJson = JSON.stringify(synthStack(config));
const stack = stackResources(stackJson);
const full = estimateCost({ facts: factsFromResources(stack), region: 'us-east-1', prices: PRICE_TABLE });

/** Terraform's `plan -json` line for one planned change. */
function plannedChange(record: Pick<ResourceRecord, 'type' | 'name'>, action: string): string {
  const addr = `${record.type}.${record.name}`;
  return JSON.stringify({
    '@level': 'info',
    '@message': `${addr}: Plan to ${action}`,
    '@module': 'terraform.ui',
    type: 'planned_change',
    change: { resource: { addr, module: '', resource: addr, implied_provider: 'aws', resource_type: record.type, resource_name: record.name, resource_key: null }, action },
  });
}
const eventsOf = (lines: string[]) => parseEventLines(`${lines.join('\n')}\n`);

/** A show -json document whose every resource exists before, as given. */
function document(before: (record: ResourceRecord) => Record<string, unknown>, actions: (record: ResourceRecord) => string[] = () => ['no-op']): PlanSummary {
  return readPlan({
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: stack.map((record) => ({
      address: record.address,
      mode: 'managed',
      type: record.type,
      name: record.name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: actions(record), before: before(record), after: record.values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
    })),
    applyable: true,
    complete: true,
    errored: false,
  });
}

describe('the monthly change of a plan', () => {
  it('a first plan creates everything: the change is the whole estimate', () => {
    const summary = readPlanEvents(eventsOf(stack.map((record) => plannedChange(record, 'create'))));
    const cost = planCost({ summary, stackJson, destroy: false, region: 'us-east-1' });
    expect(cost.min).toBeCloseTo(full.monthly.min, 6);
    expect(cost.max).toBeCloseTo(full.monthly.max, 6);
    expect(cost.unknown).toEqual([]);
    expect(planCostLine(cost)).toBe('  Monthly cost: +$91.65 to +$100.66 (after it: $91.65-$100.66/month)');
  });

  it('a plan of no changes changes nothing', () => {
    const cost = planCost({ summary: readPlanEvents([]), stackJson, destroy: false, region: 'us-east-1' });
    expect([cost.min, cost.max]).toEqual([0, 0]);
    expect(planCostLine(cost)).toContain('Monthly cost: ±$0.00');
  });

  it('a database class changed in place: the difference of the two hourly prices, read from show -json', () => {
    const summary = document(
      (record) => (record.type === 'aws_db_instance' ? { ...record.values, instance_class: 'db.t4g.small' } : record.values),
      (record) => (record.type === 'aws_db_instance' ? ['update'] : ['no-op']),
    );
    const cost = planCost({ summary, stackJson, destroy: false, region: 'us-east-1' });
    expect(cost.min).toBeCloseTo((0.016 - 0.032) * 730, 6);
    expect(cost.max).toBeCloseTo(cost.min, 9);
    expect(planCostLine(cost)).toMatch(/^ {2}Monthly cost: -\$11\.68 \(after it: /);
  });

  it('a scaling limit raised: only the maximum changes', () => {
    const summary = document((record) => (record.type === 'aws_appautoscaling_target' ? { ...record.values, max_capacity: 4 } : record.values));
    const cost = planCost({ summary, stackJson, destroy: false, region: 'us-east-1' });
    const task = 730 * (0.25 * 0.04048 + 0.5 * 0.004445);
    expect(cost.min).toBeCloseTo(0, 9);
    expect(cost.max).toBeCloseTo(-2 * task, 6); // before allowed 4 tasks, the stack allows 2
  });

  it('a destroy takes away what exists, read from the plan’s before objects', () => {
    const summary = readPlan(readFixtureJson('show-plan-destroy.json'));
    const cost = planCost({ summary, stackJson, destroy: true, region: 'us-east-1' });
    // The recorded destroy: a MySQL db.t4g.micro with 20 GB gp2 storage and its managed secret, an ECR repository.
    const expected = -(730 * 0.016 + 20 * 0.115 + 0.4 + 5 * 0.1);
    expect(cost.min).toBeCloseTo(expected, 6);
    expect(cost.after.lines).toEqual([]);
  });

  it('in a region whose price is unknown, a changed database class is an unknown change, not a guess', () => {
    const summary = document(
      (record) => (record.type === 'aws_db_instance' ? { ...record.values, instance_class: 'db.t4g.small' } : record.values),
      (record) => (record.type === 'aws_db_instance' ? ['update'] : ['no-op']),
    );
    const cost = planCost({ summary, stackJson, destroy: false, region: 'eu-west-1' });
    expect(cost.unknown).toEqual(['RDS PostgreSQL db.t4g.micro, single-AZ']);
    expect(cost.min).toBeCloseTo(0, 9);
    expect(planCostLine(cost)).toContain('and unknown for RDS PostgreSQL db.t4g.micro, single-AZ');
  });
});

describe('needsAttributeDetail', () => {
  it('asks for show -json when a priced resource whose price reads attributes is updated or deleted', () => {
    const db = { type: 'aws_db_instance', name: 'database' };
    expect(needsAttributeDetail(eventsOf([plannedChange(db, 'update')]))).toBe(true);
    expect(needsAttributeDetail(eventsOf([plannedChange({ type: 'aws_appautoscaling_target', name: 't' }, 'update')]))).toBe(true);
    expect(needsAttributeDetail(eventsOf([plannedChange(db, 'create')]))).toBe(false);
    expect(needsAttributeDetail(eventsOf([plannedChange({ type: 'aws_eip', name: 'nat' }, 'delete')]))).toBe(false);
    expect(needsAttributeDetail(eventsOf([plannedChange({ type: 'aws_iam_role', name: 'task_role' }, 'update')]))).toBe(false);
  });
});
