/**
 * The built CLI against the REAL terraform and AWS provider, offline:
 * `ecs-wizard plan --yes` on the starter preset, every AWS endpoint pointed
 * at 127.0.0.1:9 (nothing listens; plan needs no AWS), runs init from the
 * provider mirror and plan for real, and prints the grouped summary.
 * Skipped, loudly, when terraform or the mirror is missing.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTerraform } from '../../src/terraform/binary.js';
import { findProviderMirror, writeMirrorCliConfig } from '../../src/terraform/mirror.js';
import { cleanEnv, ensureBuilt, runCli, stackDir, STARTER_SETS } from '../helpers/cli.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

let skipReason: string | undefined;

beforeAll(async () => {
  // The machine's own terraform, not an ECS_WIZARD_TERRAFORM left in the environment.
  const env = cleanEnv();
  try {
    await findTerraform({ env });
  } catch (error) {
    skipReason = `no usable terraform on PATH (${(error as Error).message.split('.')[0] ?? ''})`;
    return;
  }
  if (!findProviderMirror()) {
    skipReason = 'no hashicorp/aws provider mirror for this platform (set ECS_WIZARD_TF_MIRROR or provide /opt/tf-plugins)';
    return;
  }
  await ensureBuilt();
});

describe('real terraform: ecs-wizard plan --yes', () => {
  it('synthesizes the starter preset, runs init and plan for real, and prints the grouped summary', async (ctx) => {
    if (skipReason) {
      console.warn(`SKIPPED: real-terraform CLI plan test: ${skipReason}`);
      ctx.skip();
      return;
    }
    const mirror = findProviderMirror()!;
    const root = makeTmpDir('ecs-wizard-real-plan-');
    const project = path.join(root, 'shop');
    mkdirSync(project);
    const { TF_CLI_CONFIG_FILE } = await writeMirrorCliConfig(path.join(root, 'mirror.tfrc'), mirror);
    const run = await runCli(['plan', '--yes', ...STARTER_SETS, '--set', 'environments.production.endpoint=http://127.0.0.1:9'], {
      cwd: project,
      env: cleanEnv({ TF_CLI_CONFIG_FILE, ECS_WIZARD_TF_MIRROR: mirror.path }),
      timeoutMs: 120_000,
    });

    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/✔ \[\d\d:\d\d:\d\d\] terraform init\n/);
    const summary = /^Plan for production: (\d+) to add, 0 to change, 0 to replace, 0 to destroy$/m.exec(run.stderr);
    expect(summary, run.stderr).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(30);
    // Grouped by component, every part of the stack present.
    expect(run.stderr).toContain('  component       add   change  replace  destroy\n');
    for (const label of ['Network', 'Database', 'Containers', 'Load balancer', 'Scaling', 'Pipeline']) {
      expect(run.stderr).toMatch(new RegExp(`^ {2}${label} +\\d+ +0 +0 +0$`, 'm'));
    }
    expect(run.stderr).toMatch(/✔ Plan: \d+ to add, 0 to change, 0 to replace, 0 to destroy\./);
    // Terraform really ran: it left its lock file, and the logs hold its own lines.
    expect(existsSync(path.join(stackDir(project), '.terraform.lock.hcl'))).toBe(true);
    const logs = readdirSync(path.join(project, '.ecs-wizard', 'logs'));
    expect(logs.some((f) => f.endsWith('-production-init.jsonl'))).toBe(true);
    expect(logs.some((f) => f.endsWith('-production-plan.jsonl'))).toBe(true);
  });
});
