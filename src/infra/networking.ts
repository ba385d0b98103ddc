/**
 * The network of one environment, shaped like terraform-aws-modules/vpc: a VPC
 * with DNS, a public and a private subnet per zone, an internet gateway, NAT
 * gateway(s) and their route tables. The default security group is adopted
 * with no rules, so nothing can accidentally use an open group.
 *
 * The VPC also has an Amazon-provided IPv6 block and each public subnet a /64
 * of it, routed to the internet gateway: a load balancer with a domain is
 * dual-stack, so the name's AAAA record reaches it. Free, and changed in
 * place on an existing network. Private subnets stay IPv4: the tasks and the
 * database reach out through the NAT gateways as before.
 */
import { Construct, Fn } from './cdktf.js';
import { Vpc } from './aws.js';
import { Subnet } from './aws.js';
import { InternetGateway } from './aws.js';
import { Eip } from './aws.js';
import { NatGateway } from './aws.js';
import { RouteTable } from './aws.js';
import { Route } from './aws.js';
import { RouteTableAssociation } from './aws.js';
import { DefaultSecurityGroup } from './aws.js';
import { stableId, zoneKey, type Naming } from './naming.js';

const ANYWHERE = '0.0.0.0/0';
const ANYWHERE_IPV6 = '::/0';

/**
 * Which /64 of the VPC's /56 a public subnet takes: from its zone's letter
 * (a → 0, b → 1…), so adding or removing a zone renumbers no other subnet.
 */
export function ipv6SubnetNumber(key: string, index: number): number {
  return /^[a-z]$/.test(key) ? key.charCodeAt(0) - 'a'.charCodeAt(0) : 100 + index;
}

export interface NetworkingProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** Region of the zones; used to key per-zone resources by zone letter. */
  readonly region: string;
  /** The VPC's IPv4 range, e.g. 10.0.0.0/16. */
  readonly cidrBlock: string;
  /** Availability zones, one public and one private subnet in each. */
  readonly availabilityZones: readonly string[];
  /** Public subnet CIDRs, one per zone in zone order. */
  readonly publicSubnets: readonly string[];
  /** Private subnet CIDRs, one per zone in zone order. */
  readonly privateSubnets: readonly string[];
  /** One NAT gateway shared by all zones (cheaper) instead of one per zone (survives a zone outage). */
  readonly singleNatGateway: boolean;
}

export class Networking extends Construct {
  /** ID of the VPC. */
  readonly vpcId: string;
  /** Public subnet IDs, in zone order: load balancer and NAT gateways live here. */
  readonly publicSubnetIds: string[];
  /** Private subnet IDs, in zone order: tasks and the database live here. */
  readonly privateSubnetIds: string[];
  /** NAT gateway IDs (one, or one per zone). */
  readonly natGatewayIds: string[];

  constructor(scope: Construct, id: string, props: NetworkingProps) {
    super(scope, id);
    const { naming, availabilityZones: zones } = props;
    if (props.publicSubnets.length !== zones.length || props.privateSubnets.length !== zones.length) {
      throw new Error('give one public and one private subnet CIDR per availability zone');
    }
    const keys = zones.map((zone) => zoneKey(zone, props.region));

    const vpc = stableId(
      new Vpc(this, 'vpc', {
        cidrBlock: props.cidrBlock,
        assignGeneratedIpv6CidrBlock: true,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: naming.prefix },
      }),
      'vpc',
    );
    this.vpcId = vpc.id;

    stableId(
      new DefaultSecurityGroup(this, 'default-security-group', {
        vpcId: vpc.id,
        // Adopting the default group with no rule blocks removes AWS's
        // allow-all rules: a resource launched without a group gets no access.
        tags: { Name: naming.name('default-closed') },
      }),
      'default_security_group',
    );

    const internetGateway = stableId(
      new InternetGateway(this, 'internet-gateway', { vpcId: vpc.id, tags: { Name: naming.prefix } }),
      'internet_gateway',
    );

    const publicSubnets = zones.map((zone, index) =>
      stableId(
        new Subnet(this, `public-subnet-${keys[index]}`, {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: props.publicSubnets[index]!,
          ipv6CidrBlock: Fn.cidrsubnet(vpc.ipv6CidrBlock, 8, ipv6SubnetNumber(keys[index]!, index)),
          // Only the load balancer and NAT gateways live here and they get
          // their own addresses; nothing else should get a public IP by accident.
          mapPublicIpOnLaunch: false,
          tags: { Name: naming.name(`public-${keys[index]}`), Tier: 'public' },
        }),
        `public_subnet_${keys[index]}`,
      ),
    );
    const privateSubnets = zones.map((zone, index) =>
      stableId(
        new Subnet(this, `private-subnet-${keys[index]}`, {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: props.privateSubnets[index]!,
          tags: { Name: naming.name(`private-${keys[index]}`), Tier: 'private' },
        }),
        `private_subnet_${keys[index]}`,
      ),
    );
    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);

    const publicRouteTable = stableId(
      new RouteTable(this, 'public-route-table', { vpcId: vpc.id, tags: { Name: naming.name('public') } }),
      'public_route_table',
    );
    stableId(
      new Route(this, 'public-internet-route', {
        routeTableId: publicRouteTable.id,
        destinationCidrBlock: ANYWHERE,
        gatewayId: internetGateway.id,
      }),
      'public_internet_route',
    );
    stableId(
      new Route(this, 'public-internet-route-ipv6', {
        routeTableId: publicRouteTable.id,
        destinationIpv6CidrBlock: ANYWHERE_IPV6,
        gatewayId: internetGateway.id,
      }),
      'public_internet_route_ipv6',
    );
    publicSubnets.forEach((subnet, index) =>
      stableId(
        new RouteTableAssociation(this, `public-route-table-association-${keys[index]}`, {
          subnetId: subnet.id,
          routeTableId: publicRouteTable.id,
        }),
        `public_route_table_association_${keys[index]}`,
      ),
    );

    // A single NAT gateway lives in the first zone and keeps that zone's key,
    // so switching to one per zone only adds gateways, never renames this one.
    const natZones = props.singleNatGateway ? [0] : zones.map((_, index) => index);
    const natGateways = natZones.map((index) => {
      const key = keys[index]!;
      const eip = stableId(
        new Eip(this, `nat-eip-${key}`, { domain: 'vpc', tags: { Name: naming.name(`nat-${key}`) } }),
        `nat_eip_${key}`,
      );
      return stableId(
        new NatGateway(this, `nat-gateway-${key}`, {
          allocationId: eip.id,
          subnetId: publicSubnets[index]!.id,
          tags: { Name: naming.name(`nat-${key}`) },
          // The gateway needs the internet gateway attached before it works.
          dependsOn: [internetGateway],
        }),
        `nat_gateway_${key}`,
      );
    });
    this.natGatewayIds = natGateways.map((gateway) => gateway.id);

    // One private route table per zone whatever the NAT layout: changing the
    // layout then only changes a route target, never the tables themselves.
    privateSubnets.forEach((subnet, index) => {
      const key = keys[index]!;
      const table = stableId(
        new RouteTable(this, `private-route-table-${key}`, { vpcId: vpc.id, tags: { Name: naming.name(`private-${key}`) } }),
        `private_route_table_${key}`,
      );
      const nat = props.singleNatGateway ? natGateways[0]! : natGateways[index]!;
      stableId(
        new Route(this, `private-nat-route-${key}`, {
          routeTableId: table.id,
          destinationCidrBlock: ANYWHERE,
          natGatewayId: nat.id,
        }),
        `private_nat_route_${key}`,
      );
      stableId(
        new RouteTableAssociation(this, `private-route-table-association-${key}`, {
          subnetId: subnet.id,
          routeTableId: table.id,
        }),
        `private_route_table_association_${key}`,
      );
    });
  }
}
