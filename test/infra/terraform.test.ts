/**
 * The generated stack is real: for each preset and a 3-zone variant, the
 * synthesized JSON goes through `terraform init` (provider from the local
 * mirror), `validate`, and `plan` with every AWS endpoint pointed at
 * 127.0.0.1:9, where nothing listens, so no account or network is needed.
 * Each plan is then checked for security findings.
 *
 * No shared plugin cache: from an unpacked filesystem mirror Terraform links
 * the provider instead of copying it, so each init takes about a second.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { synthesizeApp, type SynthesizedStack } from '../../src/infra/index.js';
import { addresses, ENV, terraformVariants, UNREACHABLE_ENDPOINT, type TerraformJson } from '../helpers/infraSynth.js';
import { locateTerraform, passedStep, runRealSteps, type RealSteps, type RunResult, type TerraformKit } from '../helpers/infraTerraform.js';
import { securityFindings, STARTER_TRADE_OFFS, type PlanJson } from '../helpers/securityFindings.js';
import type { Config } from '../../src/config/index.js';

/** The hardening a variant's config leaves off on purpose (the starter preset's cheaper choices). */
function tradeOffsOf(config: Config): string[] {
  const env = config.environments[ENV]!;
  return [
    ...(env.network.flowLogs ? [] : ['vpc-flow-logs']),
    ...(env.loadBalancer.accessLogs ? [] : ['lb-access-logs']),
    ...(env.loadBalancer.deletionProtection ? [] : ['lb-deletion-protection']),
    ...(config.app.readonlyRootFilesystem ? [] : ['readonly-root-filesystem']),
  ].sort();
}

const root = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-terraform-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const located = await locateTerraform(root);
if (!located.ok) console.warn(`\n*** SKIPPED: real Terraform tests (test/infra/terraform.test.ts): ${located.reason} ***\n`);

const variants = terraformVariants();
const TIMEOUT = 240_000;

interface VariantRun {
  readonly stack: SynthesizedStack;
  readonly synthesized: TerraformJson;
  readonly steps: RealSteps;
}

/**
 * Runs one variant start to finish (synth, init, validate, plan, show) and
 * keeps every result for the tests to judge. All variants start together:
 * each Terraform command spends seconds loading the 700 MB provider and its
 * schema, and side by side the runs keep every core busy.
 */
async function runVariant(kit: TerraformKit, variant: string): Promise<VariantRun> {
  const [stack] = synthesizeApp(variants[variant]!, { outdir: path.join(root, variant, 'cdktf.out') }).stacks as [SynthesizedStack];
  const synthesized = JSON.parse(readFileSync(stack.file, 'utf8')) as TerraformJson;
  const steps = await runRealSteps(kit, stack.directory);
  return { stack, synthesized, steps };
}

/** A step's result, failing the test with Terraform's own words when it did not succeed. */
const passed = (run: VariantRun, step: keyof RealSteps): RunResult => passedStep(run.steps, step);

describe.skipIf(!located.ok)('real Terraform', () => {
  const kit = (located as { ok: true; kit: TerraformKit }).kit;
  const runs = new Map<string, Promise<VariantRun>>();
  beforeAll(() => {
    for (const variant of Object.keys(variants)) runs.set(variant, runVariant(kit, variant));
  });

  describe.each(Object.keys(variants))('%s', (variant) => {
    const run = () => runs.get(variant)!;

    test('initialises from the provider mirror', async () => {
      const config = variants[variant]!;
      expect(config.environments[ENV]!.endpoint).toBe(UNREACHABLE_ENDPOINT);
      expect(passed(await run(), 'init').stdout).toContain('hashicorp/aws v5.100.0');
    }, TIMEOUT);

    test('validates with no errors and no warnings', async () => {
      const report = JSON.parse(passed(await run(), 'validate').stdout) as { valid: boolean; error_count: number; warning_count: number };
      expect(report).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    }, TIMEOUT);

    test('plans every resource for creation with the endpoint override and no account', async () => {
      const current = await run();
      const plan = passed(current, 'plan');
      expect(plan.stdout + plan.stderr).not.toMatch(/Warning:/);
      const json = JSON.parse(passed(current, 'show').stdout) as PlanJson & Record<string, any>;
      const { synthesized } = current;
      expect(json['errored']).toBe(false);
      const changes = json.resource_changes ?? [];
      expect(changes.filter((change) => change.address.startsWith('data.'))).toEqual([]);
      expect(changes.map((change) => change.address).sort()).toEqual(addresses(synthesized).sort());
      expect(new Set(changes.map((change) => change.change.actions.join(',')))).toEqual(new Set(['create']));
      expect(Object.keys(json['output_changes'] ?? {}).sort()).toEqual(Object.keys(synthesized.output ?? {}).sort());
      // A few planned values, as Terraform itself read them from our JSON.
      const after = (address: string) => changes.find((change) => change.address === address)?.change.after ?? {};
      expect(after('aws_db_instance.database')).toMatchObject({
        storage_encrypted: true,
        publicly_accessible: false,
        deletion_protection: synthesized.variable?.['database_deletion_protection']?.default,
      });
      expect(after('aws_ecs_service.web')).toMatchObject({ launch_type: 'FARGATE', deployment_minimum_healthy_percent: 100 });
      expect(after('aws_lb.alb')).toMatchObject({ drop_invalid_header_fields: true, internal: false });
      // A first apply has no image yet: no task, and autoscaling may not start one.
      expect(after('aws_ssm_parameter.image_tag')).toMatchObject({ insecure_value: 'no-image-yet', type: 'String' });
      expect(after('aws_ecs_service.web')).toMatchObject({ desired_count: 0 });
      expect(after('aws_appautoscaling_target.autoscaling_target')).toMatchObject({ min_capacity: 0 });
      // Database changes apply when ecs-wizard says "Applied", not in a later window.
      expect(after('aws_db_instance.database')).toMatchObject({ apply_immediately: true, allow_major_version_upgrade: true });
    }, TIMEOUT);

    test('has no security findings but the trade-offs its preset states', async () => {
      const plan = JSON.parse(passed(await run(), 'show').stdout) as PlanJson;
      const expected = tradeOffsOf(variants[variant]!);
      const findings = securityFindings(plan);
      expect(findings.filter((finding) => !expected.includes(finding.check))).toEqual([]);
      expect([...new Set(findings.map((finding) => finding.check))].sort()).toEqual(expected);
      // Only the starter preset takes them, and only those the README lists.
      expect(expected.every((check) => (STARTER_TRADE_OFFS as readonly string[]).includes(check))).toBe(true);
      if (variant === 'production') expect(expected).toEqual([]);
      if (variant === 'starter') expect(expected).toEqual([...STARTER_TRADE_OFFS].sort());
    }, TIMEOUT);
  });
});
