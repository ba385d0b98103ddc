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

/** What the last successful init recorded: its fingerprint and the backend it configured. */
export interface InitMarker {
  readonly fingerprint?: string;
  /** The `terraform.backend` block init configured (absent in markers of older versions). */
  readonly backend?: { readonly type: string; readonly config: Readonly<Record<string, unknown>> };
}

export async function readInitMarker(stackDir: string): Promise<InitMarker | undefined> {
  const text = await readTextIfExists(join(stackDir, MARKER));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as InitMarker;
  } catch {
    // Damaged (a kill mid-write of an older version, an editor): init again.
    return undefined;
  }
}

export async function initIsCurrent(stackDir: string, fingerprint: string): Promise<boolean> {
  const [marker, lock] = await Promise.all([readInitMarker(stackDir), readTextIfExists(join(stackDir, '.terraform.lock.hcl'))]);
  return lock !== undefined && marker?.fingerprint === fingerprint;
}

export async function recordInit(stackDir: string, fingerprint: string, backend?: InitMarker['backend']): Promise<void> {
  await writeFileAtomic(join(stackDir, MARKER), `${JSON.stringify({ fingerprint, ...(backend ? { backend } : {}) })}\n`);
}
