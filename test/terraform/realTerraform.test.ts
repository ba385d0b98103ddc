/**
 * The runner against the REAL terraform binary and AWS provider, offline:
 * init from the provider mirror, plan to a file, show -json of it,
 * through the same code the wizard uses. Skipped, loudly, when terraform or
 * the mirror is missing (see ECS_WIZARD_TF_MIRROR).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTerraform, type TerraformBinary } from '../../src/terraform/binary.js';
import type { TerraformEvent } from '../../src/terraform/events.js';
import { guardPlan } from '../../src/terraform/guard.js';
import { showPlanJson } from '../../src/terraform/jsonCommands.js';
import { findProviderMirror, writeMirrorCliConfig } from '../../src/terraform/mirror.js';
import { readPlan } from '../../src/terraform/planReader.js';
import { runTerraform } from '../../src/terraform/runner.js';
import { makeTmpDir, SHARED_FIXTURES } from '../helpers/fakeTerraformHarness.js';

let binary: TerraformBinary | undefined;
let skipReason: string | undefined;

beforeAll(async () => {
  try {
    binary = await findTerraform();
  } catch (error) {
    skipReason = `no usable terraform (${(error as Error).message.split('.')[0] ?? ''})`;
    return;
  }
  if (!findProviderMirror()) {
    skipReason = 'no hashicorp/aws provider mirror for this platform (set ECS_WIZARD_TF_MIRROR or provide /opt/tf-plugins)';
  }
});

describe('real terraform: init, plan, show on the demo stack', () => {
  it('runs offline from the mirror and reads the plan it made', async (ctx) => {
    if (skipReason || !binary) {
      console.warn(`SKIPPED: real-terraform runner test: ${skipReason ?? 'unknown reason'}`);
      ctx.skip();
      return;
    }
    const mirror = findProviderMirror();
    if (!mirror) throw new Error('mirror vanished');
    const root = makeTmpDir('ecs-wizard-real-tf-');
    // The synth's local backend points three folders up: keep that inside the tmp dir.
    const stack = path.join(root, 'a', 'b', 'c', 'stack');
    mkdirSync(stack, { recursive: true });
    copyFileSync(path.join(SHARED_FIXTURES, 'demo-stack.cdk.tf.json'), path.join(stack, 'cdk.tf.json'));
    // The environment may point TF_CLI_CONFIG_FILE at a file that does not exist;
    // ours replaces it for these runs only.
    const env = await writeMirrorCliConfig(path.join(root, 'cli.tfrc'), mirror);
    const logs = path.join(stack, '.ecs-wizard', 'logs');

    const initEvents: TerraformEvent[] = [];
    const init = await runTerraform({
      binary,
      args: ['init'],
      cwd: stack,
      env,
      logFile: path.join(logs, 'init.jsonl'),
      onEvent: (e) => initEvents.push(e),
    });
    expect(init.errors, JSON.stringify(init.errors)).toEqual([]);
    expect(init).toMatchObject({ exitCode: 0, ok: true });
    expect(initEvents[0]).toMatchObject({ type: 'version', ui: '1.2' });
    expect(initEvents.some((e) => e.type === 'init_output' && e.messageCode === 'output_init_success_message')).toBe(true);

    // No separate `validate`: plan validates the configuration itself, and each
    // extra command costs a start of the 700 MB provider (validate's flags are
    // checked by the fake, which rejects what the real one rejects).
    const planEvents: TerraformEvent[] = [];
    const plan = await runTerraform({
      binary,
      args: ['plan', '-detailed-exitcode', '-out=tfplan'],
      cwd: stack,
      env,
      logFile: path.join(logs, 'plan.jsonl'),
      onEvent: (e) => planEvents.push(e),
    });
    expect(plan.errors, JSON.stringify(plan.errors)).toEqual([]);
    expect(plan).toMatchObject({ exitCode: 2, ok: true, changes: true, interrupted: false });
    expect(planEvents.filter((e) => e.type === 'planned_change').map((e) => e.type === 'planned_change' && e.action)).toEqual(
      Array(6).fill('create'),
    );
    expect(planEvents.find((e) => e.type === 'change_summary')).toMatchObject({ add: 6, change: 0, remove: 0, operation: 'plan' });
    expect(existsSync(path.join(stack, 'tfplan'))).toBe(true);

    const summary = readPlan(await showPlanJson({ binary, cwd: stack, env, planFile: 'tfplan', logFile: path.join(logs, 'show.jsonl') }));
    expect(summary.totals).toMatchObject({ add: 6, change: 0, replace: 0, destroy: 0 });
    expect(summary.components.map((c) => [c.component, c.counts.add])).toEqual([
      ['network', 3],
      ['database', 2],
      ['containers', 1],
    ]);
    expect(guardPlan(summary).ok).toBe(true);
  }, 180_000);
});
