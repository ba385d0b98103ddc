// The reference stack of `npm run bench`: the architecture of ecs-wizard's
// production preset (3 zones, a NAT gateway per zone, multi-AZ PostgreSQL,
// ECS Fargate behind an ALB, CPU step scaling, GitHub → CodeBuild → ECS),
// written by hand as a careful CDKTF user would: plain cdktf, one flat stack,
// each provider class required from its deep path (the package root loads
// all ~1,500 classes), CommonJS so Node loads the classes without lexing
// them for named exports.
//
// The bench runs it with plain node (`node bench/reference/main.cjs OUTDIR`)
// and checks that it writes the same resources as `ecs-wizard synth` of the
// production preset for app "shop" in eu-west-1, so the ratio compares the
// same work. It is not part of the package and imports nothing of ecs-wizard.
'use strict';
const { App, Fn, LocalBackend, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable } = require('cdktf');
const aws = (name) => require(`@cdktf/provider-aws/lib/${name}/index.js`);
const { AwsProvider } = aws('provider');
const { Vpc } = aws('vpc');
const { Subnet } = aws('subnet');
const { InternetGateway } = aws('internet-gateway');
const { Eip } = aws('eip');
const { NatGateway } = aws('nat-gateway');
const { RouteTable } = aws('route-table');
const { Route } = aws('route');
const { RouteTableAssociation } = aws('route-table-association');
const { DefaultSecurityGroup } = aws('default-security-group');
const { SecurityGroup } = aws('security-group');
const { VpcSecurityGroupIngressRule } = aws('vpc-security-group-ingress-rule');
const { VpcSecurityGroupEgressRule } = aws('vpc-security-group-egress-rule');
const { DbSubnetGroup } = aws('db-subnet-group');
const { DbInstance } = aws('db-instance');
const { EcrRepository } = aws('ecr-repository');
const { EcrLifecyclePolicy } = aws('ecr-lifecycle-policy');
const { EcsCluster } = aws('ecs-cluster');
const { CloudwatchLogGroup } = aws('cloudwatch-log-group');
const { IamRole } = aws('iam-role');
const { IamRolePolicy } = aws('iam-role-policy');
const { EcsTaskDefinition } = aws('ecs-task-definition');
const { Lb } = aws('lb');
const { LbTargetGroup } = aws('lb-target-group');
const { LbListener } = aws('lb-listener');
const { EcsService } = aws('ecs-service');
const { AppautoscalingTarget } = aws('appautoscaling-target');
const { AppautoscalingPolicy } = aws('appautoscaling-policy');
const { CloudwatchMetricAlarm } = aws('cloudwatch-metric-alarm');
const { S3Bucket } = aws('s3-bucket');
const { S3BucketVersioningA } = aws('s3-bucket-versioning');
const { S3BucketServerSideEncryptionConfigurationA } = aws('s3-bucket-server-side-encryption-configuration');
const { S3BucketPublicAccessBlock } = aws('s3-bucket-public-access-block');
const { S3BucketOwnershipControls } = aws('s3-bucket-ownership-controls');
const { CodestarconnectionsConnection } = aws('codestarconnections-connection');
const { CodebuildProject } = aws('codebuild-project');
const { Codepipeline } = aws('codepipeline');

const APP = 'shop';
const ENV = 'production';
const REGION = 'eu-west-1';
const ZONES = ['a', 'b', 'c'];
const PREFIX = `${APP}-${ENV}`;
const name = (suffix) => `${PREFIX}-${suffix}`;
const ANYWHERE = '0.0.0.0/0';
const CONTAINER_PORT = 3000;
const DB_PORT = 5432;

const allow = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', ...s })) });
const trust = (service) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

const buildspec = JSON.stringify(
  {
    version: '0.2',
    phases: {
      pre_build: {
        commands: [
          'REGISTRY=$(echo "$REPOSITORY_URI" | cut -d/ -f1)',
          'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
          'IMAGE_TAG=$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c 1-7)',
          'test -n "$IMAGE_TAG" || IMAGE_TAG=build-$CODEBUILD_BUILD_NUMBER',
        ],
      },
      build: {
        commands: [
          'docker build -f "$BUILD_CONTEXT/$DOCKERFILE" -t "$REPOSITORY_URI:$IMAGE_TAG" -t "$REPOSITORY_URI:latest" "$BUILD_CONTEXT"',
          'docker push "$REPOSITORY_URI:$IMAGE_TAG"',
          'docker push "$REPOSITORY_URI:latest"',
          'TASK_ARN=$(aws ecs run-task --cluster "$CLUSTER" --task-definition "$MIGRATE_TASK_DEFINITION" --launch-type FARGATE ' +
            '--network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUP],assignPublicIp=DISABLED}" ' +
            "--query 'tasks[0].taskArn' --output text)",
          'if [ -z "$TASK_ARN" ] || [ "$TASK_ARN" = "None" ]; then echo "could not start the migrate task"; exit 1; fi',
          'echo "migrate task $TASK_ARN started; waiting for it to stop"',
          'aws ecs wait tasks-stopped --cluster "$CLUSTER" --tasks "$TASK_ARN"',
          "EXIT_CODE=$(aws ecs describe-tasks --cluster \"$CLUSTER\" --tasks \"$TASK_ARN\" --query 'tasks[0].containers[0].exitCode' --output text)",
          'if [ "$EXIT_CODE" != "0" ]; then echo "migrate exited with $EXIT_CODE; not deploying (see its log group)"; exit 1; fi',
          'printf \'[{"name":"%s","imageUri":"%s"}]\' "$CONTAINER_NAME" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json',
        ],
      },
    },
    artifacts: { files: ['imagedefinitions.json'] },
  },
  null,
  2,
);

class ProductionStack extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: REGION, defaultTags: [{ tags: { app: APP, environment: ENV, 'managed-by': 'ecs-wizard' } }] });
    new LocalBackend(this, { path: `../../../.ecs-wizard/state/${ENV}.tfstate` });
    const deletionProtection = new TerraformVariable(this, 'database_deletion_protection', {
      type: 'bool',
      default: true,
      description: 'Refuse to delete the database. The destroy flow sets it to false in a targeted apply first.',
    });
    const finalSnapshot = new TerraformVariable(this, 'database_final_snapshot_identifier', {
      type: 'string',
      default: name('final'),
      description: 'Snapshot taken when the database is destroyed; the destroy flow makes it unique.',
    });

    // Network: a public and a private /20 per zone, a NAT gateway per zone.
    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: PREFIX } });
    new DefaultSecurityGroup(this, 'default_security_group', { vpcId: vpc.id, tags: { Name: name('default-closed') } });
    const igw = new InternetGateway(this, 'internet_gateway', { vpcId: vpc.id, tags: { Name: PREFIX } });
    const publicSubnets = ZONES.map(
      (zone, i) =>
        new Subnet(this, `public_subnet_${zone}`, {
          vpcId: vpc.id,
          availabilityZone: `${REGION}${zone}`,
          cidrBlock: `10.0.${i * 16}.0/20`,
          mapPublicIpOnLaunch: false,
          tags: { Name: name(`public-${zone}`), Tier: 'public' },
        }),
    );
    const privateSubnets = ZONES.map(
      (zone, i) =>
        new Subnet(this, `private_subnet_${zone}`, {
          vpcId: vpc.id,
          availabilityZone: `${REGION}${zone}`,
          cidrBlock: `10.0.${128 + i * 16}.0/20`,
          tags: { Name: name(`private-${zone}`), Tier: 'private' },
        }),
    );
    const publicTable = new RouteTable(this, 'public_route_table', { vpcId: vpc.id, tags: { Name: name('public') } });
    new Route(this, 'public_internet_route', { routeTableId: publicTable.id, destinationCidrBlock: ANYWHERE, gatewayId: igw.id });
    ZONES.forEach((zone, i) => {
      new RouteTableAssociation(this, `public_route_table_association_${zone}`, { subnetId: publicSubnets[i].id, routeTableId: publicTable.id });
    });
    const nats = ZONES.map((zone, i) => {
      const eip = new Eip(this, `nat_eip_${zone}`, { domain: 'vpc', tags: { Name: name(`nat-${zone}`) } });
      return new NatGateway(this, `nat_gateway_${zone}`, {
        allocationId: eip.id,
        subnetId: publicSubnets[i].id,
        tags: { Name: name(`nat-${zone}`) },
        dependsOn: [igw],
      });
    });
    ZONES.forEach((zone, i) => {
      const table = new RouteTable(this, `private_route_table_${zone}`, { vpcId: vpc.id, tags: { Name: name(`private-${zone}`) } });
      new Route(this, `private_nat_route_${zone}`, { routeTableId: table.id, destinationCidrBlock: ANYWHERE, natGatewayId: nats[i].id });
      new RouteTableAssociation(this, `private_route_table_association_${zone}`, { subnetId: privateSubnets[i].id, routeTableId: table.id });
    });
    const privateIds = privateSubnets.map((subnet) => subnet.id);

    // Security groups: internet → ALB → tasks → database.
    const group = (id, suffix, description) =>
      new SecurityGroup(this, id, { name: name(suffix), description, vpcId: vpc.id, tags: { Name: name(suffix) } });
    const albGroup = group('alb_security_group', 'alb', 'Load balancer: HTTP from the internet, to the tasks only');
    const tasksGroup = group('tasks_security_group', 'tasks', 'ECS tasks: from the load balancer, out to AWS APIs and the database');
    const dbGroup = group('database_security_group', 'db', 'Database: engine port from the ECS tasks only');
    const tcp = (port) => ({ ipProtocol: 'tcp', fromPort: port, toPort: port });
    new VpcSecurityGroupIngressRule(this, 'alb_http_from_internet', { securityGroupId: albGroup.id, description: 'HTTP from the internet', ...tcp(80), cidrIpv4: ANYWHERE });
    new VpcSecurityGroupEgressRule(this, 'alb_to_tasks', {
      securityGroupId: albGroup.id,
      description: 'To the tasks on the container port',
      ...tcp(CONTAINER_PORT),
      referencedSecurityGroupId: tasksGroup.id,
    });
    new VpcSecurityGroupIngressRule(this, 'tasks_from_alb', {
      securityGroupId: tasksGroup.id,
      description: 'From the load balancer on the container port',
      ...tcp(CONTAINER_PORT),
      referencedSecurityGroupId: albGroup.id,
    });
    new VpcSecurityGroupEgressRule(this, 'tasks_to_anywhere', {
      securityGroupId: tasksGroup.id,
      description: 'Out to ECR, Secrets Manager, CloudWatch and the database',
      ipProtocol: '-1',
      cidrIpv4: ANYWHERE,
    });
    new VpcSecurityGroupIngressRule(this, 'database_from_tasks', {
      securityGroupId: dbGroup.id,
      description: 'Engine port from the ECS tasks',
      ...tcp(DB_PORT),
      referencedSecurityGroupId: tasksGroup.id,
    });

    // Database: multi-AZ PostgreSQL, its password managed by RDS in Secrets Manager.
    const subnetGroup = new DbSubnetGroup(this, 'database_subnet_group', { name: name('db'), description: `Private subnets of ${PREFIX}`, subnetIds: privateIds });
    const db = new DbInstance(this, 'database', {
      identifier: name('db'),
      engine: 'postgres',
      engineVersion: '16',
      instanceClass: 'db.t4g.medium',
      port: DB_PORT,
      dbName: APP,
      username: 'app',
      manageMasterUserPassword: true,
      allocatedStorage: 50,
      maxAllocatedStorage: 500,
      storageType: 'gp3',
      storageEncrypted: true,
      multiAz: true,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [dbGroup.id],
      publiclyAccessible: false,
      backupRetentionPeriod: 14,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      autoMinorVersionUpgrade: true,
      deletionProtection: deletionProtection.booleanValue,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: finalSnapshot.stringValue,
    });
    const dbSecretArn = db.masterUserSecret.get(0).secretArn;

    // Containers: ECR, the cluster, logs, two roles, the web and migrate task definitions.
    const repository = new EcrRepository(this, 'repository', {
      name: name('app'),
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      forceDelete: true,
    });
    new EcrLifecyclePolicy(this, 'repository_lifecycle', {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: 'Keep the last 30 images',
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    const cluster = new EcsCluster(this, 'cluster', { name: name('cluster'), setting: [{ name: 'containerInsights', value: 'enabled' }] });
    const webLogs = new CloudwatchLogGroup(this, 'web_log_group', { name: `/ecs/${name('web')}`, retentionInDays: 90 });
    const migrateLogs = new CloudwatchLogGroup(this, 'migrate_log_group', { name: `/ecs/${name('migrate')}`, retentionInDays: 90 });
    const executionRole = new IamRole(this, 'execution_role', {
      name: name('execution'),
      description: `ECS pulls images, writes logs and reads secrets for ${PREFIX}`,
      assumeRolePolicy: trust('ecs-tasks.amazonaws.com'),
    });
    new IamRolePolicy(this, 'execution_role_policy', {
      name: name('execution'),
      role: executionRole.id,
      policy: allow([
        { Sid: 'EcrLogin', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        { Sid: 'PullImage', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: repository.arn },
        { Sid: 'WriteLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`${webLogs.arn}:*`, `${migrateLogs.arn}:*`] },
        { Sid: 'ReadSecrets', Action: 'secretsmanager:GetSecretValue', Resource: [dbSecretArn] },
      ]),
    });
    const taskRole = new IamRole(this, 'task_role', {
      name: name('task'),
      description: `The app's own permissions in ${PREFIX}; none until you add them`,
      assumeRolePolicy: trust('ecs-tasks.amazonaws.com'),
    });
    const environment = [
      { name: 'DATABASE_HOST', value: db.address },
      { name: 'DATABASE_NAME', value: APP },
      { name: 'DATABASE_PORT', value: String(DB_PORT) },
      { name: 'DATABASE_USER', value: 'app' },
    ];
    const container = (containerName, logGroup) => ({
      name: containerName,
      image: `${repository.repositoryUrl}:latest`,
      essential: true,
      environment,
      secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: `${dbSecretArn}:password::` }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': logGroup.name, 'awslogs-region': REGION, 'awslogs-stream-prefix': containerName },
      },
    });
    const taskDefinition = (id, definition) =>
      new EcsTaskDefinition(this, id, {
        family: name(id),
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '512',
        memory: '1024',
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
        containerDefinitions: JSON.stringify([definition]),
      });
    const web = taskDefinition('web', { ...container('web', webLogs), portMappings: [{ containerPort: CONTAINER_PORT, protocol: 'tcp' }] });
    const migrate = taskDefinition('migrate', { ...container('migrate', migrateLogs), command: ['npm', 'run', 'migrate'] });

    // Load balancer and service.
    const alb = new Lb(this, 'alb', {
      name: name('alb'),
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [albGroup.id],
      subnets: publicSubnets.map((subnet) => subnet.id),
      dropInvalidHeaderFields: true,
    });
    const targetGroup = new LbTargetGroup(this, 'web_target_group', {
      name: name('web'),
      targetType: 'ip',
      protocol: 'HTTP',
      port: CONTAINER_PORT,
      vpcId: vpc.id,
      deregistrationDelay: '30',
      healthCheck: { enabled: true, path: '/health', matcher: '200-399', interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
    });
    // Construct ids share one namespace; each resource type's addresses are their own.
    targetGroup.overrideLogicalId('web');
    const listener = new LbListener(this, 'http', {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
    });
    const service = new EcsService(this, 'web_service', {
      name: name('web'),
      cluster: cluster.id,
      taskDefinition: web.arn,
      desiredCount: 2,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: { subnets: privateIds, securityGroups: [tasksGroup.id], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: targetGroup.arn, containerName: 'web', containerPort: CONTAINER_PORT }],
      healthCheckGracePeriodSeconds: 60,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      lifecycle: { ignoreChanges: ['desired_count', 'task_definition'] },
      dependsOn: [listener],
    });
    service.overrideLogicalId('web');

    // Scaling: one CPU alarm adds a task; its OK action removes one.
    const target = new AppautoscalingTarget(this, 'autoscaling_target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${cluster.name}/${service.name}`,
      minCapacity: 2,
      maxCapacity: 10,
    });
    const step = (id, cooldown, adjustment) =>
      new AppautoscalingPolicy(this, id, {
        name: name(id.replace('_', '-')),
        policyType: 'StepScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        stepScalingPolicyConfiguration: { adjustmentType: 'ChangeInCapacity', metricAggregationType: 'Average', cooldown, stepAdjustment: [adjustment] },
      });
    const scaleUp = step('scale_up', 60, { metricIntervalLowerBound: '0', scalingAdjustment: 1 });
    const scaleDown = step('scale_down', 300, { metricIntervalUpperBound: '-25', scalingAdjustment: -1 });
    new CloudwatchMetricAlarm(this, 'cpu_high', {
      alarmName: name('cpu-high'),
      alarmDescription: `Average CPU of ${PREFIX} above 85%: add a task; back to OK: remove one if below 60%`,
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions: { ClusterName: cluster.name, ServiceName: service.name },
      statistic: 'Average',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 85,
      evaluationPeriods: 2,
      period: 60,
      alarmActions: [scaleUp.arn],
      okActions: [scaleDown.arn],
    });

    // Pipeline: GitHub through a CodeStar connection → CodeBuild → ECS deploy.
    const bucket = new S3Bucket(this, 'artifacts', { bucketPrefix: name('pipeline-'), forceDestroy: true });
    new S3BucketVersioningA(this, 'artifacts_versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'artifacts_encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketPublicAccessBlock(this, 'artifacts_public_access_block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'artifacts_ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const connection = new CodestarconnectionsConnection(this, 'connection', { name: name('git'), providerType: 'GitHub' });
    const buildLogs = new CloudwatchLogGroup(this, 'build_log_group', { name: `/aws/codebuild/${name('build')}`, retentionInDays: 90 });
    const passRoles = {
      Sid: 'PassTaskRoles',
      Action: 'iam:PassRole',
      Resource: [executionRole.arn, taskRole.arn],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    };
    const clusterTasks = new TerraformLocal(this, 'cluster_task_arns', `${Fn.replace(cluster.arn, ':cluster/', ':task/')}/*`);
    const buildRole = new IamRole(this, 'build_role', {
      name: name('build'),
      description: `CodeBuild builds, pushes and migrates ${PREFIX}`,
      assumeRolePolicy: trust('codebuild.amazonaws.com'),
    });
    new IamRolePolicy(this, 'build_role_policy', {
      name: name('build'),
      role: buildRole.id,
      policy: allow([
        { Sid: 'Logs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${buildLogs.arn}:*` },
        { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: `${bucket.arn}/*` },
        { Sid: 'EcrLogin', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'PushImage',
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:CompleteLayerUpload',
            'ecr:GetDownloadUrlForLayer',
            'ecr:InitiateLayerUpload',
            'ecr:PutImage',
            'ecr:UploadLayerPart',
          ],
          Resource: repository.arn,
        },
        { Sid: 'RunMigrate', Action: 'ecs:RunTask', Resource: `${migrate.arnWithoutRevision}:*`, Condition: { ArnEquals: { 'ecs:cluster': cluster.arn } } },
        { Sid: 'WatchMigrate', Action: 'ecs:DescribeTasks', Resource: clusterTasks.asString },
        passRoles,
      ]),
    });
    const variables = {
      REPOSITORY_URI: repository.repositoryUrl,
      CONTAINER_NAME: 'web',
      CLUSTER: cluster.name,
      MIGRATE_TASK_DEFINITION: migrate.arn,
      SUBNETS: privateIds.join(','),
      SECURITY_GROUP: tasksGroup.id,
      DOCKERFILE: 'Dockerfile',
      BUILD_CONTEXT: '.',
    };
    const build = new CodebuildProject(this, 'build', {
      name: name('build'),
      description: `Builds ${PREFIX}, runs its migrations and hands the image to the deploy`,
      serviceRole: buildRole.arn,
      buildTimeout: 60,
      artifacts: { type: 'CODEPIPELINE' },
      source: { type: 'CODEPIPELINE', buildspec },
      environment: {
        type: 'LINUX_CONTAINER',
        computeType: 'BUILD_GENERAL1_SMALL',
        image: 'aws/codebuild/standard:7.0',
        privilegedMode: true,
        environmentVariable: Object.entries(variables).map(([variable, value]) => ({ name: variable, value, type: 'PLAINTEXT' })),
      },
      logsConfig: { cloudwatchLogs: { groupName: buildLogs.name } },
    });
    const pipelineRole = new IamRole(this, 'pipeline_role', {
      name: name('pipeline'),
      description: `CodePipeline of ${PREFIX}`,
      assumeRolePolicy: trust('codepipeline.amazonaws.com'),
    });
    new IamRolePolicy(this, 'pipeline_role_policy', {
      name: name('pipeline'),
      role: pipelineRole.id,
      policy: allow([
        { Sid: 'ArtifactBucket', Action: ['s3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: bucket.arn },
        { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl'], Resource: `${bucket.arn}/*` },
        { Sid: 'Source', Action: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'], Resource: connection.arn },
        { Sid: 'Build', Action: ['codebuild:BatchGetBuilds', 'codebuild:StartBuild'], Resource: build.arn },
        { Sid: 'DeployService', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: service.id },
        {
          Sid: 'DeployTaskDefinition',
          Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition', 'ecs:TagResource', 'ecs:ListTasks', 'ecs:DescribeTasks'],
          Resource: '*',
        },
        passRoles,
      ]),
    });
    const action = (actionName, category, provider, configuration, artifacts) => ({
      name: actionName,
      category,
      owner: 'AWS',
      provider,
      version: '1',
      ...artifacts,
      configuration,
    });
    new Codepipeline(this, 'pipeline', {
      name: name('pipeline'),
      roleArn: pipelineRole.arn,
      pipelineType: 'V2',
      artifactStore: [{ type: 'S3', location: bucket.bucket }],
      stage: [
        {
          name: 'Source',
          action: [
            action(
              'Source',
              'Source',
              'CodeStarSourceConnection',
              { ConnectionArn: connection.arn, FullRepositoryId: 'acme/shop', BranchName: 'main', OutputArtifactFormat: 'CODE_ZIP', DetectChanges: 'true' },
              { outputArtifacts: ['source'] },
            ),
          ],
        },
        { name: 'Build', action: [action('Build', 'Build', 'CodeBuild', { ProjectName: build.name }, { inputArtifacts: ['source'], outputArtifacts: ['build'] })] },
        {
          name: 'Deploy',
          action: [
            action('Deploy', 'Deploy', 'ECS', { ClusterName: cluster.name, ServiceName: service.name, FileName: 'imagedefinitions.json' }, { inputArtifacts: ['build'] }),
          ],
        },
      ],
    });

    const output = (id, value, description) => new TerraformOutput(this, id, { value, description });
    output('alb_dns_name', alb.dnsName, 'Point your DNS record at this name with an ALIAS (or CNAME) record.');
    output('app_url', `http://${alb.dnsName}`, 'The app, through the load balancer.');
    output('ecr_repository_url', repository.repositoryUrl, 'ECR repository the pipeline pushes images to.');
    output('cluster_name', cluster.name, 'ECS cluster name.');
    output('service_name', service.name, 'ECS service name.');
    output('connection_arn', connection.arn, 'CodeStar connection to GitHub.');
    output(
      'connection_status_url',
      `https://${REGION}.console.aws.amazon.com/codesuite/settings/${Fn.element(Fn.split(':', connection.arn), 4)}/${REGION}/connections/${Fn.element(Fn.split('/', connection.arn), 1)}?region=${REGION}`,
      'A new connection starts PENDING: open this page and choose "Update pending connection" to authorise GitHub.',
    );
    output('migrate_task_definition', migrate.arn, 'Task definition the pipeline runs for migrations.');
  }
}

const app = new App({ outdir: process.argv[2] ?? 'cdktf.out', stackTraces: false, hclOutput: false });
new ProductionStack(app, ENV);
app.synth();
