import { describe, expect, test } from 'vitest';
import { LoadBalancer } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const json = synthConstruct(
  (scope) =>
    new LoadBalancer(scope, 'load-balancer', {
      naming,
      vpcId: 'vpc-1',
      subnetIds: ['subnet-public-a', 'subnet-public-b'],
      securityGroupId: 'sg-alb',
      listenerPort: 80,
      targetPort: 3000,
      healthCheckPath: '/healthz',
    }),
);

describe('LoadBalancer', () => {
  test('an internet-facing ALB in the public subnets that drops invalid headers', () => {
    expect(resource(json, 'aws_lb', 'alb')).toMatchObject({
      name: 'shop-production-alb',
      load_balancer_type: 'application',
      internal: false,
      subnets: ['subnet-public-a', 'subnet-public-b'],
      security_groups: ['sg-alb'],
      drop_invalid_header_fields: true,
    });
  });

  test('an IP target group on the container port with the app health check', () => {
    expect(resource(json, 'aws_lb_target_group', 'web')).toMatchObject({
      name: 'shop-production-web',
      target_type: 'ip',
      protocol: 'HTTP',
      port: 3000,
      vpc_id: 'vpc-1',
      health_check: { enabled: true, path: '/healthz', matcher: '200-399' },
    });
  });

  test('an HTTP listener on 80 forwarding to the target group', () => {
    expect(resource(json, 'aws_lb_listener', 'http')).toMatchObject({
      load_balancer_arn: '${aws_lb.alb.arn}',
      port: 80,
      protocol: 'HTTP',
      default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.web.arn}' }],
    });
  });
});
