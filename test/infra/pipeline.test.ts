import { describe, expect, test } from 'vitest';
import { Pipeline, type PipelineProps } from '../../src/infra/index.js';
import { EXISTING_CONNECTION, naming, resource, synthConstruct, type TerraformJson } from '../helpers/infraSynth.js';
import { TerraformOutput } from 'cdktf';

const props: PipelineProps = {
  naming,
  region: 'eu-west-1',
  owner: 'acme',
  repo: 'shop',
  branch: 'release',
  dockerfile: 'docker/Dockerfile',
  buildContext: 'app',
  logRetentionDays: 30,
  repositoryUrl: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-production-app',
  repositoryArn: 'arn:aws:ecr:eu-west-1:123456789012:repository/shop-production-app',
  clusterName: 'shop-production-cluster',
  clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop-production-cluster',
  serviceName: 'shop-production-web',
  serviceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/shop-production-cluster/shop-production-web',
  containerName: 'web',
  migrateTaskDefinitionFamily: 'shop-production-migrate',
  migrateTaskDefinitionFamilyArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-production-migrate',
  webTaskDefinitionFamily: 'shop-production-web',
  scalableTargetArn: 'arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/0123456789abcdef0123456789abcdef0123',
  imageTagParameterName: '/shop-production/image-tag',
  imageTagParameterArn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/shop-production/image-tag',
  databaseAppSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production-db-app-AbCdEf',
  minCount: 2,
  maxCount: 10,
  accountId: '123456789012',
  taskRoleArns: ['arn:aws:iam::123456789012:role/shop-production-execution', 'arn:aws:iam::123456789012:role/shop-production-task'],
  subnetIds: ['subnet-private-a', 'subnet-private-b'],
  securityGroupId: 'sg-tasks',
};

function synth(overrides: Partial<PipelineProps> = {}): TerraformJson {
  return synthConstruct((scope) => {
    const pipeline = new Pipeline(scope, 'pipeline', { ...props, ...overrides });
    new TerraformOutput(scope, 'connection_arn', { value: pipeline.connectionArn });
    new TerraformOutput(scope, 'connection_status_url', { value: pipeline.connectionStatusUrl });
  });
}

const statementsOf = (json: TerraformJson, name: string) =>
  Object.fromEntries(
    (JSON.parse(resource(json, 'aws_iam_role_policy', name)['policy'] as string).Statement as Array<Record<string, any>>).map((s) => [
      s['Sid'],
      s,
    ]),
  );

/** Every Allow statement of a role policy that names `action` (or a wildcard covering it). */
const grantsOf = (json: TerraformJson, policy: string, action: string) =>
  (Object.values(statementsOf(json, policy)) as Array<Record<string, any>>).filter((statement) => {
    const actions = ([] as string[]).concat(statement['Action']);
    return statement['Effect'] === 'Allow' && actions.some((granted) => new RegExp(`^${granted.replace(/\*/g, '.*')}$`).test(action));
  });

describe('Pipeline: artifact bucket', () => {
  const json = synth();
  test('named by prefix (bucket names are global), deletable with the environment', () => {
    expect(resource(json, 'aws_s3_bucket', 'artifacts')).toEqual({ bucket_prefix: 'shop-production-pipeline-', force_destroy: true });
  });

  test('versioned, encrypted, public access blocked, owner-enforced', () => {
    expect(resource(json, 'aws_s3_bucket_versioning', 'artifacts_versioning')).toEqual({
      bucket: '${aws_s3_bucket.artifacts.id}',
      versioning_configuration: { status: 'Enabled' },
    });
    expect(resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'artifacts_encryption')).toEqual({
      bucket: '${aws_s3_bucket.artifacts.id}',
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(resource(json, 'aws_s3_bucket_public_access_block', 'artifacts_public_access_block')).toEqual({
      bucket: '${aws_s3_bucket.artifacts.id}',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(json, 'aws_s3_bucket_ownership_controls', 'artifacts_ownership')['rule']).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('refuses every request without TLS', () => {
    const policy = resource(json, 'aws_s3_bucket_policy', 'artifacts_policy');
    expect(policy['depends_on']).toEqual(['aws_s3_bucket_public_access_block.artifacts_public_access_block']);
    expect(JSON.parse(policy['policy'] as string).Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['${aws_s3_bucket.artifacts.arn}', '${aws_s3_bucket.artifacts.arn}/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });
});

describe('Pipeline: roles', () => {
  test('CodeBuild and CodePipeline may assume their roles only for this account', () => {
    const json = synth();
    for (const [role, service] of [
      ['build_role', 'codebuild.amazonaws.com'],
      ['start_role', 'codebuild.amazonaws.com'],
      ['pipeline_role', 'codepipeline.amazonaws.com'],
    ] as const) {
      expect(JSON.parse(resource(json, 'aws_iam_role', role)['assume_role_policy'] as string).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: service },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ]);
    }
  });

  test('no s3:PutObjectAcl: the bucket enforces its owner and has no ACLs', () => {
    const json = synth();
    for (const role of ['build_role_policy', 'start_role_policy', 'pipeline_role_policy']) {
      expect(resource(json, 'aws_iam_role_policy', role)['policy']).not.toContain('s3:PutObjectAcl');
    }
  });
});

describe('Pipeline: connection', () => {
  test('creates a GitHub connection and links to its console page to complete it', () => {
    const json = synth();
    expect(resource(json, 'aws_codestarconnections_connection', 'connection')).toEqual({ name: 'shop-production-git', provider_type: 'GitHub' });
    expect(json.output?.['connection_arn']?.value).toBe('${aws_codestarconnections_connection.connection.arn}');
    expect(json.output?.['connection_status_url']?.value).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/settings/' +
        '${element(split(":", aws_codestarconnections_connection.connection.arn), 4)}/eu-west-1/connections/' +
        '${element(split("/", aws_codestarconnections_connection.connection.arn), 1)}?region=eu-west-1',
    );
  });

  test('uses an existing connection instead of creating one', () => {
    const json = synth({ connectionArn: EXISTING_CONNECTION });
    expect(json.resource['aws_codestarconnections_connection']).toBeUndefined();
    expect(json.output?.['connection_arn']?.value).toBe(EXISTING_CONNECTION);
    expect(json.output?.['connection_status_url']?.value).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/settings/123456789012/eu-west-1/connections/0a1b2c3d-1111-2222-3333-444455556666?region=eu-west-1',
    );
    const source = resource(json, 'aws_codepipeline', 'pipeline')['stage'][0].action[0];
    expect(source.configuration.ConnectionArn).toBe(EXISTING_CONNECTION);
    expect(statementsOf(json, 'pipeline_role_policy')['Source']!['Resource']).toBe(EXISTING_CONNECTION);
  });
});

describe('Pipeline: build', () => {
  const json = synth();
  const project = resource(json, 'aws_codebuild_project', 'build');

  test('a privileged Linux build on the standard image, logging to a retained group', () => {
    expect(project).toMatchObject({
      name: 'shop-production-build',
      service_role: '${aws_iam_role.build_role.arn}',
      artifacts: { type: 'CODEPIPELINE' },
      source: { type: 'CODEPIPELINE' },
      environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', privileged_mode: true },
      logs_config: { cloudwatch_logs: { group_name: '${aws_cloudwatch_log_group.build_log_group.name}' } },
    });
    expect(resource(json, 'aws_cloudwatch_log_group', 'build_log_group')).toEqual({
      name: '/aws/codebuild/shop-production-build',
      retention_in_days: 30,
    });
  });

  test('hands the buildspec everything it needs as variables', () => {
    const variables = Object.fromEntries(
      (project['environment'].environment_variable as Array<{ name: string; value: string }>).map((v) => [v.name, v.value]),
    );
    expect(variables).toEqual({
      REPOSITORY_URI: props.repositoryUrl,
      CONTAINER_NAME: 'web',
      CLUSTER: 'shop-production-cluster',
      // The family: the build registers a copy of its latest revision with the commit's image.
      MIGRATE_FAMILY: 'shop-production-migrate',
      SUBNETS: 'subnet-private-a,subnet-private-b',
      SECURITY_GROUP: 'sg-tasks',
      DOCKERFILE: 'docker/Dockerfile',
      BUILD_CONTEXT: 'app',
      DATABASE_APP_SECRET: props.databaseAppSecretArn,
    });
  });

  test('the build role may fill the app password once and register migrate revisions, but not record the image tag', () => {
    const statements = statementsOf(json, 'build_role_policy');
    // A built image is not yet a deployed one: only the Start step records it.
    expect(grantsOf(json, 'build_role_policy', 'ssm:PutParameter')).toEqual([]);
    expect(statements['FillAppPassword']).toMatchObject({
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:PutSecretValue'],
      Resource: props.databaseAppSecretArn,
    });
    // It writes the app password but may never read it (nor the master's).
    expect(resource(json, 'aws_iam_role_policy', 'build_role_policy')['policy']).not.toContain('secretsmanager:GetSecretValue');
    expect(statements['CopyMigrateRevision']).toMatchObject({ Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' });
    expect(statements['TagMigrateRevision']).toMatchObject({
      Action: 'ecs:TagResource',
      Resource: `${props.migrateTaskDefinitionFamilyArn}:*`,
      Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
    });
    expect(statements['PushImage']!['Action']).toContain('ecr:DescribeImages');
  });

  test('a Start project, after the deploy, raises the service to its minimum and waits for it', () => {
    const start = resource(json, 'aws_codebuild_project', 'start');
    expect(start).toMatchObject({
      name: 'shop-production-start',
      service_role: '${aws_iam_role.start_role.arn}',
      environment: { privileged_mode: false },
      logs_config: { cloudwatch_logs: { group_name: '${aws_cloudwatch_log_group.build_log_group.name}', stream_name: 'start' } },
    });
    const variables = Object.fromEntries((start['environment'].environment_variable as Array<{ name: string; value: string }>).map((v) => [v.name, v.value]));
    // It records the deployed image tag: the Build does not, a built image is not yet a deployed one.
    expect(variables).toEqual({
      CLUSTER: 'shop-production-cluster',
      SERVICE: 'shop-production-web',
      MIN_COUNT: '2',
      MAX_COUNT: '10',
      CONTAINER_NAME: 'web',
      IMAGE_TAG_PARAMETER: '/shop-production/image-tag',
    });
  });

  test('Start runs with a role of its own, allowed exactly what its buildspec calls on this environment', () => {
    expect(resource(json, 'aws_iam_role', 'start_role')).toMatchObject({ name: 'shop-production-start' });
    expect(resource(json, 'aws_iam_role_policy', 'start_role_policy')).toMatchObject({ name: 'shop-production-start', role: '${aws_iam_role.start_role.id}' });
    expect(JSON.parse(resource(json, 'aws_iam_role_policy', 'start_role_policy')['policy'] as string).Statement).toEqual([
      // Its own streams of the build log group (stream_name is a prefix: CodeBuild adds the build's id).
      { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '${aws_cloudwatch_log_group.build_log_group.arn}:log-stream:start*' },
      // It reads imagedefinitions.json, its input, and writes no artifact.
      { Sid: 'Artifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: '${aws_s3_bucket.artifacts.arn}/*' },
      { Sid: 'StartService', Effect: 'Allow', Action: 'application-autoscaling:RegisterScalableTarget', Resource: props.scalableTargetArn },
      // wait services-stable and describe-services; Application Auto Scaling checks UpdateService for the caller.
      { Sid: 'ScaleService', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: props.serviceArn },
      { Sid: 'ReadRevision', Effect: 'Allow', Action: 'ecs:DescribeTaskDefinition', Resource: '*' },
      { Sid: 'RecordImageTag', Effect: 'Allow', Action: 'ssm:PutParameter', Resource: props.imageTagParameterArn },
    ]);
  });

  test('the build role keeps nothing only Start needs', () => {
    for (const action of ['application-autoscaling:RegisterScalableTarget', 'application-autoscaling:DescribeScalableTargets', 'ecs:UpdateService', 'ecs:DescribeServices', 'ssm:PutParameter']) {
      expect(grantsOf(json, 'build_role_policy', action), action).toEqual([]);
    }
    // And Start none of the build's: no push, no secret, no migrate task, no role to pass.
    for (const action of ['ecr:PutImage', 'secretsmanager:PutSecretValue', 'ecs:RunTask', 'ecs:RegisterTaskDefinition', 'iam:PassRole', 's3:PutObject']) {
      expect(grantsOf(json, 'start_role_policy', action), action).toEqual([]);
    }
    // Each writes its own log streams of the group they share (stream_name is a prefix: CodeBuild adds the build's id).
    expect(statementsOf(json, 'build_role_policy')['Logs']).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '${aws_cloudwatch_log_group.build_log_group.arn}:log-stream:build*',
    });
    expect(resource(json, 'aws_codebuild_project', 'build')['logs_config']).toMatchObject({ cloudwatch_logs: { stream_name: 'build' } });
    expect(resource(json, 'aws_codebuild_project', 'start')['logs_config']).toMatchObject({ cloudwatch_logs: { stream_name: 'start' } });
  });

  test('the build role may push to this repository and run only the migrate task in this cluster', () => {
    const statements = statementsOf(json, 'build_role_policy');
    expect(statements['PushImage']!['Resource']).toBe(props.repositoryArn);
    expect(statements['RunMigrate']).toMatchObject({
      Action: 'ecs:RunTask',
      Resource: `${props.migrateTaskDefinitionFamilyArn}:*`,
      Condition: { ArnEquals: { 'ecs:cluster': props.clusterArn } },
    });
    expect(statements['WatchMigrate']!['Resource']).toBe('${local.cluster_task_arns}');
    expect(json.locals?.['cluster_task_arns']).toBe(`\${replace("${props.clusterArn}", ":cluster/", ":task/")}/*`);
    expect(statements['PassTaskRoles']).toMatchObject({
      Action: 'iam:PassRole',
      Resource: props.taskRoleArns,
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
  });
});

describe('Pipeline: stages', () => {
  const json = synth();
  const pipeline = resource(json, 'aws_codepipeline', 'pipeline');

  test('Source → Build → Deploy, artifacts in the bucket', () => {
    expect(pipeline).toMatchObject({
      name: 'shop-production-pipeline',
      role_arn: '${aws_iam_role.pipeline_role.arn}',
      artifact_store: [{ type: 'S3', location: '${aws_s3_bucket.artifacts.bucket}' }],
    });
    expect(pipeline['stage'].map((stage: { name: string }) => stage.name)).toEqual(['Source', 'Build', 'Deploy']);
  });

  test('Source pulls the branch through the CodeStar connection', () => {
    expect(pipeline['stage'][0].action).toEqual([
      expect.objectContaining({
        category: 'Source',
        provider: 'CodeStarSourceConnection',
        output_artifacts: ['source'],
        configuration: expect.objectContaining({
          ConnectionArn: '${aws_codestarconnections_connection.connection.arn}',
          FullRepositoryId: 'acme/shop',
          BranchName: 'release',
        }),
      }),
    ]);
  });

  test('Build runs the project, Deploy updates the ECS service from imagedefinitions.json', () => {
    expect(pipeline['stage'][1].action[0]).toMatchObject({
      category: 'Build',
      provider: 'CodeBuild',
      input_artifacts: ['source'],
      output_artifacts: ['build'],
      configuration: { ProjectName: '${aws_codebuild_project.build.name}' },
    });
    expect(pipeline['stage'][2].action[0]).toMatchObject({
      category: 'Deploy',
      provider: 'ECS',
      input_artifacts: ['build'],
      configuration: { ClusterName: 'shop-production-cluster', ServiceName: 'shop-production-web', FileName: 'imagedefinitions.json' },
      run_order: 1,
    });
  });

  test('after the deploy, Start raises the service from zero tasks once the first image exists', () => {
    expect(pipeline['stage'][2].action[1]).toMatchObject({
      name: 'Start',
      category: 'Build',
      provider: 'CodeBuild',
      input_artifacts: ['build'],
      configuration: { ProjectName: '${aws_codebuild_project.start.name}' },
      run_order: 2,
    });
  });

  test('the deploy tags only the new revisions of the family it registers, never any ECS resource', () => {
    const statements = statementsOf(json, 'pipeline_role_policy');
    // Describe takes no resource-level permissions; register stays on * (see the comment in pipeline.ts).
    expect(statements['DeployTaskDefinition']).toEqual({ Sid: 'DeployTaskDefinition', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' });
    expect(grantsOf(json, 'pipeline_role_policy', 'ecs:TagResource')).toEqual([
      {
        Sid: 'TagDeployRevision',
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: '${local.deploy_task_definitions}',
        Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
      },
    ]);
    // The web family's revisions, from the cluster's ARN (known in every plan, unlike a replaced revision's).
    expect(json.locals?.['deploy_task_definitions']).toBe(
      `\${replace("${props.clusterArn}", ":cluster/shop-production-cluster", ":task-definition/shop-production-web")}:*`,
    );
  });

  test('the deploy watches only the tasks of this cluster', () => {
    expect(grantsOf(json, 'pipeline_role_policy', 'ecs:ListTasks')).toEqual([
      // ListTasks names a container instance, which Fargate tasks have none of: * narrowed to the cluster.
      { Sid: 'WatchDeploy', Effect: 'Allow', Action: 'ecs:ListTasks', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': props.clusterArn } } },
    ]);
    expect(grantsOf(json, 'pipeline_role_policy', 'ecs:DescribeTasks')).toEqual([
      { Sid: 'WatchDeployTasks', Effect: 'Allow', Action: 'ecs:DescribeTasks', Resource: '${local.cluster_task_arns}' },
    ]);
  });

  test('blue/green: the pipeline registers and tags the family CodeDeploy deploys, and watches its cluster', () => {
    const codeDeploy = {
      applicationName: 'shop-production-deploy',
      deploymentGroupName: 'shop-production-web',
      applicationArn: 'arn:aws:codedeploy:eu-west-1:123456789012:application:shop-production-deploy',
      deploymentGroupArn: 'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:shop-production-deploy/shop-production-web',
      deploymentConfigArn: 'arn:aws:codedeploy:eu-west-1:123456789012:deploymentconfig:CodeDeployDefault.ECSAllAtOnce',
      taskDefinitionFamily: 'shop-production-web',
      containerPort: '3000',
    };
    const blueGreen = synth({ codeDeploy });
    expect(statementsOf(blueGreen, 'pipeline_role_policy')['TagDeployRevision']!['Resource']).toBe('${local.deploy_task_definitions}');
    expect(blueGreen.locals?.['deploy_task_definitions']).toBe(json.locals?.['deploy_task_definitions']);
    expect(statementsOf(blueGreen, 'pipeline_role_policy')['WatchDeploy']!['Condition']).toEqual({ ArnEquals: { 'ecs:cluster': props.clusterArn } });
  });

  test('several deploy targets: each one\'s family and cluster, and nothing beyond them', () => {
    const green = {
      name: 'Deploy-green',
      clusterName: 'shop-production-green-cluster',
      clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop-production-green-cluster',
      serviceName: 'shop-production-green-web',
      serviceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/shop-production-green-cluster/shop-production-green-web',
      taskRoleArns: ['arn:aws:iam::123456789012:role/shop-production-green-task'],
      taskDefinitionFamily: 'shop-production-green-web',
    };
    const blue = { ...green, name: 'Deploy', clusterName: props.clusterName, clusterArn: props.clusterArn, serviceName: props.serviceName, serviceArn: props.serviceArn, taskRoleArns: props.taskRoleArns, taskDefinitionFamily: 'shop-production-web' };
    const both = synth({ deployTargets: [blue, green] });
    const statements = statementsOf(both, 'pipeline_role_policy');
    expect(statements['TagDeployRevision']!['Resource']).toEqual(['${local.deploy_task_definitions}', '${local.deploy_task_definitions_2}']);
    expect(both.locals?.['deploy_task_definitions_2']).toBe(`\${replace("${green.clusterArn}", ":cluster/${green.clusterName}", ":task-definition/${green.taskDefinitionFamily}")}:*`);
    expect(statements['WatchDeploy']!['Condition']).toEqual({ ArnEquals: { 'ecs:cluster': [props.clusterArn, green.clusterArn] } });
    expect(statements['WatchDeployTasks']!['Resource']).toEqual(['${local.cluster_task_arns}', '${local.cluster_task_arns_2}']);
    expect(both.locals?.['cluster_task_arns_2']).toBe(`\${replace("${green.clusterArn}", ":cluster/", ":task/")}/*`);
  });

  test('the pipeline role reaches this bucket, connection, project and service', () => {
    const statements = statementsOf(json, 'pipeline_role_policy');
    expect(statements['Artifacts']!['Resource']).toBe('${aws_s3_bucket.artifacts.arn}/*');
    expect(statements['Source']!['Resource']).toBe('${aws_codestarconnections_connection.connection.arn}');
    expect(statements['Build']!['Resource']).toEqual(['${aws_codebuild_project.build.arn}', '${aws_codebuild_project.start.arn}']);
    expect(statements['Artifacts']!['Action']).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject']);
    expect(statements['DeployService']!['Resource']).toBe(props.serviceArn);
    expect(statements['PassTaskRoles']!['Resource']).toEqual(props.taskRoleArns);
  });
});
