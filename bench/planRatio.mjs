// Wall time of `ecs-wizard plan --yes` against `terraform init && terraform plan`
// by hand on the same synthesized stack, both from a cold working folder,
// with the provider from the local mirror and AWS endpoints overridden.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interleave, runMeasured } from './measure.mjs';
import { importSource } from './source.mjs';

export async function benchPlanRatio(cli, runs = 3) {
  const { findTerraform } = await importSource('terraform/binary.ts');
  const { findProviderMirror, writeMirrorCliConfig } = await importSource('terraform/mirror.ts');
  let terraform;
  try {
    terraform = await findTerraform();
  } catch (error) {
    return { skipped: `no terraform (${error.message})` };
  }
  const mirror = findProviderMirror();
  if (!mirror) return { skipped: 'no provider mirror (set ECS_WIZARD_TF_MIRROR)' };
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-plan-'));
  try {
    const env = { ...(await writeMirrorCliConfig(join(scratch, 'terraform.rc'), mirror)), CI: '' };
    const template = join(scratch, 'template');
    runMeasured(cli, ['synth', '--dir', template, '--preset', 'starter',
      '--set', 'environments.production.region=eu-west-1',
      '--set', 'environments.production.endpoint=http://127.0.0.1:9',
      '--set', 'environments.production.pipeline.owner=acme',
      '--set', 'environments.production.pipeline.repo=shop'], { env, node: true });
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
