/**
 * The words that explain a choice's consequence. Shared by the screens, the
 * choice hints and plain mode, so every front-end says the same thing.
 */
import { findRegion, parseCidr, subnetLayout, cidrSize } from '../config/index.js';

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
  return `${selected} of ${total} selected; each zone gets a public and a private subnet. The defaults are zones every account has${region?.zoneNote ? `: in ${region.code} ${region.zoneNote}` : ''}.`;
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
  if (typeof min === 'number' && typeof max === 'number' && Number.isFinite(min) && Number.isFinite(max) && min <= max) {
    return `${sentence} Always between ${min} and ${max} task${max === 1 ? '' : 's'}.`;
  }
  return sentence;
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
