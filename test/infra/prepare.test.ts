/**
 * EnvironmentStack.prepareStack leaves out cdktf's preparing resolve for the
 * elements it built: that pass only finds references to another stack's
 * resources, and ours make none. These hold it to cdktf's own prepareStack,
 * byte for byte, for every shape of config (presets, every branch, several
 * environments, blue/green copies with and without a domain), and show that an
 * element a user adds afterwards still gets cdktf's cross-stack wiring.
 */
import os from 'node:os';
import path from 'node:path';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.js';
import { EnvironmentStack, addEnvironmentStacks } from '../../src/infra/index.js';
import { ENV, presetFixture, terraformVariants } from '../helpers/infraSynth.js';

type Prepare = 'ecs-wizard' | 'cdktf';

function newApp(): App {
  return Testing.app({ outdir: path.join(os.tmpdir(), 'ecs-wizard-infra-tests') });
}

/** Each stack's JSON after preparing the stacks as App.synth does: ours, or with cdktf's own prepareStack. */
function prepared(app: App, prepare: Prepare): Record<string, string> {
  const stacks = app.node.findAll().filter((construct): construct is TerraformStack => TerraformStack.isStack(construct));
  for (const stack of stacks) {
    if (prepare === 'cdktf') TerraformStack.prototype.prepareStack.call(stack);
    else stack.prepareStack();
  }
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.stringify(stack.toTerraform(), null, 2)]));
}

function synthBothWays(config: Config): { ours: Record<string, string>; cdktf: Record<string, string> } {
  const build = () => {
    const app = newApp();
    addEnvironmentStacks(app, config);
    return app;
  };
  return { ours: prepared(build(), 'ecs-wizard'), cdktf: prepared(build(), 'cdktf') };
}

const withCopies = (copies: { live: 'blue' | 'green'; next?: 'blue' | 'green'; nextWeight?: number }, domain: boolean) =>
  presetFixture('production', (_, env) => {
    if (domain) env.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
    env.deployment = { strategy: 'blueGreen' };
    env.copies = copies;
  });

const SHAPES: Record<string, () => Config> = {
  starter: () => presetFixture('starter'),
  production: () => presetFixture('production'),
  // MySQL, an existing connection, secrets, a domain with its own certificate, CodeDeploy releases.
  'every branch': () => terraformVariants()['starter-3az-mysql']!,
  'two environments': () =>
    presetFixture('production', (input, env) => {
      input.environments['staging'] = { ...structuredClone(env), region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'], pipeline: { ...env.pipeline!, branch: 'staging' } };
    }),
  'blue/green, adopted (blue only)': () => withCopies({ live: 'blue' }, false),
  'blue/green, both copies, with a domain': () => withCopies({ live: 'blue', next: 'green', nextWeight: 10 }, true),
};

describe('EnvironmentStack.prepareStack', () => {
  for (const [shape, config] of Object.entries(SHAPES)) {
    it(`writes what cdktf's own prepareStack writes: ${shape}`, () => {
      const { ours, cdktf } = synthBothWays(config());
      expect(Object.keys(ours).length).toBeGreaterThan(0);
      expect(ours).toEqual(cdktf);
    });
  }

  it("wires a reference to another environment's stack that a user adds afterwards, as cdktf does", () => {
    const build = () => {
      const app = newApp();
      const config = presetFixture('production', (input, env) => {
        input.environments['staging'] = { ...structuredClone(env), pipeline: { ...env.pipeline!, branch: 'staging' } };
      });
      const [production, staging] = addEnvironmentStacks(app, config) as [EnvironmentStack, EnvironmentStack];
      const parameter = new SsmParameter(staging, 'flag', { name: '/shop/flag', type: 'String', value: 'on' });
      new TerraformOutput(production, 'staging_flag_arn', { value: parameter.arn });
      return app;
    };
    const withOurs = prepared(build(), 'ecs-wizard');
    expect(withOurs).toEqual(prepared(build(), 'cdktf'));
    expect((JSON.parse(withOurs[ENV]!) as { output: Record<string, { value: string }> }).output['staging_flag_arn']!.value).toMatch(/^\$\{data\.terraform_remote_state\./);
  });

  it("wires a user's own stack's value set on one of our resources, as cdktf does", () => {
    const build = () => {
      const app = newApp();
      const [ours] = addEnvironmentStacks(app, presetFixture('production')) as [EnvironmentStack];
      const theirs = new TerraformStack(app, 'extras');
      const parameter = new SsmParameter(theirs, 'flag', { name: '/shop/flag', type: 'String', value: 'on' });
      const repository = ours.node.findAll().find((construct) => construct instanceof EcrRepository) as EcrRepository;
      repository.tags = { flag: parameter.arn };
      return app;
    };
    const withOurs = prepared(build(), 'ecs-wizard');
    expect(withOurs).toEqual(prepared(build(), 'cdktf'));
    expect(withOurs[ENV]).toMatch(/"flag": "\$\{data\.terraform_remote_state\./);
  });

  it('wires a reference to another stack that a user adds afterwards, as cdktf does', () => {
    const build = () => {
      const app = newApp();
      const [ours] = addEnvironmentStacks(app, presetFixture('production')) as [EnvironmentStack];
      const theirs = new TerraformStack(app, 'extras');
      const parameter = new SsmParameter(theirs, 'flag', { name: '/shop/flag', type: 'String', value: 'on' });
      new TerraformOutput(ours, 'flag_arn', { value: parameter.arn });
      return app;
    };
    const withOurs = prepared(build(), 'ecs-wizard');
    expect(withOurs).toEqual(prepared(build(), 'cdktf'));
    // The output reads the other stack's state, which exports the value.
    const stack = JSON.parse(withOurs[ENV]!) as { output: Record<string, { value: string }>; data?: Record<string, unknown> };
    expect(stack.output['flag_arn']!.value).toMatch(/^\$\{data\.terraform_remote_state\..+\.outputs\..+\}$/);
    expect(Object.keys(stack.data ?? {})).toEqual(['terraform_remote_state']);
    expect(Object.keys((JSON.parse(withOurs['extras']!) as { output: object }).output)).toHaveLength(1);
  });
});
