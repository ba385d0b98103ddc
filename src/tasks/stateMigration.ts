/**
 * Moving an environment's state when ecs-wizard.json's `backend` changes
 * from local files to S3, the way a team starts sharing state.
 *
 * Terraform's own `init -migrate-state` is not enough here, read against its
 * behaviour with the S3 backend (1.11): `-force-copy` (the only way to answer
 * its question without a prompt) overwrites whatever state already sits at
 * the new key, a teammate's included; and the copy it writes gets a NEW
 * lineage, so the state no longer looks like the one it came from. So the
 * engine moves it itself, in steps it can check:
 *
 * 1. `init -reconfigure`: the new backend, nothing copied yet;
 * 2. `state pull`: the new key must be empty (or already hold this very
 *    state, moved by an earlier run or a teammate); anything else stops;
 * 3. a copy of the local file is kept beside it;
 * 4. `state push -force LOCAL`, and once more if the first write of a new
 *    object got a new lineage (it does: Terraform refreshes the missing object
 *    and drops the lineage it was given); `-force` only lifts the lineage
 *    check, and the key was empty or the same state;
 * 5. `state pull` again: same lineage, same resources, or it stops, naming
 *    the copy; the local file is removed only then, the copy stays.
 */
import { join, resolve } from 'node:path';

/** The `terraform.backend` block of a synthesized stack: its type and settings. */
export interface BackendBlock {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export function backendOf(stackJson: string): BackendBlock | undefined {
  const parsed = JSON.parse(stackJson) as { terraform?: { backend?: Record<string, Record<string, unknown>> } };
  const [type, config] = Object.entries(parsed.terraform?.backend ?? {})[0] ?? [];
  return type ? { type, config: config ?? {} } : undefined;
}


/** Where a backend keeps this environment's state, in words: a file, or s3://bucket/key. */
export function describeBackend(backend: BackendBlock | undefined, stackDir: string): string {
  if (!backend || backend.type === 'local') return localStateFile(backend, stackDir);
  if (backend.type === 's3') return `s3://${String(backend.config['bucket'])}/${String(backend.config['key'])}`;
  return `the ${backend.type} backend`;
}

/** The state file of a local backend (Terraform's default when it names none). */
export function localStateFile(backend: BackendBlock | undefined, stackDir: string): string {
  const path = backend?.config['path'];
  return resolve(stackDir, typeof path === 'string' ? path : 'terraform.tfstate');
}

/** What identifies a state and what it holds. */
export interface StateFacts {
  readonly lineage: string;
  readonly serial: number;
  /** Managed resource instances. */
  readonly resources: number;
}

/** Reads a state document (`state pull`, or a .tfstate file); an empty or unreadable one holds 0 resources. */
export function stateFacts(json: unknown): StateFacts {
  const state = (json ?? {}) as { lineage?: unknown; serial?: unknown; resources?: { mode?: string; instances?: unknown[] }[] };
  const resources = Array.isArray(state.resources)
    ? state.resources.filter((r) => r.mode === 'managed').reduce((n, r) => n + (Array.isArray(r.instances) ? r.instances.length : 0), 0)
    : 0;
  return { lineage: typeof state.lineage === 'string' ? state.lineage : '', serial: typeof state.serial === 'number' ? state.serial : 0, resources };
}

/** The copy of a local state kept when it moves: `<file>.moved-<stamp>`. */
export function backupFileFor(localFile: string, now: Date): string {
  return `${localFile}.moved-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** Where the moved local state goes, relative to the project, for messages. */
export function shownFrom(dir: string, file: string): string {
  const prefix = `${resolve(dir)}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : join(file);
}
