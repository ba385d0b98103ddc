// Wall time of `ecs-wizard plan --yes` against `terraform init && terraform plan`
// by hand on the same synthesized stack, both from a cold working folder,
// with the provider from the local mirror and AWS endpoints overridden.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function timed(command, args, options) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function benchPlanRatio(cli, runs = 3) {
  const { findTerraform } = await import(join(root, 'dist/terraform/binary.js'));
  const { findProviderMirror, writeMirrorCliConfig } = await import(join(root, 'dist/terraform/mirror.js'));
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
    const env = { ...process.env, ...(await writeMirrorCliConfig(join(scratch, 'terraform.rc'), mirror)) };
    delete env.CI;
    const template = join(scratch, 'template');
    timed(process.execPath, [cli, 'synth', '--dir', template, '--preset', 'starter',
      '--set', 'environments.production.region=eu-west-1',
      '--set', 'environments.production.endpoint=http://127.0.0.1:9',
      '--set', 'environments.production.pipeline.owner=acme',
      '--set', 'environments.production.pipeline.repo=shop'], { env });
    const byHand = [];
    const wizard = [];
    for (let i = 0; i < runs; i++) {
      const handDir = join(scratch, `hand-${i}`);
      cpSync(template, handDir, { recursive: true });
      const stack = join(handDir, 'cdktf.out/stacks/production');
      byHand.push(
        timed(terraform.path, ['init', '-input=false'], { cwd: stack, env }) +
          timed(terraform.path, ['plan', '-input=false', '-out=plan.tfplan'], { cwd: stack, env }),
      );
      const wizardDir = join(scratch, `wizard-${i}`);
      cpSync(template, wizardDir, { recursive: true });
      wizard.push(timed(process.execPath, [cli, 'plan', '--yes', '--dir', wizardDir], { env }));
    }
    const byHandMs = median(byHand);
    const wizardMs = median(wizard);
    return { byHandMs, wizardMs, ratio: wizardMs / byHandMs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
