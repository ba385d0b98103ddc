import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsProfiles, checkCredentials, checkGitRemote, checkProviderSource, type DoctorContext } from '../../src/headless/doctorChecks.js';
import { currentPlatform } from '../../src/terraform/mirror.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

function context(extra: Partial<DoctorContext> = {}): DoctorContext {
  const home = makeTmpDir('ecs-wizard-doctor-home-');
  return { env: {}, home, registryReachable: async () => false, ...extra };
}

describe('checkProviderSource', () => {
  it('offline with a mirror on disk but not configured: fails with the config to write', async () => {
    const mirror = makeTmpDir('ecs-wizard-mirror-');
    const dir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', currentPlatform());
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'terraform-provider-aws_v5.100.0_x5'), '');
    const result = await checkProviderSource(context({ env: { ECS_WIZARD_TF_MIRROR: mirror } }));
    expect(result.status).toBe('fail');
    expect(result.detail).toContain(mirror);
    expect(result.fix).toContain('TF_CLI_CONFIG_FILE');
  });

  it('a reachable registry is enough, and the check never calls it when a mirror is configured', async () => {
    expect((await checkProviderSource(context({ registryReachable: async () => true }))).status).toBe('ok');
    const c = context({ registryReachable: async () => Promise.reject(new Error('must not be called')) });
    writeFileSync(path.join(c.home, '.terraformrc'), 'provider_installation {\n  network_mirror {\n    url = "https://mirror.example/"\n  }\n}\n');
    expect(await checkProviderSource(c)).toMatchObject({ status: 'ok', detail: expect.stringContaining('.terraformrc') });
  });
});

describe('checkCredentials', () => {
  it('reads profile names from both AWS files, "profile x" or not', async () => {
    const c = context();
    mkdirSync(path.join(c.home, '.aws'));
    writeFileSync(path.join(c.home, '.aws', 'credentials'), '[default]\nx=1\n[ci]\n');
    writeFileSync(path.join(c.home, '.aws', 'config'), '[profile staging]\n[ sso-dev ]\n');
    expect([...(await awsProfiles({}, c.home))].sort()).toEqual(['ci', 'default', 'sso-dev', 'staging']);
  });

  it('environment credentials, web identity, and an endpoint override all count; nothing at all fails with a fix', async () => {
    const keys = await checkCredentials(context({ env: { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' } }));
    expect(keys[0]).toMatchObject({ status: 'ok', detail: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set' });
    const oidc = await checkCredentials(context({ env: { AWS_ROLE_ARN: 'arn', AWS_WEB_IDENTITY_TOKEN_FILE: '/t' } }));
    expect(oidc[0]!.status).toBe('ok');
    const none = await checkCredentials(context());
    expect(none[0]).toMatchObject({ name: 'AWS credentials ((no ecs-wizard.json yet))', status: 'fail' });
    expect(none[0]!.fix).toContain('aws configure');
  });
});

describe('checkGitRemote', () => {
  it('warns when there is no origin or it is not GitHub; ok for a GitHub origin', () => {
    expect(checkGitRemote(context()).status).toBe('warn');
    expect(checkGitRemote(context({ gitRemote: 'https://gitlab.com/acme/shop.git' }))).toMatchObject({ status: 'warn' });
    expect(checkGitRemote(context({ gitRemote: 'https://github.com/acme/shop.git' }))).toMatchObject({ status: 'ok', detail: 'origin is github.com/acme/shop' });
  });
});
