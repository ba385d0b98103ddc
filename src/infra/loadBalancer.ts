/**
 * The public entry point: an Application Load Balancer in the public subnets,
 * an IP target group (Fargate tasks register by address) with the app's health
 * check, and an HTTP listener. Point your DNS record at it with an ALIAS.
 */
import { Construct } from './cdktf.js';
import { Lb } from './aws.js';
import { LbTargetGroup } from './aws.js';
import { LbListener } from './aws.js';
import type { ITerraformDependable } from 'cdktf';
import { stableId, type Naming } from './naming.js';

export interface LoadBalancerProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** VPC of the target group. */
  readonly vpcId: string;
  /** Public subnets, one per zone. */
  readonly subnetIds: readonly string[];
  /** The load balancer's security group. */
  readonly securityGroupId: string;
  /** Port the listener accepts HTTP on. */
  readonly listenerPort: number;
  /** Port of the app container the targets listen on. */
  readonly targetPort: number;
  /** Path the health check polls; it must answer 2xx or 3xx. */
  readonly healthCheckPath: string;
}

export class LoadBalancer extends Construct {
  /** DNS name of the load balancer (the ALIAS target). */
  readonly dnsName: string;
  /** Hosted zone of the load balancer, for a Route 53 ALIAS record. */
  readonly zoneId: string;
  /** ARN of the load balancer. */
  readonly arn: string;
  /** ARN of the target group the service registers in. */
  readonly targetGroupArn: string;
  /** The listener; the service must wait for it, or ECS rejects the target group. */
  readonly listener: ITerraformDependable;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { naming } = props;
    const alb = stableId(
      new Lb(this, 'alb', {
        name: naming.name('alb'),
        loadBalancerType: 'application',
        internal: false,
        securityGroups: [props.securityGroupId],
        subnets: [...props.subnetIds],
        // Rejects malformed headers instead of passing them to the app (request smuggling).
        dropInvalidHeaderFields: true,
      }),
      'alb',
    );
    const targetGroup = stableId(
      new LbTargetGroup(this, 'target-group', {
        name: naming.name('web'),
        targetType: 'ip',
        protocol: 'HTTP',
        port: props.targetPort,
        vpcId: props.vpcId,
        // Rolling deploys wait for draining; 30 s instead of 300 s keeps them quick.
        deregistrationDelay: '30',
        healthCheck: {
          enabled: true,
          path: props.healthCheckPath,
          matcher: '200-399',
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
      }),
      'web',
    );
    const listener = stableId(
      new LbListener(this, 'http-listener', {
        loadBalancerArn: alb.arn,
        port: props.listenerPort,
        protocol: 'HTTP',
        defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
      }),
      'http',
    );
    this.dnsName = alb.dnsName;
    this.zoneId = alb.zoneId;
    this.arn = alb.arn;
    this.targetGroupArn = targetGroup.arn;
    this.listener = listener;
  }
}
