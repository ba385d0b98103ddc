/**
 * Who may talk to whom, in one place: the internet reaches the load balancer
 * on port 80 only (and 443 with a domain, over IPv6 too when it is
 * dual-stack), the ranges listed for it reach the blue/green test listener,
 * the load balancer reaches the tasks on the container port only, the tasks
 * reach the database on the engine port only.
 *
 * The three groups live together (rather than one per construct) because their
 * rules reference each other: the database admits the tasks' group, the load
 * balancer's egress names the tasks' group. Kept here, the constructs that use
 * them stay free of cycles and a reviewer reads the whole policy at once.
 * Each rule is its own resource (aws_vpc_security_group_*_rule), and the
 * groups themselves declare no inline rules: Terraform removes AWS's default
 * allow-all egress when it creates a group in a VPC.
 */
import { Construct } from './cdktf.js';
import { SecurityGroup } from './aws.js';
import { VpcSecurityGroupIngressRule } from './aws.js';
import { VpcSecurityGroupEgressRule } from './aws.js';
import { stableId, type Naming } from './naming.js';

export interface SecurityGroupsProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** VPC the groups belong to. */
  readonly vpcId: string;
  /** Ports the load balancer listens on for everyone: 80, and 443 with a domain. */
  readonly publicPorts: readonly number[];
  /** The load balancer is dual-stack: open the public ports to IPv6 too. */
  readonly ipv6?: boolean;
  /** The blue/green test listener's port, open to `testCidrs` only. */
  readonly testPort?: number;
  /** IPv4 ranges that may reach the test listener (none: closed). */
  readonly testCidrs?: readonly string[];
  /**
   * The database's group, when it belongs to another stack (the shared layer
   * of a blue/green environment): only the rule admitting these tasks is made here.
   */
  readonly databaseSecurityGroupId?: string;
  /** Port the app container listens on. */
  readonly containerPort: number;
  /** Port of the database engine (5432 postgres, 3306 mysql). */
  readonly databasePort: number;
}

export class SecurityGroups extends Construct {
  /** Group of the load balancer: open on the listener port. */
  readonly loadBalancerSecurityGroupId: string;
  /** Group of the ECS tasks (web and migrate). */
  readonly tasksSecurityGroupId: string;
  /** Group of the database: admits only the tasks. */
  readonly databaseSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const { naming, vpcId } = props;
    const group = (logicalId: string, suffix: string, description: string) =>
      stableId(
        new SecurityGroup(this, logicalId, {
          name: naming.name(suffix),
          description,
          vpcId,
          tags: { Name: naming.name(suffix) },
        }),
        logicalId,
      );
    const alb = group('alb_security_group', 'alb', 'Load balancer: HTTP from the internet, to the tasks only');
    const tasks = group('tasks_security_group', 'tasks', 'ECS tasks: from the load balancer, out to AWS APIs and the database');
    const databaseGroupId = props.databaseSecurityGroupId ?? new DatabaseSecurityGroup(this, 'database', { naming, vpcId }).id;
    this.loadBalancerSecurityGroupId = alb.id;
    this.tasksSecurityGroupId = tasks.id;
    this.databaseSecurityGroupId = databaseGroupId;

    const ingress = (logicalId: string, description: string, port: number, source: { cidrIpv4: string } | { cidrIpv6: string }) =>
      stableId(
        new VpcSecurityGroupIngressRule(this, logicalId, { securityGroupId: alb.id, description, ipProtocol: 'tcp', fromPort: port, toPort: port, ...source }),
        logicalId,
      );
    for (const port of props.publicPorts) {
      // Port 80 keeps the address it always had; HTTPS and IPv6 rules are new ones.
      const protocol = port === 443 ? 'https' : port === 80 ? 'http' : `port_${port}`;
      const words = port === 443 ? 'HTTPS' : port === 80 ? 'HTTP' : `Port ${port}`;
      ingress(`alb_${protocol}_from_internet`, `${words} from the internet`, port, { cidrIpv4: '0.0.0.0/0' });
      if (props.ipv6) ingress(`alb_${protocol}_from_internet_ipv6`, `${words} from the internet (IPv6)`, port, { cidrIpv6: '::/0' });
    }
    if (props.testPort !== undefined) {
      (props.testCidrs ?? []).forEach((cidr, index) =>
        ingress(`alb_test_from_${index + 1}`, `Blue/green test listener from ${cidr}`, props.testPort!, { cidrIpv4: cidr }),
      );
    }
    stableId(
      new VpcSecurityGroupEgressRule(this, 'alb_to_tasks', {
        securityGroupId: alb.id,
        description: 'To the tasks on the container port',
        ipProtocol: 'tcp',
        fromPort: props.containerPort,
        toPort: props.containerPort,
        referencedSecurityGroupId: tasks.id,
      }),
      'alb_to_tasks',
    );
    stableId(
      new VpcSecurityGroupIngressRule(this, 'tasks_from_alb', {
        securityGroupId: tasks.id,
        description: 'From the load balancer on the container port',
        ipProtocol: 'tcp',
        fromPort: props.containerPort,
        toPort: props.containerPort,
        referencedSecurityGroupId: alb.id,
      }),
      'tasks_from_alb',
    );
    stableId(
      new VpcSecurityGroupEgressRule(this, 'tasks_to_anywhere', {
        securityGroupId: tasks.id,
        // Tasks pull images and secrets and call AWS APIs through the NAT
        // gateway; their addresses are not fixed, so egress stays open.
        description: 'Out to ECR, Secrets Manager, CloudWatch and the database',
        ipProtocol: '-1',
        cidrIpv4: '0.0.0.0/0',
      }),
      'tasks_to_anywhere',
    );
    stableId(
      new VpcSecurityGroupIngressRule(this, 'database_from_tasks', {
        securityGroupId: databaseGroupId,
        description: 'Engine port from the ECS tasks',
        ipProtocol: 'tcp',
        fromPort: props.databasePort,
        toPort: props.databasePort,
        referencedSecurityGroupId: tasks.id,
      }),
      'database_from_tasks',
    );
  }
}

export interface DatabaseSecurityGroupProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** VPC of the group. */
  readonly vpcId: string;
}

/**
 * The database's group, with no rule of its own: the tasks that may reach
 * the database add theirs (in a blue/green environment, each copy its own).
 */
export class DatabaseSecurityGroup extends Construct {
  readonly id: string;

  constructor(scope: Construct, id: string, props: DatabaseSecurityGroupProps) {
    super(scope, id);
    this.id = stableId(
      new SecurityGroup(this, 'database_security_group', {
        name: props.naming.name('db'),
        description: 'Database: engine port from the ECS tasks only',
        vpcId: props.vpcId,
        tags: { Name: props.naming.name('db') },
      }),
      'database_security_group',
    ).id;
  }
}
