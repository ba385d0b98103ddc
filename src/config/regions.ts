/**
 * AWS regions and their availability zones, shipped with the package so the
 * wizard works offline and validates zones without calling AWS.
 *
 * Zone names are the ones AWS documents for each region. Zone *names* are
 * mapped to physical zones per account, and a few regions show accounts
 * different names: us-west-1 shows each account two of a/b/c, which two
 * depending on the account (newer accounts: b and c); ap-northeast-1b and
 * ca-central-1c exist only for older accounts and are not offered. `zones`
 * lists the zones offered (validation accepts them); `defaultZones` those newer
 * accounts see, which the presets pick; `zoneNote` says where accounts
 * differ, because there no default can be right for every account.
 */
export const REGION_TABLE_DATE = '2026-11-01';

export interface Region {
  /** The region code, as the AWS CLI and provider spell it. */
  readonly code: string;
  /** The console's name for it. */
  readonly name: string;
  /** Every zone an account of this region may have, in order. */
  readonly zones: readonly string[];
  /** Zones newer accounts see (every account, where there is no zoneNote): what the presets choose. */
  readonly defaultZones: readonly string[];
  /** Why the defaults leave some zones out, for the Zones screen and errors. */
  readonly zoneNote?: string;
}

const r = (code: string, name: string, letters: string, defaults?: { letters: string; note: string }): Region => ({
  code,
  name,
  zones: [...letters].map((letter) => `${code}${letter}`),
  defaultZones: [...(defaults?.letters ?? letters)].map((letter) => `${code}${letter}`),
  ...(defaults ? { zoneNote: defaults.note } : {}),
});

export const REGIONS: readonly Region[] = [
  r('us-east-1', 'US East (N. Virginia)', 'abcdef'),
  r('us-east-2', 'US East (Ohio)', 'abc'),
  r('us-west-1', 'US West (N. California)', 'abc', {
    letters: 'bc',
    note: 'accounts see two of us-west-1a/b/c, and which two depends on the account (newer ones: b and c, the defaults; older ones may have a instead)',
  }),
  r('us-west-2', 'US West (Oregon)', 'abcd'),
  r('ca-central-1', 'Canada (Central)', 'abd', { letters: 'abd', note: 'older accounts also see ca-central-1c, which is not offered here' }),
  r('ca-west-1', 'Canada West (Calgary)', 'abc'),
  r('mx-central-1', 'Mexico (Central)', 'abc'),
  r('sa-east-1', 'South America (São Paulo)', 'abc'),
  r('eu-west-1', 'Europe (Ireland)', 'abc'),
  r('eu-west-2', 'Europe (London)', 'abc'),
  r('eu-west-3', 'Europe (Paris)', 'abc'),
  r('eu-central-1', 'Europe (Frankfurt)', 'abc'),
  r('eu-central-2', 'Europe (Zurich)', 'abc'),
  r('eu-north-1', 'Europe (Stockholm)', 'abc'),
  r('eu-south-1', 'Europe (Milan)', 'abc'),
  r('eu-south-2', 'Europe (Spain)', 'abc'),
  r('il-central-1', 'Israel (Tel Aviv)', 'abc'),
  r('me-south-1', 'Middle East (Bahrain)', 'abc'),
  r('me-central-1', 'Middle East (UAE)', 'abc'),
  r('af-south-1', 'Africa (Cape Town)', 'abc'),
  r('ap-east-1', 'Asia Pacific (Hong Kong)', 'abc'),
  r('ap-south-1', 'Asia Pacific (Mumbai)', 'abc'),
  r('ap-south-2', 'Asia Pacific (Hyderabad)', 'abc'),
  r('ap-northeast-1', 'Asia Pacific (Tokyo)', 'acd', { letters: 'acd', note: 'older accounts also see ap-northeast-1b, which is not offered here' }),
  r('ap-northeast-2', 'Asia Pacific (Seoul)', 'abcd'),
  r('ap-northeast-3', 'Asia Pacific (Osaka)', 'abc'),
  r('ap-southeast-1', 'Asia Pacific (Singapore)', 'abc'),
  r('ap-southeast-2', 'Asia Pacific (Sydney)', 'abc'),
  r('ap-southeast-3', 'Asia Pacific (Jakarta)', 'abc'),
  r('ap-southeast-4', 'Asia Pacific (Melbourne)', 'abc'),
  r('ap-southeast-5', 'Asia Pacific (Malaysia)', 'abc'),
  r('ap-southeast-7', 'Asia Pacific (Thailand)', 'abc'),
];

const byCode = new Map(REGIONS.map((region) => [region.code, region]));

export function findRegion(code: string): Region | undefined {
  return byCode.get(code);
}

/** "Europe (Ireland) eu-west-1": what a person searching a list reads. */
export function regionLabel(region: Region): string {
  return `${region.name} ${region.code}`;
}

/** Case-insensitive match on name or code, every word of the query must appear. */
export function searchRegions(query: string): Region[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return REGIONS.filter((region) => {
    const label = regionLabel(region).toLowerCase();
    return words.every((word) => label.includes(word));
  });
}
