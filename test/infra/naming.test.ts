import { describe, expect, test } from 'vitest';
import { Naming, zoneKey } from '../../src/infra/index.js';

describe('Naming', () => {
  test('derives every name from app and environment', () => {
    const naming = new Naming('shop', 'staging');
    expect(naming.prefix).toBe('shop-staging');
    expect(naming.name('db')).toBe('shop-staging-db');
  });

  test('bucket prefixes leave room for the unique tail S3 appends', () => {
    expect(new Naming('shop', 'staging').bucketPrefix('pipeline')).toBe('shop-staging-pipeline-');
    // The longest names the schema allows (16 + 10) still fit the 37-character limit.
    expect(new Naming('a'.repeat(16), 'b'.repeat(10)).bucketPrefix('pipeline')).toHaveLength(37);
    expect(new Naming('a'.repeat(16), 'b'.repeat(10)).bucketPrefix('pipelines')).toHaveLength(37);
  });

  test('a green copy of a long app name gets a bucket prefix that fits, cut with a hash, never a crash', () => {
    // Reported: `cost` of production mid-change, app name from a folder "ecs-wizard-cost".
    const green = new Naming('ecs-wizard-cost', 'production', 'green').bucketPrefix('alb-logs');
    const blue = new Naming('ecs-wizard-cost', 'production', 'blue').bucketPrefix('alb-logs');
    expect(blue).toBe('ecs-wizard-cost-production-alb-logs-');
    expect(green.length).toBeLessThanOrEqual(37);
    expect(green).toMatch(/^ecs-wizard-cost-pr[a-z-]*-[0-9a-f]{4}-alb-logs-$/);
    expect(green).not.toBe(blue);
    // Stable: the same name every synth, so the bucket is never replaced.
    expect(new Naming('ecs-wizard-cost', 'production', 'green').bucketPrefix('alb-logs')).toBe(green);
    // The longest names the schema allows, every bucket of the stack, each copy.
    for (const copy of [undefined, 'blue', 'green'] as const) {
      for (const suffix of ['pipeline', 'alb-logs']) {
        const prefix = new Naming('a'.repeat(16), 'b'.repeat(10), copy).bucketPrefix(suffix);
        expect(prefix.length, `${copy ?? 'no copy'} ${suffix}`).toBeLessThanOrEqual(37);
        expect(prefix).toMatch(/^[a-z0-9][a-z0-9-]*-$/);
      }
    }
  });
});

describe('zoneKey', () => {
  test('keys a zone by its letter, so adding a zone never renames another', () => {
    expect(zoneKey('eu-west-1a', 'eu-west-1')).toBe('a');
    expect(zoneKey('us-east-1f', 'us-east-1')).toBe('f');
  });

  test('keeps a usable key for a zone outside the region naming scheme', () => {
    expect(zoneKey('use1-az1', 'us-east-1')).toBe('use1_az1');
  });
});
