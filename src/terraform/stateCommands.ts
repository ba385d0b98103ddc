/**
 * `terraform state pull` and `terraform state push`, through whatever
 * backend the stack folder was initialised with (a local file, or S3 with
 * its lock file). The state holds every secret of the stack: it is never
 * logged, and the file handed to `state push` is readable by its owner only
 * and removed afterwards.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runTerraformOutput, type RunTerraformOptions } from './runner.js';
import { parseState, type StateDocument } from './stateSplit.js';

type CommonOptions = Omit<RunTerraformOptions, 'args' | 'onEvent'>;

/** The stack's current state, or undefined when its backend holds none yet. */
export async function pullState(options: CommonOptions): Promise<StateDocument | undefined> {
  const { stdout } = await runTerraformOutput({ ...options, args: ['state', 'pull'] });
  return parseState(stdout);
}

/**
 * Writes `state` to the stack's backend. Terraform itself refuses a state of
 * another lineage or an older serial than the backend's, so a push never
 * overwrites a state that moved on since it was pulled.
 */
export async function pushState(options: CommonOptions & { readonly state: StateDocument; readonly scratchDir: string }): Promise<void> {
  const { state, scratchDir, ...rest } = options;
  await mkdir(scratchDir, { recursive: true });
  const file = path.join(scratchDir, `push-${process.pid}-${Date.now()}.tfstate`);
  try {
    await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    await runTerraformOutput({ ...rest, args: ['state', 'push', file] });
  } finally {
    await rm(file, { force: true });
  }
}

/** Keeps a copy of a state before it is changed: `<dir>/<stamp>-<name>.tfstate`, owner-readable only. */
export async function backUpState(state: StateDocument, dir: string, name: string, now: Date): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${name}.tfstate`);
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}
