import { describe, expect, test } from 'vitest';
import { Networking } from '../../src/infra/index.js';
import { addresses, naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const zones = ['eu-west-1a', 'eu-west-1b'];
const props = {
  naming,
  region: 'eu-west-1',
  cidrBlock: '10.0.0.0/16',
  availabilityZones: zones,
  publicSubnets: ['10.0.0.0/20', '10.0.16.0/20'],
  privateSubnets: ['10.0.128.0/20', '10.0.144.0/20'],
  singleNatGateway: true,
};

describe('Networking', () => {
  test('a VPC with DNS and a public and a private subnet per zone, keyed by zone letter', () => {
    const json = synthConstruct((scope) => new Networking(scope, 'networking', props));
    expect(resource(json, 'aws_vpc', 'vpc')).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    expect(resource(json, 'aws_subnet', 'public_subnet_a')).toMatchObject({
      availability_zone: 'eu-west-1a',
      cidr_block: '10.0.0.0/20',
      map_public_ip_on_launch: false,
      vpc_id: '${aws_vpc.vpc.id}',
    });
    expect(resource(json, 'aws_subnet', 'public_subnet_b')).toMatchObject({ availability_zone: 'eu-west-1b', cidr_block: '10.0.16.0/20' });
    expect(resource(json, 'aws_subnet', 'private_subnet_a')).toMatchObject({ availability_zone: 'eu-west-1a', cidr_block: '10.0.128.0/20' });
    expect(resource(json, 'aws_subnet', 'private_subnet_b')).toMatchObject({ availability_zone: 'eu-west-1b', cidr_block: '10.0.144.0/20' });
  });

  test('the public route table sends the internet through the internet gateway', () => {
    const json = synthConstruct((scope) => new Networking(scope, 'networking', props));
    expect(resource(json, 'aws_internet_gateway', 'internet_gateway')).toMatchObject({ vpc_id: '${aws_vpc.vpc.id}' });
    expect(resource(json, 'aws_route', 'public_internet_route')).toMatchObject({
      route_table_id: '${aws_route_table.public_route_table.id}',
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: '${aws_internet_gateway.internet_gateway.id}',
    });
    for (const zone of ['a', 'b']) {
      expect(resource(json, 'aws_route_table_association', `public_route_table_association_${zone}`)).toMatchObject({
        subnet_id: `\${aws_subnet.public_subnet_${zone}.id}`,
        route_table_id: '${aws_route_table.public_route_table.id}',
      });
    }
  });

  test('singleNatGateway: one NAT with an EIP in the first zone, every private zone routes through it', () => {
    const json = synthConstruct((scope) => new Networking(scope, 'networking', props));
    expect(Object.keys(json.resource['aws_nat_gateway']!)).toEqual(['nat_gateway_a']);
    expect(Object.keys(json.resource['aws_eip']!)).toEqual(['nat_eip_a']);
    expect(resource(json, 'aws_eip', 'nat_eip_a')).toMatchObject({ domain: 'vpc' });
    expect(resource(json, 'aws_nat_gateway', 'nat_gateway_a')).toMatchObject({
      allocation_id: '${aws_eip.nat_eip_a.id}',
      subnet_id: '${aws_subnet.public_subnet_a.id}',
      depends_on: ['aws_internet_gateway.internet_gateway'],
    });
    for (const zone of ['a', 'b']) {
      expect(resource(json, 'aws_route', `private_nat_route_${zone}`)).toMatchObject({
        route_table_id: `\${aws_route_table.private_route_table_${zone}.id}`,
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: '${aws_nat_gateway.nat_gateway_a.id}',
      });
      expect(resource(json, 'aws_route_table_association', `private_route_table_association_${zone}`)).toMatchObject({
        subnet_id: `\${aws_subnet.private_subnet_${zone}.id}`,
      });
    }
  });

  test('one NAT per zone: each private zone routes through its own', () => {
    const json = synthConstruct((scope) => new Networking(scope, 'networking', { ...props, singleNatGateway: false }));
    expect(Object.keys(json.resource['aws_nat_gateway']!).sort()).toEqual(['nat_gateway_a', 'nat_gateway_b']);
    expect(resource(json, 'aws_nat_gateway', 'nat_gateway_b')).toMatchObject({
      allocation_id: '${aws_eip.nat_eip_b.id}',
      subnet_id: '${aws_subnet.public_subnet_b.id}',
    });
    expect(resource(json, 'aws_route', 'private_nat_route_b')).toMatchObject({ nat_gateway_id: '${aws_nat_gateway.nat_gateway_b.id}' });
  });

  test('adopts the default security group with no rules', () => {
    const json = synthConstruct((scope) => new Networking(scope, 'networking', props));
    const group = resource(json, 'aws_default_security_group', 'default_security_group');
    expect(group['vpc_id']).toBe('${aws_vpc.vpc.id}');
    expect(group['ingress']).toBeUndefined();
    expect(group['egress']).toBeUndefined();
  });

  test('adding a zone adds resources and renames none', () => {
    const two = addresses(synthConstruct((scope) => new Networking(scope, 'networking', props)));
    const three = addresses(
      synthConstruct(
        (scope) =>
          new Networking(scope, 'networking', {
            ...props,
            availabilityZones: [...zones, 'eu-west-1c'],
            publicSubnets: [...props.publicSubnets, '10.0.32.0/20'],
            privateSubnets: [...props.privateSubnets, '10.0.160.0/20'],
          }),
      ),
    );
    expect(three).toEqual(expect.arrayContaining(two));
    expect(three.filter((address) => !two.includes(address)).sort()).toEqual([
      'aws_route.private_nat_route_c',
      'aws_route_table.private_route_table_c',
      'aws_route_table_association.private_route_table_association_c',
      'aws_route_table_association.public_route_table_association_c',
      'aws_subnet.private_subnet_c',
      'aws_subnet.public_subnet_c',
    ]);
  });

  test('refuses subnet lists that do not match the zones', () => {
    expect(() => synthConstruct((scope) => new Networking(scope, 'networking', { ...props, publicSubnets: ['10.0.0.0/20'] }))).toThrow(
      /one public and one private subnet CIDR per availability zone/,
    );
  });
});
