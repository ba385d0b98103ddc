/**
 * The price table is data with promises: every region of the region table is
 * answered (a number or an explicit null), every price names its offer file,
 * its matching attributes and its date, and the RDS part covers every class
 * and engine the wizard offers.
 */
import { describe, expect, it } from 'vitest';
import { DATABASE_CLASSES, DATABASE_ENGINES, REGIONS } from '../../src/config/index.js';
import { PRICE_TABLE, priceOf, priceSource } from '../../src/cost/priceTable.js';

const codes = REGIONS.map((region) => region.code).sort();

describe('the price table', () => {
  it('is dated, says how it was made, and names an offer file and a page for every source', () => {
    expect(PRICE_TABLE.currency).toBe('USD');
    expect(PRICE_TABLE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICE_TABLE.method).toMatch(/scripts\/build-prices\.mjs/);
    for (const [code, source] of Object.entries(PRICE_TABLE.sources)) {
      expect(source.offer, code).toBe(`https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${code}/current/index.json`);
      expect(source.page, code).toMatch(/^https:\/\/aws\.amazon\.com\//);
    }
  });

  it('answers every region of the region table for every price, a number or null', () => {
    for (const [id, entry] of Object.entries(PRICE_TABLE.prices)) {
      expect(Object.keys(entry.regions).sort(), id).toEqual(codes);
      for (const value of Object.values(entry.regions)) {
        expect(value === null || (typeof value === 'number' && value >= 0), id).toBe(true);
      }
      expect(PRICE_TABLE.sources[entry.source], `${id} names source ${entry.source}`).toBeDefined();
      expect(entry.date, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.date <= PRICE_TABLE.date, id).toBe(true);
      expect(Object.keys(entry.match).length, `${id} says how to find it in the offer file`).toBeGreaterThan(0);
    }
  });

  it('a price found outside the offer files names the page that states it, its date (or null: undated) and the day it was read', () => {
    const found = Object.entries(PRICE_TABLE.prices).flatMap(([id, entry]) => Object.entries(entry.found ?? {}).map(([region, evidence]) => ({ id, region, evidence, value: entry.regions[region] })));
    expect(found.length).toBeGreaterThan(0);
    for (const { id, region, evidence, value } of found) {
      expect(codes, `${id} ${region}`).toContain(region);
      expect(typeof value === 'number' && value > 0, `${id} ${region} has the price it found`).toBe(true);
      expect(evidence.page, `${id} ${region}`).toMatch(/^https:\/\/[^ ]+$/);
      expect(evidence.published === null || /^\d{4}-\d{2}-\d{2}$/.test(evidence.published), `${id} ${region}`).toBe(true);
      expect(evidence.read, `${id} ${region}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(evidence.states.length, `${id} ${region} says what the source states`).toBeGreaterThan(20);
    }
    expect(priceSource(PRICE_TABLE, 'logs.vendedS3.gb', 'ap-northeast-1')).toEqual({ page: 'https://tech.enechange.co.jp/entry/2023/02/07/170405', date: '2023-02-07' });
    expect(priceSource(PRICE_TABLE, 'natGateway.hour', 'us-east-1')).toEqual({ page: 'https://aws.amazon.com/vpc/pricing/', date: PRICE_TABLE.prices['natGateway.hour']!.date });
  });

  it('has the prices the issue asks for, with x86 and ARM Fargate', () => {
    for (const id of [
      'natGateway.hour', 'natGateway.gb', 'publicIpv4.hour', 'alb.hour', 'alb.lcuHour',
      'fargate.x86_64.vcpuHour', 'fargate.x86_64.gbHour', 'fargate.arm64.vcpuHour', 'fargate.arm64.gbHour',
      'rds.storage.gp3/single-az', 'rds.storage.gp3/multi-az', 'rds.backup.gb', 'ecr.storage.gb',
      'logs.ingest.gb', 'logs.storage.gb', 'secretsManager.secret.month', 'codePipeline.v2.actionMinute',
      'codeBuild.general1.small.minute', 'route53.zone.month', 'route53.queries.million', 'logs.vended.gb',
    ]) {
      expect(PRICE_TABLE.prices[id], id).toBeDefined();
    }
  });

  it('lists every RDS class and engine the wizard offers, single- and multi-AZ, multi-AZ at twice the rate', () => {
    for (const engine of DATABASE_ENGINES) {
      for (const { name } of DATABASE_CLASSES) {
        const single = PRICE_TABLE.prices[`rds.instance/${engine}/${name}/single-az`];
        const multi = PRICE_TABLE.prices[`rds.instance/${engine}/${name}/multi-az`];
        expect(single && multi, `${engine} ${name}`).toBeTruthy();
        for (const region of codes) {
          const s = single!.regions[region] ?? null;
          const m = multi!.regions[region] ?? null;
          expect(m === null ? s : m, `${engine} ${name} ${region}`).toBe(s === null ? null : Math.round(s * 2 * 10000) / 10000);
        }
      }
    }
  });

  it('knows the whole stack in us-east-1, and says null where it does not know (no guess)', () => {
    for (const id of ['natGateway.hour', 'alb.hour', 'fargate.x86_64.vcpuHour', 'rds.instance/postgres/db.t4g.micro/single-az', 'codeBuild.general1.small.minute']) {
      expect(priceOf(PRICE_TABLE, id, 'us-east-1'), id).toBeGreaterThan(0);
    }
    expect(priceOf(PRICE_TABLE, 'natGateway.hour', 'us-east-1')).toBe(0.045);
    expect(priceOf(PRICE_TABLE, 'rds.instance/postgres/db.t4g.micro/single-az', 'af-south-1')).toBeNull();
    expect(() => priceOf(PRICE_TABLE, 'no.such.price', 'us-east-1')).toThrow(/no "no.such.price"/);
  });
});
