// The reference stack of `npm run bench`: the architecture of ecs-wizard's
// production preset for app "shop" in eu-west-1, written by hand as a careful
// CDKTF user would: plain cdktf, one flat stack, each provider class required
// from its deep path (the package root loads all ~1,500 classes), CommonJS so
// Node loads the classes without lexing them for named exports.
//
// What it covers, part by part: a VPC with IPv6, a public and a private
// subnet in each of 3 zones, a NAT gateway per zone, flow logs to CloudWatch;
// the security groups internet → ALB → tasks → database; multi-AZ PostgreSQL
// with its logs exported, the app's own user's secret; ECR; the cluster, the
// image tag parameter, the web and migrate task definitions (the migrate task
// runs a setup container that makes the app's database user first), read-only
// root filesystems; the ALB with access logs to a TLS-only bucket and
// deletion protection; CPU step scaling with two alarms; GitHub → CodeBuild →
// ECS deploy → Start (with a role of its own); and the stack's outputs.
//
// The bench runs it with plain node (`node bench/reference/main.cjs OUTDIR`)
// and checks that it writes the same Terraform JSON as `ecs-wizard synth` of
// that preset, apart from cdktf's `//` metadata (construct paths), so the
// ratio compares the same work; test/package/benchReference.test.ts fails
// when the stack gains a resource or an attribute this file lacks. It is not
// part of the package and imports nothing of ecs-wizard.
'use strict';
const { createHash } = require('node:crypto');
const { App, Fn, LocalBackend, Op, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Token } = require('cdktf');
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
const { FlowLog } = aws('flow-log');
const { SecurityGroup } = aws('security-group');
const { VpcSecurityGroupIngressRule } = aws('vpc-security-group-ingress-rule');
const { VpcSecurityGroupEgressRule } = aws('vpc-security-group-egress-rule');
const { DbSubnetGroup } = aws('db-subnet-group');
const { DbInstance } = aws('db-instance');
const { SecretsmanagerSecret } = aws('secretsmanager-secret');
const { EcrRepository } = aws('ecr-repository');
const { EcrLifecyclePolicy } = aws('ecr-lifecycle-policy');
const { EcsCluster } = aws('ecs-cluster');
const { SsmParameter } = aws('ssm-parameter');
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
const { S3BucketPolicy } = aws('s3-bucket-policy');
const { S3BucketLifecycleConfiguration } = aws('s3-bucket-lifecycle-configuration');
const { CodestarconnectionsConnection } = aws('codestarconnections-connection');
const { CodebuildProject } = aws('codebuild-project');
const { Codepipeline } = aws('codepipeline');

const APP = 'shop';
const ENV = 'production';
const REGION = 'eu-west-1';
const ZONES = ['a', 'b', 'c'];
const VPC_CIDR = '10.0.0.0/16';
const PREFIX = `${APP}-${ENV}`;
const name = (suffix) => `${PREFIX}-${suffix}`;
const ANYWHERE = '0.0.0.0/0';
const ANYWHERE_IPV6 = '::/0';
const CONTAINER_PORT = 3000;
const DB_PORT = 5432;
const DB_MASTER_USER = 'dbadmin';
const DB_APP_USER = 'app';
const LOG_DAYS = 90;
const MIN_COUNT = 2;
const MAX_COUNT = 10;
const NO_IMAGE_TAG = 'no-image-yet';
// Elastic Load Balancing's account in eu-west-1, which writes the access logs.
const ELB_LOG_ACCOUNT = '156460612806';

// IAM documents as plain JSON; ARNs of the stack stay tokens through JSON.stringify.
const allow = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', ...s })) });
const trust = (service, account) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': account } } }],
  });
const denyPlainHttp = (bucketArn) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [bucketArn, `${bucketArn}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

// The setup container's script: makes the app's database user exist with the
// password of its secret and own the database (values arrive as variables).
const SETUP_SCRIPT = [
  'set -eu',
  'export PGHOST="$DATABASE_HOST" PGPORT="$DATABASE_PORT" PGDATABASE="$DATABASE_NAME" PGUSER="$DATABASE_MASTER_USER" PGPASSWORD="$DATABASE_MASTER_PASSWORD" PGSSLMODE=require',
  `psql -v ON_ERROR_STOP=1 -v app_user="$DATABASE_USER" -v app_password="$DATABASE_PASSWORD" -v db="$DATABASE_NAME" <<'SQL'`,
  `SELECT format('CREATE ROLE %I LOGIN', :'app_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user')\\gexec`,
  `ALTER ROLE :"app_user" WITH LOGIN PASSWORD :'app_password';`,
  'GRANT :"app_user" TO CURRENT_USER;',
  'ALTER DATABASE :"db" OWNER TO :"app_user";',
  'SQL',
  'echo "database user $DATABASE_USER is ready"',
].join('\n');

// The Build stage: image tagged by commit (once), the app's password filled
// once, a migrate revision with exactly that image run to completion, then
// the files the deploy actions read. No `${`: Terraform would interpolate it.
const MIGRATE_REVISION_JQ =
  '.taskDefinition as $t | {family: $t.family, taskRoleArn: $t.taskRoleArn, executionRoleArn: $t.executionRoleArn, networkMode: $t.networkMode, ' +
  'requiresCompatibilities: $t.requiresCompatibilities, cpu: $t.cpu, memory: $t.memory, runtimePlatform: $t.runtimePlatform, ' +
  'volumes: $t.volumes, containerDefinitions: [$t.containerDefinitions[] | if .name == $name then .image = $image else . end], ' +
  'tags: .tags} | with_entries(select(.value != null and .value != []))';
const TASK_DEFINITION_JQ =
  '{family, taskRoleArn, executionRoleArn, networkMode, requiresCompatibilities, cpu, memory, runtimePlatform, volumes, ' +
  'containerDefinitions: [.containerDefinitions[] | if .name == $name then .image = "<IMAGE1_NAME>" else . end]} ' +
  '| with_entries(select(.value != null and .value != []))';
const APPSPEC =
  '{"version":0.0,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service","Properties":{"TaskDefinition":"<TASK_DEFINITION>",' +
  '"LoadBalancerInfo":{"ContainerName":"%s","ContainerPort":%s}}}}]}';
const BUILDSPEC = JSON.stringify(
  {
    version: '0.2',
    phases: {
      pre_build: {
        commands: [
          'REGISTRY=$(echo "$REPOSITORY_URI" | cut -d/ -f1)',
          'REPOSITORY_NAME=$(echo "$REPOSITORY_URI" | cut -d/ -f2-)',
          'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
          'IMAGE_TAG="$CODEBUILD_RESOLVED_SOURCE_VERSION"',
          'if [ -z "$IMAGE_TAG" ]; then echo "no commit to tag the image with (CODEBUILD_RESOLVED_SOURCE_VERSION is empty)"; exit 1; fi',
        ],
      },
      build: {
        commands: [
          'if aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids imageTag="$IMAGE_TAG" > /dev/null 2>&1; then ' +
            'echo "image $IMAGE_TAG exists: not building it again"; ' +
            'else docker build -f "$BUILD_CONTEXT/$DOCKERFILE" -t "$REPOSITORY_URI:$IMAGE_TAG" "$BUILD_CONTEXT" && docker push "$REPOSITORY_URI:$IMAGE_TAG"; fi',
          'if ! aws secretsmanager describe-secret --secret-id "$DATABASE_APP_SECRET" --query VersionIdsToStages --output text | grep -q AWSCURRENT; then ' +
            'aws secretsmanager put-secret-value --secret-id "$DATABASE_APP_SECRET" ' +
            '--secret-string "$(aws secretsmanager get-random-password --exclude-punctuation --password-length 32 --query RandomPassword --output text)" > /dev/null; ' +
            'echo "generated the password of the app\'s database user"; fi',
          'aws ecs describe-task-definition --task-definition "$MIGRATE_FAMILY" --include TAGS > migrate-current.json',
          `jq --arg image "$REPOSITORY_URI:$IMAGE_TAG" --arg name "migrate" '${MIGRATE_REVISION_JQ}' migrate-current.json > migrate-next.json`,
          "MIGRATE_TASK_DEFINITION=$(aws ecs register-task-definition --cli-input-json file://migrate-next.json --query 'taskDefinition.taskDefinitionArn' --output text)",
          'TASK_ARN=$(aws ecs run-task --cluster "$CLUSTER" --task-definition "$MIGRATE_TASK_DEFINITION" --launch-type FARGATE ' +
            '--network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUP],assignPublicIp=DISABLED}" ' +
            "--query 'tasks[0].taskArn' --output text)",
          'if [ -z "$TASK_ARN" ] || [ "$TASK_ARN" = "None" ]; then echo "could not start the migrate task"; exit 1; fi',
          'echo "migrate task $TASK_ARN ($MIGRATE_TASK_DEFINITION) started; waiting for it to stop"',
          'aws ecs wait tasks-stopped --cluster "$CLUSTER" --tasks "$TASK_ARN"',
          'EXIT_CODE=$(aws ecs describe-tasks --cluster "$CLUSTER" --tasks "$TASK_ARN" --query \'tasks[0].containers[?name==`migrate`].exitCode | [0]\' --output text)',
          'if [ "$EXIT_CODE" != "0" ]; then echo "migrate exited with $EXIT_CODE; not deploying (see the migrate log group)"; ' +
            "aws ecs describe-tasks --cluster \"$CLUSTER\" --tasks \"$TASK_ARN\" --query 'tasks[0].[stoppedReason, containers[].[name, exitCode, reason]]' --output text; exit 1; fi",
          'printf \'[{"name":"%s","imageUri":"%s"}]\' "$CONTAINER_NAME" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json',
          'printf \'{"ImageURI":"%s"}\' "$REPOSITORY_URI:$IMAGE_TAG" > imageDetail.json',
          'N=0; for FAMILY in $CODEDEPLOY_FAMILIES; do N=$((N+1)); PORT=$(echo "$CODEDEPLOY_PORTS" | cut -d" " -f$N); ' +
            'aws ecs describe-task-definition --task-definition "$FAMILY" --query taskDefinition > current-$N.json; ' +
            `jq --arg name "$CONTAINER_NAME" '${TASK_DEFINITION_JQ}' current-$N.json > taskdef-$N.json; ` +
            `printf '${APPSPEC}' "$CONTAINER_NAME" "$PORT" > appspec-$N.yaml; done`,
        ],
      },
    },
    artifacts: { files: ['imagedefinitions.json', 'imageDetail.json', 'taskdef-*.json', 'appspec-*.yaml'] },
  },
  null,
  2,
);

// The Start step, after the deploy: raise the scalable target's minimum (which
// starts the first tasks), wait until the service is stable on the new image,
// and only then record its tag as the deployed one.
const START_BUILDSPEC = JSON.stringify(
  {
    version: '0.2',
    phases: {
      build: {
        commands: [
          `IMAGE_URI=$(jq -r --arg name "$CONTAINER_NAME" '.[] | select(.name == $name) | .imageUri' imagedefinitions.json)`,
          "IMAGE_TAG=$(echo \"$IMAGE_URI\" | sed 's/.*://')",
          'if [ -z "$IMAGE_TAG" ] || [ "$IMAGE_TAG" = "null" ]; then echo "imagedefinitions.json names no image for $CONTAINER_NAME"; exit 1; fi',
          'aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount ' +
            '--resource-id "service/$CLUSTER/$SERVICE" --min-capacity "$MIN_COUNT" --max-capacity "$MAX_COUNT"',
          'echo "waiting for $SERVICE to be stable"',
          'aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"',
          "PRIMARY=$(aws ecs describe-services --cluster \"$CLUSTER\" --services \"$SERVICE\" --query 'services[0].[deployments[?status==`PRIMARY`] | [0].rolloutState, taskDefinition]' --output text)",
          'ROLLOUT=$(echo "$PRIMARY" | cut -f1)',
          'REVISION=$(echo "$PRIMARY" | cut -f2)',
          'RUNNING_IMAGE=$(aws ecs describe-task-definition --task-definition "$REVISION" --query "taskDefinition.containerDefinitions[?name==\'$CONTAINER_NAME\'].image | [0]" --output text)',
          'if [ "$ROLLOUT" != "COMPLETED" ] || [ "$RUNNING_IMAGE" != "$IMAGE_URI" ]; then ' +
            'echo "$SERVICE runs $RUNNING_IMAGE ($REVISION, rollout $ROLLOUT), not $IMAGE_URI: the deployed image stays as recorded"; exit 1; fi',
          'aws ssm put-parameter --name "$IMAGE_TAG_PARAMETER" --value "$IMAGE_TAG" --type String --overwrite > /dev/null',
        ],
      },
    },
  },
  null,
  2,
);

class ProductionStack extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: REGION, defaultTags: [{ tags: { app: APP, environment: ENV, 'managed-by': 'ecs-wizard' } }] });
    new LocalBackend(this, { path: `../../../.ecs-wizard/state/${ENV}.tfstate` });
    // The destroy flow turns these off (and makes the snapshot name unique) in a targeted apply first.
    const databaseDeletionProtection = new TerraformVariable(this, 'database_deletion_protection', {
      type: 'bool',
      default: true,
      description: 'Refuse to delete the database. The destroy flow sets it to false in a targeted apply first.',
    });
    const finalSnapshot = new TerraformVariable(this, 'database_final_snapshot_identifier', {
      type: 'string',
      default: name('final'),
      description: 'Snapshot taken when the database is destroyed; the destroy flow makes it unique.',
    });
    const albDeletionProtection = new TerraformVariable(this, 'load_balancer_deletion_protection', {
      type: 'bool',
      default: true,
      description: 'Refuse to delete the load balancer. The destroy flow sets it to false in a targeted apply first.',
    });

    // Network: IPv6 on the VPC and the public subnets, a public and a private /20 per zone, a NAT gateway per zone.
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: VPC_CIDR,
      assignGeneratedIpv6CidrBlock: true,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: PREFIX },
    });
    new DefaultSecurityGroup(this, 'default_security_group', { vpcId: vpc.id, tags: { Name: name('default-closed') } });
    const igw = new InternetGateway(this, 'internet_gateway', { vpcId: vpc.id, tags: { Name: PREFIX } });
    const publicSubnets = ZONES.map(
      (zone, i) =>
        new Subnet(this, `public_subnet_${zone}`, {
          vpcId: vpc.id,
          availabilityZone: `${REGION}${zone}`,
          cidrBlock: `10.0.${i * 16}.0/20`,
          ipv6CidrBlock: Fn.cidrsubnet(vpc.ipv6CidrBlock, 8, i),
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
    const publicIds = publicSubnets.map((subnet) => subnet.id);
    const privateIds = privateSubnets.map((subnet) => subnet.id);
    const publicTable = new RouteTable(this, 'public_route_table', { vpcId: vpc.id, tags: { Name: name('public') } });
    new Route(this, 'public_internet_route', { routeTableId: publicTable.id, destinationCidrBlock: ANYWHERE, gatewayId: igw.id });
    new Route(this, 'public_internet_route_ipv6', { routeTableId: publicTable.id, destinationIpv6CidrBlock: ANYWHERE_IPV6, gatewayId: igw.id });
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

    // Database: multi-AZ PostgreSQL, the master password managed by RDS, the
    // app's own user's password in a secret of the stack, logs kept LOG_DAYS.
    const subnetGroup = new DbSubnetGroup(this, 'database_subnet_group', { name: name('db'), description: `Private subnets of ${PREFIX}`, subnetIds: privateIds });
    const dbLogGroups = ['postgresql', 'upgrade'].map(
      (log) => new CloudwatchLogGroup(this, `database_log_group_${log}`, { name: `/aws/rds/instance/${name('db')}/${log}`, retentionInDays: LOG_DAYS }),
    );
    const appSecret = new SecretsmanagerSecret(this, 'database_app', {
      name: name('db-app'),
      description: `Password of the app's own database user in ${PREFIX}; the pipeline sets it once`,
      recoveryWindowInDays: 0,
    });
    const db = new DbInstance(this, 'database', {
      identifier: name('db'),
      engine: 'postgres',
      engineVersion: '16',
      instanceClass: 'db.t4g.medium',
      port: DB_PORT,
      dbName: APP,
      username: DB_MASTER_USER,
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
      applyImmediately: true,
      allowMajorVersionUpgrade: true,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      dependsOn: dbLogGroups,
      deletionProtection: databaseDeletionProtection.booleanValue,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: finalSnapshot.stringValue,
    });
    const masterSecretArn = db.masterUserSecret.get(0).secretArn;

    // Registry: immutable tags, scanned on push, the last 30 images kept.
    const repository = new EcrRepository(this, 'repository', {
      name: name('app'),
      imageTagMutability: 'IMMUTABLE',
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
    // The account, for aws:SourceAccount: from an ARN of the stack, so a plan needs no AWS call.
    const accountId = new TerraformLocal(this, 'account_id', Fn.element(Fn.split(':', repository.arn), 4)).asString;

    // Flow logs: every connection of the VPC, delivered with a role of their own.
    const flowLogGroup = new CloudwatchLogGroup(this, 'flow_logs', { name: `/vpc/${PREFIX}/flow-logs`, retentionInDays: LOG_DAYS });
    const flowLogRole = new IamRole(this, 'flow_logs_role', {
      name: name('flow-logs'),
      description: `VPC flow logs of ${PREFIX} write to CloudWatch Logs`,
      assumeRolePolicy: trust('vpc-flow-logs.amazonaws.com', accountId),
    });
    new IamRolePolicy(this, 'flow_logs_role_policy', {
      name: name('flow-logs'),
      role: flowLogRole.id,
      // Each action on its own resource: streams, the group (with :*), and DescribeLogGroups, which takes none.
      policy: allow([
        { Sid: 'WriteFlowLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${flowLogGroup.arn}:log-stream:*` },
        { Sid: 'ListFlowLogStreams', Action: 'logs:DescribeLogStreams', Resource: `${flowLogGroup.arn}:*` },
        { Sid: 'FindLogGroup', Action: 'logs:DescribeLogGroups', Resource: '*' },
      ]),
    });
    const flowLog = new FlowLog(this, 'flow_log', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: flowLogGroup.arn,
      iamRoleArn: flowLogRole.arn,
      maxAggregationInterval: 600,
      tags: { Name: name('flow-logs') },
    });
    // Construct ids share one namespace; each resource type's addresses are their own.
    flowLog.overrideLogicalId('vpc');

    // Cluster and tasks: the image tag the pipeline records, logs, ECS's
    // role and the app's, the web and migrate task definitions.
    const imageTag = new SsmParameter(this, 'image_tag', {
      name: `/${PREFIX}/image-tag`,
      description: `Image tag deployed in ${PREFIX}; the pipeline writes it after each build`,
      type: 'String',
      insecureValue: NO_IMAGE_TAG,
      lifecycle: { ignoreChanges: ['insecure_value'] },
    });
    // No task until the pipeline pushed a first image: it would fail to start in a loop.
    const untilFirstImage = (count) => Token.asNumber(Fn.conditional(Op.eq(imageTag.insecureValue, NO_IMAGE_TAG), 0, count));
    const cluster = new EcsCluster(this, 'cluster', { name: name('cluster'), setting: [{ name: 'containerInsights', value: 'enabled' }] });
    const webLogs = new CloudwatchLogGroup(this, 'web_log_group', { name: `/ecs/${name('web')}`, retentionInDays: LOG_DAYS });
    const migrateLogs = new CloudwatchLogGroup(this, 'migrate_log_group', { name: `/ecs/${name('migrate')}`, retentionInDays: LOG_DAYS });
    const executionRole = new IamRole(this, 'execution_role', {
      name: name('execution'),
      description: `ECS pulls images, writes logs and reads secrets for ${PREFIX}`,
      assumeRolePolicy: trust('ecs-tasks.amazonaws.com', accountId),
    });
    new IamRolePolicy(this, 'execution_role_policy', {
      name: name('execution'),
      role: executionRole.id,
      policy: allow([
        { Sid: 'EcrLogin', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        { Sid: 'PullImage', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: repository.arn },
        { Sid: 'WriteLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`${webLogs.arn}:*`, `${migrateLogs.arn}:*`] },
        { Sid: 'ReadSecrets', Action: 'secretsmanager:GetSecretValue', Resource: [appSecret.arn, masterSecretArn] },
      ]),
    });
    const taskRole = new IamRole(this, 'task_role', {
      name: name('task'),
      description: `The app's own permissions in ${PREFIX}; none until you add them`,
      assumeRolePolicy: trust('ecs-tasks.amazonaws.com', accountId),
    });
    const connection = [
      { name: 'DATABASE_HOST', value: db.address },
      { name: 'DATABASE_NAME', value: APP },
      { name: 'DATABASE_PORT', value: String(DB_PORT) },
    ];
    const appPassword = { name: 'DATABASE_PASSWORD', valueFrom: appSecret.arn };
    // A read-only root with a writable /tmp (Fargate's task-scoped volume).
    const readOnlyRoot = { readonlyRootFilesystem: true, mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }] };
    const logsTo = (logGroup, prefix) => ({
      logDriver: 'awslogs',
      options: { 'awslogs-group': logGroup.name, 'awslogs-region': REGION, 'awslogs-stream-prefix': prefix },
    });
    const appContainer = (containerName, logGroup) => ({
      name: containerName,
      image: `${repository.repositoryUrl}:${imageTag.insecureValue}`,
      essential: true,
      environment: [...connection, { name: 'DATABASE_USER', value: DB_APP_USER }],
      secrets: [appPassword],
      ...readOnlyRoot,
      logConfiguration: logsTo(logGroup, containerName),
    });
    const taskDefinition = (id, definitions) =>
      new EcsTaskDefinition(this, id, {
        family: name(id),
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '512',
        memory: '1024',
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
        containerDefinitions: JSON.stringify(definitions),
        volume: [{ name: 'tmp' }],
        // The pipeline registers revisions of its own (a new image): read the family's latest.
        trackLatest: true,
        lifecycle: { createBeforeDestroy: true },
      });
    const web = taskDefinition('web', [{ ...appContainer('web', webLogs), portMappings: [{ containerPort: CONTAINER_PORT, protocol: 'tcp' }] }]);
    const setup = {
      name: 'setup',
      image: 'public.ecr.aws/docker/library/postgres:16-alpine',
      essential: false,
      command: ['sh', '-c', SETUP_SCRIPT],
      environment: [
        connection[0],
        { name: 'DATABASE_MASTER_USER', value: DB_MASTER_USER },
        connection[1],
        connection[2],
        { name: 'DATABASE_USER', value: DB_APP_USER },
      ],
      secrets: [{ name: 'DATABASE_MASTER_PASSWORD', valueFrom: `${masterSecretArn}:password::` }, appPassword],
      ...readOnlyRoot,
      logConfiguration: logsTo(migrateLogs, 'setup'),
    };
    const migrate = taskDefinition('migrate', [
      setup,
      { ...appContainer('migrate', migrateLogs), command: ['npm', 'run', 'migrate'], dependsOn: [{ containerName: 'setup', condition: 'SUCCESS' }] },
    ]);

    // Load balancer: access logs to a private, TLS-only bucket that expires
    // them; the target group named after what replaces it (port, VPC), so a
    // new one is created before the old one goes.
    const logBucket = new S3Bucket(this, 'alb_logs', { bucketPrefix: name('alb-logs-'), forceDestroy: true });
    new S3BucketServerSideEncryptionConfigurationA(this, 'alb_logs_encryption', {
      bucket: logBucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const logBlock = new S3BucketPublicAccessBlock(this, 'alb_logs_public_access_block', {
      bucket: logBucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'alb_logs_ownership', { bucket: logBucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketLifecycleConfiguration(this, 'alb_logs_lifecycle', {
      bucket: logBucket.id,
      rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: LOG_DAYS }] }],
    });
    const logPolicy = new S3BucketPolicy(this, 'alb_logs_policy', {
      bucket: logBucket.id,
      policy: allow([
        {
          Sid: 'LoadBalancerWritesLogs',
          Principal: { AWS: `arn:aws:iam::${ELB_LOG_ACCOUNT}:root` },
          Action: 's3:PutObject',
          Resource: `${logBucket.arn}/alb/AWSLogs/${accountId}/*`,
        },
        denyPlainHttp(logBucket.arn),
      ]),
      dependsOn: [logBlock],
    });
    const alb = new Lb(this, 'alb', {
      name: name('alb'),
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [albGroup.id],
      subnets: publicIds,
      ipAddressType: 'ipv4',
      dropInvalidHeaderFields: true,
      enableDeletionProtection: albDeletionProtection.booleanValue,
      accessLogs: { bucket: logBucket.bucket, prefix: 'alb', enabled: true },
      dependsOn: [logPolicy],
    });
    const targetKey = createHash('sha256').update(`${CONTAINER_PORT}/HTTP/ip/${VPC_CIDR}`).digest('hex').slice(0, 4);
    const targetGroup = new LbTargetGroup(this, 'web_target_group', {
      name: name(`web-${targetKey}`),
      targetType: 'ip',
      protocol: 'HTTP',
      port: CONTAINER_PORT,
      vpcId: vpc.id,
      deregistrationDelay: '30',
      healthCheck: { enabled: true, path: '/health', matcher: '200-399', interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
      lifecycle: { createBeforeDestroy: true },
    });
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
      desiredCount: untilFirstImage(2),
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
      lifecycle: { ignoreChanges: ['desired_count'], createBeforeDestroy: true },
      dependsOn: [listener],
    });
    service.overrideLogicalId('web');

    // Scaling: above 85% for 2 minutes adds a task (every minute it stays
    // there), below 40% removes one (every 5 minutes), between MIN_COUNT and MAX_COUNT.
    const target = new AppautoscalingTarget(this, 'autoscaling_target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${cluster.name}/${service.name}`,
      minCapacity: untilFirstImage(MIN_COUNT),
      maxCapacity: MAX_COUNT,
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
    const scaleDown = step('scale_down', 300, { metricIntervalUpperBound: '0', scalingAdjustment: -1 });
    const alarm = (id, description, comparisonOperator, threshold, action) =>
      new CloudwatchMetricAlarm(this, id, {
        alarmName: name(id.replace('_', '-')),
        alarmDescription: description,
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        dimensions: { ClusterName: cluster.name, ServiceName: service.name },
        statistic: 'Average',
        comparisonOperator,
        threshold,
        evaluationPeriods: 2,
        period: 60,
        treatMissingData: 'missing',
        alarmActions: [action.arn],
      });
    alarm('cpu_high', `Average CPU of ${PREFIX} above 85%: add a task, every minute while it stays there, up to ${MAX_COUNT}`, 'GreaterThanThreshold', 85, scaleUp);
    alarm('cpu_low', `Average CPU of ${PREFIX} below 40%: remove a task every 5 minutes while it stays there, down to ${MIN_COUNT}`, 'LessThanThreshold', 40, scaleDown);

    // Pipeline: GitHub through a CodeStar connection → CodeBuild → ECS deploy → Start.
    const bucket = new S3Bucket(this, 'artifacts', { bucketPrefix: name('pipeline-'), forceDestroy: true });
    new S3BucketVersioningA(this, 'artifacts_versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'artifacts_encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const artifactsBlock = new S3BucketPublicAccessBlock(this, 'artifacts_public_access_block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'artifacts_ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketPolicy(this, 'artifacts_policy', { bucket: bucket.id, policy: allow([denyPlainHttp(bucket.arn)]), dependsOn: [artifactsBlock] });
    const gitConnection = new CodestarconnectionsConnection(this, 'connection', { name: name('git'), providerType: 'GitHub' });
    const buildLogs = new CloudwatchLogGroup(this, 'build_log_group', { name: `/aws/codebuild/${name('build')}`, retentionInDays: LOG_DAYS });
    const passRoles = {
      Sid: 'PassTaskRoles',
      Action: 'iam:PassRole',
      Resource: [executionRole.arn, taskRole.arn],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    };
    const clusterTasks = new TerraformLocal(this, 'cluster_task_arns', `${Fn.replace(cluster.arn, ':cluster/', ':task/')}/*`);
    // The web family's revisions, from the cluster's ARN: it stays known when a plan replaces the task definition.
    const webRevisions = new TerraformLocal(
      this,
      'deploy_task_definitions',
      `${Fn.replace(cluster.arn, `:cluster/${cluster.name}`, `:task-definition/${web.family}`)}:*`,
    );
    const buildRole = new IamRole(this, 'build_role', {
      name: name('build'),
      description: `CodeBuild builds, pushes and migrates ${PREFIX}`,
      assumeRolePolicy: trust('codebuild.amazonaws.com', accountId),
    });
    new IamRolePolicy(this, 'build_role_policy', {
      name: name('build'),
      role: buildRole.id,
      policy: allow([
        { Sid: 'Logs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${buildLogs.arn}:log-stream:build*` },
        { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: `${bucket.arn}/*` },
        { Sid: 'EcrLogin', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'PushImage',
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:CompleteLayerUpload',
            'ecr:DescribeImages',
            'ecr:GetDownloadUrlForLayer',
            'ecr:InitiateLayerUpload',
            'ecr:PutImage',
            'ecr:UploadLayerPart',
          ],
          Resource: repository.arn,
        },
        { Sid: 'CopyMigrateRevision', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
        {
          Sid: 'TagMigrateRevision',
          Action: 'ecs:TagResource',
          Resource: `${migrate.arnWithoutRevision}:*`,
          Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
        },
        { Sid: 'RunMigrate', Action: 'ecs:RunTask', Resource: `${migrate.arnWithoutRevision}:*`, Condition: { ArnEquals: { 'ecs:cluster': cluster.arn } } },
        { Sid: 'WatchMigrate', Action: 'ecs:DescribeTasks', Resource: clusterTasks.asString },
        passRoles,
        { Sid: 'FillAppPassword', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:PutSecretValue'], Resource: appSecret.arn },
        { Sid: 'GeneratePassword', Action: 'secretsmanager:GetRandomPassword', Resource: '*' },
      ]),
    });
    const plaintext = (variables) => Object.entries(variables).map(([variable, value]) => ({ name: variable, value, type: 'PLAINTEXT' }));
    const codebuild = (id, props) =>
      new CodebuildProject(this, id, {
        name: name(id),
        description: props.description,
        serviceRole: props.role.arn,
        buildTimeout: props.timeout,
        artifacts: { type: 'CODEPIPELINE' },
        source: { type: 'CODEPIPELINE', buildspec: props.buildspec },
        environment: {
          type: 'LINUX_CONTAINER',
          computeType: 'BUILD_GENERAL1_SMALL',
          image: 'aws/codebuild/standard:7.0',
          privilegedMode: props.privileged,
          environmentVariable: plaintext(props.variables),
        },
        logsConfig: { cloudwatchLogs: { groupName: buildLogs.name, streamName: id } },
      });
    const build = codebuild('build', {
      description: `Builds ${PREFIX}, runs its migrations and hands the image to the deploy`,
      timeout: 60,
      buildspec: BUILDSPEC,
      role: buildRole,
      // Docker-in-Docker needs a privileged build container.
      privileged: true,
      variables: {
        REPOSITORY_URI: repository.repositoryUrl,
        CONTAINER_NAME: 'web',
        CLUSTER: cluster.name,
        MIGRATE_FAMILY: migrate.family,
        SUBNETS: privateIds.join(','),
        SECURITY_GROUP: tasksGroup.id,
        DOCKERFILE: 'Dockerfile',
        BUILD_CONTEXT: '.',
        DATABASE_APP_SECRET: appSecret.arn,
      },
    });
    // Start has a role of its own: only the calls of its buildspec.
    const startRole = new IamRole(this, 'start_role', {
      name: name('start'),
      description: `CodeBuild's Start step of ${PREFIX}: raises the service, waits until it is stable, records the deployed image`,
      assumeRolePolicy: trust('codebuild.amazonaws.com', accountId),
    });
    new IamRolePolicy(this, 'start_role_policy', {
      name: name('start'),
      role: startRole.id,
      policy: allow([
        { Sid: 'Logs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${buildLogs.arn}:log-stream:start*` },
        { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${bucket.arn}/*` },
        { Sid: 'StartService', Action: 'application-autoscaling:RegisterScalableTarget', Resource: target.arn },
        { Sid: 'ScaleService', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: service.id },
        { Sid: 'ReadRevision', Action: 'ecs:DescribeTaskDefinition', Resource: '*' },
        { Sid: 'RecordImageTag', Action: 'ssm:PutParameter', Resource: imageTag.arn },
      ]),
    });
    const start = codebuild('start', {
      description: `After a deploy of ${PREFIX}: raises the service from zero tasks after the first image, waits until it is stable, records the deployed image`,
      role: startRole,
      timeout: 20,
      buildspec: START_BUILDSPEC,
      privileged: false,
      variables: {
        CLUSTER: cluster.name,
        SERVICE: service.name,
        MIN_COUNT: String(MIN_COUNT),
        MAX_COUNT: String(MAX_COUNT),
        CONTAINER_NAME: 'web',
        IMAGE_TAG_PARAMETER: imageTag.name,
      },
    });
    const pipelineRole = new IamRole(this, 'pipeline_role', {
      name: name('pipeline'),
      description: `CodePipeline of ${PREFIX}`,
      assumeRolePolicy: trust('codepipeline.amazonaws.com', accountId),
    });
    new IamRolePolicy(this, 'pipeline_role_policy', {
      name: name('pipeline'),
      role: pipelineRole.id,
      policy: allow([
        { Sid: 'ArtifactBucket', Action: ['s3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: bucket.arn },
        { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: `${bucket.arn}/*` },
        { Sid: 'Source', Action: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'], Resource: gitConnection.arn },
        { Sid: 'Build', Action: ['codebuild:BatchGetBuilds', 'codebuild:StartBuild'], Resource: [build.arn, start.arn] },
        { Sid: 'DeployService', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: service.id },
        { Sid: 'DeployTaskDefinition', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
        {
          Sid: 'TagDeployRevision',
          Action: 'ecs:TagResource',
          Resource: webRevisions.asString,
          Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
        },
        { Sid: 'WatchDeploy', Action: 'ecs:ListTasks', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': cluster.arn } } },
        { Sid: 'WatchDeployTasks', Action: 'ecs:DescribeTasks', Resource: clusterTasks.asString },
        passRoles,
      ]),
    });
    const action = (actionName, category, provider, artifacts, configuration, runOrder) => ({
      name: actionName,
      category,
      owner: 'AWS',
      provider,
      version: '1',
      ...artifacts,
      configuration,
      ...(runOrder ? { runOrder } : {}),
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
            action('Source', 'Source', 'CodeStarSourceConnection', { outputArtifacts: ['source'] }, {
              ConnectionArn: gitConnection.arn,
              FullRepositoryId: 'acme/shop',
              BranchName: 'main',
              OutputArtifactFormat: 'CODE_ZIP',
              DetectChanges: 'true',
            }),
          ],
        },
        { name: 'Build', action: [action('Build', 'Build', 'CodeBuild', { inputArtifacts: ['source'], outputArtifacts: ['build'] }, { ProjectName: build.name })] },
        {
          name: 'Deploy',
          action: [
            action('Deploy', 'Deploy', 'ECS', { inputArtifacts: ['build'] }, { ClusterName: cluster.name, ServiceName: service.name, FileName: 'imagedefinitions.json' }, 1),
            action('Start', 'Build', 'CodeBuild', { inputArtifacts: ['build'] }, { ProjectName: start.name }, 2),
          ],
        },
      ],
    });

    const output = (id, value, description) => new TerraformOutput(this, id, { value, description });
    output('alb_dns_name', alb.dnsName, 'Point your DNS record at this name with an ALIAS (or CNAME) record.');
    output('cluster_name', cluster.name, 'ECS cluster name.');
    output('service_name', service.name, 'ECS service name.');
    output('migrate_task_definition', migrate.arnWithoutRevision, 'Task definition family of the migrations; the pipeline runs a revision of it with each new image.');
    output('app_url', `http://${alb.dnsName}`, 'The app, through the load balancer.');
    output('ecr_repository_url', repository.repositoryUrl, 'ECR repository the pipeline pushes images to.');
    output('pipeline_branch', 'main', 'A push to this branch deploys this environment.');
    output('pipeline_repository', 'acme/shop', 'GitHub repository the pipeline watches.');
    output('connection_arn', gitConnection.arn, 'CodeStar connection to GitHub.');
    output(
      'connection_status_url',
      `https://${REGION}.console.aws.amazon.com/codesuite/settings/${Fn.element(Fn.split(':', gitConnection.arn), 4)}/${REGION}/connections/${Fn.element(Fn.split('/', gitConnection.arn), 1)}?region=${REGION}`,
      'A new connection starts PENDING: open this page and choose "Update pending connection" to authorise GitHub.',
    );
  }
}

const app = new App({ outdir: process.argv[2] ?? 'cdktf.out', stackTraces: false, hclOutput: false });
new ProductionStack(app, ENV);
app.synth();
