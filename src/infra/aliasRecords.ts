/**
 * The name people type, pointed at one copy's load balancer: Route 53 ALIAS
 * records A (IPv4) and AAAA (IPv6), with target health evaluated, so Route 53
 * stops answering with a load balancer that has no healthy target.
 *
 * The records are weighted from the start, one set per copy of the serving
 * layer (set identifier `blue` or `green`). With one copy its weight is all
 * the traffic and the name behaves like a simple ALIAS; a second copy joins
 * with records of its own, and moving traffic between them is a change of
 * weights, in place, never a replacement of the record.
 */
import { Construct } from './cdktf.js';
import { Route53Record } from './aws.js';
import { stableId } from './naming.js';

export interface AliasRecordsProps {
  /** Route 53 hosted zone of the name. */
  readonly hostedZoneId: string;
  /** The host name, e.g. shop.example.com. */
  readonly name: string;
  /** DNS name of the load balancer. */
  readonly targetDnsName: string;
  /** Hosted zone of the load balancer (the ALIAS target's zone). */
  readonly targetZoneId: string;
  /** Which copy these records belong to: the weighted set's identifier. */
  readonly setIdentifier: string;
  /** Relative weight, 0 to 255; 0 sends no traffic while another set has weight. */
  readonly weight: number;
  /** Added to the records' addresses (`alias_a_green`): one set per copy in one stack. */
  readonly idSuffix?: string;
}

/** Record types that point the name at the load balancer. */
export const ALIAS_RECORD_TYPES = ['A', 'AAAA'] as const;

export class AliasRecords extends Construct {
  /** Addresses of the records, for a plan that changes only the weights (`-target`). */
  readonly addresses: readonly string[];

  constructor(scope: Construct, id: string, props: AliasRecordsProps) {
    super(scope, id);
    if (!Number.isInteger(props.weight) || props.weight < 0 || props.weight > 255) {
      throw new RangeError(`a Route 53 weight is a whole number from 0 to 255, not ${props.weight}`);
    }
    this.addresses = ALIAS_RECORD_TYPES.map((type) => {
      const logicalId = `alias_${type.toLowerCase()}${props.idSuffix ?? ''}`;
      stableId(
        new Route53Record(this, logicalId, {
          zoneId: props.hostedZoneId,
          name: props.name,
          type,
          setIdentifier: props.setIdentifier,
          weightedRoutingPolicy: { weight: props.weight },
          alias: { name: props.targetDnsName, zoneId: props.targetZoneId, evaluateTargetHealth: true },
        }),
        logicalId,
      );
      return `aws_route53_record.${logicalId}`;
    });
  }
}
