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
  /** `<app>-<env>`, or `<app>-<env>-<copy>` for a blue/green copy: the stem of every name. */
  readonly prefix: string;

  constructor(
    /** The app name (lower-case, dashes; at most 16 characters). */
    readonly app: string,
    /** The environment name (lower-case, dashes; at most 10 characters). */
    readonly environment: string,
    /**
     * The blue/green copy whose names these are. Copy `blue` keeps the names
     * an environment had before it had copies (adopting copies renames
     * nothing), so only `green` marks its names.
     */
    readonly copy?: 'blue' | 'green',
  ) {
    this.prefix = copy === 'green' ? `${app}-${environment}-${copy}` : `${app}-${environment}`;
  }

  /** `<prefix>-<suffix>`, the AWS name of one resource. */
  name(suffix: string): string {
    return `${this.prefix}-${suffix}`;
  }

  /**
   * A name that changes when `key` changes, for resources replaced
   * create-before-destroy: the new object exists beside the old one, so the
   * two need different names. `<prefix>-<suffix>-<hash>` when it fits in
   * `max` characters, else `<prefix>-<hash>`, else (a green copy of a long
   * app name) the prefix cut to fit: `<cut prefix>-<hash>`.
   */
  uniqueName(suffix: string, key: string, max: number): string {
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 4);
    const full = `${this.prefix}-${suffix}-${hash}`;
    if (full.length <= max) return full;
    if (this.prefix.length + 5 <= max) return `${this.prefix}-${hash}`;
    // The copy is in the prefix's tail: hash it too, so blue's and green's never meet.
    const both = createHash('sha256').update(`${this.prefix}/${key}`).digest('hex').slice(0, 4);
    return `${this.prefix.slice(0, max - 5).replace(/-+$/, '')}-${both}`;
  }

  /**
   * `<prefix>-<suffix>` when it fits in `max` characters (load balancers and
   * target groups: 32), else the prefix cut short with a hash of the whole
   * name, so two long names never collide: `<cut prefix>-<hash>-<suffix>`.
   */
  limited(suffix: string, max: number): string {
    const full = this.name(suffix);
    if (full.length <= max) return full;
    const hash = createHash('sha256').update(full).digest('hex').slice(0, 4);
    const room = max - suffix.length - hash.length - 2;
    return `${this.prefix.slice(0, room).replace(/-+$/, '')}-${hash}-${suffix}`;
  }

  /**
   * Bucket names are global across all accounts, so buckets get a prefix and
   * S3 adds a unique tail. `<prefix>-<suffix>-` when it fits S3's limit, else
   * (a green copy of a long app name) cut the way `limited` cuts:
   * `<cut prefix>-<hash>-<suffix>-`, the same on every synth.
   */
  bucketPrefix(suffix: string): string {
    return `${this.limited(suffix, BUCKET_PREFIX_MAX - 1)}-`;
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
