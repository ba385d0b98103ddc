/**
 * Runs the real Terraform on synthesized stacks, for the tests that prove the
 * generated project is real. It finds the binary and the provider mirror with
 * the wizard's own code (src/terraform) and says why when it cannot.
 */
import path from 'node:path';
import { execa } from 'execa';
import { findTerraform } from '../../src/terraform/binary.js';
import { findProviderMirror, writeMirrorCliConfig } from '../../src/terraform/mirror.js';

export interface TerraformKit {
  readonly binary: string;
  readonly version: string;
  /** Environment to run Terraform with: mirror CLI config, automation mode, no checkpoint calls. */
  readonly env: Record<string, string>;
}

export type Located = { ok: true; kit: TerraformKit } | { ok: false; reason: string };

/** Finds terraform and the mirror; writes the mirror's CLI config into `workDir`. */
export async function locateTerraform(workDir: string): Promise<Located> {
  let binary;
  try {
    binary = await findTerraform();
  } catch (error) {
    return { ok: false, reason: `no usable terraform: ${(error as Error).message}` };
  }
  const mirror = findProviderMirror();
  if (!mirror) return { ok: false, reason: 'no hashicorp/aws provider mirror for this platform (set ECS_WIZARD_TF_MIRROR or install one in /opt/tf-plugins)' };
  const cli = await writeMirrorCliConfig(path.join(workDir, 'mirror.tfrc'), mirror);
  return {
    ok: true,
    kit: {
      binary: binary.path,
      version: binary.version,
      env: { ...cli, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' },
    },
  };
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one terraform command in `cwd`; never throws on a non-zero exit. */
export async function terraform(kit: TerraformKit, cwd: string, args: readonly string[]): Promise<RunResult> {
  const result = await execa(kit.binary, [...args], { cwd, env: kit.env, reject: false, stdin: 'ignore' });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A failed run, readable in a test failure. */
export function describeRun(args: readonly string[], result: RunResult): string {
  return `terraform ${args.join(' ')} exited ${result.exitCode}\n${result.stderr}\n${result.stdout.slice(-4000)}`;
}
