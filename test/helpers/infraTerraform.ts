/**
 * Runs the real Terraform on synthesized stacks, for the tests that prove the
 * generated project is real. It finds the binary and the provider mirror with
 * the wizard's own code (src/terraform) and says why when it cannot.
 */
import path from 'node:path';
import { execa } from 'execa';
import { findTerraform } from '../../src/terraform/binary.js';
import { findProviderMirror, writeMirrorCliConfig } from '../../src/terraform/mirror.js';
import { expect } from 'vitest';

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

/** The steps a real-Terraform test takes on a synthesized stack, each with its arguments and result. */
export type RealSteps = Record<'init' | 'validate' | 'plan' | 'show', { args: string[]; result: RunResult } | undefined>;

/** init (provider mirror), validate, plan -out and show -json in `dir`, stopping at the first that fails. */
export async function runRealSteps(kit: TerraformKit, dir: string): Promise<RealSteps> {
  const steps: RealSteps = { init: undefined, validate: undefined, plan: undefined, show: undefined };
  const commands: Array<[keyof RealSteps, string[]]> = [
    ['init', ['init', '-input=false', '-no-color']],
    ['validate', ['validate', '-json', '-no-color']],
    ['plan', ['plan', '-input=false', '-no-color', '-out=plan.tfplan']],
    ['show', ['show', '-json', 'plan.tfplan']],
  ];
  for (const [step, args] of commands) {
    const result = await terraform(kit, dir, args);
    steps[step] = { args, result };
    if (result.exitCode !== 0) break;
  }
  return steps;
}

/** A step's result, failing the test with Terraform's own words when it did not succeed. */
export function passedStep(steps: RealSteps, step: keyof RealSteps): RunResult {
  const done = steps[step];
  expect(done, `${step} did not run: an earlier step failed`).toBeDefined();
  expect(done!.result.exitCode, describeRun(done!.args, done!.result)).toBe(0);
  return done!.result;
}
