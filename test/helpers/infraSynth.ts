/**
 * Test helpers for src/infra: validated configs for the presets and variants
 * the tests share, and synthesized Terraform JSON parsed into plain objects.
 */
import os from 'node:os';
import path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { parseConfig, presetConfig, type Config, type ConfigInput, type PresetName } from '../../src/config/index.js';
import { Naming, synthesizeToJson } from '../../src/infra/index.js';

export const APP = 'shop';
export const ENV = 'production';
export const naming = new Naming(APP, ENV);

/** Where nothing listens: a plan reaches no AWS and needs no account. */
export const UNREACHABLE_ENDPOINT = 'http://127.0.0.1:9';

type EnvironmentInput = ConfigInput['environments'][string];

/** A validated config of one preset; `edit` may change the raw input first. */
export function presetFixture(
  preset: PresetName,
  edit: (input: ConfigInput, env: EnvironmentInput) => void = () => {},
  region = 'eu-west-1',
): Config {
  const input = presetConfig(preset, { appName: APP, environment: ENV, region, github: { owner: 'acme', repo: 'shop' } });
  edit(input, input.environments[ENV]!);
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`fixture config is invalid: ${JSON.stringify(result.problems)}`);
  return result.config;
}

/**
 * The variants the Terraform tests plan: each preset, and a 3-zone starter in
 * another region with MySQL, an existing connection, configured secrets, a
 * domain with an existing certificate and blue/green releases, so every
 * branch of the stack meets real Terraform at least once (with
 * terraformDomain.test.ts: a created certificate and blue/green copies).
 */
export function terraformVariants(): Record<string, Config> {
  const unreachable = (_: ConfigInput, env: EnvironmentInput) => {
    env.endpoint = UNREACHABLE_ENDPOINT;
  };
  return {
    starter: presetFixture('starter', unreachable),
    production: presetFixture('production', unreachable),
    'starter-3az-mysql': presetFixture(
      'starter',
      (input, env) => {
        unreachable(input, env);
        env.availabilityZones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
        env.database = { ...env.database, engine: 'mysql', engineVersion: '8.0' };
        env.pipeline = { ...env.pipeline!, connectionArn: EXISTING_CONNECTION };
        input.app.secrets = { API_KEY: SSM_SECRET, STRIPE_TOKEN: SECRETS_MANAGER_SECRET };
        input.app.environment = { LOG_LEVEL: 'info' };
        // Its own name over HTTPS with an existing certificate, and releases through CodeDeploy.
        env.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666' };
        env.deployment = { strategy: 'blueGreen', traffic: 'CodeDeployDefault.ECSCanary10Percent5Minutes', testCidrs: ['203.0.113.0/24'] };
      },
      'us-east-1',
    ),
  };
}

export const EXISTING_CONNECTION = 'arn:aws:codestar-connections:us-east-1:123456789012:connection/0a1b2c3d-1111-2222-3333-444455556666';
export const SSM_SECRET = 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/API_KEY';
export const SECRETS_MANAGER_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/stripe-AbCdEf:token::';

/** Synthesized Terraform JSON: `resource.<type>.<name>` and friends. */
export interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, unknown>;
  readonly output?: Record<string, { value: unknown; description?: string }>;
  readonly locals?: Record<string, unknown>;
  readonly variable?: Record<string, { type?: string; default?: unknown; description?: string }>;
  readonly provider?: Record<string, Array<Record<string, unknown>>>;
  readonly terraform?: Record<string, unknown>;
}

/**
 * Synthesizes constructs inside a bare test stack with cdktf's Testing helpers
 * and parses the JSON. One shared outdir: Testing.synthScope would leave a new
 * temporary folder behind on every call.
 */
export function synthConstruct(build: (scope: Construct) => void): TerraformJson {
  const stack = new TerraformStack(Testing.app({ outdir: path.join(os.tmpdir(), 'ecs-wizard-infra-tests') }), 'stack');
  build(stack);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** The whole stack of one environment, as the wizard writes it. */
export function synthStack(config: Config, environment = ENV): TerraformJson {
  const text = synthesizeToJson(config)[environment];
  if (text === undefined) throw new Error(`no stack for ${environment}`);
  return JSON.parse(text) as TerraformJson;
}

/** One resource by type and address name; fails loudly when absent. */
export function resource(json: TerraformJson, type: string, name: string): Record<string, any> {
  const found = json.resource[type]?.[name];
  if (!found) {
    const names = Object.keys(json.resource[type] ?? {}).join(', ') || 'none';
    throw new Error(`no ${type}.${name} in the synthesized JSON (${type} has: ${names})`);
  }
  return found;
}

/** Addresses (`type.name`) of every resource. */
export function addresses(json: TerraformJson): string[] {
  return Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}
