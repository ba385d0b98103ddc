/**
 * Where a new environment starts beside existing ones, so it collides with
 * none of them: its own VPC range (peering or a VPN between environments
 * needs ranges that do not overlap) and its own branch (one push must not
 * deploy two environments). Pure.
 */
import { cidrsOverlap, formatCidr, parseCidr, type Cidr } from './cidr.js';

interface ExistingEnvironment {
  readonly network?: { readonly vpcCidr?: string } | undefined;
  readonly pipeline?: { readonly owner?: string; readonly repo?: string; readonly branch?: string } | undefined;
}

/** The schema's default VPC, which an environment without a `network.vpcCidr` uses. */
const DEFAULT_VPC = '10.0.0.0/16';

/** The first 10.N.0.0/16 that overlaps no existing environment's VPC. */
export function unusedVpcCidr(existing: readonly ExistingEnvironment[]): string {
  const taken: Cidr[] = [];
  for (const env of existing) {
    const parsed = parseCidr(env.network?.vpcCidr ?? DEFAULT_VPC);
    if (parsed.ok) taken.push(parsed.cidr);
  }
  for (let second = 0; second < 256; second++) {
    const candidate: Cidr = { base: (10 * 256 + second) * 65536, prefix: 16 };
    if (!taken.some((cidr) => cidrsOverlap(cidr, candidate))) return formatCidr(candidate);
  }
  // Every 10.x/16 taken (256 environments): fall back to the other private range.
  return '172.16.0.0/16';
}

/**
 * The branch a new environment deploys from: its own name, unless another
 * environment of the same repository already uses that (then `<name>-deploy`).
 */
export function newEnvironmentBranch(environment: string, existing: readonly ExistingEnvironment[]): string {
  const used = new Set(existing.map((env) => env.pipeline?.branch ?? 'main'));
  return used.has(environment) ? `${environment}-deploy` : environment;
}
