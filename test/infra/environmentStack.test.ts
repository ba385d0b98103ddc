import { describe, expect, test } from 'vitest';
import { DESTROY_VARIABLES, ENDPOINT_SERVICES } from '../../src/infra/index.js';
import {
  addresses,
  EXISTING_CONNECTION,
  presetFixture,
  resource,
  SECRETS_MANAGER_SECRET,
  SSM_SECRET,
  synthStack,
  type TerraformJson,
} from '../helpers/infraSynth.js';

const starter = synthStack(presetFixture('starter'));
const production = synthStack(presetFixture('production'));

const containerDefinitions = (json: TerraformJson, family: string) =>
  JSON.parse(resource(json, 'aws_ecs_task_definition', family)['container_definitions'] as string) as Array<Record<string, any>>;
/** The container named like its task definition (migrate's also holds the setup container). */
const containerDefinition = (json: TerraformJson, name: string) => containerDefinitions(json, name).find((definition) => definition['name'] === name)!;
const noImageYet = (count: number) => `\${(aws_ssm_parameter.image_tag.insecure_value == "no-image-yet") ? 0 : ${count}}`;
const names = (json: TerraformJson, type: string) => Object.keys(json.resource[type] ?? {}).sort();

describe('EnvironmentStack: presets', () => {
  test('starter: one NAT gateway, the smallest database, 1-2 tasks', () => {
    expect(names(starter, 'aws_nat_gateway')).toEqual(['nat_gateway_a']);
    expect(names(starter, 'aws_subnet')).toEqual(['private_subnet_a', 'private_subnet_b', 'public_subnet_a', 'public_subnet_b']);
    expect(resource(starter, 'aws_db_instance', 'database')).toMatchObject({ instance_class: 'db.t4g.micro', multi_az: false });
    expect(starter.variable?.[DESTROY_VARIABLES.deletionProtection]?.default).toBe(false);
    expect(resource(starter, 'aws_ecs_service', 'web')['desired_count']).toBe(noImageYet(1));
    expect(resource(starter, 'aws_appautoscaling_target', 'autoscaling_target')).toMatchObject({ min_capacity: noImageYet(1), max_capacity: 2 });
    // The cheaper choices the README states: no flow logs, no access logs, no LB deletion protection, writable root.
    expect(starter.resource['aws_flow_log']).toBeUndefined();
    expect(resource(starter, 'aws_lb', 'alb')['access_logs']).toBeUndefined();
    expect(starter.variable?.[DESTROY_VARIABLES.loadBalancerDeletionProtection]?.default).toBe(false);
    expect(containerDefinition(starter, 'web')['readonlyRootFilesystem']).toBeUndefined();
  });

  test('production: NAT per zone, multi-AZ database with deletion protection, 2-10 tasks', () => {
    expect(names(production, 'aws_nat_gateway')).toEqual(['nat_gateway_a', 'nat_gateway_b', 'nat_gateway_c']);
    expect(names(production, 'aws_eip')).toEqual(['nat_eip_a', 'nat_eip_b', 'nat_eip_c']);
    expect(resource(production, 'aws_route', 'private_nat_route_c')['nat_gateway_id']).toBe('${aws_nat_gateway.nat_gateway_c.id}');
    expect(resource(production, 'aws_db_instance', 'database')).toMatchObject({ instance_class: 'db.t4g.medium', multi_az: true });
    expect(production.variable?.[DESTROY_VARIABLES.deletionProtection]?.default).toBe(true);
    expect(resource(production, 'aws_ecs_service', 'web')['desired_count']).toBe(noImageYet(2));
    expect(resource(production, 'aws_appautoscaling_target', 'autoscaling_target')).toMatchObject({ min_capacity: noImageYet(2), max_capacity: 10 });
    expect(resource(production, 'aws_ecs_cluster', 'cluster')['setting']).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    // Hardening: flow logs, access logs, LB deletion protection (a variable the destroy flow turns off), read-only root.
    expect(resource(production, 'aws_flow_log', 'vpc')).toMatchObject({ vpc_id: '${aws_vpc.vpc.id}', traffic_type: 'ALL', log_destination: '${aws_cloudwatch_log_group.flow_logs.arn}' });
    expect(resource(production, 'aws_cloudwatch_log_group', 'flow_logs')['retention_in_days']).toBe(90);
    expect(resource(production, 'aws_lb', 'alb')).toMatchObject({
      enable_deletion_protection: '${var.load_balancer_deletion_protection}',
      access_logs: { enabled: true, bucket: '${aws_s3_bucket.alb_logs.bucket}' },
    });
    expect(production.variable?.[DESTROY_VARIABLES.loadBalancerDeletionProtection]).toMatchObject({ type: 'bool', default: true });
    expect(containerDefinition(production, 'web')['readonlyRootFilesystem']).toBe(true);
  });

  test('a 3-zone variant gets subnets from the computed layout, keyed a, b, c', () => {
    const json = synthStack(
      presetFixture('starter', (_, env) => {
        env.availabilityZones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
      }, 'us-east-1'),
    );
    expect(names(json, 'aws_subnet')).toEqual([
      'private_subnet_a',
      'private_subnet_b',
      'private_subnet_c',
      'public_subnet_a',
      'public_subnet_b',
      'public_subnet_c',
    ]);
    expect(resource(json, 'aws_subnet', 'public_subnet_c')).toMatchObject({ availability_zone: 'us-east-1c', cidr_block: '10.0.32.0/20' });
    expect(resource(json, 'aws_subnet', 'private_subnet_c')).toMatchObject({ availability_zone: 'us-east-1c', cidr_block: '10.0.160.0/20' });
    expect(resource(json, 'aws_db_subnet_group', 'database_subnet_group')['subnet_ids']).toHaveLength(3);
    expect(resource(json, 'aws_lb', 'alb')['subnets']).toHaveLength(3);
  });

  test('explicit subnet lists win over the computed layout', () => {
    const json = synthStack(
      presetFixture('starter', (_, env) => {
        env.network = { ...env.network, publicSubnets: ['10.0.0.0/24', '10.0.1.0/24'], privateSubnets: ['10.0.100.0/24', '10.0.101.0/24'] };
      }),
    );
    expect(resource(json, 'aws_subnet', 'public_subnet_b')['cidr_block']).toBe('10.0.1.0/24');
    expect(resource(json, 'aws_subnet', 'private_subnet_a')['cidr_block']).toBe('10.0.100.0/24');
  });
});

describe('EnvironmentStack: database and destroy variables', () => {
  test('deletion protection and the final snapshot name are variables a targeted apply can change', () => {
    expect(production.variable?.[DESTROY_VARIABLES.deletionProtection]).toMatchObject({ type: 'bool', default: true });
    expect(production.variable?.[DESTROY_VARIABLES.finalSnapshotIdentifier]).toMatchObject({
      type: 'string',
      default: 'shop-production-final',
    });
    expect(resource(production, 'aws_db_instance', 'database')).toMatchObject({
      deletion_protection: '${var.database_deletion_protection}',
      final_snapshot_identifier: '${var.database_final_snapshot_identifier}',
      skip_final_snapshot: false,
    });
  });

  test('the database admits the engine port of its engine from the tasks', () => {
    const mysql = synthStack(presetFixture('starter', (_, env) => void (env.database = { ...env.database, engine: 'mysql', engineVersion: '8.0' })));
    expect(resource(mysql, 'aws_db_instance', 'database')).toMatchObject({ engine: 'mysql', port: 3306 });
    expect(resource(mysql, 'aws_vpc_security_group_ingress_rule', 'database_from_tasks')).toMatchObject({ from_port: 3306, to_port: 3306 });
    expect(resource(starter, 'aws_vpc_security_group_ingress_rule', 'database_from_tasks')).toMatchObject({ from_port: 5432, to_port: 5432 });
  });
});

describe('EnvironmentStack: containers', () => {
  const json = synthStack(
    presetFixture('starter', (input, env) => {
      input.app.environment = { LOG_LEVEL: 'info', FEATURE_X: 'on' };
      input.app.secrets = { API_KEY: SSM_SECRET };
      env.variables = { LOG_LEVEL: 'debug' };
      env.secrets = { STRIPE_TOKEN: SECRETS_MANAGER_SECRET };
    }),
  );

  test("secrets go to `secrets` (the DB password from the app's own secret, not the rotating master), never to `environment`", () => {
    for (const name of ['web', 'migrate']) {
      const definition = containerDefinition(json, name);
      expect(definition['secrets']).toEqual([
        { name: 'API_KEY', valueFrom: SSM_SECRET },
        { name: 'DATABASE_PASSWORD', valueFrom: '${aws_secretsmanager_secret.database_app.arn}' },
        { name: 'STRIPE_TOKEN', valueFrom: SECRETS_MANAGER_SECRET },
      ]);
      expect(JSON.stringify(definition)).not.toContain('master_user_secret');
      expect(definition['environment']).toEqual([
        { name: 'DATABASE_HOST', value: '${aws_db_instance.database.address}' },
        { name: 'DATABASE_NAME', value: 'shop' },
        { name: 'DATABASE_PORT', value: '5432' },
        { name: 'DATABASE_USER', value: 'app' },
        { name: 'FEATURE_X', value: 'on' },
        { name: 'LOG_LEVEL', value: 'debug' },
      ]);
      const plainNames = (definition['environment'] as Array<{ name: string }>).map((entry) => entry.name);
      expect(plainNames.filter((entry) => /PASSWORD|SECRET|TOKEN|KEY/.test(entry))).toEqual([]);
    }
  });

  test('the setup container alone logs in as the master user, to give the app its own user', () => {
    const [setup] = containerDefinitions(json, 'migrate');
    expect(setup).toMatchObject({ name: 'setup', image: 'public.ecr.aws/docker/library/postgres:16-alpine', essential: false });
    expect(setup!['secrets']).toEqual([
      { name: 'DATABASE_MASTER_PASSWORD', valueFrom: '${aws_db_instance.database.master_user_secret[0].secret_arn}:password::' },
      { name: 'DATABASE_PASSWORD', valueFrom: '${aws_secretsmanager_secret.database_app.arn}' },
    ]);
    expect(setup!['environment']).toEqual([
      { name: 'DATABASE_HOST', value: '${aws_db_instance.database.address}' },
      { name: 'DATABASE_MASTER_USER', value: 'dbadmin' },
      { name: 'DATABASE_NAME', value: 'shop' },
      { name: 'DATABASE_PORT', value: '5432' },
      { name: 'DATABASE_USER', value: 'app' },
    ]);
    expect(resource(json, 'aws_db_instance', 'database')['username']).toBe('dbadmin');
  });

  test('an environment may run its own CPU and memory', () => {
    const sized = synthStack(presetFixture('starter', (_, env) => Object.assign(env, { cpu: 1024, memory: 2048 })));
    for (const name of ['web', 'migrate']) expect(resource(sized, 'aws_ecs_task_definition', name)).toMatchObject({ cpu: '1024', memory: '2048' });
    expect(resource(starter, 'aws_ecs_task_definition', 'web')).toMatchObject({ cpu: '256', memory: '512' });
  });

  test('the execution role may read exactly those secrets', () => {
    const statements = JSON.parse(resource(json, 'aws_iam_role_policy', 'execution_role_policy')['policy'] as string).Statement as Array<
      Record<string, any>
    >;
    const bySid = Object.fromEntries(statements.map((statement) => [statement['Sid'], statement]));
    expect(bySid['ReadSecrets']!['Resource']).toEqual([
      '${aws_secretsmanager_secret.database_app.arn}',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/stripe-AbCdEf',
      '${aws_db_instance.database.master_user_secret[0].secret_arn}',
    ]);
    expect(bySid['ReadParameters']!['Resource']).toEqual([SSM_SECRET]);
  });
});

describe('EnvironmentStack: provider, backend, pipeline', () => {
  test('without an endpoint the provider talks to AWS as usual', () => {
    const provider = starter.provider!['aws']![0]!;
    expect(provider['region']).toBe('eu-west-1');
    expect(provider['endpoints']).toBeUndefined();
    expect(provider['skip_credentials_validation']).toBeUndefined();
  });

  test('with an endpoint every used service goes there', () => {
    const json = synthStack(presetFixture('starter', (_, env) => void (env.endpoint = 'http://localhost:4566')));
    const provider = json.provider!['aws']![0]!;
    expect(Object.keys((provider['endpoints'] as Array<Record<string, string>>)[0]!).sort()).toEqual([...ENDPOINT_SERVICES].sort());
    expect(provider).toMatchObject({ skip_credentials_validation: true, skip_requesting_account_id: true, access_key: 'test' });
  });

  test('the endpoint list covers the API of every resource type in the stack', () => {
    // Adding a resource type fails here until its service is mapped, and so overridden.
    const serviceOf: Record<string, string> = {
      aws_vpc: 'ec2', aws_subnet: 'ec2', aws_internet_gateway: 'ec2', aws_eip: 'ec2', aws_nat_gateway: 'ec2',
      aws_route_table: 'ec2', aws_route: 'ec2', aws_route_table_association: 'ec2', aws_default_security_group: 'ec2',
      aws_security_group: 'ec2', aws_vpc_security_group_ingress_rule: 'ec2', aws_vpc_security_group_egress_rule: 'ec2',
      aws_db_subnet_group: 'rds', aws_db_instance: 'rds', aws_ecr_repository: 'ecr', aws_ecr_lifecycle_policy: 'ecr',
      aws_ecs_cluster: 'ecs', aws_ecs_task_definition: 'ecs', aws_ecs_service: 'ecs', aws_cloudwatch_log_group: 'logs',
      aws_iam_role: 'iam', aws_iam_role_policy: 'iam', aws_lb: 'elbv2', aws_lb_target_group: 'elbv2', aws_lb_listener: 'elbv2',
      aws_appautoscaling_target: 'appautoscaling', aws_appautoscaling_policy: 'appautoscaling', aws_cloudwatch_metric_alarm: 'cloudwatch',
      aws_s3_bucket: 's3', aws_s3_bucket_versioning: 's3', aws_s3_bucket_server_side_encryption_configuration: 's3',
      aws_s3_bucket_public_access_block: 's3', aws_s3_bucket_ownership_controls: 's3',
      aws_codestarconnections_connection: 'codestarconnections', aws_codebuild_project: 'codebuild', aws_codepipeline: 'codepipeline',
      aws_flow_log: 'ec2', aws_s3_bucket_policy: 's3', aws_s3_bucket_lifecycle_configuration: 's3',
      aws_secretsmanager_secret: 'secretsmanager', aws_ssm_parameter: 'ssm',
    };
    for (const type of Object.keys(production.resource)) {
      expect(serviceOf[type], `service of ${type}`).toBeDefined();
      expect(ENDPOINT_SERVICES).toContain(serviceOf[type]);
    }
  });

  test('local state by default, S3 with use_lockfile when configured', () => {
    expect(starter.terraform?.['backend']).toEqual({ local: { path: '../../../.ecs-wizard/state/production.tfstate' } });
    const json = synthStack(
      presetFixture('starter', (input) => void (input.backend = { type: 's3', bucket: 'acme-terraform-state', key: 'shop', region: 'eu-west-1' })),
    );
    expect(json.terraform?.['backend']).toEqual({
      s3: { bucket: 'acme-terraform-state', key: 'shop/production.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
    });
  });

  test('a new connection by default, the configured one otherwise', () => {
    expect(names(starter, 'aws_codestarconnections_connection')).toEqual(['connection']);
    const json = synthStack(presetFixture('starter', (_, env) => void (env.pipeline = { ...env.pipeline!, connectionArn: EXISTING_CONNECTION })));
    expect(json.resource['aws_codestarconnections_connection']).toBeUndefined();
    expect(json.output?.['connection_arn']?.value).toBe(EXISTING_CONNECTION);
  });
});

describe('EnvironmentStack: shape', () => {
  test('the outputs a person needs after apply, each with a description', () => {
    expect(Object.keys(production.output ?? {}).sort()).toEqual([
      'alb_dns_name',
      'app_url',
      'cluster_name',
      'connection_arn',
      'connection_status_url',
      'ecr_repository_url',
      'migrate_task_definition',
      'pipeline_branch',
      'pipeline_repository',
      'service_name',
    ]);
    // Nothing the pipeline changes at each deploy: it would show as a change in every plan.
    expect(production.output?.['migrate_task_definition']?.value).toBe('${aws_ecs_task_definition.migrate.arn_without_revision}');
    expect(production.output?.['pipeline_branch']?.value).toBe('main');
    expect(production.output?.['alb_dns_name']).toEqual({ value: '${aws_lb.alb.dns_name}', description: expect.stringMatching(/ALIAS/) });
    expect(production.output?.['app_url']?.value).toBe('http://${aws_lb.alb.dns_name}');
    expect(production.output?.['connection_status_url']?.description).toMatch(/PENDING/);
    for (const output of Object.values(production.output ?? {})) expect(output.description).toBeTruthy();
  });

  test('no data sources: a plan needs no AWS account', () => {
    expect(production.data).toBeUndefined();
    expect(starter.data).toBeUndefined();
  });

  test('the key resources have the addresses users type', () => {
    for (const address of [
      'aws_db_instance.database',
      'aws_ecr_repository.repository',
      'aws_s3_bucket.artifacts',
      'aws_ecs_service.web',
      'aws_lb.alb',
      'aws_ecs_task_definition.web',
      'aws_ecs_task_definition.migrate',
      'aws_vpc.vpc',
    ]) {
      expect(addresses(production)).toContain(address);
    }
    // Readable ids everywhere: no cdktf construct-path hashes.
    expect(addresses(production).filter((address) => /_[0-9A-F]{8}$/.test(address))).toEqual([]);
  });

  test('every AWS name derives from app and environment, so two copies fit in one account', () => {
    const nameFields = ['name', 'identifier', 'family', 'alarm_name', 'bucket_prefix'];
    // Names of other resources, not of their own: a policy's role, a flow log's tag.
    for (const [type, byName] of Object.entries(production.resource)) {
      for (const [name, body] of Object.entries(byName)) {
        for (const field of nameFields) {
          const value = body[field];
          if (typeof value !== 'string' || value.startsWith('${')) continue;
          expect(value, `${type}.${name}.${field}`).toMatch(/shop-production/);
        }
      }
    }
    const staging = synthStack(presetFixture('starter', (input) => {
      input.environments['staging'] = { ...input.environments['production']!, pipeline: { owner: 'acme', repo: 'shop', branch: 'staging' } };
    }), 'staging');
    expect(resource(staging, 'aws_db_instance', 'database')['identifier']).toBe('shop-staging-db');
    expect(resource(staging, 'aws_iam_role', 'execution_role')['name']).toBe('shop-staging-execution');
  });

  test('the longest app and environment names the schema allows still fit every AWS name limit', () => {
    const app = 'a'.repeat(15) + '1';
    const environment = 'e'.repeat(10);
    const json = synthStack(
      presetFixture('production', (input) => {
        input.app.name = app;
        input.environments = { [environment]: input.environments['production']! };
      }),
      environment,
    );
    const limits: Array<[string, string, string, number]> = [
      ['aws_lb', 'alb', 'name', 32],
      ['aws_lb_target_group', 'web', 'name', 32],
      ['aws_codestarconnections_connection', 'connection', 'name', 32],
      ['aws_s3_bucket', 'artifacts', 'bucket_prefix', 37],
      ['aws_s3_bucket', 'alb_logs', 'bucket_prefix', 37],
      ['aws_secretsmanager_secret', 'database_app', 'name', 512],
      ['aws_iam_role', 'flow_logs_role', 'name', 64],
      ['aws_codebuild_project', 'start', 'name', 150],
      ['aws_db_instance', 'database', 'identifier', 63],
      ['aws_iam_role', 'execution_role', 'name', 64],
      ['aws_iam_role', 'pipeline_role', 'name', 64],
      ['aws_iam_role', 'start_role', 'name', 64],
      ['aws_ecs_service', 'web', 'name', 255],
    ];
    for (const [type, name, field, max] of limits) {
      const value = resource(json, type, name)[field] as string;
      expect(value.startsWith(`${app}-${environment}`), `${type}.${name}.${field}`).toBe(true);
      expect(value.length, `${type}.${name}.${field} = ${value}`).toBeLessThanOrEqual(max);
    }
  });

  test('the address list of each preset', () => {
    expect(addresses(starter).sort()).toMatchSnapshot('starter');
    expect(addresses(production).sort()).toMatchSnapshot('production');
  });
});
