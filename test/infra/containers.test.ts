import { describe, expect, test } from 'vitest';
import { Containers, secretReference, type ContainersProps } from '../../src/infra/index.js';
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
  keepImages: 30,
  logRetentionDays: 14,
  containerInsights: false,
};

const synth = (overrides: Partial<ContainersProps> = {}) =>
  synthConstruct((scope) => new Containers(scope, 'containers', { ...props, ...overrides }));

function containerDefinition(json: TerraformJson, name: 'web' | 'migrate') {
  const definitions = JSON.parse(resource(json, 'aws_ecs_task_definition', name)['container_definitions'] as string) as Array<
    Record<string, any>
  >;
  expect(definitions).toHaveLength(1);
  return definitions[0]!;
}

function policy(json: TerraformJson, type: string, name: string): { Statement: Array<Record<string, any>> } {
  return JSON.parse(resource(json, type, name)['policy'] as string);
}

describe('Containers: ECR and cluster', () => {
  test('ECR scans on push, keeps the last N images and can be deleted with the environment', () => {
    const json = synth({ keepImages: 12 });
    expect(resource(json, 'aws_ecr_repository', 'repository')).toMatchObject({
      name: 'shop-production-app',
      image_scanning_configuration: { scan_on_push: true },
      force_delete: true,
    });
    const lifecycle = resource(json, 'aws_ecr_lifecycle_policy', 'repository_lifecycle');
    expect(lifecycle['repository']).toBe('${aws_ecr_repository.repository.name}');
    expect(JSON.parse(lifecycle['policy'] as string).rules).toEqual([
      expect.objectContaining({
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 12 },
        action: { type: 'expire' },
      }),
    ]);
  });

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
      expect(JSON.parse(role['assume_role_policy'] as string).Statement[0].Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
    }
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

  test('both run the same image at latest, with awslogs; migrate runs the migrate command', () => {
    const json = synth({ migrateCommand: ['bin/rails', 'db:migrate'] });
    const web = containerDefinition(json, 'web');
    const migrate = containerDefinition(json, 'migrate');
    expect(web['image']).toBe('${aws_ecr_repository.repository.repository_url}:latest');
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

  test('anything else is refused', () => {
    expect(() => secretReference('arn:aws:s3:::bucket/key')).toThrow(/neither an SSM parameter nor a Secrets Manager ARN/);
  });
});
