import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { engineOptions } from '../../src/app/engine.js';
import { COMMANDS } from '../../src/commands.js';
import { parseConfig, presetConfig } from '../../src/config/index.js';
import type { Config } from '../../src/config/schema.js';
import { CliError, toCliError } from '../../src/errors.js';
import { saveConfigFile } from '../../src/project/configFile.js';
import { removeEnvironment } from '../../src/project/removeEnvironment.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

const binary = { path: '/usr/bin/terraform', version: '1.11.4', flavour: 'terraform' } as never;

/** production and staging, with the given backend; both stacks "synthesized". */
async function twoEnvironments(backend?: Config['backend']): Promise<{ dir: string; configPath: string; config: Config }> {
  const input = presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } }) as Record<string, any>;
  const staging = structuredClone(input.environments.production);
  staging.network.vpcCidr = '10.1.0.0/16';
  staging.pipeline.branch = 'staging';
  input.environments.staging = staging;
  if (backend) input.backend = backend;
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const dir = makeTmpDir('ecs-wizard-remove-');
  const configPath = path.join(dir, 'ecs-wizard.json');
  await saveConfigFile(configPath, parsed.config);
  for (const env of ['production', 'staging']) mkdirSync(path.join(dir, 'cdktf.out', 'stacks', env), { recursive: true });
  return { dir, configPath, config: parsed.config };
}

function removeStep(project: { dir: string; configPath: string; config: Config }) {
  const options = engineOptions(
    { dir: project.dir, configPath: project.configPath, resolved: { ok: true, config: project.config, created: false } },
    'staging',
    'destroy',
    binary,
    parseCli(['env', 'remove', '--env', 'staging'], COMMANDS),
    process.stderr,
  );
  return options.removeAfterDestroy!;
}

describe('env remove: dropping a destroyed environment', () => {
  it('names where the state is kept: the local file, or the S3 object of an S3 backend', async () => {
    const local = await twoEnvironments();
    expect(await removeStep(local)()).toMatch(/; its state file \.ecs-wizard\/state\/staging\.tfstate is kept\.$/);
    const s3 = await twoEnvironments({ type: 's3', bucket: 'acme-terraform-state', key: 'shop', region: 'eu-west-1' });
    const said = await removeStep(s3)();
    expect(said).toBe(`Removed staging from ${path.relative(process.cwd(), s3.configPath)} and cdktf.out/stacks/staging; its state object s3://acme-terraform-state/shop/staging.tfstate is kept.`);
    expect(said).not.toContain('.ecs-wizard/state');
    expect(Object.keys(JSON.parse(readFileSync(s3.configPath, 'utf8')).environments)).toEqual(['production']);
    expect(existsSync(path.join(s3.dir, 'cdktf.out', 'stacks', 'staging'))).toBe(false);
    expect(existsSync(path.join(s3.dir, 'cdktf.out', 'stacks', 'production'))).toBe(true);
  });

  it('a file that no longer reads is a CliError (exit 2) naming the file and what to remove by hand, never "internal error"', async () => {
    const project = await twoEnvironments();
    writeFileSync(project.configPath, '{ "version": 1, ');
    const error = await removeStep(project)().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    const reported = toCliError(error);
    expect(reported.exitCode).toBe(2);
    expect(reported.message).not.toMatch(/internal error/);
    expect(reported.message).toBe(
      `${project.configPath} no longer reads as a valid config, so environments.staging is destroyed; remove it from ${project.configPath} by hand (and the folder cdktf.out/stacks/staging).`,
    );
    expect(reported.details.problems?.length).toBeGreaterThan(0);
    // A deleted file, the same way.
    const gone = await twoEnvironments();
    const { rmSync } = await import('node:fs');
    rmSync(gone.configPath);
    const missing = toCliError(await removeEnvironment(gone.dir, gone.configPath, 'staging').catch((e: unknown) => e));
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toMatch(/is gone: environments\.staging is destroyed; remove it from .* by hand/);
  });

  it('an environment already gone from the file: its stack is removed, and the message says so', async () => {
    const project = await twoEnvironments();
    const { staging: _dropped, ...rest } = project.config.environments;
    await saveConfigFile(project.configPath, { ...project.config, environments: rest });
    const removal = await removeEnvironment(project.dir, project.configPath, 'staging');
    expect(removal).toMatchObject({ alreadyGone: true, removedStack: 'cdktf.out/stacks/staging' });
    expect(existsSync(path.join(project.dir, 'cdktf.out', 'stacks', 'staging'))).toBe(false);
  });
});
