/**
 * What the app runs as: its ECR repository, the ECS cluster, log groups, the
 * two IAM roles and the `web` and `migrate` task definitions.
 *
 * Two roles on purpose: the execution role is ECS's (pull the image, write
 * logs, read the secrets it injects); the task role is the app's own and
 * starts with no permissions. Scanners flag a task that shares them because
 * the app would then hold every secret of the environment.
 */
import { Construct } from './cdktf.js';
import { EcrRepository } from './aws.js';
import { EcrLifecyclePolicy } from './aws.js';
import { EcsCluster } from './aws.js';
import { CloudwatchLogGroup } from './aws.js';
import { IamRole } from './aws.js';
import { IamRolePolicy } from './aws.js';
import { EcsTaskDefinition } from './aws.js';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from './policies.js';
import { stableId, type Naming } from './naming.js';

/** One ECS secret: what the container definition says and what IAM must allow. */
export interface SecretReference {
  /** `valueFrom` of the ECS secret (may carry a JSON key suffix, e.g. `<arn>:password::`). */
  readonly valueFrom: string;
  /** The secret or parameter ARN the execution role may read. */
  readonly resourceArn: string;
  /** Which service holds it. */
  readonly store: 'secretsmanager' | 'ssm';
}

export interface ContainersProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** Region, for the awslogs driver. */
  readonly region: string;
  /** Port the web container listens on. */
  readonly containerPort: number;
  /** Fargate task CPU units. */
  readonly cpu: number;
  /** Fargate task memory in MiB. */
  readonly memory: number;
  /** Command of the one-shot migrate task. */
  readonly migrateCommand: readonly string[];
  /** Plain environment variables of both containers (never secrets). */
  readonly environment: Readonly<Record<string, string>>;
  /** Secrets injected by ECS, by variable name. */
  readonly secrets: Readonly<Record<string, SecretReference>>;
  /** ECR keeps this many most recent images. */
  readonly keepImages: number;
  /** Days CloudWatch keeps container logs. */
  readonly logRetentionDays: number;
  /** CloudWatch Container Insights on the cluster. */
  readonly containerInsights: boolean;
}

/** Names of the containers, also used by the service, the load balancer and the pipeline. */
export const WEB_CONTAINER = 'web';
export const MIGRATE_CONTAINER = 'migrate';

export class Containers extends Construct {
  /** URL of the ECR repository (`<registry>/<name>`), without a tag. */
  readonly repositoryUrl: string;
  /** ARN of the ECR repository. */
  readonly repositoryArn: string;
  /** ID (ARN) of the ECS cluster. */
  readonly clusterId: string;
  /** ARN of the ECS cluster. */
  readonly clusterArn: string;
  /** Name of the ECS cluster. */
  readonly clusterName: string;
  /** ARN of the execution role (ECS's own). */
  readonly executionRoleArn: string;
  /** ARN of the task role (the app's own). */
  readonly taskRoleArn: string;
  /** ARN (with revision) of the `web` task definition. */
  readonly webTaskDefinitionArn: string;
  /** ARN (with revision) of the `migrate` task definition. */
  readonly migrateTaskDefinitionArn: string;
  /** ARN without revision of the `migrate` task definition, for IAM. */
  readonly migrateTaskDefinitionFamilyArn: string;

  constructor(scope: Construct, id: string, props: ContainersProps) {
    super(scope, id);
    const { naming } = props;

    const repository = stableId(
      new EcrRepository(this, 'repository', {
        name: naming.name('app'),
        imageTagMutability: 'MUTABLE', // the pipeline moves `latest` on every deploy
        imageScanningConfiguration: { scanOnPush: true },
        // Images are rebuilt from git; they must not block destroying the environment.
        forceDelete: true,
      }),
      'repository',
    );
    stableId(
      new EcrLifecyclePolicy(this, 'repository-lifecycle', {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `Keep the last ${props.keepImages} images`,
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.keepImages },
              action: { type: 'expire' },
            },
          ],
        }),
      }),
      'repository_lifecycle',
    );
    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;

    const cluster = stableId(
      new EcsCluster(this, 'cluster', {
        name: naming.name('cluster'),
        setting: [{ name: 'containerInsights', value: props.containerInsights ? 'enabled' : 'disabled' }],
      }),
      'cluster',
    );
    this.clusterId = cluster.id;
    this.clusterArn = cluster.arn;
    this.clusterName = cluster.name;

    const logGroups = [WEB_CONTAINER, MIGRATE_CONTAINER].map((container) =>
      stableId(
        new CloudwatchLogGroup(this, `${container}-log-group`, {
          name: `/ecs/${naming.name(container)}`,
          retentionInDays: props.logRetentionDays,
        }),
        `${container}_log_group`,
      ),
    );

    const executionRole = stableId(
      new IamRole(this, 'execution-role', {
        name: naming.name('execution'),
        description: `ECS pulls images, writes logs and reads secrets for ${naming.prefix}`,
        assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
      }),
      'execution_role',
    );
    stableId(
      new IamRolePolicy(this, 'execution-role-policy', {
        name: naming.name('execution'),
        role: executionRole.id,
        policy: policyDocument(executionStatements(repository.arn, logGroups.map((group) => group.arn), props.secrets)),
      }),
      'execution_role_policy',
    );
    const taskRole = stableId(
      new IamRole(this, 'task-role', {
        name: naming.name('task'),
        description: `The app's own permissions in ${naming.prefix}; none until you add them`,
        assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
      }),
      'task_role',
    );
    this.executionRoleArn = executionRole.arn;
    this.taskRoleArn = taskRole.arn;

    const environment = Object.entries(props.environment)
      .filter(([name]) => !(name in props.secrets)) // ECS rejects a name that is both
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value }));
    const secrets = Object.entries(props.secrets)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, secret]) => ({ name, valueFrom: secret.valueFrom }));
    const container = (name: string, logGroupName: string) => ({
      name,
      // The pipeline pushes `latest` and a commit tag; its deploy stage then
      // pins the service to the commit tag in a new revision.
      image: `${repository.repositoryUrl}:latest`,
      essential: true,
      environment,
      secrets,
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': logGroupName, 'awslogs-region': props.region, 'awslogs-stream-prefix': name },
      },
    });
    const taskDefinition = (name: string, definition: object) =>
      stableId(
        new EcsTaskDefinition(this, `${name}-task-definition`, {
          family: naming.name(name),
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: String(props.cpu),
          memory: String(props.memory),
          executionRoleArn: executionRole.arn,
          taskRoleArn: taskRole.arn,
          runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
          containerDefinitions: JSON.stringify([definition]),
        }),
        name,
      );
    const web = taskDefinition(WEB_CONTAINER, {
      ...container(WEB_CONTAINER, logGroups[0]!.name),
      portMappings: [{ containerPort: props.containerPort, protocol: 'tcp' }],
    });
    const migrate = taskDefinition(MIGRATE_CONTAINER, {
      ...container(MIGRATE_CONTAINER, logGroups[1]!.name),
      command: [...props.migrateCommand],
    });
    this.webTaskDefinitionArn = web.arn;
    this.migrateTaskDefinitionArn = migrate.arn;
    this.migrateTaskDefinitionFamilyArn = migrate.arnWithoutRevision;
  }
}

function executionStatements(
  repositoryArn: string,
  logGroupArns: readonly string[],
  secrets: Readonly<Record<string, SecretReference>>,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    // GetAuthorizationToken has no resource-level permissions.
    { Sid: 'EcrLogin', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PullImage',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: repositoryArn,
    },
    { Sid: 'WriteLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logGroupArns.map((arn) => `${arn}:*`) },
  ];
  const arnsIn = (store: SecretReference['store']) =>
    [...new Set(Object.values(secrets).filter((secret) => secret.store === store).map((secret) => secret.resourceArn))];
  const secretArns = arnsIn('secretsmanager');
  const parameterArns = arnsIn('ssm');
  if (secretArns.length > 0) statements.push({ Sid: 'ReadSecrets', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
  if (parameterArns.length > 0) statements.push({ Sid: 'ReadParameters', Action: 'ssm:GetParameters', Resource: parameterArns });
  return statements;
}

/**
 * Reads a secret ARN from the config: which store holds it, and the ARN IAM
 * must allow. Secrets Manager `valueFrom` may name a JSON key and version
 * after the secret (`…:secret:name-AbCdEf:password::`); IAM wants the secret.
 */
export function secretReference(arn: string): SecretReference {
  const parts = arn.split(':');
  if (parts[2] === 'ssm') return { valueFrom: arn, resourceArn: arn, store: 'ssm' };
  if (parts[2] === 'secretsmanager') return { valueFrom: arn, resourceArn: parts.slice(0, 7).join(':'), store: 'secretsmanager' };
  throw new Error(`${arn} is neither an SSM parameter nor a Secrets Manager ARN`);
}
