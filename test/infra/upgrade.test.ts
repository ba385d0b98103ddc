/**
 * A project made before the day-2 stack keeps its data when it upgrades.
 *
 * test/fixtures/upgrade/before-day2.json was recorded by the code at 8e0b6fd
 * (the commit before day 2): for each preset, the ecs-wizard.json it wrote and
 * the stateful resources of the stack it synthesized (database, repository,
 * bucket, log groups). RDS cannot rename a master user (`username` forces a
 * new instance), and a changed name of any of the others replaces it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfigText, presetConfig } from '../../src/config/index.js';
import { REPO_ROOT } from '../helpers/fakeTerraformHarness.js';
import { resource, synthStack } from '../helpers/infraSynth.js';

const recorded = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'upgrade', 'before-day2.json'), 'utf8')) as Record<
  'starter' | 'production',
  { file: unknown; resource: Record<string, Record<string, Record<string, unknown>>> }
>;

/** aws_db_instance arguments the day-2 stack added that the provider updates in place. */
const UPDATED_IN_PLACE = ['allow_major_version_upgrade', 'apply_immediately', 'enabled_cloudwatch_logs_exports', 'depends_on'];

describe.each(['starter', 'production'] as const)('upgrading a %s project made before day 2', (preset) => {
  const loaded = parseConfigText(JSON.stringify(recorded[preset].file));
  if (!loaded.ok) throw new Error(`the recorded file does not load: ${JSON.stringify(loaded.problems)}`);
  const stack = synthStack(loaded.config);

  test('the database keeps its master user, so nothing forces a new instance', () => {
    const before = recorded[preset].resource['aws_db_instance']!['database']!;
    const after = resource(stack, 'aws_db_instance', 'database');
    expect(after['username']).toBe('app');
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    expect(changed.filter((key) => !UPDATED_IN_PLACE.includes(key))).toEqual([]);
  });

  test('every stateful resource keeps its address and its name', () => {
    for (const [type, byName] of Object.entries(recorded[preset].resource)) {
      for (const [name, before] of Object.entries(byName)) {
        const after = resource(stack, type, name);
        for (const key of ['name', 'bucket', 'identifier']) expect(after[key], `${type}.${name}.${key}`).toEqual(before[key]);
      }
    }
  });

  test("the app's own user is another user than the master it kept", () => {
    const migrate = JSON.parse(resource(stack, 'aws_ecs_task_definition', 'migrate')['container_definitions'] as string) as Array<{
      name: string;
      environment?: Array<{ name: string; value: string }>;
    }>;
    const setup = Object.fromEntries(migrate.find((container) => container.name === 'setup')!.environment!.map((v) => [v.name, v.value]));
    expect(setup['DATABASE_MASTER_USER']).toBe('app');
    expect(setup['DATABASE_USER']).toBe('app_user');
    const web = JSON.parse(resource(stack, 'aws_ecs_task_definition', 'web')['container_definitions'] as string) as Array<{ environment?: Array<{ name: string; value: string }> }>;
    expect(web[0]!.environment).toContainEqual({ name: 'DATABASE_USER', value: 'app_user' });
  });
});

describe('a new project', () => {
  test.each(['starter', 'production'] as const)('%s: its database gets the new master user dbadmin, written in the file', (preset) => {
    const input = presetConfig(preset, { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
    expect(input.environments['production']!.database).toMatchObject({ masterUsername: 'dbadmin' });
    const loaded = parseConfigText(JSON.stringify(input));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const stack = synthStack(loaded.config);
    expect(resource(stack, 'aws_db_instance', 'database')['username']).toBe('dbadmin');
    const web = JSON.parse(resource(stack, 'aws_ecs_task_definition', 'web')['container_definitions'] as string) as Array<{ environment?: Array<{ name: string; value: string }> }>;
    expect(web[0]!.environment).toContainEqual({ name: 'DATABASE_USER', value: 'app' });
  });
});
