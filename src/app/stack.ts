/**
 * A synthesized stack in memory, for what reads one without writing the
 * project (cost, diagram, Review's drawing). cdktf loads only on the first call.
 */
import type { Config } from '../config/index.js';

/** The cdk.tf.json text of one environment, byte for byte what synth would write. */
export async function synthesizedStack(config: Config, environment: string): Promise<string> {
  const { synthesizeToJson } = await import('../infra/app.js');
  const stack = synthesizeToJson(config)[environment];
  if (stack === undefined) throw new Error(`no stack for ${environment}`);
  return stack;
}
