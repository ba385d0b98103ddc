/**
 * `ecs-wizard doctor` through the built CLI, on a machine made for the test:
 * a HOME with AWS profiles in ~/.aws files, a PATH holding only what the test
 * puts there (the fake terraform, node, git), a provider mirror configured in
 * the CLI config, so doctor never needs the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, makeProject, runCli } from '../helpers/cli.js';
import { FAKE_TERRAFORM, makeTmpDir } from '../helpers/fakeTerraformHarness.js';

let machine: { home: string; bin: string; cliConfig: string };

beforeAll(async () => {
  await ensureBuilt();
  await makeProject();
  const root = makeTmpDir('ecs-wizard-doctor-');
  const home = path.join(root, 'home');
  const bin = path.join(root, 'bin');
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  mkdirSync(bin);
  writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fake\n');
  writeFileSync(path.join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n\n[profile staging]\nregion = eu-west-1\n');
  symlinkSync(FAKE_TERRAFORM, path.join(bin, 'terraform'));
  symlinkSync(process.execPath, path.join(bin, 'node'));
  const git = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  if (git) symlinkSync(git, path.join(bin, 'git'));
  const cliConfig = path.join(root, 'mirror.tfrc');
  writeFileSync(cliConfig, 'provider_installation {\n  filesystem_mirror {\n    path = "/opt/tf-plugins"\n  }\n}\n');
  machine = { home, bin, cliConfig };
});

// The AWS files are the made-up machine's (its HOME), not cleanEnv's none.
const doctorEnv = (extra: Record<string, string> = {}) =>
  cleanEnv({
    HOME: machine.home,
    PATH: machine.bin,
    TF_CLI_CONFIG_FILE: machine.cliConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_CONFIG_FILE: undefined,
    ...extra,
  });

describe('doctor', () => {
  it('all good: terraform on PATH, the mirror, a profile from the AWS files, the GitHub remote; exit 0', async () => {
    const project = await makeProject();
    execFileSync('git', ['init', '-q'], { cwd: project });
    execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/shop.git'], { cwd: project });
    const run = await runCli(['doctor'], { cwd: project, env: doctorEnv({ AWS_PROFILE: 'staging' }) });

    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`✔ Terraform: terraform 1.11.4 at ${path.join(machine.bin, 'terraform')}`);
    expect(lines).toContain(`✔ AWS provider: installed from the mirror configured in ${machine.cliConfig}`);
    expect(lines).toContain('✔ AWS credentials (production): profile "staging" is defined in the AWS files');
    expect(lines).toContain('✔ Git remote: origin is github.com/acme/shop');
    expect(lines[0]).toBe(`✔ ${path.join(project, 'ecs-wizard.json')}: production`);
  });

  it('a profile that is not in the AWS files, no remote: says what to fix; exit 1', async () => {
    const project = await makeProject();
    const run = await runCli(['doctor'], { cwd: project, env: doctorEnv({ AWS_PROFILE: 'prod-admin' }) });

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('✖ AWS credentials (production): profile "prod-admin" is not defined in ~/.aws/credentials or ~/.aws/config\n');
    expect(run.stdout).toContain('    fix: create it with "aws configure --profile prod-admin" (or "aws configure sso")\n');
    expect(run.stdout).toContain('⚠ Git remote: no "origin" remote');
  });

  it('the default profile is enough when nothing else is set', async () => {
    const project = await makeProject();
    const run = await runCli(['doctor'], { cwd: project, env: doctorEnv() });
    expect(run.stdout).toContain('✔ AWS credentials (production): the default profile is defined in the AWS files');
  });

  it('no terraform on PATH: fails saying what to install', async () => {
    const project = await makeProject();
    const emptyBin = makeTmpDir('ecs-wizard-empty-bin-');
    const run = await runCli(['doctor'], { cwd: project, env: doctorEnv({ PATH: emptyBin }) });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^✖ Terraform: .*--terraform PATH/m);
  });
});
