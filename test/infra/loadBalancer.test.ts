import { describe, expect, test } from 'vitest';
import { ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, ELB_NAME_MAX, LoadBalancer, Naming, type LoadBalancerProps } from '../../src/infra/index.js';
import { REGIONS } from '../../src/config/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const props: LoadBalancerProps = {
  naming,
  vpcId: 'vpc-1',
  vpcCidr: '10.0.0.0/16',
  subnetIds: ['subnet-public-a', 'subnet-public-b'],
  securityGroupId: 'sg-alb',
  targetPort: 3000,
  healthCheckPath: '/healthz',
  deletionProtection: false,
};
const synth = (overrides: Partial<LoadBalancerProps> = {}) => synthConstruct((scope) => new LoadBalancer(scope, 'load-balancer', { ...props, ...overrides }));
const json = synth();

describe('LoadBalancer', () => {
  test('an internet-facing ALB in the public subnets that drops invalid headers', () => {
    expect(resource(json, 'aws_lb', 'alb')).toMatchObject({
      name: 'shop-production-alb',
      load_balancer_type: 'application',
      internal: false,
      subnets: ['subnet-public-a', 'subnet-public-b'],
      security_groups: ['sg-alb'],
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
    });
  });

  test('an IP target group on the container port with the app health check', () => {
    expect(resource(json, 'aws_lb_target_group', 'web')).toMatchObject({
      target_type: 'ip',
      protocol: 'HTTP',
      port: 3000,
      vpc_id: 'vpc-1',
      health_check: { enabled: true, path: '/healthz', matcher: '200-399' },
    });
  });

  test('a port change replaces the target group create-before-destroy, under a new name', () => {
    // Delete-first fails: the listener still forwards to the old group.
    const group = resource(json, 'aws_lb_target_group', 'web');
    expect(group['lifecycle']).toEqual({ create_before_destroy: true });
    const other = resource(synth({ targetPort: 8080 }), 'aws_lb_target_group', 'web');
    expect(group['name']).toMatch(/^shop-production-web-[0-9a-f]{4}$/);
    expect(other['name']).toMatch(/^shop-production-web-[0-9a-f]{4}$/);
    expect(other['name']).not.toBe(group['name']);
    // A new VPC (a new CIDR) replaces it too: the name follows.
    expect(resource(synth({ vpcCidr: '10.1.0.0/16' }), 'aws_lb_target_group', 'web')['name']).not.toBe(group['name']);
    // The same inputs give the same name: no replacement on a re-plan.
    expect(resource(synth(), 'aws_lb_target_group', 'web')['name']).toBe(group['name']);
  });

  test('target group names fit 32 characters for the longest app and environment names', async () => {
    const { Naming } = await import('../../src/infra/index.js');
    const long = new Naming('a'.repeat(16), 'b'.repeat(10));
    const name = resource(synth({ naming: long }), 'aws_lb_target_group', 'web')['name'] as string;
    expect(name.length).toBeLessThanOrEqual(32);
    expect(name).toMatch(/^a{16}-b{10}-[0-9a-f]{4}$/);
  });

  test('no listener of its own (listeners.ts) and one target group for rolling releases', () => {
    expect(json.resource['aws_lb_listener']).toBeUndefined();
    expect(Object.keys(json.resource['aws_lb_target_group']!)).toEqual(['web']);
    expect(resource(json, 'aws_lb', 'alb')['ip_address_type']).toBe('ipv4');
  });

  test('dual-stack when asked (a domain: its AAAA record)', () => {
    expect(resource(synth({ dualStack: true }), 'aws_lb', 'alb')['ip_address_type']).toBe('dualstack');
  });

  test('blue/green releases: a second target group like the first, under a name of its own', () => {
    const both = synth({ secondTargetGroup: true });
    const first = resource(both, 'aws_lb_target_group', 'web');
    const second = resource(both, 'aws_lb_target_group', 'web2');
    expect(first['name']).toBe(resource(json, 'aws_lb_target_group', 'web')['name']);
    expect(second['name']).toMatch(/^shop-production-web2-[0-9a-f]{4}$/);
    const { name: _a, '//': _c, ...firstRest } = first;
    const { name: _b, '//': _d, ...secondRest } = second;
    expect(secondRest).toEqual(firstRest);
  });

  test('a green copy of the longest names still fits 32 characters, apart from blue', () => {
    const names = (copy?: 'green') => {
      const long = synth({ naming: new Naming('a'.repeat(16), 'b'.repeat(10), copy), secondTargetGroup: true });
      return [resource(long, 'aws_lb', 'alb')['name'], resource(long, 'aws_lb_target_group', 'web')['name'], resource(long, 'aws_lb_target_group', 'web2')['name']] as string[];
    };
    const green = names('green');
    const blue = names();
    for (const name of [...green, ...blue]) expect(name.length).toBeLessThanOrEqual(ELB_NAME_MAX);
    expect(new Set([...green, ...blue]).size).toBe(6);
  });

  test('no access log bucket unless asked', () => {
    expect(json.resource['aws_s3_bucket']).toBeUndefined();
    expect(resource(json, 'aws_lb', 'alb')['access_logs']).toBeUndefined();
  });

  describe('access logs', () => {
    const logs = (region: string) => synth({ accessLogs: { region, accountId: '123456789012', retentionDays: 90 } });

    test('go to a private, encrypted bucket of the stack that expires them', () => {
      const withLogs = logs('eu-west-1');
      expect(resource(withLogs, 'aws_lb', 'alb')).toMatchObject({
        access_logs: { bucket: '${aws_s3_bucket.alb_logs.bucket}', prefix: 'alb', enabled: true },
        depends_on: ['aws_s3_bucket_policy.alb_logs_policy'],
      });
      expect(resource(withLogs, 'aws_s3_bucket', 'alb_logs')).toMatchObject({ bucket_prefix: 'shop-production-alb-logs-', force_destroy: true });
      expect(resource(withLogs, 'aws_s3_bucket_server_side_encryption_configuration', 'alb_logs_encryption')['rule']).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
      ]);
      expect(resource(withLogs, 'aws_s3_bucket_public_access_block', 'alb_logs_public_access_block')).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(resource(withLogs, 'aws_s3_bucket_lifecycle_configuration', 'alb_logs_lifecycle')['rule']).toEqual([
        { id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 90 }] },
      ]);
    });

    test('the bucket lets the region\'s ELB account write under AWSLogs/<account>, and refuses plain HTTP', () => {
      const policy = JSON.parse(resource(logs('eu-west-1'), 'aws_s3_bucket_policy', 'alb_logs_policy')['policy'] as string);
      expect(policy.Statement).toEqual([
        {
          Sid: 'LoadBalancerWritesLogs',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::156460612806:root' },
          Action: 's3:PutObject',
          Resource: '${aws_s3_bucket.alb_logs.arn}/alb/AWSLogs/123456789012/*',
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['${aws_s3_bucket.alb_logs.arn}', '${aws_s3_bucket.alb_logs.arn}/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);
    });

    test('regions opened after August 2022 use the log delivery service principal', () => {
      const policy = JSON.parse(resource(logs('eu-central-2'), 'aws_s3_bucket_policy', 'alb_logs_policy')['policy'] as string);
      expect(policy.Statement[0].Principal).toEqual({ Service: ELB_LOG_DELIVERY_SERVICE });
      // Every region of the table is either listed with its account or one of the newer ones.
      const newer = REGIONS.map((region) => region.code).filter((code) => !ELB_LOG_ACCOUNTS[code]);
      expect(newer.sort()).toEqual(
        ['ap-south-2', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-west-1', 'eu-central-2', 'eu-south-2', 'il-central-1', 'me-central-1', 'mx-central-1'].sort(),
      );
    });
  });
});
