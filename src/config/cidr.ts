/**
 * IPv4 CIDR arithmetic for the VPC layout. Pure and exact (no floating point
 * past 2^32), so the subnets shown live in the wizard are the ones planned.
 */
export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

export function parseCidr(text: string): CidrParse {
  const match = CIDR_PATTERN.exec(text.trim());
  if (!match) return { ok: false, reason: 'is not in the form a.b.c.d/n' };
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255)) return { ok: false, reason: 'has an octet above 255' };
  if (prefix > 32) return { ok: false, reason: 'has a prefix length above 32' };
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    return { ok: false, reason: `is not a network address (the network is ${formatCidr({ base: address - (address % size), prefix })})` };
  }
  return { ok: true, cidr: { base: address, prefix } };
}

export function formatCidr(cidr: Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.base / 2 ** shift) % 256);
  return `${octets.join('.')}/${cidr.prefix}`;
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + cidrSize(inner) <= outer.base + cidrSize(outer);
}

/** Terraform's cidrsubnet(): the netnum-th block of `newBits` more prefix bits. */
export function cidrSubnet(parent: Cidr, newBits: number, netnum: number): Cidr {
  const prefix = parent.prefix + newBits;
  if (prefix > 32) throw new RangeError(`cannot add ${newBits} bits to /${parent.prefix}`);
  if (netnum < 0 || netnum >= 2 ** newBits) throw new RangeError(`netnum ${netnum} does not fit in ${newBits} bits`);
  return { base: parent.base + netnum * 2 ** (32 - prefix), prefix };
}

/**
 * The VPC is cut into 16 equal blocks: blocks 0-7 hold public subnets, blocks
 * 8-15 private ones, one per zone in zone order. A fixed layout means adding a
 * zone later never renumbers (and so never replaces) an existing subnet.
 */
export const SUBNET_NEW_BITS = 4;
export const MAX_ZONES = 6;
/** AWS allows /16 to /28 for a VPC; /24 is the smallest that leaves /28 subnets. */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 24;

export interface SubnetLayout {
  readonly public: readonly string[];
  readonly private: readonly string[];
}

export function subnetLayout(vpcCidr: string, zoneCount: number): SubnetLayout {
  const parsed = parseCidr(vpcCidr);
  if (!parsed.ok) throw new Error(`VPC CIDR ${vpcCidr} ${parsed.reason}`);
  if (zoneCount > MAX_ZONES) throw new RangeError(`at most ${MAX_ZONES} zones fit the layout`);
  const indexes = Array.from({ length: zoneCount }, (_, index) => index);
  return {
    public: indexes.map((index) => formatCidr(cidrSubnet(parsed.cidr, SUBNET_NEW_BITS, index))),
    private: indexes.map((index) => formatCidr(cidrSubnet(parsed.cidr, SUBNET_NEW_BITS, 8 + index))),
  };
}
