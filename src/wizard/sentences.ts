/**
 * The words that explain a choice's consequence. Shared by the screens, the
 * choice hints and plain mode, so every front-end says the same thing.
 */
import { cidrSize, parseCidr, subnetLayout } from '../config/cidr.js';
import { TEST_LISTENER_PORTS, TRAFFIC_CONFIGS } from '../config/deployment.js';
import { findRegion } from '../config/regions.js';
import { scaleInLimit } from '../config/scaling.js';

/** Seconds between two removals; the same as src/infra/autoscaling.ts (which this layer may not import). */
export const SCALE_IN_COOLDOWN_SECONDS = 300;

/**
 * The risk of each NAT choice. What it costs is the cost line's to say, from
 * the dated price table of the chosen region (src/wizard/cost.ts), so no
 * figure here can drift from it.
 */
export function natConsequence(choice: string, zoneCount: number): string {
  if (choice === 'perAz') {
    const zones = Math.max(zoneCount, 1);
    const count = zones > 1 ? ` (${zones} gateways)` : '';
    return `one NAT per zone: a gateway's hours in each zone${count}, and a zone outage only cuts outbound traffic for that zone`;
  }
  return 'one shared NAT: cheaper, one gateway\'s hours, but a zone outage cuts outbound traffic for all zones';
}

/** "2 of 3 selected; …": what the Zones step means, and where accounts see fewer zones than exist. */
export function zonesNote(regionCode: string, selected: number): string {
  const region = findRegion(regionCode);
  const total = region?.zones.length ?? 0;
  const base = `${selected} of ${total} selected; each zone gets a public and a private subnet.`;
  // Names map per account; where accounts see different ones, say so and how to check.
  if (region?.zoneNote) {
    return `${base} Zone names map per account: in ${region.code} ${region.zoneNote}. Check yours: aws ec2 describe-availability-zones --region ${region.code}`;
  }
  return `${base} Every account of ${regionCode} has these zones.`;
}

export interface ScalingNumbers {
  readonly minCount: number;
  readonly maxCount: number;
  readonly scaleUpCpuThreshold: number;
  readonly scaleDownCpuThreshold: number;
  readonly evaluationPeriods: number;
  readonly periodSeconds: number;
}

function duration(seconds: number): string {
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} seconds`;
}

/**
 * What autoscaling really does (src/infra/autoscaling.ts): each alarm's
 * action repeats while its alarm stays on, a minute apart for adding and
 * the scale-in cooldown apart for removing.
 */
export function scalingSentence(numbers: Partial<ScalingNumbers>): string | undefined {
  const { scaleUpCpuThreshold: up, scaleDownCpuThreshold: down, evaluationPeriods: periods, periodSeconds: period } = numbers;
  if (![up, down, periods, period].every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
  const sentence =
    `Add a task when average CPU stays above ${up}% for ${duration(periods! * period!)} (${periods} × ${period} s), and one more each minute it stays there; ` +
    `remove one when it stays below ${down}% as long, and one more every ${duration(SCALE_IN_COOLDOWN_SECONDS)} until the minimum.`;
  const { minCount: min, maxCount: max } = numbers;
  const known = typeof min === 'number' && typeof max === 'number' && Number.isFinite(min) && Number.isFinite(max) && min <= max;
  const range = known ? ` Always between ${min} and ${max} task${max === 1 ? '' : 's'}.` : '';
  // Why scale-in sits well below scale-out: a step spreads the load over one more task.
  const n = known && min! >= 1 ? min! : 1;
  const limit = scaleInLimit(up!, n);
  const why = known && min === max ? '' : ` Scale-in stays at most ${limit.max}% (${up} × ${n}/${n + 1}): a task added at ${up}% spreads the load to about ${limit.spread}% per task, so it is not removed again at once.`;
  return `${sentence}${range}${why}`;
}

export interface SubnetPreview {
  readonly rows: ReadonlyArray<{ readonly zone: string; readonly public: string; readonly private: string }>;
  /** Addresses a task can use in each subnet: AWS keeps 5 of every subnet. */
  readonly usablePerSubnet: number;
}

/** The layout the plan will create, or undefined while the CIDR is not a valid VPC. */
export function subnetPreview(vpcCidr: string, zones: readonly string[]): SubnetPreview | undefined {
  const parsed = parseCidr(vpcCidr);
  if (!parsed.ok || zones.length === 0) return undefined;
  try {
    const layout = subnetLayout(vpcCidr, zones.length);
    const first = parseCidr(layout.public[0]!);
    const usable = first.ok ? cidrSize(first.cidr) - 5 : 0;
    return {
      rows: zones.map((zone, index) => ({ zone, public: layout.public[index]!, private: layout.private[index]! })),
      usablePerSubnet: usable,
    };
  } catch {
    // Out-of-range prefixes are the schema's to explain; the preview just waits.
    return undefined;
  }
}

export interface DomainSentenceInput {
  /** The name as typed. */
  readonly name: string;
  /** The schema accepts it (its problem is shown instead of a promise). */
  readonly valid: boolean;
  readonly existingCertificate: boolean;
}

/** What the Domain step sets up, in one paragraph. */
export function domainSentence({ name, valid, existingCertificate }: DomainSentenceInput): string {
  const typed = name.trim();
  if (typed === '') {
    return "No domain: the app is served over plain HTTP on the load balancer's own name (…elb.amazonaws.com). You can add one later; nothing is replaced then.";
  }
  if (!valid) return 'Type the host name people will use; the records are created in the hosted zone below.';
  const certificate = existingCertificate
    ? 'the existing certificate serves HTTPS on 443'
    : 'a new ACM certificate (free) is validated by a DNS record in the zone, and HTTPS on 443 uses it';
  return `https://${typed}: ${certificate}; HTTP on 80 redirects to HTTPS; A and AAAA ALIAS records point ${typed} at the load balancer (DNS queries to an ALIAS are free).`;
}

export interface DeploysSentenceInput {
  readonly strategy: string;
  readonly traffic: string;
  readonly keepOldMinutes: string;
  /** As typed: comma-separated. */
  readonly testCidrs: string;
  readonly domain: boolean;
  /** The strategy in the saved file, when an environment is modified. */
  readonly saved?: string;
}

/** What the deploy strategy does, and what switching it does to a running service. */
export function deploysSentence(input: DeploysSentenceInput): string | undefined {
  const parts: string[] = [];
  if (input.strategy === 'blueGreen') {
    const traffic = TRAFFIC_CONFIGS.find((entry) => entry.name === input.traffic);
    const port = input.domain ? TEST_LISTENER_PORTS.https : TEST_LISTENER_PORTS.http;
    const cidrs = input.testCidrs.split(',').map((item) => item.trim()).filter(Boolean);
    const from = cidrs.length ? `open to ${cidrs.join(', ')}` : 'closed to everyone';
    parts.push(
      `Blue/green: each release starts a new task set; the test listener on ${port} (${from}) reaches it first, then CodeDeploy moves traffic ` +
        `(${traffic ? traffic.hint : input.traffic}), rolls back on failure or alarm, and keeps the old tasks ${input.keepOldMinutes || '?'} min.`,
    );
  }
  if (input.saved !== undefined && input.saved !== input.strategy) {
    parts.push(
      'Changing the strategy replaces the ECS service: the new one is created and healthy beside the old one before the old one is removed, so requests keep being served.',
    );
  }
  return parts.length ? parts.join(' ') : undefined;
}
