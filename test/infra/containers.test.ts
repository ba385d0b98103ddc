import { describe, expect, test } from 'vitest';
import { Containers, ImageRepository, secretReference, type ContainersProps } from '../../src/infra/index.js';
import { naming, resource, SECRETS_MANAGER_SECRET, SSM_SECRET, synthConstruct, type TerraformJson } from '../helpers/infraSynth.js';

const props: ContainersProps = {
  naming,
  region: 'eu-west-1',
  containerPort: 3000,
  cpu: 256,
  memory: 512,
  migrateCommand: ['npm', 'run', 'migrate'],
  environment: { LOG_LEVEL: 'info', DATABASE_HOST: 'db.internal' },
  secrets: {
    API_KEY: secretReference(SSM_SECRET),
    STRIPE_TOKEN: secretReference(SECRETS_MANAGER_SECRET),
  },
  repositoryUrl: '${aws_ecr_repository.repository.repository_url}',
  repositoryArn: '${aws_ecr_repository.repository.arn}',
  logRetentionDays: 14,
  containerInsights: false,
  readonlyRootFilesystem: false,
};

/** With the environment's repository beside it, as the stack builds them (the account ID comes from its ARN). */
const synth = (overrides: Partial<ContainersProps> = {}) =>
  synthConstruct((scope) => {
    const images = new ImageRepository(scope, 'images', { naming, keepImages: 30 });
    new Containers(scope, 'containers', { ...props, repositoryUrl: images.repositoryUrl, repositoryArn: images.repositoryArn, ...overrides });
  });

function containerDefinitions(json: TerraformJson, family: 'web' | 'migrate'): Array<Record<string, any>> {
  return JSON.parse(resource(json, 'aws_ecs_task_definition', family)['container_definitions'] as string) as Array<Record<string, any>>;
}

/** The container of that name in the task definition of that name. */
function containerDefinition(json: TerraformJson, name: 'web' | 'migrate') {
  const found = containerDefinitions(json, name).find((definition) => definition['name'] === name);
  expect(found).toBeDefined();
  return found!;
}

function policy(json: TerraformJson, type: string, name: string): { Statement: Array<Record<string, any>> } {
  return JSON.parse(resource(json, type, name)['policy'] as string);
}

describe('Containers: cluster', () => {
  test('Container Insights follows the setting', () => {
    expect(resource(synth(), 'aws_ecs_cluster', 'cluster')).toMatchObject({
      name: 'shop-production-cluster',
      setting: [{ name: 'containerInsights', value: 'disabled' }],
    });
    expect(resource(synth({ containerInsights: true }), 'aws_ecs_cluster', 'cluster')['setting']).toEqual([
      { name: 'containerInsights', value: 'enabled' },
    ]);
  });

  test('log groups keep logs for the configured days', () => {
    const json = synth({ logRetentionDays: 90 });
    expect(resource(json, 'aws_cloudwatch_log_group', 'web_log_group')).toMatchObject({ name: '/ecs/shop-production-web', retention_in_days: 90 });
    expect(resource(json, 'aws_cloudwatch_log_group', 'migrate_log_group')).toMatchObject({
      name: '/ecs/shop-production-migrate',
      retention_in_days: 90,
    });
  });
});

describe('Containers: roles', () => {
  test('the task role is separate from the execution role and holds no permissions', () => {
    const json = synth();
    const execution = resource(json, 'aws_iam_role', 'execution_role');
    const task = resource(json, 'aws_iam_role', 'task_role');
    expect(execution['name']).toBe('shop-production-execution');
    expect(task['name']).toBe('shop-production-task');
    for (const role of [execution, task]) {
      const trust = JSON.parse(role['assume_role_policy'] as string).Statement[0];
      expect(trust.Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
      // Only on behalf of this account (confused deputy); the account comes from an ARN of the stack, no data source.
      expect(trust.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '${local.account_id}' } });
    }
    expect(json.locals?.['account_id']).toBe('${element(split(":", aws_ecr_repository.repository.arn), 4)}');
    const policies = Object.values(json.resource['aws_iam_role_policy']!);
    expect(policies.map((entry) => entry['role'])).toEqual(['${aws_iam_role.execution_role.id}']);
    expect(resource(json, 'aws_ecs_task_definition', 'web')).toMatchObject({
      execution_role_arn: '${aws_iam_role.execution_role.arn}',
      task_role_arn: '${aws_iam_role.task_role.arn}',
    });
  });

  test('the execution role pulls from this repository, writes these logs and reads only the configured secrets', () => {
    const statements = policy(synth(), 'aws_iam_role_policy', 'execution_role_policy').Statement;
    const bySid = Object.fromEntries(statements.map((statement) => [statement['Sid'], statement]));
    expect(bySid['PullImage']!['Resource']).toBe('${aws_ecr_repository.repository.arn}');
    expect(bySid['WriteLogs']!['Resource']).toEqual([
      '${aws_cloudwatch_log_group.web_log_group.arn}:*',
      '${aws_cloudwatch_log_group.migrate_log_group.arn}:*',
    ]);
    // IAM names the secret itself, without the JSON key ECS reads from it.
    expect(bySid['ReadSecrets']).toMatchObject({
      Action: 'secretsmanager:GetSecretValue',
      Resource: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/stripe-AbCdEf'],
    });
    expect(bySid['ReadParameters']).toMatchObject({ Action: 'ssm:GetParameters', Resource: [SSM_SECRET] });
    // Only GetAuthorizationToken, which IAM cannot scope, is on "*".
    expect(statements.filter((statement) => statement['Resource'] === '*').map((statement) => statement['Action'])).toEqual([
      'ecr:GetAuthorizationToken',
    ]);
  });

  test('without secrets the execution role has no secret statements', () => {
    const sids = policy(synth({ secrets: {} }), 'aws_iam_role_policy', 'execution_role_policy').Statement.map((s) => s['Sid']);
    expect(sids).toEqual(['EcrLogin', 'PullImage', 'WriteLogs']);
  });
});

describe('Containers: task definitions', () => {
  test('web and migrate are Fargate, awsvpc, sized as configured', () => {
    const json = synth({ cpu: 512, memory: 1024 });
    for (const name of ['web', 'migrate']) {
      expect(resource(json, 'aws_ecs_task_definition', name)).toMatchObject({
        family: `shop-production-${name}`,
        requires_compatibilities: ['FARGATE'],
        network_mode: 'awsvpc',
        cpu: '512',
        memory: '1024',
      });
    }
  });

  test('both run the deployed image, named by the tag the pipeline records; migrate runs the migrate command', () => {
    const json = synth({ migrateCommand: ['bin/rails', 'db:migrate'] });
    const web = containerDefinition(json, 'web');
    const migrate = containerDefinition(json, 'migrate');
    // Not `latest`: Terraform's revision keeps the image that is deployed now.
    expect(web['image']).toBe('${aws_ecr_repository.repository.repository_url}:${aws_ssm_parameter.image_tag.insecure_value}');
    expect(migrate['image']).toBe(web['image']);
    expect(web).toMatchObject({ name: 'web', essential: true, portMappings: [{ containerPort: 3000, protocol: 'tcp' }] });
    expect(web['command']).toBeUndefined();
    expect(migrate).toMatchObject({ name: 'migrate', command: ['bin/rails', 'db:migrate'] });
    expect(web['logConfiguration']).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '${aws_cloudwatch_log_group.web_log_group.name}',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'web',
      },
    });
    expect(migrate['logConfiguration'].options['awslogs-group']).toBe('${aws_cloudwatch_log_group.migrate_log_group.name}');
  });

  test('secrets go to `secrets`, never to `environment`', () => {
    const json = synth();
    for (const name of ['web', 'migrate'] as const) {
      const definition = containerDefinition(json, name);
      expect(definition['environment']).toEqual([
        { name: 'DATABASE_HOST', value: 'db.internal' },
        { name: 'LOG_LEVEL', value: 'info' },
      ]);
      expect(definition['secrets']).toEqual([
        { name: 'API_KEY', valueFrom: SSM_SECRET },
        { name: 'STRIPE_TOKEN', valueFrom: SECRETS_MANAGER_SECRET },
      ]);
    }
  });

  test('the image tag parameter: created with no image, then the pipeline owns its value', () => {
    const parameter = resource(synth(), 'aws_ssm_parameter', 'image_tag');
    expect(parameter).toMatchObject({
      name: '/shop-production/image-tag',
      type: 'String',
      insecure_value: 'no-image-yet',
      // Refreshed on every plan, never reset: it names the image deployed now.
      lifecycle: { ignore_changes: ['insecure_value'] },
    });
  });

  test("task definitions follow the family's latest revision and are replaced create-before-destroy", () => {
    const json = synth();
    for (const name of ['web', 'migrate']) {
      expect(resource(json, 'aws_ecs_task_definition', name)).toMatchObject({
        // The pipeline's deploy registers revisions of its own: not drift.
        track_latest: true,
        lifecycle: { create_before_destroy: true },
      });
    }
  });

  test('a read-only root filesystem, with a writable /tmp, when asked', () => {
    expect(containerDefinition(synth(), 'web')['readonlyRootFilesystem']).toBeUndefined();
    const json = synth({ readonlyRootFilesystem: true });
    for (const name of ['web', 'migrate'] as const) {
      expect(containerDefinition(json, name)).toMatchObject({
        readonlyRootFilesystem: true,
        mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
      });
      expect(resource(json, 'aws_ecs_task_definition', name)['volume']).toEqual([{ name: 'tmp' }]);
    }
  });

  test('a setup container runs before migrate in the migrate task, and must succeed', () => {
    const masterSecret = { valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-AbCdEf:password::', resourceArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-AbCdEf', store: 'secretsmanager' as const };
    const json = synth({
      setup: { image: 'public.ecr.aws/docker/library/postgres:16-alpine', script: 'echo hi', environment: { DATABASE_USER: 'app' }, secrets: { DATABASE_MASTER_PASSWORD: masterSecret } },
    });
    const [setup, migrate] = containerDefinitions(json, 'migrate');
    expect(setup).toMatchObject({
      name: 'setup',
      image: 'public.ecr.aws/docker/library/postgres:16-alpine',
      essential: false,
      command: ['sh', '-c', 'echo hi'],
      environment: [{ name: 'DATABASE_USER', value: 'app' }],
      secrets: [{ name: 'DATABASE_MASTER_PASSWORD', valueFrom: masterSecret.valueFrom }],
    });
    expect(migrate).toMatchObject({ name: 'migrate', dependsOn: [{ containerName: 'setup', condition: 'SUCCESS' }] });
    // The web task never sees the master password.
    expect(containerDefinitions(json, 'web')).toHaveLength(1);
    expect(JSON.stringify(containerDefinitions(json, 'web'))).not.toContain('rds!db');
    // The execution role may read it, to inject it into the setup container.
    const read = policy(json, 'aws_iam_role_policy', 'execution_role_policy').Statement.find((statement) => statement['Sid'] === 'ReadSecrets');
    expect(read!['Resource']).toContain(masterSecret.resourceArn);
  });

  test('a secret encrypted with a customer-managed key: the execution role may decrypt it, through that store only', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const json = synth({ secrets: { STRIPE_TOKEN: secretReference({ arn: SECRETS_MANAGER_SECRET, kmsKeyArn: key }), API_KEY: secretReference(SSM_SECRET) } });
    const decrypt = policy(json, 'aws_iam_role_policy', 'execution_role_policy').Statement.find((statement) => statement['Sid'] === 'DecryptSecrets');
    expect(decrypt).toEqual({
      Sid: 'DecryptSecrets',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: [key],
      Condition: { StringEquals: { 'kms:ViaService': ['secretsmanager.eu-west-1.amazonaws.com'] } },
    });
  });

  test('a name given both as plain variable and secret is injected only as the secret', () => {
    const json = synth({ environment: { API_KEY: 'oops', LOG_LEVEL: 'info' } });
    const web = containerDefinition(json, 'web');
    expect(web['environment']).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(web['secrets']).toContainEqual({ name: 'API_KEY', valueFrom: SSM_SECRET });
  });
});

describe('secretReference', () => {
  test('an SSM parameter is read with ssm:GetParameters on its own ARN', () => {
    expect(secretReference(SSM_SECRET)).toEqual({ valueFrom: SSM_SECRET, resourceArn: SSM_SECRET, store: 'ssm' });
  });

  test('a Secrets Manager JSON key is kept for ECS and dropped for IAM', () => {
    expect(secretReference(SECRETS_MANAGER_SECRET)).toEqual({
      valueFrom: SECRETS_MANAGER_SECRET,
      resourceArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/stripe-AbCdEf',
      store: 'secretsmanager',
    });
  });

  test('a partial Secrets Manager ARN (no random suffix) is granted with the documented -?????? pattern', () => {
    // Granted verbatim, IAM matches no secret and the task is denied at start.
    const partial = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/stripe';
    expect(secretReference(partial)).toEqual({ valueFrom: partial, resourceArn: `${partial}-??????`, store: 'secretsmanager' });
    expect(secretReference(`${partial}:token::`).resourceArn).toBe(`${partial}-??????`);
  });

  test('a name that ends in a hyphen and 6 letters or digits reads as a complete ARN, as Secrets Manager reads it', () => {
    // AWS documents the ambiguity: Secrets Manager itself takes ":secret:db-secret"
    // for the secret "db" with the suffix "secret", so a grant of db-secret-??????
    // would not make the lookup work; such a secret is named by its full ARN.
    const ambiguous = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-secret';
    expect(secretReference(ambiguous)).toEqual({ valueFrom: ambiguous, resourceArn: ambiguous, store: 'secretsmanager' });
    const full = `${ambiguous}-AbC123`;
    expect(secretReference(full).resourceArn).toBe(full);
  });

  test('a customer-managed key rides along', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/abc';
    expect(secretReference({ arn: SSM_SECRET, kmsKeyArn: key })).toEqual({ valueFrom: SSM_SECRET, resourceArn: SSM_SECRET, store: 'ssm', kmsKeyArn: key });
  });

  test('anything else is refused', () => {
    expect(() => secretReference('arn:aws:s3:::bucket/key')).toThrow(/neither an SSM parameter nor a Secrets Manager ARN/);
  });
});
