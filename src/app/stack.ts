/**
 * A synthesized stack in memory, for what reads one without writing the
 * project (cost, diagram, Review's drawing). cdktf loads only on the first call.
 */
import type { Config } from '../config/index.js';
import { environmentLayout, type CopyLayout } from '../infra/contract.js';

/** The cdk.tf.json text of one environment, byte for byte what synth would write. */
export async function synthesizedStack(config: Config, environment: string): Promise<string> {
  const { synthesizeToJson } = await import('../infra/app.js');
  const stack = synthesizeToJson(config)[environment];
  if (stack === undefined) throw new Error(`no stack for ${environment}`);
  return stack;
}

export interface EnvironmentStackText {
  /** The stack's name: the environment's, or `<env>.<copy>`. */
  readonly stack: string;
  readonly json: string;
  /** Which blue/green copy of the serving layer it is; absent for the shared layer or a whole environment. */
  readonly copy?: CopyLayout;
}

/**
 * Every stack of one environment, the shared one first: one for an
 * environment without copies, and during a blue/green change of its
 * infrastructure the shared layer and each copy's serving layer.
 */
export async function synthesizedEnvironment(config: Config, environment: string): Promise<EnvironmentStackText[]> {
  const { synthesizeToJson } = await import('../infra/app.js');
  const stacks = synthesizeToJson(config);
  const layout = environmentLayout(environment, config.environments[environment]?.copies);
  const named = layout.kind === 'single' ? [{ stack: layout.stack }] : [{ stack: layout.shared }, ...layout.copies.map((copy) => ({ stack: copy.stack, copy }))];
  return named.map((entry) => {
    const json = stacks[entry.stack];
    if (json === undefined) throw new Error(`no stack for ${entry.stack}`);
    return { ...entry, json };
  });
}
