/**
 * A domain over HTTPS and blue/green are real too: the stacks they produce
 * go through `terraform init` (provider mirror), `validate` and `plan` with
 * every endpoint pointed where nothing listens, and each plan through the
 * security check (only the load balancer open to the world, on 80 and 443).
 *
 * terraform.test.ts plans each preset without a domain, rolling, and a
 * starter variant with an existing certificate and blue/green releases.
 * Here: a created certificate (rolling), and an environment with blue/green
 * copies as its shared layer and a copy, each fed the values the engine
 * writes from the other's state. The other combinations (blue/green without
 * a domain among them) are in environmentStack.domain.test.ts, built from the
 * same constructs: each plan here costs some 30 s of CPU.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Config } from '../../src/config/index.js';
import { COPY_VALUE_SOURCES, COPY_VALUES_FILE, parseCopyVariable, SHARED_VALUES_FILE } from '../../src/infra/contract.js';
import { synthesizeApp } from '../../src/infra/index.js';
import { addresses, ENV, presetFixture, UNREACHABLE_ENDPOINT, type TerraformJson } from '../helpers/infraSynth.js';
import { locateTerraform, passedStep, runRealSteps, type RealSteps, type RunResult, type TerraformKit } from '../helpers/infraTerraform.js';
import { securityFindings, type PlanJson } from '../helpers/securityFindings.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-terraform-domain-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const located = await locateTerraform(root);
if (!located.ok) console.warn(`\n*** SKIPPED: real Terraform tests (test/infra/terraformDomain.test.ts): ${located.reason} ***\n`);

const DOMAIN = 'shop.example.com';
const ZONE = 'Z0123456789ABCDEFGHIJ';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const TIMEOUT = 300_000;

const config = (preset: 'starter' | 'production', edit: (env: any) => void): Config =>
  presetFixture(preset, (_, env) => {
    env.endpoint = UNREACHABLE_ENDPOINT;
    edit(env);
  });

interface Variant {
  readonly config: Config;
  /** The stack to plan: the environment's, or one of its copies. */
  readonly stack: string;
  readonly https: boolean;
  readonly blueGreen: boolean;
}

const withDomain = (certificateArn?: string) => ({ name: DOMAIN, hostedZoneId: ZONE, ...(certificateArn ? { certificateArn } : {}) });
const copies = config('production', (env) => {
  env.domain = withDomain();
  env.deployment = { strategy: 'blueGreen', testCidrs: ['203.0.113.0/24'] };
  env.copies = { live: 'blue', next: 'green', nextWeight: 10 };
});
const variants: Record<string, Variant> = {
  'production, new certificate, rolling': {
    config: config('production', (env) => {
      env.domain = withDomain();
    }),
    stack: ENV,
    https: true,
    blueGreen: false,
  },
  'production with copies: the shared layer': { config: copies, stack: ENV, https: true, blueGreen: true },
  'production with copies: copy green': { config: copies, stack: `${ENV}.green`, https: true, blueGreen: true },
};

/** What a real state would give: values of the right form for each variable the engine fills. */
function sampleValue(name: string, type: string | undefined): unknown {
  const copy = parseCopyVariable(name);
  const key = copy?.output ?? name;
  const suffix = copy ? `-${copy.copy}` : '';
  const account = '123456789012';
  const samples: Record<string, unknown> = {
    vpc_id: 'vpc-0123456789abcdef0',
    public_subnet_ids: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
    private_subnet_ids: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb2'],
    database_security_group_id: 'sg-0ddddddddddddddd1',
    database_address: 'shop-production-db.abcdefghij.eu-west-1.rds.amazonaws.com',
    database_master_secret_arn: `arn:aws:secretsmanager:eu-west-1:${account}:secret:rds!db-0a1b2c3d-AbCdEf`,
    database_app_secret_arn: `arn:aws:secretsmanager:eu-west-1:${account}:secret:shop-production-db-app-AbCdEf`,
    repository_url: `${account}.dkr.ecr.eu-west-1.amazonaws.com/shop-production-app`,
    repository_arn: `arn:aws:ecr:eu-west-1:${account}:repository/shop-production-app`,
    certificate_arn: CERT,
    alb_dns_name: `shop-production${suffix}-alb-123456789.eu-west-1.elb.amazonaws.com`,
    alb_zone_id: 'Z32O12XQLNTSW2',
    cluster_name: `shop-production${suffix}-cluster`,
    cluster_arn: `arn:aws:ecs:eu-west-1:${account}:cluster/shop-production${suffix}-cluster`,
    service_name: `shop-production${suffix}-web-bg`,
    service_arn: `arn:aws:ecs:eu-west-1:${account}:service/shop-production${suffix}-cluster/shop-production${suffix}-web-bg`,
    execution_role_arn: `arn:aws:iam::${account}:role/shop-production${suffix}-execution`,
    task_role_arn: `arn:aws:iam::${account}:role/shop-production${suffix}-task`,
    tasks_security_group_id: 'sg-0ttttttttttttttt1',
    migrate_task_definition_family: `shop-production${suffix}-migrate`,
    migrate_task_definition_family_arn: `arn:aws:ecs:eu-west-1:${account}:task-definition/shop-production${suffix}-migrate`,
    web_task_definition_family: `shop-production${suffix}-web`,
    scalable_target_arn: `arn:aws:application-autoscaling:eu-west-1:${account}:scalable-target/0123456789abcdef0123456789abcdef0123${suffix}`,
    image_tag_parameter_name: `/shop-production${suffix}/image-tag`,
    image_tag_parameter_arn: `arn:aws:ssm:eu-west-1:${account}:parameter/shop-production${suffix}/image-tag`,
    codedeploy_app_name: `shop-production${suffix}-deploy`,
    codedeploy_app_arn: `arn:aws:codedeploy:eu-west-1:${account}:application:shop-production${suffix}-deploy`,
    codedeploy_group_name: `shop-production${suffix}-web`,
    codedeploy_group_arn: `arn:aws:codedeploy:eu-west-1:${account}:deploymentgroup:shop-production${suffix}-deploy/shop-production${suffix}-web`,
  };
  const value = samples[key];
  if (value === undefined) throw new Error(`no sample for variable ${name}: add one (and a state source if it is a copy's)`);
  if (copy && !(key in COPY_VALUE_SOURCES)) throw new Error(`copy variable ${name} has no state source in COPY_VALUE_SOURCES`);
  expect(Array.isArray(value) ? 'list(string)' : 'string').toBe(type);
  return value;
}

interface Run {
  readonly synthesized: TerraformJson;
  readonly steps: RealSteps;
}

async function runVariant(kit: TerraformKit, name: string, variant: Variant): Promise<Run> {
  const outdir = path.join(root, name.replace(/\W+/g, '-'), 'cdktf.out');
  const stack = synthesizeApp(variant.config, { outdir }).stacks.find((entry) => entry.stack === variant.stack)!;
  const synthesized = JSON.parse(readFileSync(stack.file, 'utf8')) as TerraformJson;
  // The files the engine writes from the other stacks' states before each plan.
  const variables = Object.entries(synthesized.variable ?? {}).filter(([, declared]) => declared.default === undefined);
  if (variables.length > 0) {
    const file = variant.stack === ENV ? COPY_VALUES_FILE : SHARED_VALUES_FILE;
    writeFileSync(path.join(stack.directory, file), JSON.stringify(Object.fromEntries(variables.map(([key, declared]) => [key, sampleValue(key, declared.type)]))));
  }
  const steps = await runRealSteps(kit, stack.directory);
  return { synthesized, steps };
}

const passed = (run: Run, step: keyof RealSteps): RunResult => passedStep(run.steps, step);

describe.skipIf(!located.ok)('real Terraform: a domain and blue/green', () => {
  const kit = (located as { ok: true; kit: TerraformKit }).kit;
  const runs = new Map<string, Promise<Run>>();
  beforeAll(() => {
    for (const [name, variant] of Object.entries(variants)) runs.set(name, runVariant(kit, name, variant));
  });

  describe.each(Object.keys(variants))('%s', (name) => {
    const variant = variants[name]!;
    const run = () => runs.get(name)!;

    test('validates with no errors and no warnings', async () => {
      const report = JSON.parse(passed(await run(), 'validate').stdout) as { valid: boolean; error_count: number; warning_count: number };
      expect(report).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    }, TIMEOUT);

    test('plans every resource for creation, offline', async () => {
      const current = await run();
      const plan = passed(current, 'plan');
      expect(plan.stdout + plan.stderr).not.toMatch(/Warning:/);
      const json = JSON.parse(passed(current, 'show').stdout) as PlanJson & Record<string, any>;
      expect(json['errored']).toBe(false);
      const changes = (json.resource_changes ?? []) as Array<{ address: string; change: { actions: string[]; after: Record<string, any> } }>;
      expect(changes.filter((change) => change.address.startsWith('data.'))).toEqual([]);
      expect(changes.map((change) => change.address).sort()).toEqual(addresses(current.synthesized).sort());
      expect(new Set(changes.map((change) => change.change.actions.join(',')))).toEqual(new Set(['create']));
      const after = (address: string) => changes.find((change) => change.address === address)?.change.after;
      if (variant.stack === ENV && variant.config.environments[ENV]!.copies) {
        // The shared layer: weighted records of both copies at their load balancers.
        expect(after('aws_route53_record.alias_a')).toMatchObject({ set_identifier: 'blue', weighted_routing_policy: [{ weight: 90 }], alias: [{ name: sampleValue('copy_blue_alb_dns_name', 'string'), evaluate_target_health: true }] });
        expect(after('aws_route53_record.alias_aaaa_green')).toMatchObject({ type: 'AAAA', set_identifier: 'green', weighted_routing_policy: [{ weight: 10 }] });
        expect(after('aws_lb.alb')).toBeUndefined();
        return;
      }
      expect(after('aws_lb.alb')).toMatchObject({ ip_address_type: variant.https ? 'dualstack' : 'ipv4', drop_invalid_header_fields: true });
      if (variant.https) {
        expect(after('aws_lb_listener.https')).toMatchObject({ port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
        expect(after('aws_lb_listener.http')).toMatchObject({ default_action: [{ type: 'redirect', redirect: [{ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }] }] });
      }
      if (variant.blueGreen) {
        expect(after('aws_ecs_service.web')).toMatchObject({ deployment_controller: [{ type: 'CODE_DEPLOY' }] });
        expect(after('aws_lb_listener.test')).toMatchObject({ port: variant.https ? 8443 : 8080 });
        expect(after('aws_codedeploy_deployment_group.deploy_group')).toMatchObject({
          deployment_style: [{ deployment_option: 'WITH_TRAFFIC_CONTROL', deployment_type: 'BLUE_GREEN' }],
          auto_rollback_configuration: [{ enabled: true }],
        });
      }
    }, TIMEOUT);

    test('the security check: only the load balancer open to the world, on 80 and 443', async () => {
      const plan = JSON.parse(passed(await run(), 'show').stdout) as PlanJson & Record<string, any>;
      expect(securityFindings(plan)).toEqual([]);
      // The check is not vacuous here: the world-open rules it passed are the load balancer's, on 80/443.
      const open = (plan.resource_changes ?? [])
        .filter((change) => change.type === 'aws_vpc_security_group_ingress_rule')
        .map((change) => change.change.after!)
        .filter((rule) => rule['cidr_ipv4'] === '0.0.0.0/0' || rule['cidr_ipv6'] === '::/0')
        .map((rule) => Number(rule['from_port']));
      const isShared = variant.stack === ENV && variant.config.environments[ENV]!.copies;
      expect(open.sort((a, b) => a - b)).toEqual(isShared ? [] : variant.https ? [80, 80, 443, 443] : [80]);
    }, TIMEOUT);
  });
});
