import { describe, expect, it } from 'vitest';
import { closest, configSchema, formatPath, parseConfig, problemsFromZod, renderProblem, type Problem } from '../../src/config/index.js';
import { configWith, expectActionable, problemAt, problemsOf } from './configFixtures.js';

describe('formatPath and renderProblem', () => {
  it('dots the path', () => {
    expect(formatPath(['environments', 'production', 'availabilityZones', 1])).toBe('environments.production.availabilityZones.1');
    expect(formatPath([])).toBe('');
  });

  it('one line: path, message, then what was found and an example', () => {
    expect(renderProblem({ path: 'app.containerPort', message: 'must be at most 65535', value: 70000, example: 3000 })).toBe(
      'app.containerPort: must be at most 65535 (found 70000; e.g. 3000)',
    );
    expect(renderProblem({ path: 'app.name', message: 'is required', example: 'shop' })).toBe('app.name: is required (e.g. "shop")');
    expect(renderProblem({ path: 'app.cpu', message: 'bad', value: '256' })).toBe('app.cpu: bad (found "256")');
    expect(renderProblem({ path: 'x', message: 'plain' })).toBe('x: plain');
    expect(renderProblem({ path: '', message: 'is not valid JSON' })).toBe('ecs-wizard.json: is not valid JSON');
  });
});

describe('closest (did you mean)', () => {
  const keys = ['region', 'availabilityZones', 'network', 'database', 'service', 'pipeline'];
  it('finds a near miss, ignoring case', () => {
    expect(closest('regoin', keys)).toBe('region');
    expect(closest('Database', keys)).toBe('database');
    expect(closest('availabilityZone', keys)).toBe('availabilityZones');
    expect(closest('availabiltyzonez', keys)).toBe('availabilityZones');
  });
  it('suggests nothing when nothing is close', () => {
    expect(closest('colour', keys)).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});

describe('problemsFromZod', () => {
  it('one problem per unknown key, even when zod groups them', () => {
    const input = configWith((c) => Object.assign(c.app, { nmae: 'x', colour: 'blue' }));
    const result = configSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.filter((issue) => issue.code === 'unrecognized_keys')).toHaveLength(1);
    const problems = problemsFromZod(result.error, input);
    expect(problems.map((problem) => problem.path)).toEqual(['app.nmae', 'app.colour']);
    expect(problemAt(problems, 'app.nmae').message).toBe('unknown key "nmae"; did you mean "name"?');
    expect(problemAt(problems, 'app.colour').message).toMatch(/^unknown key "colour"; keys here: name, containerPort, healthCheckPath, cpu, memory/);
  });

  it('takes the example from a valid config, whatever the environment is called', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.environments.staging = { ...structuredClone(c.env), logRetentionDays: 8 };
      }),
    );
    expect(problemAt(problems, 'environments.staging.logRetentionDays')).toMatchObject({ value: 8, example: 14 });
  });

  it('gives no generic example when the message already shows what is valid', () => {
    const problems = problemsOf(configWith((c) => Object.assign(c.app, { memory: 4096 })));
    expect(problemAt(problems, 'app.memory').example).toBeUndefined();
  });

  it('a wrong type is one problem, with an example of the right shape', () => {
    const problems = problemsOf(
      configWith((c) => {
        c.env.availabilityZones = 'eu-west-1a,eu-west-1b'; // long enough to also fail "at most 6" in zod
        c.app.migrateCommand = 'npm run migrate';
      }),
    );
    expect(problems).toHaveLength(2);
    expect(problemAt(problems, 'environments.production.availabilityZones').example).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(problemAt(problems, 'app.migrateCommand')).toMatchObject({ value: 'npm run migrate', example: ['npm', 'run', 'migrate'] });
  });

  it('a list that is too short gets no example of another region', () => {
    const problems = problemsOf(configWith((c) => Object.assign(c.env, { region: 'us-east-2', availabilityZones: ['us-east-2a'] })));
    const problem = problemAt(problems, 'environments.production.availabilityZones');
    expect(problem.example).toBeUndefined();
    expect(problem.message).toMatch(/at least 2 availability zones/);
  });

  it('gives no example equal to the bad value', () => {
    // minCount 3 against the default maxCount 2: the reference's minCount (1) is fine, and differs from 3.
    const problems = problemsOf(configWith((c) => (c.env.service = { minCount: 3 })));
    const problem = problemAt(problems, 'environments.production.service.minCount');
    expect(problem.example).not.toEqual(problem.value);
  });
});

describe('every problem is actionable: path, bad value, and a valid example or the choices', () => {
  const broken: Record<string, unknown> = {
    'unknown key': configWith((c) => (c.env.regoin = 'x')),
    'wrong type (number)': configWith((c) => (c.app.keepImages = '30')),
    'wrong type (boolean)': configWith((c) => (c.env.containerInsights = 1)),
    'wrong type (list)': configWith((c) => (c.app.migrateCommand = 'npm run migrate')),
    'out of range': configWith((c) => (c.app.containerPort = 70000)),
    'bad enum': configWith((c) => (c.env.database = { engine: 'sqlserver' })),
    'bad class': configWith((c) => (c.env.database = { instanceClass: 'db.t2.micro' })),
    'zone of another region': configWith((c) => (c.env.availabilityZones = ['eu-west-1a', 'eu-west-2a'])),
    'zone twice': configWith((c) => (c.env.availabilityZones = ['eu-west-1a', 'eu-west-1a'])),
    'unknown region': configWith((c) => (c.env.region = 'mars-north-1')),
    'bad VPC': configWith((c) => (c.env.network = { vpcCidr: '10.0.0.0/8' })),
    'overlap': configWith((c) => (c.env.network = { publicSubnets: ['10.0.0.0/20', '10.0.0.0/21'] })),
    'outside VPC': configWith((c) => (c.env.network = { privateSubnets: ['10.0.128.0/20', '10.9.0.0/20'] })),
    'too small subnet': configWith((c) => (c.env.network = { privateSubnets: ['10.0.128.0/20', '10.0.144.0/29'] })),
    'Fargate pair': configWith((c) => Object.assign(c.app, { cpu: 4096, memory: 4096 })),
    'Fargate cpu': configWith((c) => (c.app.cpu = 100)),
    'min > max': configWith((c) => (c.env.service = { minCount: 4, maxCount: 2 })),
    'desired outside': configWith((c) => (c.env.service = { desiredCount: 9 })),
    'thresholds': configWith((c) => (c.env.service = { scaleUpCpuThreshold: 40, scaleDownCpuThreshold: 45 })),
    'storage ceiling': configWith((c) => (c.env.database = { allocatedStorage: 300, maxAllocatedStorage: 200 })),
    'engine version': configWith((c) => (c.env.database = { engineVersion: '12' })),
    'secret ARN': configWith((c) => (c.env.secrets = { TOKEN: 'plaintext' })),
    'secret-named variable': configWith((c) => (c.env.variables = { AUTH_TOKEN: 'abc' })),
    'bad variable name': configWith((c) => (c.env.variables = { '1X': 'abc' })),
    'bad environment name': configWith((c) => (c.environments = { PROD: c.env })),
    'missing value': configWith((c) => delete c.env.pipeline.repo),
    'bad backend': configWith((c) => (c.backend = { type: 's3', bucket: 'x', region: 'eu-west-1' })),
    'bad period': configWith((c) => (c.env.service = { periodSeconds: 90 })),
    'bad log retention': configWith((c) => (c.env.logRetentionDays = 100)),
    'bad endpoint': configWith((c) => (c.env.endpoint = 'not a url')),
    'bad owner': configWith((c) => (c.env.pipeline.owner = '-acme')),
    'no environments': configWith((c) => (c.environments = {})),
    'newer version': configWith((c) => (c.version = 3)),
  };

  it.each(Object.entries(broken))('%s', (_name, input) => {
    const result = parseConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) {
      expect(renderProblem(problem)).not.toContain('\n');
      expect(problem.message).not.toMatch(/^Invalid (input|key in record)$/); // zod's generic words alone say nothing
      if (problem.path !== 'version') expectActionable(problem as Problem);
    }
  });
});
