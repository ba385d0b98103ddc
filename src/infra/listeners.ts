/**
 * What the load balancer listens on:
 *
 * - without a domain, HTTP on 80 forwards to the service;
 * - with one, HTTPS on 443 (TLS 1.3 and 1.2 only) forwards to the service and
 *   HTTP on 80 answers every request with a permanent redirect to HTTPS;
 * - with blue/green releases, a test listener (8443 HTTPS, or 8080 HTTP
 *   without a domain) forwards to the second target group, where CodeDeploy
 *   starts each new task set before it moves production traffic.
 *
 * Under blue/green, CodeDeploy owns the actions of the production and test
 * listeners (it swaps their target groups at every release), so Terraform
 * sets them once and ignores them afterwards.
 */
import { Construct } from './cdktf.js';
import type { ITerraformDependable } from 'cdktf';
import { LbListener } from './aws.js';
import { TEST_LISTENER_PORTS } from '../config/deployment.js';
import { stableId } from './naming.js';

/** AWS's recommended policy: TLS 1.3 and 1.2, forward-secret ciphers only. */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
export const HTTP_PORT = 80;
export const HTTPS_PORT = 443;

export interface ListenersProps {
  /** ARN of the load balancer. */
  readonly loadBalancerArn: string;
  /** Target group production traffic goes to (the first one). */
  readonly targetGroupArn: string;
  /** Serve HTTPS with this certificate (HTTP then redirects); absent keeps plain HTTP. */
  readonly certificateArn?: string;
  /** Blue/green releases: the second target group, behind the test listener. */
  readonly testTargetGroupArn?: string;
}

export class Listeners extends Construct {
  /** The listener production traffic arrives on: HTTPS with a domain, else HTTP. */
  readonly productionListenerArn: string;
  /** The test listener (blue/green only). */
  readonly testListenerArn: string | undefined;
  /** Port of the test listener (blue/green only), for its security group rule. */
  readonly testPort: number | undefined;
  /** The listeners a service must wait for: ECS refuses a target group no listener uses. */
  readonly dependables: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ListenersProps) {
    super(scope, id);
    const https = props.certificateArn !== undefined;
    const codeDeploy = props.testTargetGroupArn !== undefined;
    // CodeDeploy moves the production and test listeners between the target groups.
    const ownedByCodeDeploy = codeDeploy ? { lifecycle: { ignoreChanges: ['default_action'] } } : {};
    const forward = (targetGroupArn: string) => [{ type: 'forward', targetGroupArn }];

    const http = stableId(
      new LbListener(this, 'http-listener', {
        loadBalancerArn: props.loadBalancerArn,
        port: HTTP_PORT,
        protocol: 'HTTP',
        defaultAction: https
          ? [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: String(HTTPS_PORT), statusCode: 'HTTP_301' } }]
          : forward(props.targetGroupArn),
        ...(https ? {} : ownedByCodeDeploy),
      }),
      'http',
    );
    const listeners: LbListener[] = [http];
    let production = http;
    if (https) {
      production = stableId(
        new LbListener(this, 'https-listener', {
          loadBalancerArn: props.loadBalancerArn,
          port: HTTPS_PORT,
          protocol: 'HTTPS',
          sslPolicy: TLS_POLICY,
          certificateArn: props.certificateArn,
          defaultAction: forward(props.targetGroupArn),
          ...ownedByCodeDeploy,
        }),
        'https',
      );
      listeners.push(production);
    }
    this.productionListenerArn = production.arn;
    if (props.testTargetGroupArn !== undefined) {
      this.testPort = https ? TEST_LISTENER_PORTS.https : TEST_LISTENER_PORTS.http;
      const test = stableId(
        new LbListener(this, 'test-listener', {
          loadBalancerArn: props.loadBalancerArn,
          port: this.testPort,
          protocol: https ? 'HTTPS' : 'HTTP',
          ...(https ? { sslPolicy: TLS_POLICY, certificateArn: props.certificateArn } : {}),
          defaultAction: forward(props.testTargetGroupArn),
          ...ownedByCodeDeploy,
        }),
        'test',
      );
      this.testListenerArn = test.arn;
      listeners.push(test);
    } else {
      this.testListenerArn = undefined;
      this.testPort = undefined;
    }
    this.dependables = listeners;
  }
}
