import { describe, expect, it } from 'vitest';
import {
  MAX_ZONES,
  SUBNET_NEW_BITS,
  VPC_PREFIX_MAX,
  VPC_PREFIX_MIN,
  cidrContains,
  cidrSize,
  cidrSubnet,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  subnetLayout,
  type Cidr,
} from '../../src/config/cidr.js';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.reason}`);
  return parsed.cidr;
}

describe('parseCidr and formatCidr', () => {
  it.each(['10.0.0.0/16', '172.16.0.0/12', '192.168.1.0/24', '0.0.0.0/0', '255.255.255.255/32', '10.0.128.0/20', '100.64.0.0/10'])(
    'round-trips %s',
    (text) => {
      expect(formatCidr(cidr(text))).toBe(text);
    },
  );

  it('reads the base as an unsigned 32-bit number, exact above 2^31', () => {
    expect(cidr('10.0.0.0/16')).toEqual({ base: 10 * 2 ** 24, prefix: 16 });
    expect(cidr('255.255.255.255/32').base).toBe(2 ** 32 - 1);
    expect(cidr('192.168.0.0/16').base).toBe(0xc0a80000);
  });

  it('round-trips every prefix length of a high address', () => {
    for (let prefix = 0; prefix <= 32; prefix++) {
      const size = 2 ** (32 - prefix);
      const base = Math.floor(0xfedcba98 / size) * size;
      expect(cidr(formatCidr({ base, prefix }))).toEqual({ base, prefix });
    }
  });

  it('trims surrounding spaces', () => {
    expect(cidr(' 10.0.0.0/16 ')).toEqual(cidr('10.0.0.0/16'));
  });

  it('rejects an address that is not the network address, naming the network', () => {
    expect(parseCidr('10.0.0.1/16')).toEqual({ ok: false, reason: 'is not a network address (the network is 10.0.0.0/16)' });
    expect(parseCidr('10.0.130.0/20')).toEqual({ ok: false, reason: 'is not a network address (the network is 10.0.128.0/20)' });
    expect(parseCidr('192.168.1.1/24').ok).toBe(false);
  });

  it.each([
    ['10.0.0.0', 'is not in the form a.b.c.d/n'],
    ['10.0.0/16', 'is not in the form a.b.c.d/n'],
    ['10.0.0.0/', 'is not in the form a.b.c.d/n'],
    ['10.0.0.0/16/1', 'is not in the form a.b.c.d/n'],
    ['a.b.c.d/16', 'is not in the form a.b.c.d/n'],
    ['-1.0.0.0/16', 'is not in the form a.b.c.d/n'],
    ['10.0.0.0/123', 'is not in the form a.b.c.d/n'],
    ['', 'is not in the form a.b.c.d/n'],
    ['256.0.0.0/16', 'has an octet above 255'],
    ['10.0.0.300/32', 'has an octet above 255'],
    ['10.0.0.0/33', 'has a prefix length above 32'],
  ])('rejects %j: %s', (text, reason) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason });
  });
});

describe('cidrSize, cidrsOverlap and cidrContains', () => {
  it('sizes', () => {
    expect(cidrSize(cidr('10.0.0.0/16'))).toBe(65536);
    expect(cidrSize(cidr('10.0.0.0/28'))).toBe(16);
    expect(cidrSize(cidr('0.0.0.0/0'))).toBe(2 ** 32);
  });

  it('overlap is symmetric and includes containment and identity', () => {
    const cases: Array<[string, string, boolean]> = [
      ['10.0.0.0/16', '10.0.0.0/16', true],
      ['10.0.0.0/16', '10.0.128.0/20', true],
      ['10.0.0.0/20', '10.0.8.0/21', true],
      ['10.0.0.0/20', '10.0.16.0/20', false], // adjacent
      ['10.0.0.0/16', '10.1.0.0/16', false],
      ['0.0.0.0/0', '192.168.0.0/24', true],
      ['255.255.255.0/24', '255.255.255.255/32', true],
      ['255.255.255.0/25', '255.255.255.128/25', false],
    ];
    for (const [a, b, overlap] of cases) {
      expect(cidrsOverlap(cidr(a), cidr(b)), `${a} ~ ${b}`).toBe(overlap);
      expect(cidrsOverlap(cidr(b), cidr(a)), `${b} ~ ${a}`).toBe(overlap);
    }
  });

  it('contains: the inner block lies wholly inside the outer', () => {
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.240.0/20'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.255.255/32'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.1.0.0/20'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.0.0/15'))).toBe(false);
    expect(cidrContains(cidr('10.0.128.0/20'), cidr('10.0.0.0/16'))).toBe(false);
  });
});

describe('cidrSubnet, like Terraform cidrsubnet()', () => {
  it.each([
    ['10.0.0.0/16', 4, 8, '10.0.128.0/20'],
    ['10.0.0.0/16', 4, 0, '10.0.0.0/20'],
    ['10.0.0.0/16', 4, 15, '10.0.240.0/20'],
    ['10.0.0.0/16', 8, 2, '10.0.2.0/24'],
    ['172.16.0.0/12', 4, 2, '172.18.0.0/16'],
    ['10.1.2.0/24', 4, 15, '10.1.2.240/28'],
    ['192.168.0.0/16', 0, 0, '192.168.0.0/16'],
    ['10.0.0.0/8', 24, 65536, '10.1.0.0/32'],
    ['0.0.0.0/0', 1, 1, '128.0.0.0/1'],
  ] as const)('cidrsubnet("%s", %i, %i) = "%s"', (parent, newBits, netnum, expected) => {
    expect(formatCidr(cidrSubnet(cidr(parent), newBits, netnum))).toBe(expected);
  });

  it('refuses a prefix past /32 and a netnum that does not fit, as Terraform does', () => {
    expect(() => cidrSubnet(cidr('10.0.0.0/30'), 3, 0)).toThrow(RangeError);
    expect(() => cidrSubnet(cidr('10.0.0.0/16'), 4, 16)).toThrow(/netnum 16 does not fit in 4 bits/);
    expect(() => cidrSubnet(cidr('10.0.0.0/16'), 4, -1)).toThrow(RangeError);
  });

  it('the 2^newBits subnets tile the parent exactly', () => {
    const parent = cidr('10.20.0.0/16');
    const subnets = Array.from({ length: 16 }, (_, netnum) => cidrSubnet(parent, 4, netnum));
    subnets.forEach((subnet, index) => {
      expect(cidrContains(parent, subnet)).toBe(true);
      if (index > 0) expect(subnet.base).toBe(subnets[index - 1]!.base + cidrSize(subnets[index - 1]!));
    });
    expect(subnets.reduce((sum, subnet) => sum + cidrSize(subnet), 0)).toBe(cidrSize(parent));
  });
});

describe('subnetLayout', () => {
  it('cuts the VPC into 16 blocks: public from block 0, private from block 8', () => {
    expect(SUBNET_NEW_BITS).toBe(4);
    expect(subnetLayout('10.0.0.0/16', 3)).toEqual({
      public: ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20'],
      private: ['10.0.128.0/20', '10.0.144.0/20', '10.0.160.0/20'],
    });
    expect(subnetLayout('10.0.0.0/24', 2)).toEqual({
      public: ['10.0.0.0/28', '10.0.0.16/28'],
      private: ['10.0.0.128/28', '10.0.0.144/28'],
    });
  });

  it('is stable when zones are added: the first N subnets never change', () => {
    for (const vpc of ['10.0.0.0/16', '172.31.0.0/16', '192.168.64.0/18', '10.9.8.0/24']) {
      for (let zones = 2; zones < MAX_ZONES; zones++) {
        const before = subnetLayout(vpc, zones);
        const after = subnetLayout(vpc, zones + 1);
        expect(after.public.slice(0, zones)).toEqual(before.public);
        expect(after.private.slice(0, zones)).toEqual(before.private);
      }
    }
  });

  it('public and private never overlap, and all lie in the VPC, for 2..6 zones and /16../24 VPCs', () => {
    expect([VPC_PREFIX_MIN, VPC_PREFIX_MAX, MAX_ZONES]).toEqual([16, 24, 6]);
    const bases = ['10.0.0.0', '172.16.0.0', '192.168.0.0', '100.64.0.0'];
    let checked = 0;
    for (let prefix = VPC_PREFIX_MIN; prefix <= VPC_PREFIX_MAX; prefix++) {
      for (const base of bases) {
        const vpcText = `${base}/${prefix}`;
        const vpc = cidr(vpcText);
        for (let zones = 2; zones <= MAX_ZONES; zones++) {
          const layout = subnetLayout(vpcText, zones);
          expect(layout.public).toHaveLength(zones);
          expect(layout.private).toHaveLength(zones);
          const all = [...layout.public, ...layout.private].map(cidr);
          all.forEach((subnet, i) => {
            expect(subnet.prefix).toBe(prefix + 4);
            expect(subnet.prefix).toBeLessThanOrEqual(28);
            expect(cidrContains(vpc, subnet)).toBe(true);
            all.slice(i + 1).forEach((other) => expect(cidrsOverlap(subnet, other)).toBe(false));
          });
          checked++;
        }
      }
    }
    expect(checked).toBe(9 * 4 * 5);
  });

  it('refuses a bad VPC CIDR and more zones than the layout holds', () => {
    expect(() => subnetLayout('10.0.0.1/16', 2)).toThrow(/VPC CIDR 10.0.0.1\/16 is not a network address/);
    expect(() => subnetLayout('10.0.0.0/16', MAX_ZONES + 1)).toThrow(RangeError);
  });
});
