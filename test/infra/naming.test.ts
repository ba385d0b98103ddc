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
    expect(() => new Naming('a'.repeat(16), 'b'.repeat(10)).bucketPrefix('pipelines')).toThrow(/longer than 37/);
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
