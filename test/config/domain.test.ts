import { describe, expect, it } from 'vitest';
import {
  domainNameProblem,
  hostedZoneIdProblem,
  parseConfig,
  TRAFFIC_CONFIG_NAMES,
  type Config,
} from '../../src/config/index.js';
import { parseAssignment } from '../../src/config/setValue.js';
import { configWith, expectActionable, problemAt, problemsOf } from './configFixtures.js';

const P = 'environments.production';
const parsed = (input: unknown): Config => {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
};
const domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };

describe('environments.<env>.domain', () => {
  it('is optional: without it the environment serves plain HTTP', () => {
    expect(parsed(configWith(() => {})).environments.production!.domain).toBeUndefined();
  });

  it('takes a name and a hosted zone, and optionally an existing certificate of the region', () => {
    const config = parsed(
      configWith(({ env }) => {
        env.domain = { ...domain, certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666' };
      }),
    );
    expect(config.environments.production!.domain).toEqual({
      ...domain,
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
    });
  });

  it.each([
    ['Shop.Example.com', /lower case, e\.g\. "shop\.example\.com"/],
    ['https://shop.example.com', /without "https:\/\/"/],
    ['shop.example.com.', /no final dot, e\.g\. "shop\.example\.com"/],
    ['*.example.com', /wildcard/],
    ['localhost', /needs a dot/],
    ['shop..example.com', /empty label/],
    ['-shop.example.com', /"-shop" is not a DNS label/],
    ['shop_api.example.com', /"shop_api" is not a DNS label/],
    ['10.0.0.1', /ends in a number/],
    [`${'a'.repeat(60)}.example.com`, /at most 64 characters/],
  ])('refuses the name %s, saying why and what would do', (name, message) => {
    const problem = problemAt(problemsOf(configWith(({ env }) => void (env.domain = { ...domain, name }))), `${P}.domain.name`);
    expect(problem.message).toMatch(message);
    expectActionable(problem);
  });

  it.each([
    ['/hostedzone/Z0123456789ABCDEFGHIJ', /leave out "\/hostedzone\/", e\.g\. "Z0123456789ABCDEFGHIJ"/],
    ['z0123456789abcdef', /capitals, e\.g\. "Z0123456789ABCDEF"/],
    ['Z12', /5 to 32 capital letters and digits/],
    ['Z0123-4567', /5 to 32 capital letters and digits/],
    ['', /names the Route 53 zone/],
  ])('refuses the hosted zone ID %j', (hostedZoneId, message) => {
    const problem = problemAt(problemsOf(configWith(({ env }) => void (env.domain = { ...domain, hostedZoneId }))), `${P}.domain.hostedZoneId`);
    expect(problem.message).toMatch(message);
  });

  it('refuses a certificate of another region: a load balancer only uses its own region\'s', () => {
    const problem = problemAt(
      problemsOf(
        configWith(({ env }) => {
          env.domain = { ...domain, certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666' };
        }),
      ),
      `${P}.domain.certificateArn`,
    );
    expect(problem.message).toMatch(/in us-east-1, the load balancer in eu-west-1/);
  });

  it('refuses a certificate ARN that is not one', () => {
    const problem = problemAt(
      problemsOf(configWith(({ env }) => void (env.domain = { ...domain, certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' }))),
      `${P}.domain.certificateArn`,
    );
    expect(problem.message).toMatch(/ACM ARN like/);
  });

  it('names a missing zone and an unknown key', () => {
    const paths = problemsOf(configWith(({ env }) => void (env.domain = { name: 'shop.example.com', zone: 'Z1' }))).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([`${P}.domain.hostedZoneId`, `${P}.domain.zone`]));
  });

  it('the pure checks accept ordinary names and IDs', () => {
    for (const name of ['shop.example.com', 'a.co', 'xn--bcher-kva.example', 'api-2.eu.shop.example.org']) expect(domainNameProblem(name)).toBeUndefined();
    for (const id of ['Z0123456789ABCDEFGHIJ', 'Z2FDTNDATAQYW2', 'ZONE1', 'XWAOY4U9NDLC208U2HXWFX']) expect(hostedZoneIdProblem(id)).toBeUndefined();
  });

  it('--set types each field', () => {
    for (const [path, value] of [
      [`${P}.domain.name`, 'shop.example.com'],
      [`${P}.domain.hostedZoneId`, 'Z0123456789ABCDEFGHIJ'],
      [`${P}.domain.certificateArn`, 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666'],
    ] as const) {
      const result = parseAssignment(`${path}=${value}`);
      expect(result).toEqual({ ok: true, assignment: { path: path.split('.'), value } });
    }
  });
});

describe('environments.<env>.deployment', () => {
  it('defaults to rolling deploys, all at once, old tasks kept 5 minutes, test listener closed', () => {
    expect(parsed(configWith(() => {})).environments.production!.deployment).toEqual({
      strategy: 'rolling',
      traffic: 'CodeDeployDefault.ECSAllAtOnce',
      keepOldMinutes: 5,
      testCidrs: [],
    });
  });

  it('takes blueGreen with each CodeDeploy ECS configuration', () => {
    for (const traffic of TRAFFIC_CONFIG_NAMES) {
      const config = parsed(configWith(({ env }) => void (env.deployment = { strategy: 'blueGreen', traffic, keepOldMinutes: 60, testCidrs: ['203.0.113.0/24'] })));
      expect(config.environments.production!.deployment).toMatchObject({ strategy: 'blueGreen', traffic });
    }
  });

  it('refuses an unknown strategy and traffic shift with the choices', () => {
    const problems = problemsOf(configWith(({ env }) => void (env.deployment = { strategy: 'canary', traffic: 'fast' })));
    expect(problemAt(problems, `${P}.deployment.strategy`).message).toMatch(/"rolling".*"blueGreen"/);
    expect(problemAt(problems, `${P}.deployment.traffic`).message).toMatch(/CodeDeployDefault\.ECSAllAtOnce/);
  });

  it('keeps the old tasks at most two days, CodeDeploy\'s limit', () => {
    expect(problemAt(problemsOf(configWith(({ env }) => void (env.deployment = { keepOldMinutes: 2881 }))), `${P}.deployment.keepOldMinutes`).message).toMatch(/at most 2880/);
  });

  it('never opens the test listener to the world, and reads each CIDR', () => {
    const problems = problemsOf(configWith(({ env }) => void (env.deployment = { testCidrs: ['0.0.0.0/0', '10.0.0.1/24', 'office'] })));
    expect(problemAt(problems, `${P}.deployment.testCidrs.0`).message).toMatch(/whole internet/);
    expect(problemAt(problems, `${P}.deployment.testCidrs.1`).message).toMatch(/not a network address/);
    expect(problemAt(problems, `${P}.deployment.testCidrs.2`).message).toMatch(/a\.b\.c\.d\/n/);
  });

  it('--set takes a strategy and a list of test CIDRs', () => {
    expect(parseAssignment(`${P}.deployment.strategy=blueGreen`)).toMatchObject({ ok: true, assignment: { value: 'blueGreen' } });
    expect(parseAssignment(`${P}.deployment.testCidrs=203.0.113.0/24,198.51.100.7/32`)).toMatchObject({
      ok: true,
      assignment: { value: ['203.0.113.0/24', '198.51.100.7/32'] },
    });
    expect(parseAssignment(`${P}.deployment.keepOldMinutes=30`)).toMatchObject({ ok: true, assignment: { value: 30 } });
  });
});

describe('environments.<env>.copies (written by ecs-wizard bluegreen)', () => {
  it('records the live copy, the next one and its weight', () => {
    const config = parsed(
      configWith(({ env }) => {
        env.domain = domain;
        env.copies = { live: 'blue', next: 'green', nextWeight: 10 };
      }),
    );
    expect(config.environments.production!.copies).toEqual({ live: 'blue', next: 'green', nextWeight: 10 });
  });

  it('refuses a next copy without a domain, the same copy twice, a weight without a next copy', () => {
    expect(problemAt(problemsOf(configWith(({ env }) => void (env.copies = { live: 'blue', next: 'green' }))), `${P}.copies.next`).message).toMatch(/needs a domain/);
    const problems = problemsOf(
      configWith(({ env }) => {
        env.domain = domain;
        env.copies = { live: 'green', next: 'green' };
      }),
    );
    expect(problemAt(problems, `${P}.copies.next`).message).toMatch(/differ from the live one/);
    expect(problemAt(problemsOf(configWith(({ env }) => void (env.copies = { live: 'blue', nextWeight: 5 }))), `${P}.copies.nextWeight`).message).toMatch(/bluegreen start/);
    expect(problemAt(problemsOf(configWith(({ env }) => void (env.copies = { live: 'red' }))), `${P}.copies.live`).message).toMatch(/"blue" or "green"/);
  });
});
