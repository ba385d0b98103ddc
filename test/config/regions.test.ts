import { describe, expect, it } from 'vitest';
import { REGIONS, REGION_TABLE_DATE, findRegion, regionLabel, searchRegions } from '../../src/config/regions.js';
import { MAX_ZONES } from '../../src/config/cidr.js';

describe('the shipped region and zone table', () => {
  it('is date-stamped', () => {
    expect(REGION_TABLE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(REGION_TABLE_DATE))).toBe(false);
  });

  it('has unique, well-formed region codes and names', () => {
    const codes = REGIONS.map((region) => region.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const region of REGIONS) {
      expect(region.code).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      expect(region.name).toMatch(/\(.+\)$/);
    }
  });

  it('every region has at least 2 zones (what the schema needs), each named after its region', () => {
    for (const region of REGIONS) {
      expect(region.zones.length, region.code).toBeGreaterThanOrEqual(2);
      expect(region.zones.length, region.code).toBeLessThanOrEqual(MAX_ZONES);
      expect(new Set(region.zones).size).toBe(region.zones.length);
      for (const zone of region.zones) expect(zone).toMatch(new RegExp(`^${region.code}[a-f]$`));
      expect([...region.zones].sort()).toEqual(region.zones); // in letter order
    }
  });

  it('knows the regions whose zone letters are not contiguous', () => {
    expect(findRegion('ap-northeast-1')?.zones).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
    expect(findRegion('ca-central-1')?.zones).toEqual(['ca-central-1a', 'ca-central-1b', 'ca-central-1d']);
  });

  it('covers the common regions with their documented zones', () => {
    expect(findRegion('us-east-1')?.zones).toHaveLength(6);
    expect(findRegion('us-west-2')?.zones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']);
    expect(findRegion('eu-west-1')?.zones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    for (const code of ['us-east-2', 'eu-central-1', 'eu-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'sa-east-1']) {
      expect(findRegion(code), code).toBeDefined();
    }
  });

  it('findRegion is exact', () => {
    expect(findRegion('eu-west-1')?.name).toBe('Europe (Ireland)');
    expect(findRegion('EU-WEST-1')).toBeUndefined();
    expect(findRegion('eu-west-9')).toBeUndefined();
    expect(findRegion('')).toBeUndefined();
  });

  it('labels and searches by name or code, every word must match', () => {
    const ireland = findRegion('eu-west-1')!;
    expect(regionLabel(ireland)).toBe('Europe (Ireland) eu-west-1');
    expect(searchRegions('tokyo').map((region) => region.code)).toEqual(['ap-northeast-1']);
    expect(searchRegions('EUROPE ireland').map((region) => region.code)).toEqual(['eu-west-1']);
    expect(searchRegions('us-east').map((region) => region.code)).toEqual(['us-east-1', 'us-east-2']);
    expect(searchRegions('  ')).toHaveLength(REGIONS.length);
    expect(searchRegions('atlantis')).toEqual([]);
  });
});
