import { TerraformOutput } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { AliasRecords, Certificate } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const EXISTING = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';

describe('Certificate', () => {
  const json = synthConstruct((scope) => {
    const { arn } = new Certificate(scope, 'certificate', { naming, domainName: 'shop.example.com', hostedZoneId: ZONE });
    new TerraformOutput(scope, 'arn', { value: arn });
  });

  test('a new ACM certificate for the name, validated by DNS, replaced new-before-old', () => {
    expect(resource(json, 'aws_acm_certificate', 'certificate')).toMatchObject({
      domain_name: 'shop.example.com',
      validation_method: 'DNS',
      key_algorithm: 'RSA_2048',
      lifecycle: { create_before_destroy: true },
    });
  });

  test('the validation record ACM asks for, in the zone, from the certificate itself (no data source)', () => {
    expect(resource(json, 'aws_route53_record', 'certificate_validation_record')).toMatchObject({
      zone_id: ZONE,
      name: '${tolist(aws_acm_certificate.certificate.domain_validation_options).0.resource_record_name}',
      type: '${tolist(aws_acm_certificate.certificate.domain_validation_options).0.resource_record_type}',
      records: ['${tolist(aws_acm_certificate.certificate.domain_validation_options).0.resource_record_value}'],
      ttl: 300,
      allow_overwrite: true,
    });
    expect(json.data).toBeUndefined();
  });

  test('its ARN comes from the validation, so users of it wait until it is issued', () => {
    expect(resource(json, 'aws_acm_certificate_validation', 'certificate_validation')).toMatchObject({
      certificate_arn: '${aws_acm_certificate.certificate.arn}',
      validation_record_fqdns: ['${aws_route53_record.certificate_validation_record.fqdn}'],
    });
    expect(json.output?.['arn']?.value).toBe('${aws_acm_certificate_validation.certificate_validation.certificate_arn}');
  });

  test('an existing certificate is used as it is, nothing created', () => {
    let used = '';
    const existing = synthConstruct((scope) => {
      used = new Certificate(scope, 'certificate', { naming, domainName: 'shop.example.com', hostedZoneId: ZONE, certificateArn: EXISTING }).arn;
    });
    expect(used).toBe(EXISTING);
    expect(existing.resource ?? {}).toEqual({});
  });
});

describe('AliasRecords', () => {
  const json = synthConstruct(
    (scope) =>
      new AliasRecords(scope, 'dns', {
        hostedZoneId: ZONE,
        name: 'shop.example.com',
        targetDnsName: '${aws_lb.alb.dns_name}',
        targetZoneId: '${aws_lb.alb.zone_id}',
        setIdentifier: 'blue',
        weight: 100,
      }),
  );

  test.each(['a', 'aaaa'])('a weighted ALIAS %s record for the name, evaluating target health', (type) => {
    expect(resource(json, 'aws_route53_record', `alias_${type}`)).toEqual({
      zone_id: ZONE,
      name: 'shop.example.com',
      type: type.toUpperCase(),
      set_identifier: 'blue',
      weighted_routing_policy: { weight: 100 },
      alias: { name: '${aws_lb.alb.dns_name}', zone_id: '${aws_lb.alb.zone_id}', evaluate_target_health: true },
    });
  });

  test('refuses a weight Route 53 would refuse', () => {
    expect(() =>
      synthConstruct((scope) => new AliasRecords(scope, 'dns', { hostedZoneId: ZONE, name: 'a.b', targetDnsName: 'x', targetZoneId: 'y', setIdentifier: 'blue', weight: 256 })),
    ).toThrow(/0 to 255/);
  });
});
