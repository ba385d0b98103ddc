/**
 * The estimate prices what the stack really creates. Over the synthesized
 * stacks of every preset and variant: every resource type is either priced
 * or listed as free (add a new type to PRICED_TYPES or FREE_TYPES in
 * src/cost/facts.ts), and the facts the wizard predicts from the config alone
 * equal the facts read from the synthesized resources (extend
 * factsFromConfig when a new resource costs money).
 */
import { describe, expect, it } from 'vitest';
import { FREE_TYPES, PRICED_TYPES, factsFromConfig, factsFromResources } from '../../src/cost/facts.js';
import { stackResources, stackResourceTypes } from '../../src/cost/resources.js';
import { ENV, presetFixture, synthStack, terraformVariants } from '../helpers/infraSynth.js';

const variants = {
  ...terraformVariants(),
  'starter-perAz-multiAz-30s': presetFixture('starter', (input, env) => {
    env.network = { ...env.network, natGateways: 'perAz' };
    env.database = { ...env.database, multiAz: true };
    env.service = { ...env.service, periodSeconds: 30, minCount: 3, maxCount: 7, desiredCount: 3 };
    env.containerInsights = true;
    input.app.cpu = 1024;
    input.app.memory = 3072;
  }),
  // A domain with a new certificate (its records in the user's zone) and blue/green releases (CodeDeploy, its alarms).
  'production-domain-blueGreen-10s': presetFixture('production', (_, env) => {
    env.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
    env.deployment = { strategy: 'blueGreen' };
    env.service = { ...env.service, periodSeconds: 10 };
  }),
};
const stacks = Object.entries(variants).map(([name, config]) => ({ name, config, json: synthStack(config) as unknown as Record<string, unknown> }));

describe('every resource type the stack creates is priced or listed as free', () => {
  it.each(stacks.map((stack) => [stack.name, stack] as const))('%s', (_, { json }) => {
    const unaccounted = stackResourceTypes(json).filter((type) => !(type in PRICED_TYPES) && !(type in FREE_TYPES));
    expect(unaccounted, 'add these to PRICED_TYPES (and the estimate) or FREE_TYPES (with the reason) in src/cost/facts.ts').toEqual([]);
  });

  it('no type is both priced and free', () => {
    expect(Object.keys(PRICED_TYPES).filter((type) => type in FREE_TYPES)).toEqual([]);
  });
});

describe('the facts predicted from the config are the facts of the synthesized stack', () => {
  it.each(stacks.map((stack) => [stack.name, stack] as const))('%s', (_, { config, json }) => {
    expect(factsFromConfig(config, ENV)).toEqual(factsFromResources(stackResources(json)));
  });
});
