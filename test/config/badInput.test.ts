/**
 * One test per class of bad input the issue lists: each ends in problems
 * that name the path, the bad value and a valid example (or the choices).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText, renderProblem } from '../../src/config/index.js';
import { configWith, expectActionable, minimalConfig, problemAt, problemsOf } from './configFixtures.js';

describe('bad input, one class at a time', () => {
  it('unknown key: suggests the closest known key at that level', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.enviroment = {};
        c.app.contanerPort = 8080;
        c.env.regoin = 'eu-west-1';
        c.env.database = { instanceClas: 'db.t4g.small' };
        c.backend = { type: 's3', bucket: 'acme-state', region: 'eu-west-1', bukcet: 'x' };
      }),
    );
    expect(problemAt(problems, 'enviroment').message).toBe('unknown key "enviroment"; did you mean "environments"?');
    expect(problemAt(problems, 'app.contanerPort').message).toContain('did you mean "containerPort"?');
    expect(problemAt(problems, 'environments.production.regoin').message).toContain('did you mean "region"?');
    expect(problemAt(problems, 'environments.production.database.instanceClas').message).toContain('did you mean "instanceClass"?');
    expect(problemAt(problems, 'backend.bukcet').message).toContain('did you mean "bucket"?');
    problems.forEach(expectActionable);
  });

  it('unknown key with nothing close: lists the keys that exist there', () => {
    const problems = problemsOf(configWith((c) => (c.env.service = { replicas: 3 })));
    const problem = problemAt(problems, 'environments.production.service.replicas');
    expect(problem.message).toMatch(/^unknown key "replicas"; keys here: desiredCount, minCount, maxCount, /);
    expectActionable(problem);
  });

  it('wrong type: names the value found and an example of the right type', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.app.containerPort = '8080';
        c.env.database = { multiAz: 'yes' };
        c.env.availabilityZones = 'eu-west-1a';
      }),
    );
    const port = problemAt(problems, 'app.containerPort');
    expect(port.value).toBe('8080');
    expect(port.message).toContain('whole number from 1 to 65535');
    expect(port.example).toBe(3000);
    const multiAz = problemAt(problems, 'environments.production.database.multiAz');
    expect(renderProblem(multiAz)).toBe('environments.production.database.multiAz: must be true or false, not text (found "yes"; e.g. false)');
    expect(problemAt(problems, 'environments.production.availabilityZones').value).toBe('eu-west-1a');
    problems.forEach(expectActionable);
  });

  it('an availability zone of another region: lists the zones of the chosen region', () => {
    const problems = problemsOf(configWith((c) => (c.env.availabilityZones = ['eu-west-1a', 'us-east-1b'])));
    const problem = problemAt(problems, 'environments.production.availabilityZones.1');
    expect(problem.value).toBe('us-east-1b');
    expect(problem.message).toBe('us-east-1b is not a zone of eu-west-1; zones there: eu-west-1a, eu-west-1b, eu-west-1c');
    expectActionable(problem);
  });

  it('overlapping explicit subnets: names both CIDRs and suggests the computed one', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.env.network = { vpcCidr: '10.0.0.0/16', publicSubnets: ['10.0.0.0/20', '10.0.16.0/20'], privateSubnets: ['10.0.8.0/21', '10.0.144.0/20'] };
      }),
    );
    const problem = problemAt(problems, 'environments.production.network.privateSubnets.0');
    expect(problem.value).toBe('10.0.8.0/21');
    expect(problem.message).toBe('10.0.8.0/21 overlaps 10.0.0.0/20; subnets must not overlap; e.g. "10.0.128.0/20"');
    expect(problems).toHaveLength(1);
    expectActionable(problem);
  });

  it('an explicit subnet overlapping the computed subnets of the other kind', () => {
    const problems = problemsOf(configWith((c) => (c.env.network = { publicSubnets: ['10.0.0.0/20', '10.0.128.0/20'] })));
    const problem = problemAt(problems, 'environments.production.network.publicSubnets.1');
    expect(problem.message).toContain('overlaps the computed private subnet 10.0.128.0/20');
    expectActionable(problem);
  });

  it('a subnet outside the VPC', () => {
    const problems = problemsOf(
      configWith((c) => (c.env.network = { vpcCidr: '10.1.0.0/16', publicSubnets: ['10.1.0.0/20', '10.2.16.0/20'] })),
    );
    const problem = problemAt(problems, 'environments.production.network.publicSubnets.1');
    expect(problem.message).toBe('10.2.16.0/20 is outside the VPC 10.1.0.0/16; e.g. "10.1.16.0/20"');
    expectActionable(problem);
  });

  it('an invalid Fargate CPU/memory pair: lists the memory sizes that fit the CPU', () => {
    const problems = problemsOf(configWith((c) => Object.assign(c.app, { cpu: 256, memory: 4096 })));
    const problem = problemAt(problems, 'app.memory');
    expect(problem.value).toBe(4096);
    expect(problem.message).toBe('4096 MiB is not a Fargate size for cpu 256; valid: 512, 1024, 2048');
    expectActionable(problem);
  });

  it('an invalid Fargate CPU value: lists the CPU values', () => {
    const problem = problemAt(problemsOf(configWith((c) => (c.app.cpu = 300))), 'app.cpu');
    expect(problem.message).toContain('256, 512, 1024, 2048, 4096, 8192, 16384');
    expectActionable(problem);
  });

  it('malformed JSON: one problem for the whole file, saying where it broke', () => {
    const result = parseConfigText('{ "version": 1, "app": { "name": "shop", } }');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem!.path).toBe('');
    expect(problem!.message).toMatch(/^is not valid JSON: .*(position|column|line)/i);
    expect(renderProblem(problem!)).toMatch(/^ecs-wizard\.json: is not valid JSON/);
  });

  it('a file that is JSON but not an object is blamed as a whole', () => {
    for (const text of ['[]', '"config"', 'null', '42']) {
      const result = parseConfigText(text);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems).toEqual([{ path: '', message: expect.stringContaining('must hold a JSON object, e.g. {"version": 2') }]);
    }
  });

  it('a newer version: says which version this release reads and how to upgrade', () => {
    const problems = problemsOf({ ...minimalConfig(), version: 3 });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('version');
    expect(problems[0]!.message).toMatch(/version 3, written by a newer ecs-wizard; this one reads up to version 2/);
    expect(problems[0]!.message).toContain('npx ecs-wizard@latest');
  });

  it('a version that is not a whole number', () => {
    for (const version of ['1', 1.5, -1, null]) {
      const problems = problemsOf({ ...minimalConfig(), version });
      expect(problems).toEqual([{ path: 'version', message: `version must be a whole number such as 2 (found ${JSON.stringify(version)})` }]);
    }
  });

  it('missing required fields: "is required", with an example where one is a plain value', () => {
    const problems = problemsOf(
      configWith((c) => {
        delete c.app.name;
        delete c.env.region;
        delete c.env.availabilityZones;
        delete c.env.pipeline.owner;
      }),
    );
    expect(problemAt(problems, 'app.name')).toEqual({ path: 'app.name', message: 'is required', example: 'shop' });
    expect(problemAt(problems, 'environments.production.region')).toEqual({
      path: 'environments.production.region',
      message: 'is required',
      example: 'eu-west-1',
    });
    expect(problemAt(problems, 'environments.production.pipeline.owner').example).toBe('acme');
    expect(problemAt(problems, 'environments.production.availabilityZones').message).toBe('is required');
  });

  it('missing top-level sections', () => {
    const problems = problemsOf({ version: 1 });
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`).sort()).toEqual(['app: is required', 'environments: is required']);
    const none = problemsOf({ ...minimalConfig(), environments: {} });
    expect(problemAt(none, 'environments').message).toBe('define at least one environment, e.g. "production"');
  });

  it('a secret-named plain environment variable, at app and environment level, without echoing its value', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.app.environment = { LOG_LEVEL: 'info', DB_PASSWORD: 'hunter2' };
        c.env.variables = { STRIPE_API_KEY: 'sk_live_123', github_token: 'ghp_abc' };
      }),
    );
    const paths = ['app.environment.DB_PASSWORD', 'environments.production.variables.STRIPE_API_KEY', 'environments.production.variables.github_token'];
    for (const path of paths) {
      const problem = problemAt(problems, path);
      expect(problem.message).toMatch(/looks like a secret and would be stored in plain text.*move it to "secrets" with an SSM parameter or Secrets Manager ARN/);
      expect(problem.value).toBeUndefined();
    }
    expect(problems).toHaveLength(3);
    const rendered = problems.map(renderProblem).join('\n');
    for (const secret of ['hunter2', 'sk_live_123', 'ghp_abc']) expect(rendered).not.toContain(secret);
  });

  it('minCount above maxCount', () => {
    const problems = problemsOf(configWith((c) => (c.env.service = { minCount: 5, maxCount: 3, desiredCount: 4 })));
    const problem = problemAt(problems, 'environments.production.service.minCount');
    expect(problem.value).toBe(5);
    expect(problem.message).toBe('minCount 5 is above maxCount 3; e.g. 3');
    expect(problems).toHaveLength(1);
    expectActionable(problem);
  });

  it('desiredCount outside minCount..maxCount', () => {
    const problem = problemAt(problemsOf(configWith((c) => (c.env.service = { minCount: 2, maxCount: 4, desiredCount: 5 }))), 'environments.production.service.desiredCount');
    expect(problem.message).toBe('desiredCount 5 is outside minCount..maxCount (2..4); e.g. 2');
    expectActionable(problem);
  });

  it('scale-down threshold at or above the scale-up threshold', () => {
    for (const [up, down] of [
      [70, 70],
      [50, 55],
    ] as const) {
      const problems = problemsOf(configWith((c) => (c.env.service = { scaleUpCpuThreshold: up, scaleDownCpuThreshold: down })));
      const problem = problemAt(problems, 'environments.production.service.scaleDownCpuThreshold');
      expect(problem.message).toContain(`scaleDownCpuThreshold ${down} must be below scaleUpCpuThreshold ${up}`);
      // The example must itself be valid beside the user's scale-up threshold.
      const example = Number(/e\.g\. (\d+)/.exec(problem.message)?.[1]);
      expect(example).toBeLessThan(up);
      expect(problem.example).toBeUndefined();
      expectActionable(problem);
    }
    // The default scale-down (40) against a lowered scale-up threshold.
    const problems = problemsOf(configWith((c) => (c.env.service = { scaleUpCpuThreshold: 40 })));
    expect(problemAt(problems, 'environments.production.service.scaleDownCpuThreshold').message).toContain('40 must be below scaleUpCpuThreshold 40');
  });

  it('a database storage ceiling below the storage', () => {
    const problems = problemsOf(configWith((c) => (c.env.database = { allocatedStorage: 100, maxAllocatedStorage: 60 })));
    const problem = problemAt(problems, 'environments.production.database.maxAllocatedStorage');
    expect(problem.value).toBe(60);
    expect(problem.message).toMatch(/^maxAllocatedStorage 60 is below allocatedStorage 100; e\.g\. (\d+)$/);
    expect(Number(/e\.g\. (\d+)/.exec(problem.message)![1])).toBeGreaterThanOrEqual(100);
    expectActionable(problem);
  });

  it('an engine version the engine does not offer', () => {
    const postgres = problemsOf(configWith((c) => (c.env.database = { engine: 'postgres', engineVersion: '8.0' })));
    expect(problemAt(postgres, 'environments.production.database.engineVersion').message).toBe('postgres 8.0 is not offered; choose one of 17, 16, 15');
    const mysql = problemsOf(configWith((c) => (c.env.database = { engine: 'mysql', engineVersion: '5.7' })));
    const problem = problemAt(mysql, 'environments.production.database.engineVersion');
    expect(problem.message).toBe('mysql 5.7 is not offered; choose one of 8.4, 8.0');
    expect(problem.value).toBe('5.7');
    expectActionable(problem);
  });

  it('a secret that is not an SSM parameter or Secrets Manager ARN, without echoing what may be the secret', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.app.secrets = { DATABASE_URL: 'postgres://app:hunter2@db/app' };
        c.env.secrets = { API_KEY: 'arn:aws:s3:::bucket/key' };
      }),
    );
    for (const path of ['app.secrets.DATABASE_URL', 'environments.production.secrets.API_KEY']) {
      const problem = problemAt(problems, path);
      expect(problem.message).toBe(
        'a secret is an SSM parameter or Secrets Manager ARN, e.g. "arn:aws:ssm:eu-west-1:123456789012:parameter/myapp/API_KEY"',
      );
      expect(problem.value).toBeUndefined();
    }
    expect(problems.map(renderProblem).join('\n')).not.toContain('hunter2');
  });

  it('a bad name for an environment or a variable: the key is the value, with the name rule', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.environments.Staging = structuredClone(c.env);
        c.environments['production-eu'] = structuredClone(c.env);
        c.app.environment = { 'log-level': 'info' };
      }),
    );
    const staging = problemAt(problems, 'environments.Staging');
    expect(staging.value).toBe('Staging');
    expect(staging.message).toContain('an environment name uses lower-case letters, digits and dashes');
    expect(staging.message).toContain('e.g. "production"');
    expect(problemAt(problems, 'environments.production-eu').message).toContain('at most 10 characters');
    expect(problemAt(problems, 'app.environment.log-level')).toEqual({
      path: 'app.environment.log-level',
      message: 'an environment variable name uses letters, digits and _, e.g. "LOG_LEVEL"',
      value: 'log-level',
    });
    problems.forEach(expectActionable);
  });
});

describe('one parse reports every independent problem', () => {
  it('reports wrong types, cross-field problems and unknown keys together', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.colour = 'blue';
        c.app.name = 'Shop';
        c.app.memory = 4096; // with the default cpu 256
        c.app.environment = { 'bad-name': 'x', SESSION_SECRET: 's3cr3t' };
        c.env.containerInsights = 'yes'; // a wrong type in the same object as the cross-field checks
        c.env.availabilityZones = ['eu-west-1a', 'ap-northeast-1c'];
        c.env.network = { vpcCidr: '10.0.0.0/16', publicSubnets: ['10.0.0.0/20', '10.0.0.0/20'] };
        c.env.service = { minCount: 3, scaleDownCpuThreshold: 90 };
        c.env.database = { allocatedStorage: 200, maxAllocatedStorage: 100, engineVersion: '9' };
        c.backend = { type: 'gcs' };
      }),
    );
    const paths = problems.map((problem) => problem.path).sort();
    expect(paths).toEqual(
      [
        'colour',
        'app.name',
        'app.memory',
        'app.environment.bad-name',
        'app.environment.SESSION_SECRET',
        'environments.production.containerInsights',
        'environments.production.availabilityZones.1',
        'environments.production.network.publicSubnets.1',
        'environments.production.service.minCount',
        'environments.production.service.scaleDownCpuThreshold',
        'environments.production.database.maxAllocatedStorage',
        'environments.production.database.engineVersion',
        'backend.type',
      ].sort(),
    );
    problems.forEach(expectActionable);
  });

  it('reports each environment separately', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.environments.staging = {
          ...structuredClone(c.env),
          region: 'us-east-1',
          availabilityZones: ['us-east-1a', 'eu-west-1a'],
          pipeline: { ...c.env.pipeline, branch: 'staging' },
        };
        c.env.service = { minCount: 4 };
      }),
    );
    expect(problems.map((problem) => problem.path).sort()).toEqual([
      'environments.production.service.minCount',
      'environments.staging.availabilityZones.1',
    ]);
  });

  it('a valid file has no problems', () => {
    expect(parseConfig(minimalConfig()).ok).toBe(true);
  });

  it('a tag key starting with "aws:" (any case) is refused: AWS reserves it', () => {
    const problems = problemsOf(configWith((c) => (c.env.tags = { 'aws:cloudformation:stack': 'x', 'AWS:team': 'a', team: 'aws:x' })));
    expect(problemAt(problems, 'environments.production.tags.aws:cloudformation:stack').message).toBe(
      'tag keys starting with "aws:" are reserved by AWS, which refuses them; e.g. "cloudformation:stack"',
    );
    expect(problemAt(problems, 'environments.production.tags.AWS:team').message).toContain('reserved by AWS');
    expect(problemAt(problems, 'environments.production.tags.team').message).toBe('tag values starting with "aws:" are reserved by AWS, which refuses them');
  });

  it('a tag that ecs-wizard sets on every resource (app, environment, managed-by) is refused, not overridden unsaid', () => {
    const problems = problemsOf(configWith((c) => (c.env.tags = { app: 'billing', environment: 'prod', 'managed-by': 'me', team: 'payments' })));
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      ['environments.production.tags.app', 'environments.production.tags.environment', 'environments.production.tags.managed-by'].sort(),
    );
    const app = problemAt(problems, 'environments.production.tags.app');
    expect(app.message).toBe('"app" is set by ecs-wizard on every resource and would override yours; choose another key, e.g. "team" or "cost-center"');
    problems.forEach(expectActionable);
  });

  it('a name that is both a plain variable and a secret is refused where the second one is given', () => {
    const arn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/API_URL';
    const problems = problemsOf(
      configWith((c) => {
        c.app.environment = { API_URL: 'https://x', LOG_LEVEL: 'info' };
        c.app.secrets = { LOG_LEVEL: arn };
        c.env.variables = { FEATURE: 'on' };
        c.env.secrets = { API_URL: arn, FEATURE: arn };
      }),
    );
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      ['app.secrets.LOG_LEVEL', 'environments.production.secrets.API_URL', 'environments.production.variables.FEATURE'].sort(),
    );
    expect(problemAt(problems, 'environments.production.variables.FEATURE').message).toBe(
      '"FEATURE" is also in environments.production.secrets; a variable is plain or secret, not both: remove one',
    );
    expect(problemAt(problems, 'environments.production.secrets.API_URL').message).toContain('"API_URL" is also in app.environment');
  });
});
