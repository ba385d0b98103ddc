/**
 * `terraform init` costs seconds (provider unpacking, backend setup). It only
 * needs to run again when what it installs or configures changed: the
 * `terraform` block (required providers, backend) and module sources. We keep
 * a fingerprint of those next to Terraform's own working folder.
 */
import { join } from 'node:path';
import { readTextIfExists, sha256, writeFileAtomic } from '../project/files.js';

const MARKER = join('.terraform', 'ecs-wizard-init.json');

export function initFingerprint(stackJson: string, cliConfigFile: string | undefined): string {
  const parsed = JSON.parse(stackJson) as { terraform?: unknown; module?: Record<string, { source?: unknown }> };
  const modules = Object.entries(parsed.module ?? {})
    .map(([name, body]) => [name, body.source])
    .sort();
  return sha256(JSON.stringify({ terraform: parsed.terraform ?? null, modules, cliConfigFile: cliConfigFile ?? null }));
}

export async function initIsCurrent(stackDir: string, fingerprint: string): Promise<boolean> {
  const [marker, lock] = await Promise.all([
    readTextIfExists(join(stackDir, MARKER)),
    readTextIfExists(join(stackDir, '.terraform.lock.hcl')),
  ]);
  if (lock === undefined || marker === undefined) return false;
  try {
    return (JSON.parse(marker) as { fingerprint?: string }).fingerprint === fingerprint;
  } catch {
    // Damaged (a kill mid-write of an older version, an editor): init again.
    return false;
  }
}

export async function recordInit(stackDir: string, fingerprint: string): Promise<void> {
  await writeFileAtomic(join(stackDir, MARKER), `${JSON.stringify({ fingerprint })}\n`);
}
