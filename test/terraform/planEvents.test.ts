import { describe, expect, it } from 'vitest';
import { parseEventLines } from '../../src/terraform/parser.js';
import { needsPlanDocument, readPlanEvents } from '../../src/terraform/planEvents.js';
import { readPlan } from '../../src/terraform/planReader.js';
import { KNOWN_AFTER_APPLY, SENSITIVE } from '../../src/terraform/mask.js';
import { readFixture, readFixtureJson } from '../helpers/fakeTerraformHarness.js';

const events = (name: string) => parseEventLines(readFixture(name));
/** What the review and the guard read of a change. */
const shape = (summary: ReturnType<typeof readPlan>) => ({
  changes: summary.changes.filter((c) => c.action !== 'no-op').map((c) => [c.address, c.type, c.action, c.component, c.mode]),
  components: summary.components.map((c) => [c.component, c.counts]),
  totals: summary.totals,
  hasChanges: summary.hasChanges,
});

describe('readPlanEvents', () => {
  it('reads the same changes, grouping and counts from the plan events as from show -json', () => {
    const fromEvents = readPlanEvents(events('plan-create.jsonl'));
    const fromDocument = readPlan(readFixtureJson('show-plan-create.json'));
    expect(shape(fromEvents)).toEqual(shape(fromDocument));
    expect(fromEvents.totals.add).toBe(6);
    expect(fromEvents.terraformVersion).toBe('1.11.4');
    expect(fromEvents.errored).toBe(false);
  });

  it('agrees with show -json on the 100-resource plan, keyed addresses included', () => {
    const fromEvents = readPlanEvents(events('plan-hundred.jsonl'));
    expect(shape(fromEvents)).toEqual(shape(readPlan(readFixtureJson('show-plan-hundred.json'))));
    expect(fromEvents.changes.map((c) => c.address)).toContain('terraform_data.resource[42]');
  });

  it('keeps outputs masked or unknown: a plan event carries no value', () => {
    const summary = readPlanEvents(events('plan-data-create.jsonl'));
    expect(summary.outputs.length).toBeGreaterThan(0);
    for (const output of summary.outputs) expect(output.value).toBe(output.sensitive ? SENSITIVE : KNOWN_AFTER_APPLY);
  });

  it('translates the stream’s short reasons into the plan reader’s words', () => {
    const summary = readPlanEvents(events('plan-replace.jsonl'));
    const orphan = summary.changes.find((c) => c.address === 'aws_ecr_repository.orphan')!;
    expect(orphan.action).toBe('delete');
    expect(orphan.reasonText).toBe('it was removed from the configuration');
    const db = summary.changes.find((c) => c.address === 'aws_db_instance.db')!;
    expect(db.action).toBe('replace');
    expect(db.actionReason).toBe('replace_because_cannot_update');
  });

  it('reads a plan with no changes as nothing to apply', () => {
    const summary = readPlanEvents(events('plan-nochanges.jsonl'));
    expect(summary.hasChanges).toBe(false);
    expect(summary.components).toEqual([]);
  });
});

describe('needsPlanDocument', () => {
  it('asks for show -json only for replacements and destroys', () => {
    expect(needsPlanDocument(events('plan-create.jsonl'), false)).toBe(false);
    expect(needsPlanDocument(events('plan-replace.jsonl'), false)).toBe(true);
    expect(needsPlanDocument(events('plan-data-replace.jsonl'), false)).toBe(true);
    expect(needsPlanDocument(events('plan-destroy.jsonl'), true)).toBe(true);
  });

  it('and for a database update: when it applies, and whether it is a major upgrade, is in the attributes', () => {
    const update = (type: string) =>
      parseEventLines(
        JSON.stringify({
          '@level': 'info',
          '@message': `${type}.x: Plan to update`,
          type: 'planned_change',
          change: { resource: { addr: `${type}.x`, module: '', resource: `${type}.x`, implied_provider: 'aws', resource_type: type, resource_name: 'x', resource_key: null }, action: 'update' },
        }),
      );
    expect(needsPlanDocument(update('aws_db_instance'), false)).toBe(true);
    expect(needsPlanDocument(update('aws_ecs_service'), false)).toBe(false);
  });
});
