/**
 * What a stack holds that costs money, counted from its resources: the one
 * description the estimate prices. Two sources give it: the resources
 * themselves (a synthesized stack, or a plan's `before` objects), and the
 * config alone (factsFromConfig), which the wizard uses on every keystroke
 * without synthesizing. A test holds the two equal for every preset.
 */
import type { Config } from '../config/index.js';
import type { ResourceRecord } from './resources.js';

export type Architecture = 'x86_64' | 'arm64';

export interface LoadBalancerFacts {
  readonly kind: 'application' | 'network' | 'gateway';
  readonly internetFacing: boolean;
  /** Subnets it spans: an internet-facing one holds a public IPv4 address in each. */
  readonly zones: number;
}

export interface ServiceFacts {
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly architecture: Architecture;
  readonly minTasks: number;
  readonly maxTasks: number;
}

export interface DatabaseFacts {
  readonly engine: string;
  readonly instanceClass: string;
  readonly multiAz: boolean;
  readonly storageGiB: number;
  readonly storageType: string;
  readonly backupRetentionDays: number;
  /** RDS keeps the master password in a Secrets Manager secret of its own (billed as one). */
  readonly managedSecret: boolean;
}

export interface StackFacts {
  readonly natGateways: number;
  /** Elastic IPs: each is a public IPv4 address. */
  readonly elasticIps: number;
  readonly loadBalancers: readonly LoadBalancerFacts[];
  readonly services: readonly ServiceFacts[];
  readonly databases: readonly DatabaseFacts[];
  /** Retention of each log group in days (0: kept forever). */
  readonly logGroups: readonly number[];
  readonly repositories: number;
  /** aws_secretsmanager_secret resources of the stack (the RDS-managed one is counted on the database). */
  readonly secrets: number;
  readonly pipelines: readonly ('V1' | 'V2')[];
  /** CodeBuild compute type of each project, e.g. BUILD_GENERAL1_SMALL. */
  readonly buildProjects: readonly string[];
  readonly hostedZones: number;
  /** Destination of each VPC flow log. */
  readonly flowLogs: readonly ('cloud-watch-logs' | 's3' | 'kinesis-data-firehose')[];
  readonly alarms: { readonly standard: number; readonly highResolution: number };
  readonly buckets: number;
  /** Clusters with Container Insights on. */
  readonly insightsClusters: number;
}

/**
 * Every resource type the stack may create is either priced (read below) or
 * free (with the reason). A test synthesizes every preset and fails on a type
 * in neither list: add a new type to one of them, and to factsFromConfig
 * when it costs money.
 */
export const PRICED_TYPES: Readonly<Record<string, string>> = {
  aws_nat_gateway: 'hours and GB processed',
  aws_eip: 'a public IPv4 address-hour each',
  aws_lb: 'hours and LCU-hours; an internet-facing one holds a public IPv4 address per zone',
  aws_ecs_service: 'Fargate vCPU and memory of its task definition, per task, between its scaling limits',
  aws_ecs_task_definition: 'priced through the service that runs it (the migrate task runs minutes a deploy)',
  aws_appautoscaling_target: 'its limits set the task counts of the service',
  aws_db_instance: 'instance hours, storage, backups beyond the free amount, its managed secret',
  aws_cloudwatch_log_group: 'GB ingested and stored',
  aws_ecr_repository: 'GB of images stored',
  aws_secretsmanager_secret: 'per secret-month',
  aws_codepipeline: 'V2: action execution minutes; V1: per active pipeline',
  aws_codebuild_project: 'build minutes',
  aws_route53_zone: 'per zone-month and per million queries',
  aws_flow_log: 'GB of flow logs delivered',
  aws_cloudwatch_metric_alarm: 'per alarm-month (high resolution under 60 s costs more)',
  aws_s3_bucket: 'GB stored',
  aws_ecs_cluster: 'free, but Container Insights bills its metrics',
};

export const FREE_TYPES: Readonly<Record<string, string>> = {
  aws_vpc: 'VPCs are free',
  aws_subnet: 'subnets are free',
  aws_route_table: 'route tables are free',
  aws_route: 'routes are free',
  aws_route_table_association: 'free',
  aws_internet_gateway: 'free; data out to the internet is priced on the load balancer line',
  aws_default_security_group: 'security groups are free',
  aws_security_group: 'security groups are free',
  aws_vpc_security_group_ingress_rule: 'free',
  aws_vpc_security_group_egress_rule: 'free',
  aws_iam_role: 'IAM is free',
  aws_iam_role_policy: 'IAM is free',
  aws_ecr_lifecycle_policy: 'free (it keeps the storage down)',
  aws_lb_listener: 'included in the load balancer hours',
  aws_lb_target_group: 'included in the load balancer hours',
  aws_db_subnet_group: 'free',
  aws_appautoscaling_policy: 'Application Auto Scaling is free',
  aws_codestarconnections_connection: 'CodeStar connections are free',
  aws_s3_bucket_versioning: 'a bucket setting; the storage is priced on the bucket',
  aws_s3_bucket_server_side_encryption_configuration: 'SSE-S3 is free',
  aws_s3_bucket_public_access_block: 'a bucket setting',
  aws_s3_bucket_ownership_controls: 'a bucket setting',
  aws_s3_bucket_policy: 'a bucket setting',
  aws_s3_bucket_lifecycle_configuration: 'a bucket setting (it keeps the storage down)',
  aws_ssm_parameter: 'standard parameters are free',
  aws_acm_certificate: 'public ACM certificates are free',
  aws_acm_certificate_validation: 'a wait for the certificate, no AWS object',
  aws_route53_record: 'records are free; the zone they are in is priced on its own line, and alias queries to a load balancer are free',
  aws_codedeploy_app: 'CodeDeploy is free for ECS',
  aws_codedeploy_deployment_group: 'CodeDeploy is free for ECS',
};

type Values = Readonly<Record<string, unknown>>;

/** A nested block: cdk.tf.json writes an object, Terraform's plan a one-item list. */
function block(value: unknown): Values | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first !== null && typeof first === 'object' ? (first as Values) : undefined;
}

function numberOf(value: unknown, fallback: number): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : fallback;
}

const listLength = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/**
 * A count the stack sets as `no image yet ? 0 : N` (the service and its
 * scaling target, src/infra/service.ts): N, what runs once the pipeline
 * deployed. A plain number is itself.
 */
function countOf(value: unknown, fallback: number): number {
  if (typeof value === 'string') {
    const once = /\?\s*0\s*:\s*(\d+)\s*\}$/.exec(value);
    if (once) return Number(once[1]);
  }
  return numberOf(value, fallback);
}

/** `${aws_ecs_task_definition.web.arn}` → "web". */
function referencedName(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  return new RegExp(`\\$\\{${type}\\.([\\w-]+)\\.`).exec(value)?.[1];
}

/** The task definition a service runs: by reference (synthesized), by ARN or family (a plan's objects). */
function taskDefinitionOf(service: ResourceRecord, definitions: readonly ResourceRecord[]): ResourceRecord | undefined {
  const value = service.values.task_definition;
  const name = referencedName(value, 'aws_ecs_task_definition');
  if (name) return definitions.find((record) => record.name === name);
  if (typeof value !== 'string') return undefined;
  const family = /task-definition\/([^:]+)/.exec(value)?.[1] ?? value.split(':')[0];
  return definitions.find((record) => record.values.arn === value || record.values.family === family);
}

function scalingTargetOf(service: ResourceRecord, targets: readonly ResourceRecord[], services: number): ResourceRecord | undefined {
  const ecs = targets.filter((target) => target.values.scalable_dimension === 'ecs:service:DesiredCount');
  const serviceName = typeof service.values.name === 'string' ? service.values.name : undefined;
  const matching = ecs.find((target) => {
    const id = String(target.values.resource_id ?? '');
    return id.includes(`aws_ecs_service.${service.name}.`) || (serviceName !== undefined && id.endsWith(`/${serviceName}`));
  });
  return matching ?? (services === 1 && ecs.length === 1 ? ecs[0] : undefined);
}

export function factsFromResources(records: readonly ResourceRecord[]): StackFacts {
  const of = (type: string) => records.filter((record) => record.type === type);
  const definitions = of('aws_ecs_task_definition');
  const targets = of('aws_appautoscaling_target');
  const serviceRecords = of('aws_ecs_service');
  const alarms = of('aws_cloudwatch_metric_alarm');
  const highResolution = alarms.filter((alarm) => numberOf(alarm.values.period, 60) < 60).length;
  return {
    natGateways: of('aws_nat_gateway').filter((gateway) => gateway.values.connectivity_type !== 'private').length,
    elasticIps: of('aws_eip').length,
    loadBalancers: of('aws_lb').map((lb) => ({
      kind: (typeof lb.values.load_balancer_type === 'string' ? lb.values.load_balancer_type : 'application') as LoadBalancerFacts['kind'],
      internetFacing: lb.values.internal !== true,
      zones: Math.max(listLength(lb.values.subnets), listLength(lb.values.subnet_mapping)),
    })),
    services: serviceRecords.map((service) => {
      const definition = taskDefinitionOf(service, definitions)?.values ?? {};
      const target = scalingTargetOf(service, targets, serviceRecords.length)?.values;
      const desired = countOf(service.values.desired_count, 1);
      const platform = block(definition.runtime_platform);
      return {
        cpu: numberOf(definition.cpu, 0),
        memoryMiB: numberOf(definition.memory, 0),
        architecture: platform?.cpu_architecture === 'ARM64' ? 'arm64' : 'x86_64',
        minTasks: target ? countOf(target.min_capacity, desired) : desired,
        maxTasks: target ? numberOf(target.max_capacity, desired) : desired,
      };
    }),
    databases: of('aws_db_instance').map((db) => ({
      engine: String(db.values.engine ?? ''),
      instanceClass: String(db.values.instance_class ?? ''),
      multiAz: db.values.multi_az === true,
      storageGiB: numberOf(db.values.allocated_storage, 0),
      // gp2 is what RDS gives when no type is named.
      storageType: typeof db.values.storage_type === 'string' ? db.values.storage_type : 'gp2',
      backupRetentionDays: numberOf(db.values.backup_retention_period, 1),
      managedSecret: db.values.manage_master_user_password === true,
    })),
    logGroups: of('aws_cloudwatch_log_group').map((group) => numberOf(group.values.retention_in_days, 0)),
    repositories: of('aws_ecr_repository').length,
    secrets: of('aws_secretsmanager_secret').length,
    pipelines: of('aws_codepipeline').map((pipeline) => (pipeline.values.pipeline_type === 'V2' ? 'V2' : 'V1')),
    buildProjects: of('aws_codebuild_project').map((project) => String(block(project.values.environment)?.compute_type ?? '')),
    // Zones the stack creates, and the user's zones it writes the domain's records in.
    hostedZones:
      of('aws_route53_zone').length +
      new Set(of('aws_route53_record').flatMap((record) => (typeof record.values.zone_id === 'string' && !record.values.zone_id.includes('aws_route53_zone.') ? [record.values.zone_id] : []))).size,
    flowLogs: of('aws_flow_log').map(
      (log) => (typeof log.values.log_destination_type === 'string' ? log.values.log_destination_type : 'cloud-watch-logs') as StackFacts['flowLogs'][number],
    ),
    alarms: { standard: alarms.length - highResolution, highResolution },
    buckets: of('aws_s3_bucket').length,
    insightsClusters: of('aws_ecs_cluster').filter((cluster) => {
      const settings = Array.isArray(cluster.values.setting) ? cluster.values.setting : [cluster.values.setting];
      return settings.some((setting) => {
        const entry = block(setting);
        return entry?.name === 'containerInsights' && (entry.value === 'enabled' || entry.value === 'enhanced');
      });
    }).length,
  };
}

/**
 * The same facts from the config alone, as src/infra/environmentStack.ts
 * builds the stack. Pure and fast: the wizard calls it on every keystroke.
 */
export function factsFromConfig(config: Config, environment: string): StackFacts {
  const env = config.environments[environment];
  if (!env) throw new Error(`no environment "${environment}" in the config`);
  const zones = env.availabilityZones.length;
  const natGateways = env.network.natGateways === 'single' ? 1 : zones;
  // Two alarms (cpu-high, cpu-low) on the same period; blue/green releases add CodeDeploy's three, per minute.
  const highResolution = env.service.periodSeconds < 60 ? 2 : 0;
  const releaseAlarms = env.deployment.strategy === 'blueGreen' ? 3 : 0;
  const retention = env.logRetentionDays;
  // During a blue/green change of the infrastructure both copies of the serving layer run.
  const copies = env.copies?.next ? 2 : 1;
  const times = <T>(items: readonly T[]): T[] => Array.from({ length: copies }, () => items).flat();
  return {
    natGateways,
    elasticIps: natGateways,
    loadBalancers: times([{ kind: 'application', internetFacing: true, zones }]),
    services: times([
      {
        cpu: env.cpu ?? config.app.cpu,
        memoryMiB: env.memory ?? config.app.memory,
        architecture: 'x86_64',
        minTasks: env.service.minCount,
        maxTasks: env.service.maxCount,
      },
    ]),
    databases: [
      {
        engine: env.database.engine,
        instanceClass: env.database.instanceClass,
        multiAz: env.database.multiAz,
        storageGiB: env.database.allocatedStorage,
        storageType: 'gp3',
        backupRetentionDays: env.database.backupRetentionDays,
        managedSecret: true,
      },
    ],
    // web and migrate (per copy), the build's log group, the database's
    // exported logs and the flow logs, all with the environment's retention.
    logGroups: [...times([retention, retention]), retention, ...(env.database.logExports ? [retention, retention] : []), ...(env.network.flowLogs ? [retention] : [])],
    repositories: 1,
    // The app's own database password (the master's is counted on the database).
    secrets: 1,
    pipelines: ['V2'],
    // The build and the Start step after the deploy.
    buildProjects: ['BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_SMALL'],
    // The domain's zone is the user's, but its records make it part of what the name costs.
    hostedZones: env.domain ? 1 : 0,
    flowLogs: env.network.flowLogs ? ['cloud-watch-logs'] : [],
    alarms: { standard: copies * (2 - highResolution + releaseAlarms), highResolution: copies * highResolution },
    // The pipeline's artifacts, and the load balancer's access logs (per copy).
    buckets: 1 + (env.loadBalancer.accessLogs ? copies : 0),
    insightsClusters: env.containerInsights ? copies : 0,
  };
}
