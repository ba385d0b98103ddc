/**
 * The drawing Review shows on a key: the answers' config synthesized in
 * memory (cdktf loads only now, on the first press), drawn as text.
 */
import type { ConfigInput } from '../config/index.js';

export async function drawStackText(config: ConfigInput, environment: string, columns: number): Promise<string> {
  // Imported here, not above: the wizard's first frame loads no schema (zod).
  const [{ parseConfig }, { renderProblem }] = await Promise.all([import('../config/validate.js'), import('../config/problems.js')]);
  const parsed = parseConfig(config);
  if (!parsed.ok) throw new Error(`fix the answers first: ${parsed.problems.map(renderProblem).join('; ')}`);
  const [{ synthesizedEnvironment }, { environmentModel, renderText }, { copyRole }] = await Promise.all([
    import('../app/stack.js'),
    import('../diagram/index.js'),
    import('../cost/layers.js'),
  ]);
  const stacks = await synthesizedEnvironment(parsed.config, environment);
  const model = environmentModel(stacks.map((stack) => ({ json: stack.json, ...(stack.copy ? { copy: copyRole(stack.copy) } : {}) })), environment);
  return renderText(model, Math.min(columns, 80));
}
