/**
 * scripts/build-prices.mjs on small hand-made excerpts in the real formats of
 * AWS's price list files: a JSON offer (products + terms.OnDemand) and a CSV
 * one (five metadata rows, then the header). Prices it finds replace the
 * table's, dated with the offer's publication date; a covered region without
 * the product becomes null; regions the files do not cover keep theirs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-prices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const onDemand = (sku: string, usd: string, unit = 'Hrs', beginRange = '0') => ({
  [sku]: {
    [`${sku}.JRTCKXETXF`]: {
      offerTermCode: 'JRTCKXETXF',
      sku,
      effectiveDate: '2026-10-01T00:00:00Z',
      priceDimensions: {
        [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`, description: 'test', beginRange, endRange: 'Inf', unit, pricePerUnit: { USD: usd }, appliesTo: [] },
      },
      termAttributes: {},
    },
  },
});

const ec2Offer = {
  formatVersion: 'v1.0',
  disclaimer: 'excerpt made by hand for a test',
  offerCode: 'AmazonEC2',
  version: '20261101000000',
  publicationDate: '2026-11-01T00:00:00Z',
  products: {
    NATUSE1: { sku: 'NATUSE1', productFamily: 'NAT Gateway', attributes: { servicecode: 'AmazonEC2', location: 'US East (N. Virginia)', locationType: 'AWS Region', group: 'NGW:NatGateway', usagetype: 'NatGateway-Hours', operation: 'NatGateway', regionCode: 'us-east-1' } },
    NATBYTESUSE1: { sku: 'NATBYTESUSE1', productFamily: 'NAT Gateway', attributes: { servicecode: 'AmazonEC2', location: 'US East (N. Virginia)', usagetype: 'NatGateway-Bytes', regionCode: 'us-east-1' } },
    NATEUW1: { sku: 'NATEUW1', productFamily: 'NAT Gateway', attributes: { servicecode: 'AmazonEC2', location: 'EU (Ireland)', usagetype: 'EUW1-NatGateway-Hours', regionCode: 'eu-west-1' } },
    // Noise: another family with a look-alike usage type must not match.
    OTHER: { sku: 'OTHER', productFamily: 'Compute Instance', attributes: { usagetype: 'NatGateway-Hours-ish', regionCode: 'us-east-1' } },
    // eu-central-1 is covered (a product there) but has no NAT product: null.
    EC2EUC1: { sku: 'EC2EUC1', productFamily: 'Compute Instance', attributes: { usagetype: 'EUC1-BoxUsage:t3.micro', regionCode: 'eu-central-1' } },
  },
  terms: { OnDemand: { ...onDemand('NATUSE1', '0.0470000000'), ...onDemand('NATBYTESUSE1', '0.0460000000', 'GB'), ...onDemand('NATEUW1', '0.0490000000'), ...onDemand('OTHER', '9.0'), ...onDemand('EC2EUC1', '0.0120000000') } },
};

const ecsCsv = [
  '"FormatVersion","v1.0"',
  '"Disclaimer","excerpt made by hand for a test"',
  '"Publication Date","2026-10-15T00:00:00Z"',
  '"Version","20261015000000"',
  '"OfferCode","AmazonECS"',
  '"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","Product Family","serviceCode","Location","Location Type","usageType","operation","Region Code"',
  '"F1","JRTCKXETXF","F1.JRTCKXETXF.6YS6EN2CT7","OnDemand","$0.04100 per hour per vCPU, ""Linux/x86""","2026-10-01","0","Inf","hours","0.0410000000","USD","Compute","AmazonECS","US East (N. Virginia)","AWS Region","USE1-Fargate-vCPU-Hours:perCPU","","us-east-1"',
  '"F2","JRTCKXETXF","F2.JRTCKXETXF.6YS6EN2CT7","OnDemand","$0.00450 per GB-hour","2026-10-01","0","Inf","hours","0.0045000000","USD","Compute","AmazonECS","US East (N. Virginia)","AWS Region","USE1-Fargate-GB-Hours","","us-east-1"',
  '"F3","4NA7Y494T4","F3.4NA7Y494T4.6YS6EN2CT7","Reserved","reserved: ignored","2026-10-01","0","Inf","hours","0.0100000000","USD","Compute","AmazonECS","US East (N. Virginia)","AWS Region","USE1-Fargate-vCPU-Hours:perCPU","","us-east-1"',
  '',
].join('\n');

describe('build-prices', () => {
  it('rebuilds the prices of the offers at hand and keeps the rest', () => {
    const offers = join(dir, 'offers');
    execFileSync('mkdir', ['-p', offers]);
    writeFileSync(join(offers, 'AmazonEC2.json'), JSON.stringify(ec2Offer));
    writeFileSync(join(offers, 'AmazonECS.csv'), ecsCsv);
    const before = JSON.parse(readFileSync(join(root, 'src/cost/prices.json'), 'utf8'));
    const out = join(dir, 'prices.json');
    const log = execFileSync(process.execPath, ['scripts/build-prices.mjs', '--offers', offers, '--out', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(log).toBe('');
    const after = JSON.parse(readFileSync(out, 'utf8'));

    expect(after.prices['natGateway.hour'].regions['us-east-1']).toBe(0.047);
    expect(after.prices['natGateway.hour'].regions['eu-west-1']).toBe(0.049);
    expect(after.prices['natGateway.hour'].regions['eu-central-1']).toBeNull();
    // ap-northeast-1 is in no file: kept as it was.
    expect(after.prices['natGateway.hour'].regions['ap-northeast-1']).toBe(before.prices['natGateway.hour'].regions['ap-northeast-1']);
    expect(after.prices['natGateway.hour'].date).toBe('2026-11-01');
    expect(after.prices['natGateway.gb'].regions['us-east-1']).toBe(0.046);

    expect(after.prices['fargate.x86_64.vcpuHour'].regions['us-east-1']).toBe(0.041);
    expect(after.prices['fargate.x86_64.gbHour'].regions['us-east-1']).toBe(0.0045);
    expect(after.prices['fargate.x86_64.vcpuHour'].date).toBe('2026-10-15');
    // The ARM price has no row in the excerpt for its covered region: null.
    expect(after.prices['fargate.arm64.vcpuHour'].regions['us-east-1']).toBeNull();

    // Offers not at hand are untouched, prices and dates.
    expect(after.prices['alb.hour']).toEqual(before.prices['alb.hour']);
    expect(after.date).toBe('2026-11-01');
    expect(Object.keys(after.prices)).toEqual(Object.keys(before.prices));
  });

  it('a price found in another source gives way to the offer file where the files cover its region, and stays, with its source, where they do not', () => {
    const offers = join(dir, 'offers-found');
    execFileSync('mkdir', ['-p', offers]);
    const cloudWatch = {
      formatVersion: 'v1.0',
      disclaimer: 'excerpt made by hand for a test',
      offerCode: 'AmazonCloudWatch',
      version: '20261120000000',
      publicationDate: '2026-11-20T00:00:00Z',
      products: {
        VENDEDAPN1: { sku: 'VENDEDAPN1', productFamily: 'Data Payload', attributes: { usagetype: 'APN1-S3-Egress-Bytes', regionCode: 'ap-northeast-1' } },
      },
      terms: { OnDemand: { ...onDemand('VENDEDAPN1', '0.3900000000', 'GB') } },
    };
    // An RDS excerpt that covers us-east-1 only: eu-west-1's found storage price is not touched.
    const rds = {
      formatVersion: 'v1.0',
      disclaimer: 'excerpt made by hand for a test',
      offerCode: 'AmazonRDS',
      version: '20261120000000',
      publicationDate: '2026-11-20T00:00:00Z',
      products: {
        GP3USE1: { sku: 'GP3USE1', productFamily: 'Database Storage', attributes: { volumeType: 'General Purpose-GP3', deploymentOption: 'Single-AZ', usagetype: 'RDS:GP3-Storage', regionCode: 'us-east-1' } },
      },
      terms: { OnDemand: { ...onDemand('GP3USE1', '0.1150000000', 'GB-Mo') } },
    };
    writeFileSync(join(offers, 'AmazonCloudWatch.json'), JSON.stringify(cloudWatch));
    writeFileSync(join(offers, 'AmazonRDS.json'), JSON.stringify(rds));
    const before = JSON.parse(readFileSync(join(root, 'src/cost/prices.json'), 'utf8'));
    expect(before.prices['logs.vendedS3.gb'].found['ap-northeast-1'].page).toMatch(/^https:\/\//);
    const out = join(dir, 'prices-found.json');
    execFileSync(process.execPath, ['scripts/build-prices.mjs', '--offers', offers, '--out', out], { cwd: root, stdio: 'pipe' });
    const after = JSON.parse(readFileSync(out, 'utf8'));
    expect(after.prices['logs.vendedS3.gb'].regions['ap-northeast-1']).toBe(0.39);
    expect(after.prices['logs.vendedS3.gb'].found).toBeUndefined();
    expect(after.prices['rds.storage.gp3/single-az'].regions['us-east-1']).toBe(0.115);
    expect(after.prices['rds.storage.gp3/single-az'].regions['eu-west-1']).toBe(before.prices['rds.storage.gp3/single-az'].regions['eu-west-1']);
    expect(after.prices['rds.storage.gp3/single-az'].found['eu-west-1']).toEqual(before.prices['rds.storage.gp3/single-az'].found['eu-west-1']);
  });

  it('says what it needs without --offers', () => {
    expect(() => execFileSync(process.execPath, ['scripts/build-prices.mjs'], { cwd: root, stdio: 'pipe' })).toThrow(/--offers DIR is required/);
  });
});
