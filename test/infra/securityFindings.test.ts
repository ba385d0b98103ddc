import { describe, expect, test } from 'vitest';
import { NO_RESOURCE_TYPE, securityFindings, STARTER_TRADE_OFFS, UNSCOPED_BY_CHOICE, type PlanJson } from '../helpers/securityFindings.js';

/** A plan in the shape of `terraform show -json`, built resource by resource. */
function plan(resources: Array<{ address: string; after: Record<string, unknown>; unknown?: Record<string, unknown>; expressions?: Record<string, unknown> }>): PlanJson {
  return {
    resource_changes: resources.map(({ address, after, unknown }) => ({
      address,
      type: address.split('.')[0]!,
      change: { actions: ['create'], after, after_unknown: unknown ?? {} },
    })),
    configuration: {
      root_module: {
        resources: resources.map(({ address, expressions }) => ({ address, type: address.split('.')[0]!, expressions: expressions ?? {} })),
      },
    },
  };
}
const ref = (address: string, attribute = 'id') => ({ references: [`${address}.${attribute}`, address] });
const container = (environment: Array<{ name: string; value: string }>, extra: Record<string, unknown> = { readonlyRootFilesystem: true }) =>
  JSON.stringify([{ name: 'web', essential: true, environment, secrets: [], ...extra }]);
const trust = (condition: Record<string, unknown> | undefined) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
const tlsOnly = (bucket: string) =>
  JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
const GOOD_BUILDSPEC = 'docker push "$REPOSITORY_URI:$IMAGE_TAG"\naws ecs register-task-definition --cli-input-json file://next.json\naws ecs run-task';

type Fixture = { address: string; after: Record<string, any>; unknown?: Record<string, unknown>; expressions?: Record<string, any> };

/** Everything done right: what the generated stack looks like to the checks. */
const good = (): Fixture[] => [
  { address: 'aws_security_group.alb', after: {} },
  { address: 'aws_lb.alb', after: { access_logs: [{ enabled: true, bucket: 'logs' }], enable_deletion_protection: true }, expressions: { security_groups: ref('aws_security_group.alb') } },
  { address: 'aws_vpc.vpc', after: {} },
  { address: 'aws_flow_log.vpc', after: {}, expressions: { vpc_id: ref('aws_vpc.vpc') } },
  { address: 'aws_iam_role.execution', after: {}, unknown: { assume_role_policy: true }, expressions: { assume_role_policy: { constant_value: trust({ StringEquals: { 'aws:SourceAccount': '${local.account_id}' } }) } } },
  { address: 'aws_iam_role_policy.build', after: { policy: JSON.stringify({ Statement: [{ Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::artifacts/*' }] }) } },
  { address: 'aws_codebuild_project.build', after: { source: [{ type: 'CODEPIPELINE', buildspec: GOOD_BUILDSPEC }] } },
  {
    address: 'aws_vpc_security_group_ingress_rule.http',
    after: { cidr_ipv4: '0.0.0.0/0', from_port: 80, to_port: 80 },
    expressions: { security_group_id: ref('aws_security_group.alb') },
  },
  { address: 'aws_db_instance.db', after: { publicly_accessible: false, storage_encrypted: true, manage_master_user_password: true, password: null, enabled_cloudwatch_logs_exports: ['postgresql'] } },
  {
    address: 'aws_ecs_task_definition.web',
    after: {},
    unknown: { container_definitions: true, execution_role_arn: true, task_role_arn: true },
    expressions: {
      // Unknown at plan time: read from the configuration's template text.
      container_definitions: { constant_value: container([{ name: 'DATABASE_HOST', value: '${aws_db_instance.db.address}' }]) },
      execution_role_arn: ref('aws_iam_role.execution', 'arn'),
      task_role_arn: ref('aws_iam_role.task', 'arn'),
    },
  },
  { address: 'aws_cloudwatch_log_group.web', after: { retention_in_days: 30 } },
  { address: 'aws_ecr_repository.app', after: { image_scanning_configuration: [{ scan_on_push: true }], image_tag_mutability: 'IMMUTABLE' } },
  { address: 'aws_s3_bucket.artifacts', after: { bucket_prefix: 'shop-' } },
  {
    address: 'aws_s3_bucket_public_access_block.artifacts',
    after: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    expressions: { bucket: ref('aws_s3_bucket.artifacts') },
  },
  {
    address: 'aws_s3_bucket_policy.artifacts',
    after: {},
    unknown: { policy: true },
    expressions: { bucket: ref('aws_s3_bucket.artifacts'), policy: { constant_value: tlsOnly('${aws_s3_bucket.artifacts.arn}') } },
  },
];

describe('securityFindings', () => {
  test('finds nothing in a stack that does everything right', () => {
    expect(securityFindings(plan(good()))).toEqual([]);
  });

  test('finds every class of problem in a deliberately bad plan', () => {
    const bad = plan([
      { address: 'aws_security_group.alb', after: {} },
      { address: 'aws_lb.alb', after: {}, expressions: { security_groups: ref('aws_security_group.alb') } },
      { address: 'aws_security_group.tasks', after: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 22, to_port: 22 }] } },
      // The ALB's own group, but SSH rather than HTTP(S).
      { address: 'aws_vpc_security_group_ingress_rule.alb_ssh', after: { cidr_ipv4: '0.0.0.0/0', from_port: 22, to_port: 22 }, expressions: { security_group_id: ref('aws_security_group.alb') } },
      { address: 'aws_security_group_rule.db_v6', after: { type: 'ingress', ipv6_cidr_blocks: ['::/0'], from_port: 5432, to_port: 5432 } },
      { address: 'aws_db_instance.db', after: { publicly_accessible: true, storage_encrypted: false, password: 'hunter2' } },
      {
        address: 'aws_ecs_task_definition.web',
        after: { container_definitions: container([{ name: 'DB_PASSWORD', value: 'hunter2' }]), execution_role_arn: 'arn:aws:iam::1:role/r', task_role_arn: 'arn:aws:iam::1:role/r' },
      },
      {
        address: 'aws_ecs_task_definition.migrate',
        after: {},
        unknown: { container_definitions: true },
        expressions: {
          container_definitions: { references: ['aws_ecr_repository.app.repository_url'] },
          execution_role_arn: ref('aws_iam_role.shared', 'arn'),
          task_role_arn: ref('aws_iam_role.shared', 'arn'),
        },
      },
      { address: 'aws_cloudwatch_log_group.web', after: { retention_in_days: 0 } },
      { address: 'aws_ecr_repository.app', after: { image_scanning_configuration: [{ scan_on_push: false }] } },
      { address: 'aws_s3_bucket.open', after: { bucket: 'open-bucket' } },
      { address: 'aws_s3_bucket.half', after: { bucket_prefix: 'half-' } },
      {
        address: 'aws_s3_bucket_public_access_block.half',
        after: { block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true },
        expressions: { bucket: ref('aws_s3_bucket.half') },
      },
    ]);
    const found = securityFindings(bad).map((finding) => `${finding.check} ${finding.address}`);
    expect(found.sort()).toEqual(
      [
        'world-ingress aws_security_group.tasks',
        'world-ingress aws_vpc_security_group_ingress_rule.alb_ssh',
        'world-ingress aws_security_group_rule.db_v6',
        'public-database aws_db_instance.db',
        'unencrypted-database aws_db_instance.db',
        'plaintext-password aws_db_instance.db',
        'secret-in-environment aws_ecs_task_definition.web',
        'shared-task-role aws_ecs_task_definition.web',
        'unreadable-container-definitions aws_ecs_task_definition.migrate',
        'shared-task-role aws_ecs_task_definition.migrate',
        'log-retention aws_cloudwatch_log_group.web',
        'ecr-scan-on-push aws_ecr_repository.app',
        'bucket-public-access aws_s3_bucket.open',
        'bucket-public-access aws_s3_bucket.half',
        // The day-2 hardening this bad plan lacks as well.
        'lb-access-logs aws_lb.alb',
        'lb-deletion-protection aws_lb.alb',
        'rds-log-exports aws_db_instance.db',
        'ecr-mutable-tags aws_ecr_repository.app',
        'bucket-tls-only aws_s3_bucket.open',
        'bucket-tls-only aws_s3_bucket.half',
      ].sort(),
    );
  });

  test('world ingress on 443 to the load balancer is allowed, to anything else it is not', () => {
    const resources = good();
    resources.push(
      { address: 'aws_vpc_security_group_ingress_rule.https', after: { cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 }, expressions: { security_group_id: ref('aws_security_group.alb') } },
      { address: 'aws_vpc_security_group_ingress_rule.tasks_http', after: { cidr_ipv4: '0.0.0.0/0', from_port: 80, to_port: 80 }, expressions: { security_group_id: ref('aws_security_group.tasks') } },
    );
    expect(securityFindings(plan(resources)).map((finding) => finding.address)).toEqual(['aws_vpc_security_group_ingress_rule.tasks_http']);
  });

  test('a password given through a variable (unknown or only in the configuration) still counts', () => {
    const viaVariable = good().map((resource) =>
      resource.address === 'aws_db_instance.db' ? { ...resource, expressions: { password: { references: ['var.db_password'] } } } : resource,
    );
    expect(securityFindings(plan(viaVariable)).map((finding) => finding.check)).toEqual(['plaintext-password']);
  });

  test('a log group with no retention at all is found', () => {
    const resources = good().map((resource) => (resource.address === 'aws_cloudwatch_log_group.web' ? { ...resource, after: { retention_in_days: null } } : resource));
    expect(securityFindings(plan(resources)).map((finding) => finding.check)).toEqual(['log-retention']);
  });

  test('finds each missing hardening of the day-2 list', () => {
    const swap = (address: string, change: (resource: Fixture) => Fixture) => good().map((resource) => (resource.address === address ? change(resource) : resource));
    const checks = (resources: Fixture[]) => securityFindings(plan(resources)).map((finding) => finding.check);
    expect(checks(good().filter((resource) => resource.address !== 'aws_flow_log.vpc'))).toEqual(['vpc-flow-logs']);
    expect(checks(swap('aws_lb.alb', (lb) => ({ ...lb, after: { enable_deletion_protection: true } })))).toEqual(['lb-access-logs']);
    expect(checks(swap('aws_lb.alb', (lb) => ({ ...lb, after: { access_logs: [{ enabled: true }], enable_deletion_protection: false } })))).toEqual(['lb-deletion-protection']);
    expect(checks(good().filter((resource) => resource.address !== 'aws_s3_bucket_policy.artifacts'))).toEqual(['bucket-tls-only']);
    expect(checks(swap('aws_db_instance.db', (db) => ({ ...db, after: { ...db.after, enabled_cloudwatch_logs_exports: [] } })))).toEqual(['rds-log-exports']);
    expect(checks(swap('aws_ecr_repository.app', (repo) => ({ ...repo, after: { ...repo.after, image_tag_mutability: 'MUTABLE' } })))).toEqual(['ecr-mutable-tags']);
    expect(checks(swap('aws_codebuild_project.build', (project) => ({ ...project, after: { source: [{ buildspec: 'docker push "$REPOSITORY_URI:latest"\naws ecs register-task-definition\naws ecs run-task' }] } })))).toEqual(['image-tag-latest']);
    expect(checks(swap('aws_codebuild_project.build', (project) => ({ ...project, after: { source: [{ buildspec: 'docker push "$REPOSITORY_URI:$IMAGE_TAG"\naws ecs run-task' }] } })))).toEqual(['migrate-not-exact-image']);
    const writable = swap('aws_ecs_task_definition.web', (task) => ({ ...task, expressions: { ...task.expressions, container_definitions: { constant_value: container([], {}) } } }));
    expect(checks(writable)).toEqual(['readonly-root-filesystem']);
    expect(checks(swap('aws_iam_role_policy.build', (policy) => ({ ...policy, after: { policy: JSON.stringify({ Statement: [{ Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: 'arn:aws:s3:::artifacts/*' }] }) } })))).toEqual(['put-object-acl']);
    expect(checks(swap('aws_iam_role.execution', (role) => ({ ...role, expressions: { assume_role_policy: { constant_value: trust(undefined) } } })))).toEqual(['trust-source-account']);
  });

  describe('role policies name a resource for each action that takes one', () => {
    const withPolicy = (statements: Array<Record<string, unknown>>, known = true): Fixture[] =>
      good().map((resource) =>
        resource.address !== 'aws_iam_role_policy.build'
          ? resource
          : known
            ? { ...resource, after: { policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } }
            : { ...resource, after: {}, unknown: { policy: true }, expressions: { policy: { constant_value: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } } },
      );
    const found = (resources: Fixture[]) => securityFindings(plan(resources)).map((finding) => `${finding.check}: ${finding.message}`);

    test('the pipeline role as it was: TagResource, ListTasks and DescribeTasks on * are found, the task definition calls are not', () => {
      const before = [{ Sid: 'DeployTaskDefinition', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition', 'ecs:TagResource', 'ecs:ListTasks', 'ecs:DescribeTasks'], Resource: '*' }];
      expect(found(withPolicy(before))).toEqual([
        'iam-wildcard-resource: ecs:TagResource on * (DeployTaskDefinition): it takes a resource, so name this stack\'s',
        'iam-wildcard-resource: ecs:ListTasks on * (DeployTaskDefinition): it takes a resource (or ecs:cluster), so name this stack\'s',
        'iam-wildcard-resource: ecs:DescribeTasks on * (DeployTaskDefinition): it takes a resource, so name this stack\'s',
      ]);
    });

    test('the pipeline role as it is: tag on the family\'s revisions, list within the cluster, describe its tasks', () => {
      const after = [
        { Sid: 'DeployTaskDefinition', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
        { Sid: 'TagDeployRevision', Effect: 'Allow', Action: 'ecs:TagResource', Resource: '${local.deploy_task_definitions}', Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } } },
        { Sid: 'WatchDeploy', Effect: 'Allow', Action: 'ecs:ListTasks', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': '${aws_ecs_cluster.cluster.arn}' } } },
        { Sid: 'WatchDeployTasks', Effect: 'Allow', Action: 'ecs:DescribeTasks', Resource: '${local.cluster_task_arns}' },
      ];
      expect(found(withPolicy(after, false))).toEqual([]);
      // A condition on another key does not narrow ListTasks to the cluster.
      const otherCondition = [{ ...after[2], Condition: { StringEquals: { 'aws:ResourceTag/app': 'shop' } } }];
      expect(found(withPolicy(otherCondition))).toEqual(["iam-wildcard-resource: ecs:ListTasks on * (WatchDeploy): it takes a resource (or ecs:cluster), so name this stack's"]);
    });

    test('the flow logs role as it was: DescribeLogGroups named on the group grants nothing', () => {
      const before = [{ Sid: 'WriteFlowLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'], Resource: ['${aws_cloudwatch_log_group.flow_logs.arn}', '${aws_cloudwatch_log_group.flow_logs.arn}:*'] }];
      expect(found(withPolicy(before, false))).toEqual([
        'iam-resource-never-matches: logs:DescribeLogGroups (WriteFlowLogs) takes no resource-level permissions: on ${aws_cloudwatch_log_group.flow_logs.arn}, ${aws_cloudwatch_log_group.flow_logs.arn}:* it is never allowed',
      ]);
    });

    test('a service wildcard, NotResource and a Deny: the first two are found, a Deny narrows nothing to check', () => {
      expect(found(withPolicy([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]))).toEqual(["iam-wildcard-resource: ecs:* on *: it takes a resource, so name this stack's"]);
      expect(found(withPolicy([{ Effect: 'Allow', Action: 'ecs:DescribeServices', NotResource: 'arn:aws:ecs:eu-west-1:1:service/x' }]))).toEqual([
        'iam-wildcard-resource: NotAction/NotResource allows everything it does not name',
      ]);
      expect(found(withPolicy([{ Effect: 'Deny', Action: 'ecs:*', Resource: '*' }]))).toEqual([]);
    });

    test('a policy whose interpolations call functions (quotes inside) is still read; one that is not JSON is unreadable', () => {
      const text = '{"Statement":[{"Effect":"Allow","Action":"ecs:TagResource","Resource":"${replace(var.arn, ":cluster/", ":task/")}/*"}]}';
      const withText = (policy: string) =>
        good().map((resource) => (resource.address === 'aws_iam_role_policy.build' ? { ...resource, after: {}, unknown: { policy: true }, expressions: { policy: { constant_value: policy } } } : resource));
      expect(found(withText(text))).toEqual([]);
      expect(found(withText('{"Statement": ['))).toEqual(['unreadable-policy: cannot read the policy to check it']);
    });

    test('the actions left on * are named with their reason', () => {
      expect(Object.keys(UNSCOPED_BY_CHOICE).sort()).toEqual(['cloudwatch:DescribeAlarms', 'ecs:RegisterTaskDefinition']);
      for (const action of [...NO_RESOURCE_TYPE, ...Object.keys(UNSCOPED_BY_CHOICE)]) {
        expect(found(withPolicy([{ Effect: 'Allow', Action: action, Resource: '*' }])), action).toEqual([]);
      }
    });
  });

  test('the app may not log in with the rotating master secret; a non-essential setup step may', () => {
    const master = [{ name: 'DATABASE_PASSWORD', valueFrom: '${aws_db_instance.db.master_user_secret[0].secret_arn}:password::' }];
    const withSecrets = (definitions: Array<Record<string, unknown>>) =>
      good().map((resource) =>
        resource.address === 'aws_ecs_task_definition.web' ? { ...resource, expressions: { ...resource.expressions, container_definitions: { constant_value: JSON.stringify(definitions) } } } : resource,
      );
    const app = { name: 'web', essential: true, readonlyRootFilesystem: true, environment: [], secrets: master };
    expect(securityFindings(plan(withSecrets([app]))).map((finding) => finding.check)).toEqual(['app-uses-master-secret']);
    expect(securityFindings(plan(withSecrets([{ ...app, name: 'setup', essential: false }, { ...app, secrets: [] }])))).toEqual([]);
  });

  test('the starter preset\'s trade-offs are named, one check each', () => {
    expect([...STARTER_TRADE_OFFS].sort()).toEqual(['lb-access-logs', 'lb-deletion-protection', 'readonly-root-filesystem', 'vpc-flow-logs']);
  });

  test('a resource planned for deletion is not checked', () => {
    const deleting: PlanJson = {
      resource_changes: [{ address: 'aws_s3_bucket.old', type: 'aws_s3_bucket', change: { actions: ['delete'], after: null } }],
    };
    expect(securityFindings(deleting)).toEqual([]);
  });
});
