/**
 * The words that explain a choice's consequence. Shared by the screens, the
 * choice hints and plain mode, so every front-end says the same thing.
 */
import { parseCidr, subnetLayout, cidrSize } from '../config/index.js';

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

/** "Add a task when average CPU stays above 85% for 2 minutes (2 × 60 s); …" */
export function scalingSentence(numbers: Partial<ScalingNumbers>): string | undefined {
  const { scaleUpCpuThreshold: up, scaleDownCpuThreshold: down, evaluationPeriods: periods, periodSeconds: period } = numbers;
  if (![up, down, periods, period].every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
  const sentence =
    `Add a task when average CPU stays above ${up}% for ${duration(periods! * period!)} (${periods} × ${period} s); ` +
    `remove one when it is back below ${down}%.`;
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
