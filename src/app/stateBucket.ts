/**
 * The state bucket's own stack on disk, for `ecs-wizard backend bootstrap`:
 * written to `.ecs-wizard/state-bucket/cdk.tf.json` (outside cdktf.out: it is
 * no environment, and main.ts does not make it). Loads cdktf, so it is
 * imported only when the command runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StateBucketStackProps } from '../infra/stateBucket.js';

export async function writeStateBucketStack(dir: string, props: StateBucketStackProps): Promise<string> {
  const { synthesizeStateBucketStack, STATE_BUCKET_STACK_DIR } = await import('../infra/index.js');
  const stackDir = join(dir, STATE_BUCKET_STACK_DIR);
  await mkdir(stackDir, { recursive: true });
  await writeFile(join(stackDir, 'cdk.tf.json'), synthesizeStateBucketStack(props));
  return stackDir;
}
