/**
 * Every AWS name and every Terraform address of an environment comes from
 * here, so two environments (or a blue/green copy) never collide in one
 * account and a person can predict each address before running a plan.
 */
import { createHash } from 'node:crypto';
import type { TerraformElement } from 'cdktf';

/** Longest prefix S3 accepts for `bucket_prefix` (it appends 26 characters). */
const BUCKET_PREFIX_MAX = 37;

export class Naming {
  /** `<app>-<env>`: the stem of every name. */
  readonly prefix: string;

  constructor(
    /** The app name (lower-case, dashes; at most 16 characters). */
    readonly app: string,
    /** The environment name (lower-case, dashes; at most 10 characters). */
    readonly environment: string,
  ) {
    this.prefix = `${app}-${environment}`;
  }

  /** `<app>-<env>-<suffix>`, the AWS name of one resource. */
  name(suffix: string): string {
    return `${this.prefix}-${suffix}`;
  }

  /**
   * A name that changes when `key` changes, for resources replaced
   * create-before-destroy: the new object exists beside the old one, so the
   * two need different names. `<prefix>-<suffix>-<hash>` when it fits in
   * `max` characters, else `<prefix>-<hash>` (the prefix is at most 27).
   */
  uniqueName(suffix: string, key: string, max: number): string {
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 4);
    const full = `${this.prefix}-${suffix}-${hash}`;
    return full.length <= max ? full : `${this.prefix}-${hash}`;
  }

  /**
   * Bucket names are global across all accounts, so buckets get a prefix and
   * S3 adds a unique tail. Throws if the prefix cannot fit, rather than letting
   * AWS reject it at apply time.
   */
  bucketPrefix(suffix: string): string {
    const prefix = `${this.prefix}-${suffix}-`;
    if (prefix.length > BUCKET_PREFIX_MAX) {
      throw new RangeError(`bucket prefix "${prefix}" is longer than ${BUCKET_PREFIX_MAX} characters`);
    }
    return prefix;
  }
}

/**
 * The key of a zone in resource addresses: its letter ("eu-west-1a" → "a").
 * Keying per-zone resources by letter, not by position, means adding or
 * removing a zone never renames (and so never replaces) another zone's subnet.
 */
export function zoneKey(zone: string, region: string): string {
  const tail = zone.startsWith(region) ? zone.slice(region.length) : zone;
  const key = tail.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (key === '') throw new Error(`cannot derive a key from zone "${zone}" of region ${region}`);
  return key;
}

/**
 * Gives a resource (or output, variable) a fixed, readable Terraform address.
 * cdktf would otherwise derive it from the construct path plus a hash, and
 * users type these addresses (`--allow-replace aws_db_instance.database`).
 */
export function stableId<T extends TerraformElement>(element: T, logicalId: string): T {
  element.overrideLogicalId(logicalId);
  return element;
}
