/**
 * What the app runs as: the ECS cluster, log groups, the two IAM roles and the
 * `web` and `migrate` task definitions (images come from the environment's
 * ECR repository, imageRepository.ts: the copies of a blue/green environment
 * share it).
 *
 * Two roles on purpose: the execution role is ECS's (pull the image, write
 * logs, read the secrets it injects); the task role is the app's own and
 * starts with no permissions. Scanners flag a task that shares them because
 * the app would then hold every secret of the environment.
 *
 * Who owns the image: the pipeline. It tags every image by its commit (the
 * repository's tags are immutable), and once the deploy succeeded and the
 * service is stable on that image (the Start step) it writes that tag to the
 * `image_tag` SSM parameter; a rolled-back image is never recorded. Terraform creates the parameter
 * and then ignores its value, but refreshes it on every plan, so the task
 * definitions name the image that is deployed now. A change made through
 * ecs-wizard (CPU, a variable, a secret) registers a new revision with the
 * same image and the service rolls it out; Terraform never rolls the image
 * back. The pipeline's ECS deploy action copies the service's revision with
 * the new image, and `track_latest` makes Terraform read the family's latest
 * revision, so a deploy shows no drift. Until the first image exists the
 * parameter holds NO_IMAGE_TAG, and the service runs no task.
 */
import { Construct, Fn, TerraformLocal } from './cdktf.js';
import { EcsCluster } from './aws.js';
import { CloudwatchLogGroup } from './aws.js';
import { IamRole } from './aws.js';
import { IamRolePolicy } from './aws.js';
import { EcsTaskDefinition } from './aws.js';
import { SsmParameter } from './aws.js';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from './policies.js';
import { stableId, type Naming } from './naming.js';
import { NO_IMAGE_TAG } from './contract.js';

/** One ECS secret: what the container definition says and what IAM must allow. */
export interface SecretReference {
  /** `valueFrom` of the ECS secret (may carry a JSON key suffix, e.g. `<arn>:password::`). */
  readonly valueFrom: string;
  /** The secret or parameter ARN the execution role may read (for a partial Secrets Manager ARN, its `-??????` pattern). */
  readonly resourceArn: string;
  /** Which service holds it. */
  readonly store: 'secretsmanager' | 'ssm';
  /** Customer-managed KMS key that encrypts it; the execution role may decrypt with it. */
  readonly kmsKeyArn?: string;
}

/** A container that runs before `migrate` in the migrate task and must succeed (the database setup). */
export interface SetupContainerProps {
  /** Image with what the script needs (a public image: the app's image is not built yet at first). */
  readonly image: string;
  /** Shell script, run with `sh -c`. */
  readonly script: string;
  /** Its plain environment variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** Its secrets, by variable name. */
  readonly secrets: Readonly<Record<string, SecretReference>>;
}

export { NO_IMAGE_TAG };

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
  /** URL of the ECR repository the tasks pull from (see imageRepository.ts). */
  readonly repositoryUrl: string;
  /** Its ARN, for the pull permission. */
  readonly repositoryArn: string;
  /** Days CloudWatch keeps container logs. */
  readonly logRetentionDays: number;
  /** CloudWatch Container Insights on the cluster. */
  readonly containerInsights: boolean;
  /** Mount the root filesystem read-only, with a writable /tmp. */
  readonly readonlyRootFilesystem: boolean;
  /** Runs before the migrate container in the migrate task. */
  readonly setup?: SetupContainerProps;
  /**
   * The image tag parameter's first value (Terraform ignores it afterwards):
   * NO_IMAGE_TAG, or for a new blue/green copy the tag the live copy runs.
   */
  readonly initialImageTag?: string;
}

/** Names of the containers, also used by the service, the load balancer and the pipeline. */
export const WEB_CONTAINER = 'web';
export const MIGRATE_CONTAINER = 'migrate';
export const SETUP_CONTAINER = 'setup';

export class Containers extends Construct {
  /** URL of the ECR repository (`<registry>/<name>`), without a tag. */
  readonly repositoryUrl: string;
  /** ARN of the ECR repository. */
  readonly repositoryArn: string;
  /**
   * The account ID, read from the repository's ARN: no data source (a plan
   * must run offline) and no guess. For `aws:SourceAccount` conditions.
   */
  readonly accountId: string;
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
  /** Family of the `migrate` task definition: the pipeline copies its latest revision. */
  readonly migrateTaskDefinitionFamily: string;
  /** ARN without revision of the `web` task definition, for IAM. */
  readonly webTaskDefinitionFamilyArn: string;
  /** Name of the SSM parameter holding the deployed image tag. */
  readonly imageTagParameterName: string;
  /** ARN of that parameter, for the pipeline's permission to write it. */
  readonly imageTagParameterArn: string;
  /** The deployed image tag as Terraform refreshed it (NO_IMAGE_TAG before the first image). */
  readonly imageTag: string;
  /** Family of the `web` task definition: CodeDeploy's taskdef.json starts from its latest revision. */
  readonly webTaskDefinitionFamily: string;

  constructor(scope: Construct, id: string, props: ContainersProps) {
    super(scope, id);
    const { naming } = props;

    this.repositoryUrl = props.repositoryUrl;
    this.repositoryArn = props.repositoryArn;
    const repository = { arn: props.repositoryArn, repositoryUrl: props.repositoryUrl };
    this.accountId = stableId(new TerraformLocal(this, 'account-id', Fn.element(Fn.split(':', props.repositoryArn), 4)), 'account_id').asString;

    const imageTag = stableId(
      new SsmParameter(this, 'image-tag', {
        name: `/${naming.prefix}/image-tag`,
        description: `Image tag deployed in ${naming.prefix}; the pipeline writes it after each build`,
        type: 'String',
        insecureValue: props.initialImageTag ?? NO_IMAGE_TAG,
        lifecycle: { ignoreChanges: ['insecure_value'] },
      }),
      'image_tag',
    );
    this.imageTagParameterName = imageTag.name;
    this.imageTagParameterArn = imageTag.arn;
    this.imageTag = imageTag.insecureValue;

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
        assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com', this.accountId),
      }),
      'execution_role',
    );
    stableId(
      new IamRolePolicy(this, 'execution-role-policy', {
        name: naming.name('execution'),
        role: executionRole.id,
        policy: policyDocument(
          executionStatements(repository.arn, logGroups.map((group) => group.arn), [
            ...Object.values(props.secrets),
            ...Object.values(props.setup?.secrets ?? {}),
          ], props.region),
        ),
      }),
      'execution_role_policy',
    );
    const taskRole = stableId(
      new IamRole(this, 'task-role', {
        name: naming.name('task'),
        description: `The app's own permissions in ${naming.prefix}; none until you add them`,
        assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com', this.accountId),
      }),
      'task_role',
    );
    this.executionRoleArn = executionRole.arn;
    this.taskRoleArn = taskRole.arn;

    const image = `${repository.repositoryUrl}:${imageTag.insecureValue}`;
    const container = (name: string, logGroupName: string, streamPrefix = name) => ({
      name,
      image,
      essential: true,
      environment: environmentOf(props.environment, props.secrets),
      secrets: secretsOf(props.secrets),
      ...readOnlyRoot(props.readonlyRootFilesystem),
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': logGroupName, 'awslogs-region': props.region, 'awslogs-stream-prefix': streamPrefix },
      },
    });
    const taskDefinition = (name: string, definitions: object[]) =>
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
          containerDefinitions: JSON.stringify(definitions),
          ...(props.readonlyRootFilesystem ? { volume: [{ name: TMP_VOLUME }] } : {}),
          // The pipeline registers revisions of its own (a new image); read
          // the family's latest, so a deploy is not drift and the next
          // change starts from the image it deployed.
          trackLatest: true,
          // The new revision exists before the service moves to it.
          lifecycle: { createBeforeDestroy: true },
        }),
        name,
      );
    const web = taskDefinition(WEB_CONTAINER, [
      {
        ...container(WEB_CONTAINER, logGroups[0]!.name),
        portMappings: [{ containerPort: props.containerPort, protocol: 'tcp' }],
      },
    ]);
    const setup = props.setup;
    const migrate = taskDefinition(MIGRATE_CONTAINER, [
      ...(setup
        ? [
            {
              name: SETUP_CONTAINER,
              image: setup.image,
              // Not essential: when it exits 0 the task goes on to migrate.
              essential: false,
              command: ['sh', '-c', setup.script],
              environment: environmentOf(setup.environment, setup.secrets),
              secrets: secretsOf(setup.secrets),
              ...readOnlyRoot(props.readonlyRootFilesystem),
              logConfiguration: {
                logDriver: 'awslogs',
                options: { 'awslogs-group': logGroups[1]!.name, 'awslogs-region': props.region, 'awslogs-stream-prefix': SETUP_CONTAINER },
              },
            },
          ]
        : []),
      {
        ...container(MIGRATE_CONTAINER, logGroups[1]!.name),
        command: [...props.migrateCommand],
        ...(setup ? { dependsOn: [{ containerName: SETUP_CONTAINER, condition: 'SUCCESS' }] } : {}),
      },
    ]);
    this.webTaskDefinitionArn = web.arn;
    this.migrateTaskDefinitionArn = migrate.arn;
    this.migrateTaskDefinitionFamilyArn = migrate.arnWithoutRevision;
    this.migrateTaskDefinitionFamily = migrate.family;
    this.webTaskDefinitionFamilyArn = web.arnWithoutRevision;
    this.webTaskDefinitionFamily = web.family;
  }
}

/** Fargate's task-scoped scratch volume, mounted at /tmp when the root is read-only. */
const TMP_VOLUME = 'tmp';

function readOnlyRoot(readonly: boolean): object {
  return readonly ? { readonlyRootFilesystem: true, mountPoints: [{ sourceVolume: TMP_VOLUME, containerPath: '/tmp', readOnly: false }] } : {};
}

const byName = <T,>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0);

function environmentOf(environment: Readonly<Record<string, string>>, secrets: Readonly<Record<string, SecretReference>>) {
  return Object.entries(environment)
    .filter(([name]) => !(name in secrets)) // ECS rejects a name that is both
    .sort(byName)
    .map(([name, value]) => ({ name, value }));
}

function secretsOf(secrets: Readonly<Record<string, SecretReference>>) {
  return Object.entries(secrets)
    .sort(byName)
    .map(([name, secret]) => ({ name, valueFrom: secret.valueFrom }));
}

function executionStatements(
  repositoryArn: string,
  logGroupArns: readonly string[],
  secrets: readonly SecretReference[],
  region: string,
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
    [...new Set(secrets.filter((secret) => secret.store === store).map((secret) => secret.resourceArn))];
  const secretArns = arnsIn('secretsmanager');
  const parameterArns = arnsIn('ssm');
  if (secretArns.length > 0) statements.push({ Sid: 'ReadSecrets', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
  if (parameterArns.length > 0) statements.push({ Sid: 'ReadParameters', Action: 'ssm:GetParameters', Resource: parameterArns });
  // A customer-managed key must let ECS decrypt, and only through the store that holds the secret.
  const keys = [...new Set(secrets.flatMap((secret) => (secret.kmsKeyArn ? [secret.kmsKeyArn] : [])))];
  if (keys.length > 0) {
    const services = [...new Set(secrets.filter((secret) => secret.kmsKeyArn).map((secret) => `${secret.store}.${region}.amazonaws.com`))].sort();
    statements.push({ Sid: 'DecryptSecrets', Action: 'kms:Decrypt', Resource: keys, Condition: { StringEquals: { 'kms:ViaService': services } } });
  }
  return statements;
}

/** Secrets Manager ends every secret's ARN with a dash and 6 random characters. */
const SECRET_SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * Reads a secret from the config: which store holds it, and the ARN IAM must
 * allow. Secrets Manager `valueFrom` may name a JSON key and version after
 * the secret (`…:secret:name-AbCdEf:password::`); IAM wants the secret. A
 * partial ARN (no random suffix, as the console's name shows it) works for
 * ECS but not as an IAM resource: IAM gets the documented `name-??????`.
 */
export function secretReference(secret: string | { readonly arn: string; readonly kmsKeyArn?: string }): SecretReference {
  const { arn, kmsKeyArn } = typeof secret === 'string' ? { arn: secret, kmsKeyArn: undefined } : secret;
  const key = kmsKeyArn ? { kmsKeyArn } : {};
  const parts = arn.split(':');
  if (parts[2] === 'ssm') return { valueFrom: arn, resourceArn: arn, store: 'ssm', ...key };
  if (parts[2] === 'secretsmanager') {
    const secretArn = parts.slice(0, 7).join(':');
    const resourceArn = SECRET_SUFFIX.test(parts[6] ?? '') ? secretArn : `${secretArn}-??????`;
    return { valueFrom: arn, resourceArn, store: 'secretsmanager', ...key };
  }
  throw new Error(`${arn} is neither an SSM parameter nor a Secrets Manager ARN`);
}
