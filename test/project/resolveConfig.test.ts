import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presetConfig } from '../../src/config/presets.js';
import { renderProblem } from '../../src/config/problems.js';
import { parseConfig } from '../../src/config/validate.js';
import { pickEnvironment, resolveConfig, type ConfigRequest } from '../../src/project/resolveConfig.js';

let dir: string;
let configPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecs-wizard-resolve-'));
  configPath = join(dir, 'ecs-wizard.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const withGithub = { appName: 'shop', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop', branch: 'main' } };
const request = (overrides: Partial<ConfigRequest> = {}): ConfigRequest => ({
  configPath,
  sets: [],
  defaults: async () => withGithub,
  ...overrides,
});

const saved = presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });

describe('resolveConfig', () => {
  it('starts a new project from the starter preset with the folder defaults', async () => {
    const result = await resolveConfig(request());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created).toBe(true);
    expect(result.config.app.name).toBe('shop');
    expect(result.config.environments.production?.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
  });

  it('uses the region of a --set for a new project, zones included', async () => {
    const result = await resolveConfig(request({ sets: ['environments.production.region=ap-northeast-1'], preset: 'production' }));
    expect(result.ok && result.config.environments.production?.availabilityZones).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
  });

  it('asks for the repository when there is no GitHub remote: why, and the exact --set lines', async () => {
    const result = await resolveConfig(
      request({ defaults: async () => ({ appName: 'shop', region: 'eu-west-1', noGitHub: 'the git repository has no "origin" remote' }) }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'environments.production.pipeline',
        message:
          'no GitHub repository to deploy from: the git repository has no "origin" remote. Name it with --set environments.production.pipeline.owner=OWNER --set environments.production.pipeline.repo=REPO',
      },
    ]);
  });

  it('asks only for what a --set did not give', async () => {
    const result = await resolveConfig(
      request({ sets: ['environments.staging.pipeline.owner=acme'], environment: 'staging', defaults: async () => ({ appName: 'shop', region: 'eu-west-1' }) }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'environments.staging.pipeline',
        message: 'no GitHub repository to deploy from: no GitHub remote was found. Name it with --set environments.staging.pipeline.repo=REPO',
      },
    ]);
  });

  it('applies --set in order, typed by the schema, over the saved file', async () => {
    await writeFile(configPath, JSON.stringify(saved));
    const result = await resolveConfig(
      request({ sets: ['environments.production.service.maxCount=4', 'environments.production.database.instanceClass=db.t4g.small'] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created).toBe(false);
    expect(result.config.environments.production?.service.maxCount).toBe(4);
    expect(result.config.environments.production?.database.instanceClass).toBe('db.t4g.small');
  });

  it('reports every bad --set at once and names the fix', async () => {
    await writeFile(configPath, JSON.stringify(saved));
    const result = await resolveConfig(request({ sets: ['app.prot=3', 'environments.production.service.maxCount=many', 'oops'] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.problems.map(renderProblem);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`app.prot: unknown key "prot"; keys here: ${Object.keys(saved.app).join(", ")}`);
    expect(lines[1]).toContain('expects a number');
    expect(lines[2]).toContain('path=value');
  });

  it('reports a value the schema refuses together with a --set that does not parse', async () => {
    await writeFile(configPath, JSON.stringify(saved));
    const result = await resolveConfig(request({ sets: ['app.cpu=3', 'environments.production.service.desiredCount=lots'] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.path)).toEqual(['environments.production.service.desiredCount', 'app.cpu']);
  });

  it('reports a malformed file with where it broke', async () => {
    await writeFile(configPath, '{ "version": 1, ');
    const result = await resolveConfig(request());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(renderProblem(result.problems[0]!)).toMatch(/^ecs-wizard\.json: is not valid JSON/);
  });

  it('adds an environment from a preset only when --env names a new one', async () => {
    await writeFile(configPath, JSON.stringify(saved));
    const added = await resolveConfig(request({ preset: 'starter', environment: 'staging' }));
    expect(added.ok && added.environmentAdded).toBe('staging');
    expect(added.ok && Object.keys(added.config.environments)).toEqual(['production', 'staging']);
    // Its own branch and a VPC range that overlaps production's: one push deploys one environment.
    expect(added.ok && added.config.environments.staging!.pipeline.branch).toBe('staging');
    expect(added.ok && added.config.environments.staging!.network.vpcCidr).toBe('10.1.0.0/16');

    const existing = await resolveConfig(request({ preset: 'starter', environment: 'production' }));
    expect(existing.ok).toBe(false);
    const unnamed = await resolveConfig(request({ preset: 'starter' }));
    expect(!unnamed.ok && unnamed.problems[0]?.message).toContain('--env');
  });

  it('gives a new environment the repository of the existing ones when there is no remote', async () => {
    await writeFile(configPath, JSON.stringify(saved));
    let asked = 0;
    const result = await resolveConfig(
      request({
        preset: 'starter',
        environment: 'staging',
        defaults: async () => {
          asked++;
          return { appName: 'other', region: 'eu-west-1' };
        },
      }),
    );
    expect(asked).toBe(1);
    expect(result.ok && result.config.environments.staging?.pipeline).toMatchObject({ owner: 'acme', repo: 'shop' });
  });

  it('does not read the folder defaults (git) for an existing project', async () => {
    await writeFile(configPath, JSON.stringify(saved));
    const result = await resolveConfig(
      request({
        defaults: () => {
          throw new Error('git was read');
        },
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('rejects an unknown preset', async () => {
    const result = await resolveConfig(request({ preset: 'enterprise' }));
    expect(!result.ok && renderProblem(result.problems[0]!)).toContain('choose one of starter, production');
  });
});

describe('pickEnvironment', () => {
  const two = (() => {
    const input = structuredClone(saved);
    input.environments.staging = structuredClone(input.environments.production!);
    input.environments.staging.pipeline = { ...input.environments.staging.pipeline, branch: 'staging' };
    const result = parseConfig(input);
    if (!result.ok) throw new Error('fixture');
    return result.config;
  })();

  it('takes the only environment by default and asks when there are several', () => {
    const one = parseConfig(saved);
    expect(one.ok && pickEnvironment(one.config)).toEqual({ ok: true, name: 'production' });
    const ambiguous = pickEnvironment(two);
    expect(!ambiguous.ok && ambiguous.problem.message).toContain('production, staging');
    const unknown = pickEnvironment(two, 'qa');
    expect(!unknown.ok && unknown.problem.message).toContain('choose one of production, staging');
  });
});
