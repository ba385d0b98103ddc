// What the plan and apply rows share: the Terraform and provider mirror they
// run (or why the row is skipped), and the starter project they synthesize.
import { join } from 'node:path';
import { importSource } from './source.mjs';

/**
 * The Terraform binary and the environment that points it at the provider
 * mirror (a CLI config written into `scratch`), or `{ skipped }` saying what is missing.
 */
export async function terraformWithMirror(scratch) {
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
  return { terraform, env: { ...(await writeMirrorCliConfig(join(scratch, 'terraform.rc'), mirror)), CI: '' } };
}

/** `ecs-wizard synth` arguments of the starter preset in eu-west-1, its AWS calls sent to `endpoint`. */
export function starterSynthArgs(dir, endpoint) {
  return ['synth', '--dir', dir, '--preset', 'starter',
    '--set', 'environments.production.region=eu-west-1',
    '--set', `environments.production.endpoint=${endpoint}`,
    '--set', 'environments.production.pipeline.owner=acme',
    '--set', 'environments.production.pipeline.repo=shop'];
}
