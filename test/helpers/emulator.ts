/**
 * The local AWS emulator for tests: `scripts/emulator.mjs` (moto_server
 * behind our gateway) started on a free port, and a small client that asks
 * it, through the AWS APIs themselves, what exists.
 *
 *   const emulator = await startEmulator();        // in beforeAll
 *   if (!emulator.ok) { skipLoudly(ctx, 'my test', emulator.reason); return; }
 *   ... point an environment's `endpoint` at emulator.endpoint ...
 *   const service = await emulator.aws.ecsService('shop-production-cluster', 'shop-production-web');
 *   await emulator.stop();                          // in afterAll
 *
 * One instance per test file: instances share nothing, so files run at the
 * same time. An instance answers any region; moto's account is 123456789012.
 * The client signs nothing for real (moto checks no signature): the
 * Authorization header only names the service and the region, as SigV4 does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { child, items, parseXml, textOf, type XmlElement } from '../../scripts/emulator/xml.mjs';
import { REPO_ROOT } from './fakeTerraformHarness.js';

export const EMULATOR_SCRIPT = path.join(REPO_ROOT, 'scripts', 'emulator.mjs');
/** scripts/emulator.mjs exits with this when moto_server is not installed. */
const EXIT_NO_MOTO = 3;
export const EMULATOR_ACCOUNT = '123456789012';

export interface RunningEmulator {
  readonly ok: true;
  /** The gateway: set an environment's `endpoint` to this. */
  readonly endpoint: string;
  /** Asks the emulator what exists (default region eu-west-1). */
  readonly aws: AwsApi;
  /** Stops the gateway and moto; resolves when both are gone. */
  stop(): Promise<void>;
  /** Everything the gateway logged (one line per request: who answered, service, operation, status). */
  log(): string;
  /**
   * The Fargate tasks the gateway started (scripts/emulator/services/ecsTasks.mjs),
   * in order, each with its RunTask request as it arrived: what no AWS read
   * returns once a task stopped (its networkConfiguration).
   */
  ranTasks(): Promise<RanTask[]>;
}

/** A task RunTask started in the emulator, and how it was asked for. */
export interface RanTask {
  readonly taskArn: string;
  readonly region: string;
  /** RunTask's input: cluster, taskDefinition, launchType, networkConfiguration... */
  readonly request: {
    readonly cluster?: string;
    readonly taskDefinition: string;
    readonly launchType?: string;
    readonly networkConfiguration?: { readonly awsvpcConfiguration?: { readonly subnets: string[]; readonly securityGroups?: string[]; readonly assignPublicIp?: string } };
    readonly [field: string]: unknown;
  };
}

export type EmulatorStart = RunningEmulator | { readonly ok: false; readonly reason: string };

/** Prints the loud line every skipped tier prints, and skips the test. */
export function skipLoudly(ctx: { skip: () => void }, what: string, reason: string): void {
  console.warn(`SKIPPED: ${what}: ${reason}`);
  ctx.skip();
}

/**
 * Starts `node scripts/emulator.mjs --port 0 --log --region R` and waits for its
 * `endpoint=` line. `{ ok: false }` when moto_server is missing (the caller
 * skips loudly); any other failure throws.
 */
export function startEmulator(options: { region?: string } = {}): Promise<EmulatorStart> {
  const region = options.region ?? 'eu-west-1';
  return new Promise((resolve, reject) => {
    // --region: moto loads this region's services at start (scripts/emulator/warm.mjs).
    const proc: ChildProcess = spawn(process.execPath, [EMULATOR_SCRIPT, '--port', '0', '--log', '--region', region], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > 2_000_000) stderr = stderr.slice(-1_000_000);
    });
    proc.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = /^endpoint=(\S+)\n/.exec(stdout);
      if (!line || settled) return;
      settled = true;
      const endpoint = line[1]!;
      resolve({
        ok: true,
        endpoint,
        aws: new AwsApi(endpoint, region),
        log: () => stderr,
        ranTasks: async () => {
          const response = await fetch(`${endpoint}/ecs-wizard-emulator/ecs/tasks`);
          if (!response.ok) throw new Error(`the emulator's ecs/tasks view answered HTTP ${response.status}`);
          return (await response.json()) as RanTask[];
        },
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          await exited;
        },
      });
    });
    proc.once('exit', (code) => {
      if (settled) return;
      settled = true;
      if (code === EXIT_NO_MOTO) resolve({ ok: false, reason: stderr.trim().replace(/^emulator: /, '') || 'moto_server not found' });
      else reject(new Error(`the emulator exited (${code}) before it printed its endpoint:\n${stderr}`));
    });
    proc.once('error', reject);
  });
}

/** SigV4's Authorization header, minus a real signature: it routes the request. */
function authorization(service: string, region: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

export class AwsCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered HTTP ${status}: ${body.slice(0, 500)}`);
  }
}

/** One item the inventory found: its ID or name, its Name (or name) and tags. */
export interface InventoryItem {
  readonly id: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** What exists, by kind (`vpcs`, `dbInstances`, `buckets`...). */
export type Inventory = Record<string, InventoryItem[]>;

const TARGETS = {
  ecs: 'AmazonEC2ContainerServiceV20141113',
  ecr: 'AmazonEC2ContainerRegistry_V20150921',
  logs: 'Logs_20140328',
  secretsmanager: 'secretsmanager',
  codebuild: 'CodeBuild_20161006',
  codepipeline: 'CodePipeline_20150709',
  'application-autoscaling': 'AnyScaleFrontendService',
  'codestar-connections': 'com.amazonaws.codestar.connections.CodeStar_connections_20191201',
  ssm: 'AmazonSSM',
} as const;

const QUERY_VERSIONS = {
  ec2: '2016-11-15',
  elasticloadbalancing: '2015-12-01',
  rds: '2014-10-31',
  iam: '2010-05-08',
  monitoring: '2010-08-01',
  sts: '2011-06-15',
} as const;

const ec2Tags = (element: XmlElement): Record<string, string> =>
  Object.fromEntries(items(element, 'tagSet').map((tag) => [textOf(tag, 'key'), textOf(tag, 'value')]));

/**
 * The AWS APIs of the emulator, called as the SDKs call them. Generic calls
 * (`json`, `query`, `rest`) for anything, and the questions tests ask most.
 */
export class AwsApi {
  constructor(
    readonly endpoint: string,
    readonly region: string,
  ) {}

  /** A JSON-protocol call, e.g. `json('ecs', 'DescribeServices', {...})`. */
  async json<T = any>(service: keyof typeof TARGETS, operation: string, input: object = {}, region = this.region): Promise<T> {
    const response = await fetch(`${this.endpoint}/`, {
      method: 'POST',
      headers: {
        authorization: authorization(service, region),
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${TARGETS[service]}.${operation}`,
      },
      body: JSON.stringify(input),
    });
    const body = await response.text();
    if (!response.ok) throw new AwsCallError(response.status, body, `${service} ${operation}`);
    return (body ? JSON.parse(body) : {}) as T;
  }

  /** A query-protocol call (EC2, ELBv2, RDS, IAM, CloudWatch, STS); returns the response's root element. */
  async query(service: keyof typeof QUERY_VERSIONS, action: string, params: Record<string, string> = {}, region = this.region): Promise<XmlElement> {
    const response = await fetch(`${this.endpoint}/`, {
      method: 'POST',
      headers: { authorization: authorization(service, service === 'iam' ? 'us-east-1' : region), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ Action: action, Version: QUERY_VERSIONS[service], ...params }).toString(),
    });
    const body = await response.text();
    if (!response.ok) throw new AwsCallError(response.status, body, `${service} ${action}`);
    return parseXml(body).root;
  }

  /** A REST-protocol GET (S3 path style, Route 53); returns the root element of the XML answer. */
  async rest(service: 's3' | 'route53', pathAndQuery: string, region = this.region): Promise<XmlElement> {
    const response = await fetch(`${this.endpoint}${pathAndQuery}`, {
      headers: { authorization: authorization(service, service === 'route53' ? 'us-east-1' : region) },
    });
    const body = await response.text();
    if (!response.ok) throw new AwsCallError(response.status, body, `${service} GET ${pathAndQuery}`);
    return parseXml(body).root;
  }

  /** An S3 object's body (path-style GET), or undefined when there is no such key. */
  async s3Object(bucket: string, key: string, region = this.region): Promise<string | undefined> {
    const response = await fetch(`${this.endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`, {
      headers: { authorization: authorization('s3', region) },
    });
    const body = await response.text();
    if (response.status === 404) return undefined;
    if (!response.ok) throw new AwsCallError(response.status, body, `s3 GET ${bucket}/${key}`);
    return body;
  }

  /** A bucket's policy document (GET ?policy), parsed; undefined when it has none. */
  async s3Policy(bucket: string, region = this.region): Promise<any> {
    const response = await fetch(`${this.endpoint}/${bucket}?policy`, { headers: { authorization: authorization('s3', region) } });
    const body = await response.text();
    if (response.status === 404) return undefined;
    if (!response.ok) throw new AwsCallError(response.status, body, `s3 GET ${bucket}?policy`);
    return JSON.parse(body);
  }

  /** The ECS service as DescribeServices returns it (undefined when there is none). */
  async ecsService(cluster: string, service: string): Promise<any> {
    const answer = await this.json('ecs', 'DescribeServices', { cluster, services: [service] });
    return answer.services?.find((s: any) => s.status !== 'INACTIVE');
  }

  /** A task definition as DescribeTaskDefinition returns it (`containerDefinitions`, `cpu`...). */
  async taskDefinition(arnOrFamily: string): Promise<any> {
    return (await this.json('ecs', 'DescribeTaskDefinition', { taskDefinition: arnOrFamily })).taskDefinition;
  }

  /**
   * What the service runs: its task definition and, per container, the image
   * and the plain environment as a map.
   */
  async serviceContainers(cluster: string, service: string): Promise<{ taskDefinition: string; containers: Record<string, { image: string; environment: Record<string, string> }> }> {
    const found = await this.ecsService(cluster, service);
    if (!found) throw new Error(`no ECS service ${service} in cluster ${cluster}`);
    const definition = await this.taskDefinition(found.taskDefinition);
    const containers: Record<string, { image: string; environment: Record<string, string> }> = {};
    for (const container of definition.containerDefinitions ?? []) {
      containers[container.name] = {
        image: container.image,
        environment: Object.fromEntries((container.environment ?? []).map((e: { name: string; value: string }) => [e.name, e.value])),
      };
    }
    return { taskDefinition: found.taskDefinition, containers };
  }

  /** VPCs: ID, CIDR and Name tag. */
  async vpcs(): Promise<{ id: string; cidr: string; name: string }[]> {
    return items(await this.query('ec2', 'DescribeVpcs'), 'vpcSet').map((vpc) => ({
      id: textOf(vpc, 'vpcId'),
      cidr: textOf(vpc, 'cidrBlock'),
      name: ec2Tags(vpc)['Name'] ?? '',
    }));
  }

  /** ELBv2 target groups: name, ARN, port, protocol, health check path, load balancers. */
  async targetGroups(): Promise<{ name: string; arn: string; port: number; protocol: string; healthCheckPath: string; loadBalancerArns: string[] }[]> {
    const root = await this.query('elasticloadbalancing', 'DescribeTargetGroups');
    return items(child(root, 'DescribeTargetGroupsResult'), 'TargetGroups').map((group) => ({
      name: textOf(group, 'TargetGroupName'),
      arn: textOf(group, 'TargetGroupArn'),
      port: Number(textOf(group, 'Port')),
      protocol: textOf(group, 'Protocol'),
      healthCheckPath: textOf(group, 'HealthCheckPath'),
      loadBalancerArns: items(group, 'LoadBalancerArns').map((member) => member.text),
    }));
  }

  /** ELBv2 load balancers: name, ARN, DNS name. */
  async loadBalancers(): Promise<{ name: string; arn: string; dnsName: string }[]> {
    const root = await this.query('elasticloadbalancing', 'DescribeLoadBalancers');
    return items(child(root, 'DescribeLoadBalancersResult'), 'LoadBalancers').map((lb) => ({
      name: textOf(lb, 'LoadBalancerName'),
      arn: textOf(lb, 'LoadBalancerArn'),
      dnsName: textOf(lb, 'DNSName'),
    }));
  }

  /** The listeners of a load balancer: port, protocol, and the target groups of their default forward actions (with weights). */
  async listeners(loadBalancerArn: string): Promise<{ arn: string; port: number; protocol: string; forwards: { targetGroupArn: string; weight: number }[] }[]> {
    const root = await this.query('elasticloadbalancing', 'DescribeListeners', { LoadBalancerArn: loadBalancerArn });
    return items(child(root, 'DescribeListenersResult'), 'Listeners').map((listener) => ({
      arn: textOf(listener, 'ListenerArn'),
      port: Number(textOf(listener, 'Port')),
      protocol: textOf(listener, 'Protocol'),
      forwards: items(listener, 'DefaultActions').flatMap((action) => {
        const weighted = items(child(action, 'ForwardConfig'), 'TargetGroups').map((tg) => ({
          targetGroupArn: textOf(tg, 'TargetGroupArn'),
          weight: Number(textOf(tg, 'Weight') || '1'),
        }));
        if (weighted.length) return weighted;
        const single = textOf(action, 'TargetGroupArn');
        return single ? [{ targetGroupArn: single, weight: 1 }] : [];
      }),
    }));
  }

  /** Route 53 hosted zones: ID (without /hostedzone/) and name. */
  async hostedZones(): Promise<{ id: string; name: string }[]> {
    const root = await this.rest('route53', '/2013-04-01/hostedzone');
    return child(root, 'HostedZones')!.children.map((zone) => ({ id: textOf(zone, 'Id').replace('/hostedzone/', ''), name: textOf(zone, 'Name') }));
  }

  /** The record sets of a zone: name, type, TTL, values, alias target, set identifier and weight. */
  async resourceRecordSets(zoneId: string): Promise<{ name: string; type: string; ttl?: number; values: string[]; alias?: string; setIdentifier?: string; weight?: number }[]> {
    const root = await this.rest('route53', `/2013-04-01/hostedzone/${zoneId}/rrset`);
    return (child(root, 'ResourceRecordSets')?.children ?? []).map((record) => ({
      name: textOf(record, 'Name'),
      type: textOf(record, 'Type'),
      ...(textOf(record, 'TTL') ? { ttl: Number(textOf(record, 'TTL')) } : {}),
      values: (child(record, 'ResourceRecords')?.children ?? []).map((r) => textOf(r, 'Value')),
      ...(child(record, 'AliasTarget') ? { alias: textOf(child(record, 'AliasTarget'), 'DNSName') } : {}),
      ...(textOf(record, 'SetIdentifier') ? { setIdentifier: textOf(record, 'SetIdentifier') } : {}),
      ...(textOf(record, 'Weight') ? { weight: Number(textOf(record, 'Weight')) } : {}),
    }));
  }

  /**
   * Everything of the kinds the stack creates, in `regions` (default: this
   * client's region). Compare with a baseline taken when the emulator started
   * (moto has defaults: a default VPC, its subnets and security group...), or
   * filter by name or tag.
   */
  async inventory(regions: readonly string[] = [this.region]): Promise<Inventory> {
    const all: Inventory = {};
    const add = (kind: string, found: InventoryItem[]) => (all[kind] = [...(all[kind] ?? []), ...found]);
    const named = (id: string, name = id, tags: Record<string, string> = {}): InventoryItem => ({ id, name, tags });
    const ec2Item = (element: XmlElement, idField: string): InventoryItem => {
      const tags = ec2Tags(element);
      return named(textOf(element, idField), tags['Name'] ?? textOf(element, idField), tags);
    };
    for (const region of regions) {
      const ec2 = async (action: string, list: string) => items(await this.query('ec2', action, {}, region), list);
      add('vpcs', (await ec2('DescribeVpcs', 'vpcSet')).map((e) => ec2Item(e, 'vpcId')));
      add('subnets', (await ec2('DescribeSubnets', 'subnetSet')).map((e) => ec2Item(e, 'subnetId')));
      add('securityGroups', (await ec2('DescribeSecurityGroups', 'securityGroupInfo')).map((e) => ({ ...ec2Item(e, 'groupId'), name: textOf(e, 'groupName') })));
      add('internetGateways', (await ec2('DescribeInternetGateways', 'internetGatewaySet')).map((e) => ec2Item(e, 'internetGatewayId')));
      add('natGateways', (await ec2('DescribeNatGateways', 'natGatewaySet')).filter((e) => !['deleted', 'deleting'].includes(textOf(e, 'state'))).map((e) => ec2Item(e, 'natGatewayId')));
      add('elasticIps', (await ec2('DescribeAddresses', 'addressesSet')).map((e) => ec2Item(e, 'allocationId')));
      add('routeTables', (await ec2('DescribeRouteTables', 'routeTableSet')).map((e) => ec2Item(e, 'routeTableId')));

      const rds = await this.query('rds', 'DescribeDBInstances', {}, region);
      add('dbInstances', items(child(rds, 'DescribeDBInstancesResult'), 'DBInstances').map((e) => named(textOf(e, 'DBInstanceIdentifier'))));
      const subnetGroups = await this.query('rds', 'DescribeDBSubnetGroups', {}, region);
      add('dbSubnetGroups', items(child(subnetGroups, 'DescribeDBSubnetGroupsResult'), 'DBSubnetGroups').map((e) => named(textOf(e, 'DBSubnetGroupName'))));

      const balancers = await this.query('elasticloadbalancing', 'DescribeLoadBalancers', {}, region);
      add('loadBalancers', items(child(balancers, 'DescribeLoadBalancersResult'), 'LoadBalancers').map((e) => named(textOf(e, 'LoadBalancerArn'), textOf(e, 'LoadBalancerName'))));
      const groups = await this.query('elasticloadbalancing', 'DescribeTargetGroups', {}, region);
      add('targetGroups', items(child(groups, 'DescribeTargetGroupsResult'), 'TargetGroups').map((e) => named(textOf(e, 'TargetGroupArn'), textOf(e, 'TargetGroupName'))));

      const repositories = await this.json('ecr', 'DescribeRepositories', {}, region);
      add('ecrRepositories', (repositories.repositories ?? []).map((r: any) => named(r.repositoryArn, r.repositoryName)));
      const clusterArns: string[] = (await this.json('ecs', 'ListClusters', {}, region)).clusterArns ?? [];
      const clusters = clusterArns.length ? ((await this.json('ecs', 'DescribeClusters', { clusters: clusterArns }, region)).clusters ?? []) : [];
      const active = clusters.filter((c: any) => c.status === 'ACTIVE');
      add('ecsClusters', active.map((c: any) => named(c.clusterArn, c.clusterName)));
      for (const cluster of active) {
        const serviceArns: string[] = (await this.json('ecs', 'ListServices', { cluster: cluster.clusterArn }, region)).serviceArns ?? [];
        add('ecsServices', serviceArns.map((arn) => named(arn, arn.split('/').pop()!)));
      }
      const definitions: string[] = (await this.json('ecs', 'ListTaskDefinitions', { status: 'ACTIVE' }, region)).taskDefinitionArns ?? [];
      add('taskDefinitions', definitions.map((arn) => named(arn, arn.split('/').pop()!)));

      const logGroups = await this.json('logs', 'DescribeLogGroups', {}, region);
      add('logGroups', (logGroups.logGroups ?? []).map((g: any) => named(g.arn ?? g.logGroupName, g.logGroupName)));
      const secrets = await this.json('secretsmanager', 'ListSecrets', {}, region);
      add('secrets', (secrets.SecretList ?? []).filter((s: any) => !s.DeletedDate).map((s: any) => named(s.ARN, s.Name)));
      const alarms = await this.query('monitoring', 'DescribeAlarms', {}, region);
      add('alarms', items(child(alarms, 'DescribeAlarmsResult'), 'MetricAlarms').map((e) => named(textOf(e, 'AlarmArn'), textOf(e, 'AlarmName'))));
      const targets = await this.json('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'ecs' }, region);
      add('scalableTargets', (targets.ScalableTargets ?? []).map((t: any) => named(t.ScalableTargetARN ?? t.ResourceId, t.ResourceId)));
      const projects = await this.json('codebuild', 'ListProjects', {}, region);
      add('codebuildProjects', (projects.projects ?? []).map((name: string) => named(name)));
      const pipelines = await this.json('codepipeline', 'ListPipelines', {}, region);
      add('pipelines', (pipelines.pipelines ?? []).map((p: any) => named(p.name)));
      const connections = await this.json('codestar-connections', 'ListConnections', {}, region);
      add('connections', (connections.Connections ?? []).map((c: any) => named(c.ConnectionArn, c.ConnectionName)));
    }
    // Global: IAM roles and S3 buckets.
    const roles = await this.query('iam', 'ListRoles');
    add('iamRoles', items(child(roles, 'ListRolesResult'), 'Roles').map((e) => named(textOf(e, 'Arn'), textOf(e, 'RoleName'))));
    const buckets = await this.rest('s3', '/');
    add('buckets', (child(buckets, 'Buckets')?.children ?? []).map((b) => named(textOf(b, 'Name'))));
    return all;
  }
}

/** What `now` holds that `baseline` did not, by kind; kinds with nothing new are left out. */
export function newSince(baseline: Inventory, now: Inventory): Inventory {
  const added: Inventory = {};
  for (const [kind, found] of Object.entries(now)) {
    const before = new Set((baseline[kind] ?? []).map((item) => item.id));
    const fresh = found.filter((item) => !before.has(item.id));
    if (fresh.length) added[kind] = fresh;
  }
  return added;
}

/** An inventory as `kind: name, name` lines, for assertions that read well when they fail. */
export function describeInventory(inventory: Inventory): string[] {
  return Object.entries(inventory)
    .filter(([, found]) => found.length)
    .map(([kind, found]) => `${kind}: ${found.map((item) => item.name).sort().join(', ')}`);
}
