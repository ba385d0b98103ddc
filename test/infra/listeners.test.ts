import { describe, expect, test } from 'vitest';
import { Listeners, TLS_POLICY } from '../../src/infra/index.js';
import { resource, synthConstruct } from '../helpers/infraSynth.js';

const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const base = { loadBalancerArn: 'arn:alb', targetGroupArn: 'arn:tg-1' };
const names = (json: ReturnType<typeof synthConstruct>) => Object.keys(json.resource['aws_lb_listener'] ?? {}).sort();

describe('Listeners', () => {
  test('without a domain: HTTP on 80 forwarding to the service, nothing else', () => {
    const json = synthConstruct((scope) => new Listeners(scope, 'listeners', base));
    expect(names(json)).toEqual(['http']);
    expect(resource(json, 'aws_lb_listener', 'http')).toEqual({
      load_balancer_arn: 'arn:alb',
      port: 80,
      protocol: 'HTTP',
      default_action: [{ type: 'forward', target_group_arn: 'arn:tg-1' }],
    });
  });

  test('with a domain: HTTPS on 443 with a TLS 1.3/1.2 policy, and HTTP answering 301 to HTTPS', () => {
    const json = synthConstruct((scope) => new Listeners(scope, 'listeners', { ...base, certificateArn: CERT }));
    expect(names(json)).toEqual(['http', 'https']);
    expect(resource(json, 'aws_lb_listener', 'https')).toEqual({
      load_balancer_arn: 'arn:alb',
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: CERT,
      default_action: [{ type: 'forward', target_group_arn: 'arn:tg-1' }],
    });
    expect(TLS_POLICY).toMatch(/TLS13-1-2/);
    expect(resource(json, 'aws_lb_listener', 'http')['default_action']).toEqual([
      { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } },
    ]);
  });

  test('blue/green with a domain: an HTTPS test listener on 8443 to the second group; CodeDeploy owns both actions', () => {
    let listeners: Listeners | undefined;
    const json = synthConstruct((scope) => {
      listeners = new Listeners(scope, 'listeners', { ...base, certificateArn: CERT, testTargetGroupArn: 'arn:tg-2' });
    });
    expect(names(json)).toEqual(['http', 'https', 'test']);
    expect(resource(json, 'aws_lb_listener', 'test')).toEqual({
      load_balancer_arn: 'arn:alb',
      port: 8443,
      protocol: 'HTTPS',
      ssl_policy: TLS_POLICY,
      certificate_arn: CERT,
      default_action: [{ type: 'forward', target_group_arn: 'arn:tg-2' }],
      lifecycle: { ignore_changes: ['default_action'] },
    });
    expect(resource(json, 'aws_lb_listener', 'https')['lifecycle']).toEqual({ ignore_changes: ['default_action'] });
    // The redirect is not CodeDeploy's: Terraform keeps owning it.
    expect(resource(json, 'aws_lb_listener', 'http')['lifecycle']).toBeUndefined();
    expect(listeners!.testPort).toBe(8443);
    expect(listeners!.dependables).toHaveLength(3);
  });

  test('blue/green without a domain: production on HTTP 80, test on HTTP 8080', () => {
    const json = synthConstruct((scope) => new Listeners(scope, 'listeners', { ...base, testTargetGroupArn: 'arn:tg-2' }));
    expect(names(json)).toEqual(['http', 'test']);
    expect(resource(json, 'aws_lb_listener', 'http')).toMatchObject({ port: 80, lifecycle: { ignore_changes: ['default_action'] } });
    expect(resource(json, 'aws_lb_listener', 'test')).toMatchObject({ port: 8080, protocol: 'HTTP', default_action: [{ target_group_arn: 'arn:tg-2' }] });
    expect(resource(json, 'aws_lb_listener', 'test')['ssl_policy']).toBeUndefined();
  });
});
