/**
 * Continuous delivery of one environment: a push to the branch runs
 * CodePipeline Source (GitHub through a CodeStar connection) → Build
 * (CodeBuild: image tagged by commit, push, migrate with that image,
 * imagedefinitions.json) → Deploy (ECS, then a Start step that raises the
 * service from zero tasks after the first image and, once the service is
 * stable on the new image, records its tag as the deployed one).
 *
 * A new connection starts PENDING: AWS cannot finish the GitHub handshake
 * for you, so `connectionStatusUrl` names the console page where one click
 * completes it. Each of the three roles (build, Start, pipeline) is scoped
 * to this environment's resources; the few `*` resources are actions IAM
 * cannot scope (noted where they appear).
 */
import { Construct, Fn, TerraformLocal } from './cdktf.js';
import { S3Bucket } from './aws.js';
import { S3BucketVersioningA } from './aws.js';
import { S3BucketServerSideEncryptionConfigurationA } from './aws.js';
import { S3BucketPublicAccessBlock } from './aws.js';
import { S3BucketOwnershipControls } from './aws.js';
import { S3BucketPolicy } from './aws.js';
import { CodestarconnectionsConnection } from './aws.js';
import { CloudwatchLogGroup } from './aws.js';
import { IamRole } from './aws.js';
import { IamRolePolicy } from './aws.js';
import { CodebuildProject } from './aws.js';
import { Codepipeline } from './aws.js';
import type { CodepipelineStageAction } from './aws.js';
import { assumeRolePolicy, denyInsecureTransport, policyDocument } from './policies.js';
import { buildspec, startBuildspec, type BuildVariable, type StartVariable } from './buildspec.js';
import { stableId, type Naming } from './naming.js';

export interface PipelineProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** Region of the environment, for the console link. */
  readonly region: string;
  /** GitHub user or organisation. */
  readonly owner: string;
  /** GitHub repository name. */
  readonly repo: string;
  /** A push to this branch deploys. */
  readonly branch: string;
  /** An existing CodeStar connection ARN; when absent a new connection is created. */
  readonly connectionArn?: string;
  /** Dockerfile path, relative to the build context. */
  readonly dockerfile: string;
  /** Docker build context, relative to the repository root. */
  readonly buildContext: string;
  /** Days CloudWatch keeps build logs. */
  readonly logRetentionDays: number;
  /** ECR repository URL the build pushes to. */
  readonly repositoryUrl: string;
  /** ECR repository ARN, for the push permission. */
  readonly repositoryArn: string;
  /** Name of the ECS cluster. */
  readonly clusterName: string;
  /** ARN of the ECS cluster. */
  readonly clusterArn: string;
  /** Name of the ECS service the Deploy stage updates. */
  readonly serviceName: string;
  /** ARN of the ECS service. */
  readonly serviceArn: string;
  /** Container the deploy puts the new image in. */
  readonly containerName: string;
  /** Family of the migrate task definition: the build copies its latest revision with the new image and runs it. */
  readonly migrateTaskDefinitionFamily: string;
  /** Migrate task definition ARN without revision, for IAM. */
  readonly migrateTaskDefinitionFamilyArn: string;
  /** Family of the service's task definition: the deploy registers (and tags) new revisions of it. */
  readonly webTaskDefinitionFamily: string;
  /** SSM parameter the Start step writes the deployed image tag to, after the deploy. */
  readonly imageTagParameterName: string;
  /** Its ARN, for the permission. */
  readonly imageTagParameterArn: string;
  /** Secret of the app's database password, which the build fills once. */
  readonly databaseAppSecretArn: string;
  /** The service's task counts, which the Start step sets on the scalable target. */
  readonly minCount: number;
  readonly maxCount: number;
  /** ARN of the service's Application Auto Scaling target, which the Start step raises. */
  readonly scalableTargetArn: string;
  /** This account, for `aws:SourceAccount` in the trust policies. */
  readonly accountId: string;
  /** Roles the tasks run with; the build and the deploy pass them to ECS. */
  readonly taskRoleArns: readonly string[];
  /** Private subnets the migrate task runs in. */
  readonly subnetIds: readonly string[];
  /** Security group of the migrate task. */
  readonly securityGroupId: string;
  /** Blue/green releases of the service above: the deploy stage hands each build to CodeDeploy. */
  readonly codeDeploy?: CodeDeployTarget;
  /**
   * Where each build is deployed when it is not only the service above: every
   * copy of a blue/green environment's serving layer (the first keeps the
   * action name `Deploy`). The build and its migrations run once, with the
   * service above.
   */
  readonly deployTargets?: readonly DeployTarget[];
}

/** A service's CodeDeploy application and deployment group, for a CodeDeployToECS action. */
export interface CodeDeployTarget {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly applicationArn: string;
  readonly deploymentGroupArn: string;
  readonly deploymentConfigArn: string;
  /** Family of the service's task definition: the build writes taskdef.json from its latest revision. */
  readonly taskDefinitionFamily: string;
  /** Port of the container the load balancer sends traffic to, for appspec.yaml. */
  readonly containerPort: string;
}

/** One service a build is deployed to. */
export interface DeployTarget {
  /** The deploy action's name: `Deploy`, `Deploy-green`. */
  readonly name: string;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly serviceName: string;
  readonly serviceArn: string;
  /** Roles of its task definitions, which the deploy passes to ECS. */
  readonly taskRoleArns: readonly string[];
  /** Family of the service's task definition, of which the deploy registers a revision with the new image. */
  readonly taskDefinitionFamily: string;
  /** Deployed by CodeDeploy (blue/green releases), not by the ECS action. */
  readonly codeDeploy?: CodeDeployTarget;
}

export class Pipeline extends Construct {
  /** ARN of the CodeStar connection (new or existing). */
  readonly connectionArn: string;
  /** Console page where a PENDING connection is completed. */
  readonly connectionStatusUrl: string;
  /** Name of the artifact bucket (AWS picks the tail of the name). */
  readonly artifactBucketName: string;
  /** Name of the CodePipeline. */
  readonly pipelineName: string;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    const { naming } = props;

    const bucket = stableId(
      new S3Bucket(this, 'artifacts', {
        bucketPrefix: naming.bucketPrefix('pipeline'),
        // Build artifacts are reproducible; they must not block a destroy.
        forceDestroy: true,
      }),
      'artifacts',
    );
    stableId(
      new S3BucketVersioningA(this, 'artifacts-versioning', {
        bucket: bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      }),
      'artifacts_versioning',
    );
    stableId(
      new S3BucketServerSideEncryptionConfigurationA(this, 'artifacts-encryption', {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      }),
      'artifacts_encryption',
    );
    const publicAccessBlock = stableId(
      new S3BucketPublicAccessBlock(this, 'artifacts-public-access-block', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      'artifacts_public_access_block',
    );
    stableId(
      new S3BucketOwnershipControls(this, 'artifacts-ownership', {
        bucket: bucket.id,
        rule: { objectOwnership: 'BucketOwnerEnforced' },
      }),
      'artifacts_ownership',
    );
    stableId(
      new S3BucketPolicy(this, 'artifacts-policy', {
        bucket: bucket.id,
        policy: policyDocument([denyInsecureTransport(bucket.arn)]),
        // S3 refuses two changes of a bucket's access settings at once.
        dependsOn: [publicAccessBlock],
      }),
      'artifacts_policy',
    );
    this.artifactBucketName = bucket.bucket;

    if (props.connectionArn) {
      this.connectionArn = props.connectionArn;
      this.connectionStatusUrl = connectionConsoleUrl(props.region, ...arnAccountAndId(props.connectionArn));
    } else {
      const connection = stableId(
        new CodestarconnectionsConnection(this, 'connection', { name: naming.name('git'), providerType: 'GitHub' }),
        'connection',
      );
      this.connectionArn = connection.arn;
      this.connectionStatusUrl = connectionConsoleUrl(
        props.region,
        Fn.element(Fn.split(':', connection.arn), 4),
        Fn.element(Fn.split('/', connection.arn), 1),
      );
    }

    const buildLogGroup = stableId(
      new CloudwatchLogGroup(this, 'build-log-group', {
        name: `/aws/codebuild/${naming.name('build')}`,
        retentionInDays: props.logRetentionDays,
      }),
      'build_log_group',
    );
    const targets: readonly DeployTarget[] = props.deployTargets ?? [
      {
        name: 'Deploy',
        clusterName: props.clusterName,
        clusterArn: props.clusterArn,
        serviceName: props.serviceName,
        serviceArn: props.serviceArn,
        taskRoleArns: props.taskRoleArns,
        taskDefinitionFamily: props.webTaskDefinitionFamily,
        ...(props.codeDeploy ? { codeDeploy: props.codeDeploy } : {}),
      },
    ];
    const codeDeployTargets = targets.flatMap((target) => (target.codeDeploy ? [target.codeDeploy] : []));
    const passRoles = {
      Action: 'iam:PassRole',
      Resource: [...new Set([...props.taskRoleArns, ...targets.flatMap((target) => target.taskRoleArns)])],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    } as const;
    const artifactObjects = `${bucket.arn}/*`;
    // ARN patterns built from a cluster's ARN, each a local: a local keeps the
    // function call (and its quotes) out of the policy's JSON text. The first
    // keeps the id it always had; another cluster or family gets `_2`, `_3`.
    const patterns = new Map<string, TerraformLocal>();
    const pattern = (kind: string, key: string, expression: string): string => {
      const known = patterns.get(`${kind}|${key}`);
      if (known) return known.asString;
      const count = [...patterns.keys()].filter((entry) => entry.startsWith(`${kind}|`)).length;
      const id = count === 0 ? kind : `${kind}_${count + 1}`;
      const local = stableId(new TerraformLocal(this, id.replace(/_/g, '-'), expression), id);
      patterns.set(`${kind}|${key}`, local);
      return local.asString;
    };
    // Tasks of a cluster: arn:…:task/<cluster>/<id>.
    const tasksOf = (clusterArn: string) => pattern('cluster_task_arns', clusterArn, `${Fn.replace(clusterArn, ':cluster/', ':task/')}/*`);
    // Revisions of a family, arn:…:task-definition/<family>:<revision>, from its
    // cluster's ARN (same partition, region and account): unlike the ARN of a
    // task definition, which is unknown in a plan that replaces it, it never
    // changes, so this policy does not show as changed by every new revision.
    const revisionsOf = (target: DeployTarget) =>
      pattern(
        'deploy_task_definitions',
        `${target.clusterArn}|${target.taskDefinitionFamily}`,
        `${Fn.replace(target.clusterArn, `:cluster/${target.clusterName}`, `:task-definition/${target.taskDefinitionFamily}`)}:*`,
      );
    const clusterTasks = tasksOf(props.clusterArn);

    const buildRole = stableId(
      new IamRole(this, 'build-role', {
        name: naming.name('build'),
        description: `CodeBuild builds, pushes and migrates ${naming.prefix}`,
        assumeRolePolicy: assumeRolePolicy('codebuild.amazonaws.com', props.accountId),
      }),
      'build_role',
    );
    stableId(
      new IamRolePolicy(this, 'build-role-policy', {
        name: naming.name('build'),
        role: buildRole.id,
        policy: policyDocument([
          // Its own streams of the log group it shares with Start (stream_name is a prefix: CodeBuild adds the build's id).
          { Sid: 'Logs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${buildLogGroup.arn}:log-stream:build*` },
          { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: artifactObjects },
          // GetAuthorizationToken has no resource-level permissions.
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
            Resource: props.repositoryArn,
          },
          // DescribeTaskDefinition takes no resource-level permissions; RegisterTaskDefinition stays on * (see DeployTaskDefinition).
          { Sid: 'CopyMigrateRevision', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
          {
            Sid: 'TagMigrateRevision',
            Action: 'ecs:TagResource',
            Resource: `${props.migrateTaskDefinitionFamilyArn}:*`,
            Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
          },
          {
            Sid: 'RunMigrate',
            Action: 'ecs:RunTask',
            Resource: `${props.migrateTaskDefinitionFamilyArn}:*`,
            Condition: { ArnEquals: { 'ecs:cluster': props.clusterArn } },
          },
          { Sid: 'WatchMigrate', Action: 'ecs:DescribeTasks', Resource: clusterTasks },
          { Sid: 'PassTaskRoles', ...passRoles },
          { Sid: 'FillAppPassword', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:PutSecretValue'], Resource: props.databaseAppSecretArn },
          { Sid: 'GeneratePassword', Action: 'secretsmanager:GetRandomPassword', Resource: '*' },
          // taskdef.json for CodeDeploy: DescribeTaskDefinition takes no resource-level permissions.
          ...(codeDeployTargets.length ? [{ Sid: 'ReadTaskDefinitions', Action: 'ecs:DescribeTaskDefinition', Resource: '*' }] : []),
        ]),
      }),
      'build_role_policy',
    );

    const variables: Partial<Record<BuildVariable, string>> = {
      REPOSITORY_URI: props.repositoryUrl,
      CONTAINER_NAME: props.containerName,
      CLUSTER: props.clusterName,
      MIGRATE_FAMILY: props.migrateTaskDefinitionFamily,
      SUBNETS: props.subnetIds.join(','),
      SECURITY_GROUP: props.securityGroupId,
      DOCKERFILE: props.dockerfile,
      BUILD_CONTEXT: props.buildContext,
      DATABASE_APP_SECRET: props.databaseAppSecretArn,
      // One taskdef-N.json and appspec-N.yaml per CodeDeploy target, in order;
      // a rolling environment's project stays as it was (the loop runs zero times).
      ...(codeDeployTargets.length
        ? {
            CODEDEPLOY_FAMILIES: codeDeployTargets.map((target) => target.taskDefinitionFamily).join(' '),
            CODEDEPLOY_PORTS: codeDeployTargets.map((target) => target.containerPort).join(' '),
          }
        : {}),
    };
    const startVariables: Record<StartVariable, string> = {
      CLUSTER: props.clusterName,
      SERVICE: props.serviceName,
      MIN_COUNT: String(props.minCount),
      MAX_COUNT: String(props.maxCount),
      CONTAINER_NAME: props.containerName,
      IMAGE_TAG_PARAMETER: props.imageTagParameterName,
    };
    const plaintext = (vars: Record<string, string>) => Object.entries(vars).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' }));
    const project = stableId(
      new CodebuildProject(this, 'build', {
        name: naming.name('build'),
        description: `Builds ${naming.prefix}, runs its migrations and hands the image to the deploy`,
        serviceRole: buildRole.arn,
        buildTimeout: 60,
        artifacts: { type: 'CODEPIPELINE' },
        source: { type: 'CODEPIPELINE', buildspec: buildspec() },
        environment: {
          type: 'LINUX_CONTAINER',
          computeType: 'BUILD_GENERAL1_SMALL',
          image: 'aws/codebuild/standard:7.0',
          // Docker-in-Docker needs a privileged build container.
          privilegedMode: true,
          environmentVariable: plaintext(variables),
        },
        logsConfig: { cloudwatchLogs: { groupName: buildLogGroup.name, streamName: 'build' } },
      }),
      'build',
    );
    // The Start step runs with a role of its own: exactly the calls of its
    // buildspec (startBuildspec in buildspec.ts), none of the build's.
    const startRole = stableId(
      new IamRole(this, 'start-role', {
        name: naming.name('start'),
        description: `CodeBuild's Start step of ${naming.prefix}: raises the service, waits until it is stable, records the deployed image`,
        assumeRolePolicy: assumeRolePolicy('codebuild.amazonaws.com', props.accountId),
      }),
      'start_role',
    );
    stableId(
      new IamRolePolicy(this, 'start-role-policy', {
        name: naming.name('start'),
        role: startRole.id,
        policy: policyDocument([
          // Its own streams: stream_name is a prefix, CodeBuild adds the build's id.
          { Sid: 'Logs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${buildLogGroup.arn}:log-stream:start*` },
          // imagedefinitions.json, its input artifact; it writes none.
          { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: artifactObjects },
          // register-scalable-target on the service's existing target (its ARN is the target's resource).
          { Sid: 'StartService', Action: 'application-autoscaling:RegisterScalableTarget', Resource: props.scalableTargetArn },
          // wait services-stable and describe-services; Application Auto Scaling
          // acts on the service with the caller's rights, and asks for both.
          { Sid: 'ScaleService', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: props.serviceArn },
          // The image of the service's revision. DescribeTaskDefinition takes no resource-level permissions.
          { Sid: 'ReadRevision', Action: 'ecs:DescribeTaskDefinition', Resource: '*' },
          { Sid: 'RecordImageTag', Action: 'ssm:PutParameter', Resource: props.imageTagParameterArn },
        ]),
      }),
      'start_role_policy',
    );
    const start = stableId(
      new CodebuildProject(this, 'start', {
        name: naming.name('start'),
        description: `After a deploy of ${naming.prefix}: raises the service from zero tasks after the first image, waits until it is stable, records the deployed image`,
        serviceRole: startRole.arn,
        buildTimeout: 20,
        artifacts: { type: 'CODEPIPELINE' },
        source: { type: 'CODEPIPELINE', buildspec: startBuildspec() },
        environment: {
          type: 'LINUX_CONTAINER',
          computeType: 'BUILD_GENERAL1_SMALL',
          image: 'aws/codebuild/standard:7.0',
          privilegedMode: false,
          environmentVariable: plaintext(startVariables),
        },
        logsConfig: { cloudwatchLogs: { groupName: buildLogGroup.name, streamName: 'start' } },
      }),
      'start',
    );

    const pipelineRole = stableId(
      new IamRole(this, 'pipeline-role', {
        name: naming.name('pipeline'),
        description: `CodePipeline of ${naming.prefix}`,
        assumeRolePolicy: assumeRolePolicy('codepipeline.amazonaws.com', props.accountId),
      }),
      'pipeline_role',
    );
    stableId(
      new IamRolePolicy(this, 'pipeline-role-policy', {
        name: naming.name('pipeline'),
        role: pipelineRole.id,
        policy: policyDocument([
          { Sid: 'ArtifactBucket', Action: ['s3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: bucket.arn },
          // No s3:PutObjectAcl: the bucket enforces its owner, ACLs are off.
          { Sid: 'Artifacts', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: artifactObjects },
          { Sid: 'Source', Action: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'], Resource: this.connectionArn },
          { Sid: 'Build', Action: ['codebuild:BatchGetBuilds', 'codebuild:StartBuild'], Resource: [project.arn, start.arn] },
          { Sid: 'DeployService', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: oneOrMany(unique(targets.map((target) => target.serviceArn))) },
          ...(codeDeployTargets.length
            ? [
                {
                  Sid: 'CodeDeploy',
                  Action: ['codedeploy:CreateDeployment', 'codedeploy:GetDeployment', 'codedeploy:GetApplication', 'codedeploy:GetApplicationRevision', 'codedeploy:RegisterApplicationRevision'],
                  Resource: codeDeployTargets.flatMap((target) => [target.applicationArn, target.deploymentGroupArn]),
                },
                { Sid: 'CodeDeployConfig', Action: 'codedeploy:GetDeploymentConfig', Resource: unique(codeDeployTargets.map((target) => target.deploymentConfigArn)) },
              ]
            : []),
          // The ECS deploy action copies the service's revision with the new
          // image (CodeDeployToECS registers taskdef.json, the same family).
          // DescribeTaskDefinition takes no resource-level permissions.
          // RegisterTaskDefinition has listed task-definition as its resource
          // since 2025 (Service Authorization Reference); it stays on *, as in
          // the build role, until a deploy on AWS shows a family-scoped grant is
          // enough.
          { Sid: 'DeployTaskDefinition', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
          // The copy keeps the revision's tags: tagging it is TagResource on
          // the new revision. Only while registering, only the deployed families.
          {
            Sid: 'TagDeployRevision',
            Action: 'ecs:TagResource',
            Resource: oneOrMany(unique(targets.map(revisionsOf))),
            Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
          },
          // The deploy watches the service's tasks. ListTasks is authorised on a
          // container instance, which Fargate tasks have none of: *, narrowed
          // to the deployed clusters by ecs:cluster.
          {
            Sid: 'WatchDeploy',
            Action: 'ecs:ListTasks',
            Resource: '*',
            Condition: { ArnEquals: { 'ecs:cluster': oneOrMany(unique(targets.map((target) => target.clusterArn))) } },
          },
          { Sid: 'WatchDeployTasks', Action: 'ecs:DescribeTasks', Resource: oneOrMany(unique(targets.map((target) => tasksOf(target.clusterArn)))) },
          { Sid: 'PassTaskRoles', ...passRoles },
        ]),
      }),
      'pipeline_role_policy',
    );

    const pipeline = stableId(
      new Codepipeline(this, 'pipeline', {
        name: naming.name('pipeline'),
        roleArn: pipelineRole.arn,
        pipelineType: 'V2',
        artifactStore: [{ type: 'S3', location: bucket.bucket }],
        stage: [
          {
            name: 'Source',
            action: [
              {
                name: 'Source',
                category: 'Source',
                owner: 'AWS',
                provider: 'CodeStarSourceConnection',
                version: '1',
                outputArtifacts: ['source'],
                configuration: {
                  ConnectionArn: this.connectionArn,
                  FullRepositoryId: `${props.owner}/${props.repo}`,
                  BranchName: props.branch,
                  OutputArtifactFormat: 'CODE_ZIP',
                  DetectChanges: 'true',
                },
              },
            ],
          },
          {
            name: 'Build',
            action: [
              {
                name: 'Build',
                category: 'Build',
                owner: 'AWS',
                provider: 'CodeBuild',
                version: '1',
                inputArtifacts: ['source'],
                outputArtifacts: ['build'],
                configuration: { ProjectName: project.name },
              },
            ],
          },
          {
            name: 'Deploy',
            action: [
              ...targets.map((target) => ({ ...deployAction(target, targets.filter((other) => other.codeDeploy).indexOf(target) + 1), runOrder: 1 })),
              {
                name: 'Start',
                category: 'Build',
                owner: 'AWS',
                provider: 'CodeBuild',
                version: '1',
                inputArtifacts: ['build'],
                configuration: { ProjectName: start.name },
                runOrder: 2,
              },
            ],
          },
        ],
      }),
      'pipeline',
    );
    this.pipelineName = pipeline.name;
  }
}

/**
 * The deploy stage's action for one target: the ECS action with the
 * build's imagedefinitions.json, or CodeDeployToECS with its taskdef and
 * appspec (number `index` among the CodeDeploy targets) and the image.
 */
function deployAction(target: DeployTarget, index: number): CodepipelineStageAction {
  const common = { name: target.name, category: 'Deploy', owner: 'AWS', version: '1', inputArtifacts: ['build'] };
  if (!target.codeDeploy) {
    const configuration: Record<string, string> = { ClusterName: target.clusterName, ServiceName: target.serviceName, FileName: 'imagedefinitions.json' };
    return { ...common, provider: 'ECS', configuration };
  }
  return {
    ...common,
    provider: 'CodeDeployToECS',
    configuration: {
      ApplicationName: target.codeDeploy.applicationName,
      DeploymentGroupName: target.codeDeploy.deploymentGroupName,
      TaskDefinitionTemplateArtifact: 'build',
      TaskDefinitionTemplatePath: `taskdef-${index}.json`,
      AppSpecTemplateArtifact: 'build',
      AppSpecTemplatePath: `appspec-${index}.yaml`,
      Image1ArtifactName: 'build',
      Image1ContainerName: 'IMAGE1_NAME',
    },
  };
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];
/** One resource stays a string, as it always was: an existing policy shows no change. */
const oneOrMany = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);

/** The connection's own console page, where "Update pending connection" completes it. */
function connectionConsoleUrl(region: string, account: string, connectionId: string): string {
  return `https://${region}.console.aws.amazon.com/codesuite/settings/${account}/${region}/connections/${connectionId}?region=${region}`;
}

function arnAccountAndId(arn: string): [string, string] {
  const parts = arn.split(':');
  const id = arn.split('/')[1];
  if (parts.length < 6 || !id) throw new Error(`${arn} is not a CodeStar connection ARN`);
  return [parts[4]!, id];
}
