/**
 * The monthly estimate of one environment: stack facts × usage assumptions ×
 * the price table, line by line, each line saying what it assumed. Task
 * counts make it a range: every line has a minimum and a maximum (equal
 * unless it depends on the number of tasks). Pure: no I/O, no clock.
 */
import { usageSchema, type UsageConfig, type UsageInput } from '../config/schema.js';
import type { Component } from '../terraform/components.js';
import type { StackFacts } from './facts.js';
import { hasPrice, priceOf, type PriceTable } from './priceTable.js';

/** Money per month; null when a price it needs is not known for the region. */
export type MonthlyRange = { readonly min: number; readonly max: number } | null;

export interface CostLine {
  /** Which part of the stack, in the plan's vocabulary (network, database, …). */
  readonly component: Component;
  /** Stable id for comparing two estimates (`natGateway.hours`). */
  readonly key: string;
  /** What is billed, in words ("NAT gateway × 2"). */
  readonly item: string;
  readonly monthly: MonthlyRange;
  /** What the figure assumes, and the usage setting that changes it. */
  readonly assumption: string;
  /** The quantity behind the figure, so a change of quantity at an unknown price is still seen. */
  readonly quantity: string;
  /** The ids of the price table's prices the figure uses (so a report can name their sources). */
  readonly prices?: readonly string[];
}

export interface Estimate {
  readonly region: string;
  readonly currency: 'USD';
  readonly priceDate: string;
  readonly lines: readonly CostLine[];
  /** The sum of the known lines. */
  readonly monthly: { readonly min: number; readonly max: number };
  /** Lines whose price is not known for the region: the total leaves them out. */
  readonly unknown: number;
}

export interface EstimateInput {
  readonly facts: StackFacts;
  readonly region: string;
  /** `environments.<env>.usage`; missing fields take the schema's defaults. */
  readonly usage?: UsageInput | UsageConfig;
  readonly prices: PriceTable;
}

/** Artifacts the pipeline bucket keeps: source zips and image definitions, a few MB each. */
const ARTIFACT_GB = 1;
const DAYS_PER_MONTH = 365 / 12;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const num = (value: number) => (Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100));
const range = (min: number, max: number) => (min === max ? String(min) : `${min}-${max}`);

export function resolveUsage(usage: UsageInput | UsageConfig | undefined): UsageConfig {
  return usageSchema.parse(usage ?? {});
}

export function estimateCost(input: EstimateInput): Estimate {
  const { facts, region, prices } = input;
  const usage = resolveUsage(input.usage);
  const hours = usage.hours;
  const lines: CostLine[] = [];
  const price = (id: string) => (hasPrice(prices, id) ? priceOf(prices, id, region) : null);
  /** A line that scales with a quantity at one price; min and max quantities for task-bound lines. */
  const add = (
    line: Omit<CostLine, 'monthly'>,
    id: string | readonly string[],
    quantity: { min: number; max: number } | number,
  ) => {
    const ids = typeof id === 'string' ? [id] : id;
    const perUnit = ids.map(price);
    const q = typeof quantity === 'number' ? { min: quantity, max: quantity } : quantity;
    const unit = perUnit.every((value) => value !== null) ? (perUnit as number[]).reduce((a, b) => a + b, 0) : null;
    // None of it, at any price, is nothing: a quantity of zero is known to cost $0 where the price is not known.
    const none = q.min === 0 && q.max === 0;
    lines.push({ ...line, monthly: unit === null ? (none ? { min: 0, max: 0 } : null) : { min: q.min * unit, max: q.max * unit }, prices: ids });
  };
  const hoursText = `${num(hours)} hours a month (usage.hours)`;

  // Network
  if (facts.natGateways > 0) {
    add(
      { component: 'network', key: 'natGateway.hours', item: `NAT gateway × ${facts.natGateways}`, assumption: hoursText, quantity: `${facts.natGateways}` },
      'natGateway.hour',
      facts.natGateways * hours,
    );
    add(
      {
        component: 'network',
        key: 'natGateway.data',
        item: 'NAT data processing',
        assumption: `${num(usage.natGb)} GB a month through the NAT gateways (usage.natGb)`,
        quantity: `${usage.natGb}`,
      },
      'natGateway.gb',
      usage.natGb,
    );
  }
  const lbAddresses = facts.loadBalancers.filter((lb) => lb.internetFacing).reduce((sum, lb) => sum + lb.zones, 0);
  const addresses = facts.elasticIps + lbAddresses;
  if (addresses > 0) {
    const parts = [
      ...(facts.elasticIps ? [`${facts.elasticIps} for NAT`] : []),
      ...(lbAddresses ? [`${lbAddresses} for the load balancer, one per zone`] : []),
    ];
    add(
      {
        component: 'network',
        key: 'publicIpv4',
        item: `Public IPv4 address × ${addresses}`,
        assumption: `${parts.join(', ')}; ${hoursText}`,
        quantity: `${addresses}`,
      },
      'publicIpv4.hour',
      addresses * hours,
    );
  }
  const toCloudWatch = facts.flowLogs.filter((kind) => kind === 'cloud-watch-logs').length;
  const toS3 = facts.flowLogs.filter((kind) => kind === 's3').length;
  if (toCloudWatch) {
    add(
      {
        component: 'network',
        key: 'flowLogs.cloudwatch',
        item: `VPC flow logs to CloudWatch Logs × ${toCloudWatch}`,
        assumption: `${num(usage.flowLogsGb)} GB a month of flow logs each (usage.flowLogsGb), stored as the log group keeps them`,
        quantity: `${toCloudWatch}`,
      },
      'logs.vended.gb',
      toCloudWatch * usage.flowLogsGb,
    );
  }
  if (toS3) {
    add(
      {
        component: 'network',
        key: 'flowLogs.s3',
        item: `VPC flow logs to S3 × ${toS3}`,
        assumption: `${num(usage.flowLogsGb)} GB a month of flow logs each (usage.flowLogsGb); the bucket's storage is extra`,
        quantity: `${toS3}`,
      },
      'logs.vendedS3.gb',
      toS3 * usage.flowLogsGb,
    );
  }
  if (facts.hostedZones > 0) {
    add(
      { component: 'network', key: 'route53.zones', item: `Route 53 hosted zone × ${facts.hostedZones}`, assumption: 'per zone-month', quantity: `${facts.hostedZones}` },
      'route53.zone.month',
      facts.hostedZones,
    );
    add(
      {
        component: 'network',
        key: 'route53.queries',
        item: 'Route 53 queries',
        assumption: `${num(usage.dnsMillionQueries)} million queries a month that are not aliases (usage.dnsMillionQueries); alias queries to the load balancer are free`,
        quantity: `${usage.dnsMillionQueries}`,
      },
      'route53.queries.million',
      usage.dnsMillionQueries,
    );
  }

  // Load balancer
  const albs = facts.loadBalancers.filter((lb) => lb.kind === 'application').length;
  if (albs > 0) {
    add(
      { component: 'loadBalancer', key: 'alb.hours', item: `Application Load Balancer × ${albs}`, assumption: hoursText, quantity: `${albs}` },
      'alb.hour',
      albs * hours,
    );
    add(
      {
        component: 'loadBalancer',
        key: 'alb.lcu',
        item: 'Load balancer capacity (LCU)',
        assumption: `${num(usage.loadBalancerGb)} GB a month served (usage.loadBalancerGb), 1 LCU-hour per GB processed`,
        quantity: `${usage.loadBalancerGb}`,
      },
      'alb.lcuHour',
      usage.loadBalancerGb,
    );
  }
  const otherLbs = facts.loadBalancers.length - albs;
  if (otherLbs > 0) {
    lines.push({
      component: 'loadBalancer',
      key: 'lb.other',
      item: `Network or gateway load balancer × ${otherLbs}`,
      monthly: null,
      assumption: 'the price table has only Application Load Balancers',
      quantity: `${otherLbs}`,
    });
  }
  if (facts.loadBalancers.some((lb) => lb.internetFacing)) {
    add(
      {
        component: 'loadBalancer',
        key: 'dataOut',
        item: 'Data out to the internet',
        assumption: `the ${num(usage.loadBalancerGb)} GB served leave AWS (usage.loadBalancerGb); the account's first 100 GB a month are free and not deducted`,
        quantity: `${usage.loadBalancerGb}`,
      },
      'dataTransfer.out.gb',
      usage.loadBalancerGb,
    );
  }

  // Containers
  facts.services.forEach((service, index) => {
    const vcpu = service.cpu / 1024;
    const gb = service.memoryMiB / 1024;
    const tasks = { min: service.minTasks * hours, max: service.maxTasks * hours };
    const count = `${range(service.minTasks, service.maxTasks)} task${service.maxTasks === 1 ? '' : 's'}`;
    const arch = service.architecture === 'arm64' ? 'ARM' : 'x86';
    const suffix = facts.services.length > 1 ? `.${index}` : '';
    add(
      {
        component: 'containers',
        key: `fargate.vcpu${suffix}`,
        item: `Fargate vCPU: ${num(vcpu)} vCPU × ${count}`,
        assumption: `Linux/${arch}; from the minimum to the maximum task count; ${hoursText}`,
        quantity: `${vcpu}:${service.architecture}:${service.minTasks}-${service.maxTasks}`,
      },
      `fargate.${service.architecture}.vcpuHour`,
      { min: tasks.min * vcpu, max: tasks.max * vcpu },
    );
    add(
      {
        component: 'containers',
        key: `fargate.memory${suffix}`,
        item: `Fargate memory: ${num(gb)} GB × ${count}`,
        assumption: `Linux/${arch}; from the minimum to the maximum task count; ${hoursText}`,
        quantity: `${gb}:${service.architecture}:${service.minTasks}-${service.maxTasks}`,
      },
      `fargate.${service.architecture}.gbHour`,
      { min: tasks.min * gb, max: tasks.max * gb },
    );
  });
  if (facts.repositories > 0) {
    add(
      {
        component: 'containers',
        key: 'ecr.storage',
        item: `ECR image storage × ${facts.repositories}`,
        assumption: `${num(usage.ecrGb)} GB of images kept in each repository (usage.ecrGb)`,
        quantity: `${facts.repositories}`,
      },
      'ecr.storage.gb',
      facts.repositories * usage.ecrGb,
    );
  }
  if (facts.logGroups.length > 0) {
    add(
      {
        component: 'containers',
        key: 'logs.ingest',
        item: 'CloudWatch Logs ingestion',
        assumption: `${num(usage.logsGb)} GB of logs a month across ${plural(facts.logGroups.length, 'log group')} (usage.logsGb)`,
        quantity: `${usage.logsGb}`,
      },
      'logs.ingest.gb',
      usage.logsGb,
    );
    const retention = Math.max(...facts.logGroups);
    const kept = retention === 0 ? 12 : Math.min(retention / DAYS_PER_MONTH, 12);
    add(
      {
        component: 'containers',
        key: 'logs.storage',
        item: 'CloudWatch Logs storage',
        assumption:
          retention === 0
            ? `logs kept forever: a year of ${num(usage.logsGb)} GB a month counted; billed compressed, so this is an upper bound`
            : `${plural(retention, 'day')} of logs kept (logRetentionDays); billed compressed, so this is an upper bound`,
        quantity: `${usage.logsGb}:${retention}`,
      },
      'logs.storage.gb',
      usage.logsGb * kept,
    );
  }
  if (facts.insightsClusters > 0) {
    add(
      {
        component: 'containers',
        key: 'containerInsights',
        item: `Container Insights × ${facts.insightsClusters}`,
        assumption: `${num(usage.insightsMetrics)} custom metrics a cluster (usage.insightsMetrics); its performance logs count as log ingestion`,
        quantity: `${facts.insightsClusters}`,
      },
      'cloudwatch.metric.month',
      facts.insightsClusters * usage.insightsMetrics,
    );
  }

  // Database
  facts.databases.forEach((db, index) => {
    const suffix = facts.databases.length > 1 ? `.${index}` : '';
    const deployment = db.multiAz ? 'multi-az' : 'single-az';
    const engineName = db.engine === 'postgres' ? 'PostgreSQL' : db.engine === 'mysql' ? 'MySQL' : db.engine;
    add(
      {
        component: 'database',
        key: `rds.instance${suffix}`,
        item: `RDS ${engineName} ${db.instanceClass}, ${db.multiAz ? 'multi-AZ (primary and standby)' : 'single-AZ'}`,
        assumption: hoursText,
        quantity: `${db.engine}:${db.instanceClass}:${deployment}`,
      },
      `rds.instance/${db.engine}/${db.instanceClass}/${deployment}`,
      hours,
    );
    add(
      {
        component: 'database',
        key: `rds.storage${suffix}`,
        item: `RDS storage: ${db.storageGiB} GB ${db.storageType}${db.multiAz ? ', mirrored to the standby' : ''}`,
        assumption: 'the allocated storage; autoscaling beyond it costs the same per GB',
        quantity: `${db.storageGiB}:${db.storageType}:${deployment}`,
      },
      `rds.storage.${db.storageType}/${deployment}`,
      db.storageGiB,
    );
    const backupGb = usage.backupGb ?? db.storageGiB;
    const charged = Math.max(0, backupGb - db.storageGiB);
    add(
      {
        component: 'database',
        key: `rds.backup${suffix}`,
        item: 'RDS backup storage',
        assumption: `${num(backupGb)} GB of backups over ${plural(db.backupRetentionDays, 'day')} (usage.backupGb); the first ${db.storageGiB} GB (the allocated storage) are free`,
        quantity: `${charged}`,
      },
      'rds.backup.gb',
      charged,
    );
  });
  const secrets = facts.secrets + facts.databases.filter((db) => db.managedSecret).length;
  if (secrets > 0) {
    const managed = facts.databases.filter((db) => db.managedSecret).length;
    add(
      {
        component: 'database',
        key: 'secrets',
        item: `Secrets Manager secret × ${secrets}`,
        assumption: managed ? `${managed === secrets ? '' : `${managed} of them `}the database password RDS keeps and rotates` : 'per secret-month',
        quantity: `${secrets}`,
      },
      'secretsManager.secret.month',
      secrets,
    );
  }

  // Scaling
  const { standard, highResolution } = facts.alarms;
  if (standard + highResolution > 0) {
    const standardPrice = standard ? price('cloudwatch.alarm.month') : 0;
    const highPrice = highResolution ? price('cloudwatch.highResAlarm.month') : 0;
    const monthly = standardPrice === null || highPrice === null ? null : standard * standardPrice + highResolution * highPrice;
    lines.push({
      component: 'scaling',
      key: 'alarms',
      item: `CloudWatch alarm × ${standard + highResolution}`,
      monthly: monthly === null ? null : { min: monthly, max: monthly },
      assumption: highResolution ? `${highResolution} high-resolution (a period under 60 s)` : 'standard resolution; the account\'s first 10 alarms are free and not deducted',
      quantity: `${standard}:${highResolution}`,
      prices: [...(standard ? ['cloudwatch.alarm.month'] : []), ...(highResolution ? ['cloudwatch.highResAlarm.month'] : [])],
    });
  }

  // Pipeline
  const v2 = facts.pipelines.filter((type) => type === 'V2').length;
  const v1 = facts.pipelines.length - v2;
  if (v2 > 0) {
    const minutes = usage.deploys * (1 + usage.buildMinutes + usage.deployMinutes);
    add(
      {
        component: 'pipeline',
        key: 'codePipeline.v2',
        item: `CodePipeline V2 × ${v2}`,
        assumption: `${num(usage.deploys)} runs a month (usage.deploys) × ${num(1 + usage.buildMinutes + usage.deployMinutes)} action minutes (source 1, build ${num(usage.buildMinutes)}, deploy ${num(usage.deployMinutes)}); the account's first 100 minutes are free and not deducted`,
        quantity: `${v2}:${minutes}`,
      },
      'codePipeline.v2.actionMinute',
      v2 * minutes,
    );
  }
  if (v1 > 0) {
    add(
      { component: 'pipeline', key: 'codePipeline.v1', item: `CodePipeline V1 × ${v1}`, assumption: 'per active pipeline-month', quantity: `${v1}` },
      'codePipeline.v1.month',
      v1,
    );
  }
  facts.buildProjects.forEach((computeType, index) => {
    const size = computeType.toLowerCase().replace(/^build_/, '').replace(/_/g, '.');
    const suffix = facts.buildProjects.length > 1 ? `.${index}` : '';
    add(
      {
        component: 'pipeline',
        key: `codeBuild${suffix}`,
        item: `CodeBuild ${size}`,
        assumption: `${num(usage.deploys)} builds a month (usage.deploys) × ${num(usage.buildMinutes)} minutes (usage.buildMinutes); the account's first 100 minutes are free and not deducted`,
        quantity: `${size}:${usage.deploys * usage.buildMinutes}`,
      },
      `codeBuild.${size}.minute`,
      usage.deploys * usage.buildMinutes,
    );
  });
  if (facts.buckets > 0) {
    add(
      {
        component: 'pipeline',
        key: 's3.storage',
        item: `S3 storage × ${plural(facts.buckets, 'bucket')}`,
        assumption: `${ARTIFACT_GB} GB kept in each (pipeline artifacts)`,
        quantity: `${facts.buckets}`,
      },
      's3.standard.gb',
      facts.buckets * ARTIFACT_GB,
    );
  }

  const known = lines.filter((line) => line.monthly !== null);
  return {
    region,
    currency: prices.currency,
    priceDate: prices.date,
    lines,
    monthly: {
      min: known.reduce((sum, line) => sum + line.monthly!.min, 0),
      max: known.reduce((sum, line) => sum + line.monthly!.max, 0),
    },
    unknown: lines.length - known.length,
  };
}
