/**
 * What the drawing shows, read from a synthesized stack (cdk.tf.json, or the
 * same JSON synthesizeToJson gives), never from the config: whatever the
 * constructs create is what is drawn. Pure: give it the parsed JSON.
 */
import { factsFromResources } from '../cost/facts.js';
import type { CopyRole } from '../cost/layers.js';
import { stackResources, type ResourceRecord } from '../cost/resources.js';

export interface ZoneView {
  readonly zone: string;
  readonly publicSubnet?: string;
  readonly privateSubnet?: string;
  /** A NAT gateway lives in this zone's public subnet. */
  readonly nat: boolean;
  /** The private subnets whose outbound traffic leaves through this zone's NAT (zone names). */
  readonly natServes: readonly string[];
  /** The service's tasks may run here. */
  readonly tasks: boolean;
  /** Where the database instance runs: drawn in the first zones of its subnet group (AWS picks which). */
  readonly database?: 'primary' | 'standby';
  /** The load balancer has a node (and a public address) in this zone. */
  readonly loadBalancer: boolean;
}

export interface ListenerView {
  readonly protocol: string;
  readonly port: number;
}

export interface LoadBalancerView {
  readonly name: string;
  readonly internetFacing: boolean;
  readonly listeners: readonly ListenerView[];
}

export interface StageView {
  readonly name: string;
  /** What runs it: CodeStarSourceConnection, CodeBuild, ECS, CodeDeployToECS… */
  readonly providers: readonly string[];
}

export interface DiagramModel {
  readonly environment: string;
  readonly region: string;
  readonly vpcCidr?: string;
  readonly zones: readonly ZoneView[];
  readonly internetGateway: boolean;
  readonly loadBalancers: readonly LoadBalancerView[];
  readonly service?: ServiceView;
  readonly database?: {
    readonly engine: string;
    readonly version: string;
    readonly instanceClass: string;
    readonly multiAz: boolean;
    readonly port?: number;
  };
  readonly repository?: string;
  readonly pipeline?: {
    readonly name: string;
    /** "owner/repo@branch" of the source stage. */
    readonly source?: string;
    readonly stages: readonly StageView[];
  };
  /** Domain names the stack answers for (Route 53 records and zones, certificates). */
  readonly domains: readonly string[];
  /** The app's own name: its ALIAS records (one weighted set per blue/green copy) and certificate. */
  readonly dns?: DnsView;
  /**
   * During a blue/green change of the infrastructure: each copy of the
   * serving layer (its own load balancer, cluster and service) beside the
   * shared network and database, with its share of the traffic. Then
   * `loadBalancers` holds every copy's and `service` the live copy's.
   */
  readonly copies?: readonly CopyView[];
}

export interface ServiceView {
  readonly name: string;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly containerPort?: number;
}

export interface CopyView extends CopyRole {
  readonly loadBalancer?: LoadBalancerView;
  readonly service?: ServiceView;
}

export interface DnsRoute {
  /** The weighted set's identifier: the copy (`blue`, `green`). */
  readonly copy: string;
  /** Percent of the name's traffic (the records' weight). */
  readonly weight: number;
  /** What the records point at: a load balancer of this stack by name, or "copy <name>'s load balancer". */
  readonly target: string;
}

export interface DnsView {
  readonly name: string;
  /** The Route 53 hosted zone the records are written in (the user's). */
  readonly zoneId: string;
  /** The record types pointed at the load balancer (A, AAAA). */
  readonly types: readonly string[];
  readonly routes: readonly DnsRoute[];
  /** HTTPS with a certificate the stack creates and validates by DNS, or an existing one; absent: no HTTPS here. */
  readonly certificate?: 'created' | 'existing';
}

type Values = Readonly<Record<string, unknown>>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const block = (value: unknown): Values | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return first !== null && typeof first === 'object' ? (first as Values) : undefined;
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
/** `${aws_subnet.private_subnet_a.id}` → "private_subnet_a". */
const refName = (value: unknown, type: string): string | undefined =>
  typeof value === 'string' ? new RegExp(`\\$\\{${type}\\.([\\w-]+)\\.`).exec(value)?.[1] : undefined;

export function diagramModel(stack: string | Record<string, unknown>, environment: string): DiagramModel {
  const json = typeof stack === 'string' ? (JSON.parse(stack) as Record<string, unknown>) : stack;
  const records = stackResources(json);
  const of = (type: string): ResourceRecord[] => records.filter((record) => record.type === type);
  const provider = block((json.provider as Record<string, unknown> | undefined)?.aws);
  const region = str(provider?.region) ?? '';

  const subnets = of('aws_subnet').map((subnet) => {
    const tags = (subnet.values.tags ?? {}) as Record<string, unknown>;
    const tier = tags.Tier === 'public' || subnet.name.includes('public') ? 'public' : 'private';
    return { name: subnet.name, zone: str(subnet.values.availability_zone) ?? '?', cidr: str(subnet.values.cidr_block) ?? '', tier };
  });
  const zoneOfSubnet = (name: string | undefined) => subnets.find((subnet) => subnet.name === name)?.zone;
  const zoneNames = [...new Set(subnets.map((subnet) => subnet.zone))].sort();

  const natZones = new Map<string, string>(); // NAT resource name → zone
  for (const nat of of('aws_nat_gateway')) {
    const zone = zoneOfSubnet(refName(nat.values.subnet_id, 'aws_subnet'));
    if (zone) natZones.set(nat.name, zone);
  }
  // Which NAT each private route table uses, and which subnet uses that table.
  const tableNat = new Map<string, string>();
  for (const route of of('aws_route')) {
    const nat = refName(route.values.nat_gateway_id, 'aws_nat_gateway');
    const table = refName(route.values.route_table_id, 'aws_route_table');
    if (nat && table) tableNat.set(table, nat);
  }
  const natServes = new Map<string, string[]>();
  for (const association of of('aws_route_table_association')) {
    const nat = tableNat.get(refName(association.values.route_table_id, 'aws_route_table') ?? '');
    const subnetZone = zoneOfSubnet(refName(association.values.subnet_id, 'aws_subnet'));
    const natZone = nat ? natZones.get(nat) : undefined;
    if (natZone && subnetZone) natServes.set(natZone, [...(natServes.get(natZone) ?? []), subnetZone].sort());
  }

  const facts = factsFromResources(records);
  const serviceRecord = of('aws_ecs_service')[0];
  const network = block(serviceRecord?.values.network_configuration);
  const taskZones = new Set(list(network?.subnets).map((value) => zoneOfSubnet(refName(value, 'aws_subnet'))));
  const lbRecords = of('aws_lb');
  const lbZones = new Set(lbRecords.flatMap((lb) => list(lb.values.subnets).map((value) => zoneOfSubnet(refName(value, 'aws_subnet')))));

  const dbRecord = of('aws_db_instance')[0];
  const dbSubnetGroup = of('aws_db_subnet_group')[0];
  const dbZones = list(dbSubnetGroup?.values.subnet_ids)
    .map((value) => zoneOfSubnet(refName(value, 'aws_subnet')))
    .filter((zone): zone is string => zone !== undefined)
    .sort();
  const multiAz = dbRecord?.values.multi_az === true;

  const zones: ZoneView[] = zoneNames.map((zone) => {
    const database = dbRecord ? (zone === dbZones[0] ? 'primary' : multiAz && zone === dbZones[1] ? 'standby' : undefined) : undefined;
    return {
      zone,
      ...(subnets.find((s) => s.zone === zone && s.tier === 'public') ? { publicSubnet: subnets.find((s) => s.zone === zone && s.tier === 'public')!.cidr } : {}),
      ...(subnets.find((s) => s.zone === zone && s.tier === 'private') ? { privateSubnet: subnets.find((s) => s.zone === zone && s.tier === 'private')!.cidr } : {}),
      nat: [...natZones.values()].includes(zone),
      natServes: natServes.get(zone) ?? [],
      tasks: taskZones.has(zone),
      ...(database ? { database } : {}),
      loadBalancer: lbZones.has(zone),
    };
  });

  const listeners = of('aws_lb_listener');
  const loadBalancers = lbRecords.map((lb) => ({
    name: str(lb.values.name) ?? lb.name,
    internetFacing: lb.values.internal !== true,
    listeners: listeners
      .filter((listener) => refName(listener.values.load_balancer_arn, 'aws_lb') === lb.name)
      .map((listener) => ({ protocol: str(listener.values.protocol) ?? 'HTTP', port: Number(listener.values.port ?? 0) }))
      .sort((a, b) => a.port - b.port),
  }));

  const serviceFacts = facts.services[0];
  const pipelineRecord = of('aws_codepipeline')[0];
  const stages = list(pipelineRecord?.values.stage).map((value) => {
    const stage = value as Values;
    return { name: str(stage.name) ?? '?', providers: list(stage.action).map((action) => str((action as Values).provider) ?? '?') };
  });
  const sourceConfig = stages.length
    ? (block(list(pipelineRecord?.values.stage).map((value) => block((value as Values).action))[0]?.configuration) ?? undefined)
    : undefined;
  const source = str(sourceConfig?.FullRepositoryId);

  const domains = [
    ...of('aws_route53_record').map((record) => str(record.values.name)),
    ...of('aws_route53_zone').map((zone) => str(zone.values.name)),
    ...of('aws_acm_certificate').map((certificate) => str(certificate.values.domain_name)),
  ].filter((name): name is string => name !== undefined && !name.includes('${'));

  const dns = dnsView(of('aws_route53_record'), lbRecords, of('aws_acm_certificate').length > 0, listeners);

  return {
    environment,
    region,
    ...(dns ? { dns } : {}),
    ...(of('aws_vpc')[0] ? { vpcCidr: str(of('aws_vpc')[0]!.values.cidr_block) ?? '' } : {}),
    zones,
    internetGateway: of('aws_internet_gateway').length > 0,
    loadBalancers,
    ...(serviceRecord && serviceFacts
      ? {
          service: {
            name: str(serviceRecord.values.name) ?? serviceRecord.name,
            cpu: serviceFacts.cpu,
            memoryMiB: serviceFacts.memoryMiB,
            minTasks: serviceFacts.minTasks,
            maxTasks: serviceFacts.maxTasks,
            ...(block(serviceRecord.values.load_balancer)?.container_port !== undefined
              ? { containerPort: Number(block(serviceRecord.values.load_balancer)!.container_port) }
              : {}),
          },
        }
      : {}),
    ...(dbRecord
      ? {
          database: {
            engine: str(dbRecord.values.engine) ?? '?',
            version: str(dbRecord.values.engine_version) ?? '',
            instanceClass: str(dbRecord.values.instance_class) ?? '?',
            multiAz,
            ...(dbRecord.values.port !== undefined ? { port: Number(dbRecord.values.port) } : {}),
          },
        }
      : {}),
    ...(of('aws_ecr_repository')[0] ? { repository: str(of('aws_ecr_repository')[0]!.values.name) ?? 'repository' } : {}),
    ...(pipelineRecord
      ? {
          pipeline: {
            name: str(pipelineRecord.values.name) ?? pipelineRecord.name,
            ...(source ? { source: `${source}${str(sourceConfig?.BranchName) ? `@${str(sourceConfig?.BranchName)}` : ''}` } : {}),
            stages,
          },
        }
      : {}),
    domains: [...new Set(domains.map((name) => name.replace(/\.$/, '')))].sort(),
  };
}

/** One synthesized stack of an environment, and which copy it is (none: the shared layer, or the whole environment). */
export interface DiagramStack {
  readonly json: string | Record<string, unknown>;
  readonly copy?: CopyRole;
}

/**
 * The drawing of a whole environment from all its stacks: the one stack, or
 * during a blue/green change the shared layer with each copy's serving
 * layer. A copy's load balancer and tasks use the shared layer's subnets
 * (through variables), so every zone holds a node of each copy's load
 * balancer in its public subnet and may hold each copy's tasks in its
 * private one.
 */
export function environmentModel(stacks: readonly DiagramStack[], environment: string): DiagramModel {
  const sharedStack = stacks.find((stack) => !stack.copy);
  if (!sharedStack) throw new Error(`no shared stack for ${environment}`);
  const shared = diagramModel(sharedStack.json, environment);
  const copyStacks = stacks.filter((stack) => stack.copy);
  if (copyStacks.length === 0) return shared;
  const copies: CopyView[] = copyStacks.map((stack) => {
    const drawn = diagramModel(stack.json, environment);
    return {
      ...stack.copy!,
      ...(drawn.loadBalancers[0] ? { loadBalancer: drawn.loadBalancers[0] } : {}),
      ...(drawn.service ? { service: drawn.service } : {}),
    };
  });
  const live = copies.find((copy) => copy.role === 'live') ?? copies[0]!;
  return {
    ...shared,
    zones: shared.zones.map((zone) => ({ ...zone, loadBalancer: zone.publicSubnet !== undefined, tasks: zone.privateSubnet !== undefined })),
    loadBalancers: copies.flatMap((copy) => (copy.loadBalancer ? [copy.loadBalancer] : [])),
    ...(live.service ? { service: live.service } : {}),
    copies,
  };
}

/** "blue: live, 90% of the traffic", "green: new, no traffic yet (not in DNS)". */
export function copyLabel(copy: CopyView): string {
  return `${copy.name}: ${copy.role === 'live' ? 'live' : 'new'}, ${copy.routed ? `${copy.weight}% of the traffic` : 'no traffic yet (not in DNS)'}`;
}

/** The weighted ALIAS records of the app's name, grouped by copy, and how its HTTPS is certified. */
function dnsView(records: readonly ResourceRecord[], balancers: readonly ResourceRecord[], created: boolean, listeners: readonly ResourceRecord[]): DnsView | undefined {
  const aliases = records.filter((record) => block(record.values.alias) !== undefined && str(record.values.name) && !str(record.values.name)!.includes('${'));
  const first = aliases[0];
  if (!first) return undefined;
  const routes = new Map<string, DnsRoute>();
  for (const record of aliases) {
    const copy = str(record.values.set_identifier) ?? 'blue';
    const target = str(block(record.values.alias)?.name) ?? '';
    const own = refName(target, 'aws_lb');
    const copyVariable = /\$\{var\.copy_(\w+?)_alb_dns_name\}/.exec(target)?.[1];
    const name = own ? (str(balancers.find((lb) => lb.name === own)?.values.name) ?? own) : copyVariable ? `copy ${copyVariable}'s load balancer` : target;
    routes.set(copy, { copy, weight: Number(block(record.values.weighted_routing_policy)?.weight ?? 100), target: name });
  }
  const https = listeners.some((listener) => listener.values.protocol === 'HTTPS');
  const certificate = created ? 'created' : https || records.some((record) => record.name.startsWith('certificate')) ? 'existing' : undefined;
  return {
    name: str(first.values.name)!.replace(/\.$/, ''),
    zoneId: str(first.values.zone_id) ?? '',
    types: [...new Set(aliases.map((record) => str(record.values.type) ?? '?'))].sort(),
    routes: [...routes.values()].sort((a, b) => (a.copy < b.copy ? -1 : 1)),
    ...(certificate ? { certificate } : {}),
  };
}

/** The domain in words: where the name points, with what share, and how HTTPS is certified. */
export function dnsLine(dns: DnsView): string {
  const routes = dns.routes.length === 1 ? `→ ${dns.routes[0]!.target}` : `→ ${dns.routes.map((route) => `${route.copy} ${route.weight}% (${route.target})`).join(', ')}`;
  const certificate =
    dns.certificate === 'created' ? '; HTTPS with a new ACM certificate, validated by DNS' : dns.certificate === 'existing' ? '; HTTPS with an existing certificate' : '';
  return `${dns.name}: ALIAS ${dns.types.join('/')} in zone ${dns.zoneId} ${routes}${certificate}`;
}

/** Words the renderers share. */
export const engineLabel = (engine: string) => (engine === 'postgres' ? 'PostgreSQL' : engine === 'mysql' ? 'MySQL' : engine);
export const vcpu = (cpu: number) => `${Math.round((cpu / 1024) * 100) / 100} vCPU`;
export const memory = (mib: number) => `${Math.round((mib / 1024) * 100) / 100} GB`;
export const tasksLabel = (min: number, max: number) => (min === max ? `${min} task${min === 1 ? '' : 's'}` : `${min}-${max} tasks`);

/** The copy the pipeline deploys to during a change: the new one once it has records, else the live one. */
export function deployedCopy(model: DiagramModel): CopyView | undefined {
  return model.copies?.find((copy) => copy.role === 'next' && copy.routed) ?? model.copies?.find((copy) => copy.role === 'live');
}

/** The path of a request, and of outbound traffic, in words. */
export function requestPath(model: DiagramModel): string[] {
  if (model.copies) {
    // The name's weighted records pick a copy's load balancer, then its tasks.
    const copies = model.copies.filter((copy) => copy.routed).map((copy) => `${copy.name} ${copy.weight}%`);
    return [
      ...(model.dns ? [model.dns.name] : model.domains.length ? [model.domains[0]!] : []),
      'Internet',
      ...(model.internetGateway ? ['internet gateway'] : []),
      `load balancer of copy ${copies.join(' or ')}`,
      "that copy's tasks",
      ...(model.database ? [`${engineLabel(model.database.engine)}${model.database.port ? ` :${model.database.port}` : ''}`] : []),
    ];
  }
  const lb = model.loadBalancers[0];
  const listeners = lb?.listeners.map((listener) => `${listener.protocol} :${listener.port}`).join(', ');
  const steps = [
    ...(model.domains.length ? [model.domains[0]!] : []),
    'Internet',
    ...(model.internetGateway ? ['internet gateway'] : []),
    ...(lb ? [`load balancer${listeners ? ` (${listeners})` : ''}`] : []),
    ...(model.service ? [`${model.service.name} tasks${model.service.containerPort ? ` :${model.service.containerPort}` : ''}`] : []),
    ...(model.database ? [`${engineLabel(model.database.engine)}${model.database.port ? ` :${model.database.port}` : ''}`] : []),
  ];
  return steps;
}

export function deployPath(model: DiagramModel): string[] {
  if (!model.pipeline) return [];
  return [
    ...(model.pipeline.source ? [`GitHub ${model.pipeline.source}`] : []),
    ...model.pipeline.stages.map((stage) => `${stage.name} (${stage.providers.join(', ')})`),
    ...(deployedCopy(model) ? [`${deployedCopy(model)!.service?.name ?? 'the'} tasks of copy ${deployedCopy(model)!.name}`] : model.service ? [`${model.service.name} tasks`] : []),
  ];
}
