// Wall time of `ecs-wizard plan --yes` against `terraform init && terraform plan`
// by hand on the same synthesized stack, both from a cold working folder,
// with the provider from the local mirror and AWS endpoints overridden.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interleave, runMeasured } from './measure.mjs';
import { starterSynthArgs, terraformWithMirror } from './terraformSetup.mjs';

export async function benchPlanRatio(cli, runs = 3) {
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-plan-'));
  try {
    const setup = await terraformWithMirror(scratch);
    if (setup.skipped) return { skipped: setup.skipped };
    const { terraform, env } = setup;
    const template = join(scratch, 'template');
    runMeasured(cli, starterSynthArgs(template, 'http://127.0.0.1:9'), { env, node: true });
    const copy = (name) => {
      const dir = join(scratch, name);
      cpSync(template, dir, { recursive: true });
      return dir;
    };
    return await interleave({
      runs,
      warmup: 0,
      metric: (measured) => measured.wallMs,
      anchor: (i) => {
        const stack = join(copy(`hand-${i}`), 'cdktf.out/stacks/production');
        const init = runMeasured(terraform.path, ['init', '-input=false'], { cwd: stack, env });
        const plan = runMeasured(terraform.path, ['plan', '-input=false', '-out=plan.tfplan'], { cwd: stack, env });
        return { wallMs: init.wallMs + plan.wallMs };
      },
      subject: (i) => runMeasured(cli, ['plan', '--yes', '--dir', copy(`wizard-${i}`)], { env, node: true }),
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
