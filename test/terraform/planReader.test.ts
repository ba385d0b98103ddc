import { describe, expect, it } from 'vitest';
import { componentOf } from '../../src/terraform/components.js';
import { fillUnknown, KNOWN_AFTER_APPLY, maskMarked, SENSITIVE } from '../../src/terraform/mask.js';
import { actionOf, formatPath, PlanReadError, readPlan } from '../../src/terraform/planReader.js';
import { readFixture, readFixtureJson } from '../helpers/fakeTerraformHarness.js';

const counts = (add = 0, change = 0, replace = 0, destroy = 0) => ({ add, change, replace, destroy, import: 0, forget: 0, read: 0 });

describe('readPlan on show-plan-create.json (first apply of the demo stack)', () => {
  const plan = readPlan(readFixtureJson('show-plan-create.json'));

  it('reads the header', () => {
    expect(plan).toMatchObject({ formatVersion: '1.2', terraformVersion: '1.11.4', applyable: true, complete: true, errored: false, hasChanges: true });
  });

  it('lists every resource as a create, in address order', () => {
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
      ['aws_db_instance.db', 'create'],
      ['aws_db_subnet_group.db_subnets', 'create'],
      ['aws_ecs_cluster.cluster', 'create'],
      ['aws_subnet.private_a', 'create'],
      ['aws_subnet.private_b', 'create'],
      ['aws_vpc.vpc', 'create'],
    ]);
    expect(plan.totals).toEqual(counts(6));
  });

  it('groups by component in the wizard order with counts', () => {
    expect(plan.components.map((c) => [c.component, c.label, c.counts, c.changes.map((x) => x.address)])).toEqual([
      ['network', 'Network', counts(3), ['aws_subnet.private_a', 'aws_subnet.private_b', 'aws_vpc.vpc']],
      ['database', 'Database', counts(2), ['aws_db_instance.db', 'aws_db_subnet_group.db_subnets']],
      ['containers', 'Containers', counts(1), ['aws_ecs_cluster.cluster']],
    ]);
  });

  it('masks sensitive attributes and marks computed ones', () => {
    const db = plan.changes.find((c) => c.address === 'aws_db_instance.db');
    expect(db?.before).toBeNull();
    expect(db?.after).toMatchObject({
      engine: 'postgres',
      password: SENSITIVE, // after_sensitive.password = true, even though its value is null
      arn: KNOWN_AFTER_APPLY,
      endpoint: KNOWN_AFTER_APPLY,
    });
  });

  it('reads the output as known after apply', () => {
    expect(plan.outputs).toEqual([{ name: 'cluster_arn', action: 'create', sensitive: false, value: KNOWN_AFTER_APPLY }]);
  });
});

describe('readPlan on show-plan-replace.json (engine changed, orphan ECR repository)', () => {
  const plan = readPlan(readFixtureJson('show-plan-replace.json'));

  it('reads each action, including no-ops', () => {
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
      ['aws_db_instance.db', 'replace'],
      ['aws_db_subnet_group.db_subnets', 'update'],
      ['aws_ecr_repository.orphan', 'delete'],
      ['aws_ecs_cluster.cluster', 'no-op'],
      ['aws_subnet.private_a', 'no-op'],
      ['aws_subnet.private_b', 'no-op'],
      ['aws_vpc.vpc', 'no-op'],
    ]);
    expect(plan.totals).toEqual(counts(0, 1, 1, 1));
  });

  it('says what forces the replacement and why', () => {
    const db = plan.changes.find((c) => c.address === 'aws_db_instance.db');
    expect(db).toMatchObject({
      actions: ['delete', 'create'],
      replaceOrder: 'delete-first',
      actionReason: 'replace_because_cannot_update',
      reasonText: 'some changed attributes cannot be updated in place',
      replacePaths: ['engine'],
      component: 'database',
    });
    expect(db?.changedAttributes).toContain('engine');
    // Computed attributes ("known after apply") are not reported as changed.
    expect(db?.changedAttributes).not.toContain('arn');
    expect(db?.changedAttributes).not.toContain('endpoint');
    expect(db?.before).toMatchObject({ engine: 'mysql', password: SENSITIVE });
    expect(db?.after).toMatchObject({ engine: 'postgres', password: SENSITIVE });
  });

  it('reads the orphan delete reason', () => {
    const orphan = plan.changes.find((c) => c.address === 'aws_ecr_repository.orphan');
    expect(orphan).toMatchObject({
      action: 'delete',
      actionReason: 'delete_because_no_resource_config',
      reasonText: 'it was removed from the configuration',
      after: null,
      component: 'containers',
    });
  });

  it('groups only the parts that change, no-ops left out', () => {
    expect(plan.components.map((c) => [c.component, c.counts, c.changes.map((x) => x.address)])).toEqual([
      ['database', counts(0, 1, 1, 0), ['aws_db_instance.db', 'aws_db_subnet_group.db_subnets']],
      ['containers', counts(0, 0, 0, 1), ['aws_ecr_repository.orphan']],
    ]);
  });
});

describe('readPlan on show-plan-destroy.json (recorded by test/fixtures/terraform/record.sh)', () => {
  const plan = readPlan(readFixtureJson('show-plan-destroy.json'));

  it('deletes everything, counted per component', () => {
    expect(plan.changes.every((c) => c.action === 'delete')).toBe(true);
    expect(plan.totals).toEqual(counts(0, 0, 0, 7));
    expect(plan.components.map((c) => [c.component, c.counts.destroy])).toEqual([
      ['network', 3],
      ['database', 2],
      ['containers', 2],
    ]);
    expect(plan.outputs).toEqual([{ name: 'cluster_arn', action: 'delete', sensitive: false, value: null }]);
  });
});

describe('sensitive values never leave the plan reader', () => {
  // A real plan (terraform_data with a sensitive input and a sensitive output),
  // whose JSON holds the secret in clear text.
  const raw = readFixture('show-plan-data-create.json');
  const SECRET = 'hunter2-not-a-real-secret';

  it('the recording does contain the secret (otherwise this test proves nothing)', () => {
    expect(raw).toContain(SECRET);
  });

  it('the summary does not, anywhere', () => {
    const plan = readPlan(JSON.parse(raw));
    expect(JSON.stringify(plan)).not.toContain(SECRET);
    const secret = plan.changes.find((c) => c.address === 'terraform_data.secret');
    expect(secret?.after).toMatchObject({ input: SENSITIVE, output: KNOWN_AFTER_APPLY });
    const app = plan.changes.find((c) => c.address === 'terraform_data.app');
    expect(app?.after).toMatchObject({ input: 'v1', triggers_replace: ['v1'] });
    expect(plan.outputs).toEqual([
      { name: 'app_release', action: 'create', sensitive: false, value: KNOWN_AFTER_APPLY },
      { name: 'db_password', action: 'create', sensitive: true, value: SENSITIVE },
    ]);
    expect(plan.components.map((c) => c.component)).toEqual(['other']);
  });

  it('masks a known sensitive output value and sensitive before values', () => {
    const plan = readPlan({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_secretsmanager_secret_version.db',
          mode: 'managed',
          type: 'aws_secretsmanager_secret_version',
          name: 'db',
          change: {
            actions: ['update'],
            before: { secret_string: 'old-secret', version_stages: ['AWSCURRENT'] },
            after: { secret_string: 'new-secret', version_stages: ['AWSCURRENT'] },
            after_unknown: {},
            before_sensitive: { secret_string: true },
            after_sensitive: { secret_string: true },
          },
        },
      ],
      output_changes: {
        pw: { actions: ['update'], before: 'a', after: 'b', after_unknown: false, before_sensitive: true, after_sensitive: true },
      },
    });
    const text = JSON.stringify(plan);
    for (const secret of ['old-secret', 'new-secret', '"a"', '"b"']) expect(text).not.toContain(secret);
    expect(plan.changes[0]?.changedAttributes).toEqual(['secret_string']);
    expect(plan.components[0]?.component).toBe('database');
  });
});

describe('readPlan: drift and odd inputs', () => {
  it('reads resource_drift', () => {
    const plan = readPlan({
      format_version: '1.2',
      resource_drift: [
        {
          address: 'aws_ecs_service.app',
          mode: 'managed',
          type: 'aws_ecs_service',
          name: 'app',
          change: { actions: ['update'], before: { desired_count: 2 }, after: { desired_count: 5 } },
        },
        { address: 'aws_eip.nat', mode: 'managed', type: 'aws_eip', name: 'nat', change: { actions: ['delete'], before: { id: 'eipalloc-1' }, after: null } },
      ],
      resource_changes: [],
    });
    expect(plan.drift.map((d) => [d.address, d.action, d.component, d.changedAttributes])).toEqual([
      ['aws_ecs_service.app', 'update', 'containers', ['desired_count']],
      ['aws_eip.nat', 'delete', 'network', []],
    ]);
    expect(plan.hasChanges).toBe(false);
  });

  it('create-before-destroy replacements, imports, moves and data reads', () => {
    const plan = readPlan({
      format_version: '1.2',
      resource_changes: [
        { address: 'aws_lb.alb', previous_address: 'aws_lb.old', mode: 'managed', type: 'aws_lb', name: 'alb', change: { actions: ['create', 'delete'], before: {}, after: {} }, action_reason: 'replace_by_request' },
        { address: 'aws_ecr_repository.app', mode: 'managed', type: 'aws_ecr_repository', name: 'app', change: { actions: ['no-op'], before: {}, after: {}, importing: { id: 'app' } } },
        { address: 'data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', name: 'me', change: { actions: ['read'], before: null, after: {} } },
      ],
    });
    expect(plan.changes.map((c) => [c.address, c.action, c.replaceOrder, c.importing, c.previousAddress, c.mode])).toEqual([
      ['aws_ecr_repository.app', 'no-op', undefined, true, undefined, 'managed'],
      ['aws_lb.alb', 'replace', 'create-first', false, 'aws_lb.old', 'managed'],
      ['data.aws_caller_identity.me', 'read', undefined, false, undefined, 'data'],
    ]);
    expect(plan.totals).toMatchObject({ replace: 1, import: 1, read: 1 });
    expect(plan.changes[1]?.reasonText).toBe('a replacement was requested (-replace)');
  });

  it('rejects what is not a plan, with a message saying what to run', () => {
    expect(() => readPlan(null)).toThrow(PlanReadError);
    expect(() => readPlan([])).toThrow(/show -json/);
    expect(() => readPlan({ format_version: '2.0', resource_changes: [] })).toThrow(/Unsupported plan format "2.0"/);
    expect(() => readPlan({ format_version: '1.0', values: {} })).toThrow(/state, not a plan/);
  });

  it('skips malformed resource changes instead of failing the whole plan', () => {
    const plan = readPlan({ format_version: '1.2', resource_changes: [null, 3, { address: 'x.y' }, { address: 'aws_vpc.v', type: 'aws_vpc', name: 'v', change: { actions: ['create'] } }] });
    expect(plan.changes.map((c) => c.address)).toEqual(['aws_vpc.v']);
  });
});

describe('actionOf and formatPath', () => {
  it('maps Terraform action lists, erring towards destructive for unknown ones', () => {
    expect(actionOf(['no-op'])).toBe('no-op');
    expect(actionOf([])).toBe('no-op');
    expect(actionOf(['create'])).toBe('create');
    expect(actionOf(['read'])).toBe('read');
    expect(actionOf(['update'])).toBe('update');
    expect(actionOf(['delete'])).toBe('delete');
    expect(actionOf(['delete', 'create'])).toBe('replace');
    expect(actionOf(['create', 'delete'])).toBe('replace');
    expect(actionOf(['forget'])).toBe('forget');
    expect(actionOf(['delete', 'teleport'])).toBe('delete');
    expect(actionOf(['teleport'])).toBe('update');
  });

  it('formats replace paths', () => {
    expect(formatPath(['engine'])).toBe('engine');
    expect(formatPath(['ingress', 0, 'cidr_blocks'])).toBe('ingress[0].cidr_blocks');
    expect(formatPath(['tags', 'Name'])).toBe('tags.Name');
  });
});

describe('componentOf', () => {
  it.each([
    ['aws_vpc', '', 'network'],
    ['aws_subnet', 'public_a', 'network'],
    ['aws_nat_gateway', '', 'network'],
    ['aws_eip', 'nat', 'network'],
    ['aws_route', 'default', 'network'],
    ['aws_route_table_association', '', 'network'],
    ['aws_internet_gateway', '', 'network'],
    ['aws_route53_zone', 'main', 'network'],
    ['aws_route53_record', 'app', 'loadBalancer'], // not swallowed by the aws_route rule
    ['aws_db_instance', 'db', 'database'],
    ['aws_db_subnet_group', '', 'database'],
    ['aws_secretsmanager_secret', 'db', 'database'],
    ['aws_ecr_repository', 'app', 'containers'],
    ['aws_ecs_service', 'app', 'containers'],
    ['aws_cloudwatch_log_group', 'app', 'containers'],
    ['aws_iam_role', 'task_execution', 'containers'],
    ['aws_iam_role', 'codebuildRole', 'pipeline'],
    ['aws_lb', 'alb', 'loadBalancer'],
    ['aws_lb_listener', 'https', 'loadBalancer'],
    ['aws_lb_target_group', 'blue', 'loadBalancer'],
    ['aws_security_group', 'alb_sg', 'loadBalancer'],
    ['aws_security_group', 'albSecurityGroup', 'loadBalancer'],
    ['aws_security_group', 'db', 'database'],
    ['aws_security_group', 'service', 'containers'],
    ['aws_security_group', 'misc', 'network'],
    ['aws_vpc_security_group_ingress_rule', 'alb_https', 'loadBalancer'], // not swallowed by the aws_vpc rule
    ['aws_appautoscaling_target', '', 'scaling'],
    ['aws_appautoscaling_policy', 'cpu', 'scaling'],
    ['aws_cloudwatch_metric_alarm', 'high_cpu', 'scaling'],
    ['aws_codepipeline', '', 'pipeline'],
    ['aws_codebuild_project', '', 'pipeline'],
    ['aws_codestarconnections_connection', '', 'pipeline'],
    ['aws_s3_bucket', 'artifacts', 'pipeline'],
    ['aws_s3_bucket_versioning', 'artifacts', 'pipeline'],
    ['aws_s3_bucket', 'alb_logs', 'loadBalancer'],
    ['aws_s3_bucket_policy', 'alb_logs_policy', 'loadBalancer'],
    ['aws_cloudwatch_log_group', 'database_log_group_postgresql', 'database'],
    ['aws_cloudwatch_log_group', 'flow_logs', 'network'],
    ['aws_iam_role', 'flow_logs_role', 'network'],
    ['aws_flow_log', 'vpc', 'network'],
    ['aws_ssm_parameter', 'image_tag', 'containers'],
    ['terraform_data', 'x', 'other'],
    ['aws_kms_key', 'x', 'other'],
  ])('%s.%s → %s', (type, name, component) => {
    expect(componentOf(type, name)).toBe(component);
  });
});

describe('mask helpers', () => {
  it('maskMarked follows the shadow structure and masks everything on a malformed one', () => {
    expect(maskMarked({ a: 1, b: { c: 2, d: 3 }, e: [4, 5] }, { b: { d: true }, e: [false, true] })).toEqual({
      a: 1,
      b: { c: 2, d: SENSITIVE },
      e: [4, SENSITIVE],
    });
    expect(maskMarked('x', true)).toBe(SENSITIVE);
    expect(maskMarked('x', false)).toBe('x');
    expect(maskMarked('x', 'what')).toBe(SENSITIVE);
    expect(maskMarked('x', { a: true })).toBe(SENSITIVE);
    expect(maskMarked(null, { a: true })).toBeNull();
  });

  it('fillUnknown adds unknown keys and leaves empty shadows alone', () => {
    expect(fillUnknown({ a: 1 }, { b: true })).toEqual({ a: 1, b: KNOWN_AFTER_APPLY });
    expect(fillUnknown(null, [])).toBeNull();
    expect(fillUnknown(null, {})).toBeNull();
    expect(fillUnknown([1], [false, true])).toEqual([1, KNOWN_AFTER_APPLY]);
    expect(fillUnknown('v', false)).toBe('v');
  });
});
