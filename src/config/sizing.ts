/**
 * Will the subnets hold what the config asks them to? Pure arithmetic over
 * the config, so a VPC that is too small is refused before anything exists,
 * instead of a load balancer or a deployment failing at apply time.
 *
 * What AWS needs, as documented:
 * - An Application Load Balancer's subnets must be at least /27 with at least
 *   8 free addresses (it adds nodes as it scales); a NAT gateway takes one
 *   address of the same public subnet.
 * - Every Fargate task in awsvpc mode takes one address of a private subnet.
 *   A rolling deployment at 200% runs the old and the new tasks side by side,
 *   so at most 2 × maxCount web tasks, plus the pipeline's migrate task.
 *   ECS spreads a service's tasks evenly over the zones, so each private
 *   subnet must hold its share.
 * - The database takes one address (a multi-AZ standby one more, in another
 *   zone's subnet); we count one per private subnet.
 * - AWS keeps 5 addresses of every subnet.
 */
import { cidrSize, formatCidr, parseCidr, subnetLayout, SUBNET_NEW_BITS, VPC_PREFIX_MAX, VPC_PREFIX_MIN } from './cidr.js';

/** Addresses AWS reserves in every subnet (network, router, DNS, future, broadcast). */
export const RESERVED_PER_SUBNET = 5;
/** The largest prefix (smallest subnet) an Application Load Balancer accepts. */
export const LOAD_BALANCER_SUBNET_PREFIX = 27;
/** Free addresses a load balancer subnet must keep. */
export const LOAD_BALANCER_FREE_ADDRESSES = 8;

export interface SizingNeeds {
  /** Zones, one public and one private subnet each. */
  readonly zones: number;
  /** The service's maximum task count. */
  readonly maxTasks: number;
}

export interface PrivateNeed {
  /** Addresses each private subnet must have free. */
  readonly perSubnet: number;
  /** The same, in words, for messages. */
  readonly explanation: string;
}

/** What each private subnet must hold for this many zones and tasks. */
export function privateSubnetNeed(needs: SizingNeeds): PrivateNeed {
  const zones = Math.max(needs.zones, 1);
  const tasks = 2 * needs.maxTasks + 1;
  const perSubnet = Math.ceil(tasks / zones) + 1;
  return {
    perSubnet,
    explanation: `${tasks} tasks during a deploy (2 × ${needs.maxTasks} + the migrate task) over ${zones} zone${zones === 1 ? '' : 's'}, plus the database: ${perSubnet} addresses per private subnet`,
  };
}

/** Usable addresses of a subnet of this prefix. */
export function usableAddresses(prefix: number): number {
  return cidrSize({ base: 0, prefix }) - RESERVED_PER_SUBNET;
}

/** Why a subnet of this prefix cannot be a load balancer subnet, or undefined when it can. */
export function publicSubnetProblem(prefix: number): string | undefined {
  if (prefix > LOAD_BALANCER_SUBNET_PREFIX) {
    return `a /${prefix} subnet is too small for the load balancer, which needs /${LOAD_BALANCER_SUBNET_PREFIX} or larger with ${LOAD_BALANCER_FREE_ADDRESSES} free addresses`;
  }
  return undefined;
}

/** Why a private subnet of this prefix is too small for the needs, or undefined. */
export function privateSubnetProblem(prefix: number, needs: SizingNeeds): string | undefined {
  const need = privateSubnetNeed(needs);
  const usable = usableAddresses(prefix);
  if (usable < need.perSubnet) {
    return `a /${prefix} private subnet has ${usable} usable addresses; it needs ${need.explanation}`;
  }
  return undefined;
}

/** The largest prefix (smallest subnet) that holds a private subnet's share. */
export function smallestPrivatePrefix(needs: SizingNeeds): number {
  const need = privateSubnetNeed(needs).perSubnet;
  for (let prefix = 28; prefix >= 0; prefix--) if (usableAddresses(prefix) >= need) return prefix;
  return 0;
}

export type VpcSizing = { ok: true } | { ok: false; reason: string; smallestPrefix: number | undefined; example: string | undefined };

/**
 * Checks the computed layout of a VPC (16 equal blocks, see cidr.ts) against
 * the needs, and names the smallest VPC that would work.
 */
export function checkVpcSizing(vpcCidr: string, needs: SizingNeeds): VpcSizing {
  const parsed = parseCidr(vpcCidr);
  if (!parsed.ok) return { ok: true }; // the CIDR's own check explains it
  const reasonFor = (vpcPrefix: number): string | undefined => {
    const subnetPrefix = vpcPrefix + SUBNET_NEW_BITS;
    return publicSubnetProblem(subnetPrefix) ?? privateSubnetProblem(subnetPrefix, needs);
  };
  const reason = reasonFor(parsed.cidr.prefix);
  if (reason === undefined) return { ok: true };
  let smallest: number | undefined;
  for (let prefix = VPC_PREFIX_MAX; prefix >= VPC_PREFIX_MIN; prefix--) {
    if (reasonFor(prefix) === undefined) {
      smallest = prefix;
      break;
    }
  }
  // The same base address with the smaller prefix, when it is a network address.
  let example: string | undefined;
  if (smallest !== undefined) {
    const size = 2 ** (32 - smallest);
    const base = parsed.cidr.base - (parsed.cidr.base % size);
    example = formatCidr({ base, prefix: smallest });
    subnetLayout(example, 1); // a valid layout, or this throws in tests
  }
  const subnets = `a /${parsed.cidr.prefix} VPC gives /${parsed.cidr.prefix + SUBNET_NEW_BITS} subnets, and ${reason}`;
  return {
    ok: false,
    reason:
      smallest === undefined
        ? `${subnets}; no VPC from /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX} holds that: lower service.maxCount or add zones`
        : `${subnets}; the smallest VPC that works for this config is a /${smallest}`,
    smallestPrefix: smallest,
    example,
  };
}
