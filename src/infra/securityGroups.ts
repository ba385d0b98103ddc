/**
 * Who may talk to whom, in one place: the internet reaches the load balancer
 * on port 80 only, the load balancer reaches the tasks on the container port
 * only, the tasks reach the database on the engine port only.
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
  /** Port the load balancer listens on, open to the internet. */
  readonly listenerPort: number;
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
    const database = group('database_security_group', 'db', 'Database: engine port from the ECS tasks only');
    this.loadBalancerSecurityGroupId = alb.id;
    this.tasksSecurityGroupId = tasks.id;
    this.databaseSecurityGroupId = database.id;

    stableId(
      new VpcSecurityGroupIngressRule(this, 'alb_http_from_internet', {
        securityGroupId: alb.id,
        description: 'HTTP from the internet',
        ipProtocol: 'tcp',
        fromPort: props.listenerPort,
        toPort: props.listenerPort,
        cidrIpv4: '0.0.0.0/0',
      }),
      'alb_http_from_internet',
    );
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
        securityGroupId: database.id,
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
