import { describe, expect, it } from 'vitest';
import { checkVpcSizing, privateSubnetNeed, smallestPrivatePrefix, usableAddresses } from '../../src/config/sizing.js';
import { parseConfig, presetConfig, renderProblem } from '../../src/config/index.js';
import { configWith, problemAt, problemsOf } from './configFixtures.js';

describe('subnet sizing', () => {
  it('counts what a deploy puts in each private subnet', () => {
    // 2 × 10 tasks + migrate = 21 over 3 zones = 7 each, + the database.
    expect(privateSubnetNeed({ zones: 3, maxTasks: 10 }).perSubnet).toBe(8);
    expect(privateSubnetNeed({ zones: 2, maxTasks: 2 }).perSubnet).toBe(4);
    expect(usableAddresses(28)).toBe(11);
    expect(usableAddresses(27)).toBe(27);
    expect(smallestPrivatePrefix({ zones: 2, maxTasks: 100 })).toBe(25); // 102 per subnet: a /25 has 123
  });

  it('refuses a /24 VPC: its /28 subnets cannot hold a load balancer, and names the smallest that works', () => {
    const sizing = checkVpcSizing('10.0.0.0/24', { zones: 2, maxTasks: 2 });
    expect(sizing).toMatchObject({ ok: false, smallestPrefix: 23, example: '10.0.0.0/23' });
    expect(sizing.ok || sizing.reason).toMatch(/\/28 subnets.*load balancer.*\/27.*smallest VPC that works for this config is a \/23/);
  });

  it('accepts a /23 for a small service, asks for more when the tasks do not fit', () => {
    expect(checkVpcSizing('10.0.0.0/23', { zones: 2, maxTasks: 10 })).toEqual({ ok: true });
    // /27 private subnets hold 27; 2 × 30 + 1 over 2 zones = 31 + 1 = 32 per subnet.
    const sizing = checkVpcSizing('10.0.4.0/23', { zones: 2, maxTasks: 30 });
    expect(sizing).toMatchObject({ ok: false, smallestPrefix: 22, example: '10.0.4.0/22' });
    expect(sizing.ok || sizing.reason).toContain('61 tasks during a deploy (2 × 30 + the migrate task) over 2 zones');
  });

  it('is part of validation: the problem is on network.vpcCidr with the example', () => {
    const problems = problemsOf(configWith(({ env }) => (env.network = { vpcCidr: '10.1.2.0/24' })));
    const problem = problemAt(problems, 'environments.production.network.vpcCidr');
    expect(renderProblem(problem)).toMatch(/smallest VPC that works for this config is a \/23, e\.g\. "10\.1\.2\.0\/23"/);
  });

  it('follows the config: more tasks need a bigger VPC', () => {
    const input = presetConfig('production', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
    const env = input.environments.production as Record<string, any>;
    env.network.vpcCidr = '10.0.0.0/22';
    expect(parseConfig(input).ok).toBe(true);
    env.service.maxCount = 200;
    const result = parseConfig(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problems.map(renderProblem).join('\n')).toMatch(/smallest VPC that works for this config is a \/20/);
  });

  it('checks explicit subnets one by one: public ones need /27, private ones their share', () => {
    const problems = problemsOf(
      configWith(({ env }) => {
        env.network = { vpcCidr: '10.0.0.0/16', publicSubnets: ['10.0.0.0/28', '10.0.1.0/24'], privateSubnets: ['10.0.8.0/28', '10.0.9.0/24'] };
        env.service = { maxCount: 10 };
      }),
    );
    expect(problemAt(problems, 'environments.production.network.publicSubnets.0').message).toMatch(/too small for the load balancer.*give a \/27 or larger/);
    // 21 tasks over 2 zones = 11 + 1 = 12; a /28 has 11 usable.
    expect(problemAt(problems, 'environments.production.network.privateSubnets.0').message).toMatch(/has 11 usable addresses.*give a \/27 or larger/);
    expect(problems.map((problem) => problem.path)).not.toContain('environments.production.network.publicSubnets.1');
  });
});
