/**
 * The drawing Review shows on a key: the answers' config synthesized in
 * memory (cdktf loads only now, on the first press), drawn as text.
 */
import type { ConfigInput } from '../config/index.js';
import { parseConfig } from '../config/validate.js';
import { renderProblem } from '../config/problems.js';

export async function drawStackText(config: ConfigInput, environment: string, columns: number): Promise<string> {
  const parsed = parseConfig(config);
  if (!parsed.ok) throw new Error(`fix the answers first: ${parsed.problems.map(renderProblem).join('; ')}`);
  const [{ synthesizeToJson }, { diagramModel, renderText }] = await Promise.all([import('../infra/app.js'), import('../diagram/index.js')]);
  const stack = synthesizeToJson(parsed.config)[environment];
  if (stack === undefined) throw new Error(`no stack for ${environment}`);
  return renderText(diagramModel(stack, environment), Math.min(columns, 80));
}
