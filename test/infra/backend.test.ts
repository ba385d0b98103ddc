import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { localStatePath, StateBackend, type StateBackendProps } from '../../src/infra/index.js';
import { synthConstruct } from '../helpers/infraSynth.js';

const backendOf = (props: StateBackendProps) =>
  synthConstruct((scope) => new StateBackend(scope, 'backend', props)).terraform?.['backend'] as Record<string, Record<string, unknown>>;

describe('StateBackend', () => {
  test('local state lives in <project>/.ecs-wizard/state, outside cdktf.out', () => {
    expect(backendOf({ type: 'local', environment: 'staging' })).toEqual({
      local: { path: '../../../.ecs-wizard/state/staging.tfstate' },
    });
    // Terraform runs in <project>/cdktf.out/stacks/<env>/; resolve from there.
    const project = path.resolve('/work/project');
    const stackDir = path.join(project, 'cdktf.out', 'stacks', 'staging');
    expect(path.resolve(stackDir, localStatePath('staging'))).toBe(path.join(project, '.ecs-wizard', 'state', 'staging.tfstate'));
  });

  test('S3: one encrypted object per environment, locked with use_lockfile', () => {
    expect(backendOf({ type: 's3', environment: 'staging', bucket: 'acme-state', key: 'shop', region: 'eu-west-1' })).toEqual({
      s3: { bucket: 'acme-state', key: 'shop/staging.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
    });
  });

  test('S3 uses the environment profile, and the endpoint override when there is one', () => {
    expect(
      backendOf({ type: 's3', environment: 'dev', bucket: 'b', key: 'k', region: 'us-east-1', profile: 'ops' })['s3'],
    ).toMatchObject({ profile: 'ops' });
    const local = backendOf({ type: 's3', environment: 'dev', bucket: 'b', key: 'k', region: 'us-east-1', endpoint: 'http://localhost:4566' })['s3'];
    expect(local).toMatchObject({
      endpoints: { s3: 'http://localhost:4566', sts: 'http://localhost:4566', iam: 'http://localhost:4566' },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      access_key: 'test',
      secret_key: 'test',
      use_lockfile: true,
    });
  });
});
