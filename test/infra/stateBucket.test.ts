import { describe, expect, test } from 'vitest';
import { synthesizeStateBucketStack } from '../../src/infra/index.js';
import { addresses, resource, type TerraformJson } from '../helpers/infraSynth.js';

const stack = JSON.parse(synthesizeStateBucketStack({ app: 'shop', region: 'eu-west-1' })) as TerraformJson & {
  terraform: { backend: Record<string, unknown> };
  output: Record<string, { value: string }>;
  provider: { aws: Record<string, unknown>[] };
};

describe('the state bucket stack (backend bootstrap)', () => {
  test('one bucket under the app name, never destroyed by an apply, and nothing else but its settings', () => {
    expect(resource(stack, 'aws_s3_bucket', 'state')).toMatchObject({ bucket_prefix: 'shop-tfstate-', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(addresses(stack).sort()).toEqual([
      'aws_s3_bucket.state',
      'aws_s3_bucket_ownership_controls.state_ownership',
      'aws_s3_bucket_policy.state_tls_only',
      'aws_s3_bucket_public_access_block.state_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration.state_encryption',
      'aws_s3_bucket_versioning.state_versioning',
    ]);
  });

  test('versioned, encrypted, no public access, no ACLs', () => {
    expect(resource(stack, 'aws_s3_bucket_versioning', 'state_versioning')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    expect(resource(stack, 'aws_s3_bucket_server_side_encryption_configuration', 'state_encryption')).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(resource(stack, 'aws_s3_bucket_public_access_block', 'state_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(stack, 'aws_s3_bucket_ownership_controls', 'state_ownership')).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('a policy that refuses every request not made over TLS', () => {
    const policy = resource(stack, 'aws_s3_bucket_policy', 'state_tls_only');
    expect(JSON.parse(policy['policy'])).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TlsOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['${aws_s3_bucket.state.arn}', '${aws_s3_bucket.state.arn}/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    expect(policy['depends_on']).toEqual(['aws_s3_bucket_public_access_block.state_public_access_block']);
  });

  test('its own state stays local, in the project beside the environments', () => {
    // Run from .ecs-wizard/state-bucket/.
    expect(stack.terraform.backend).toEqual({ local: { path: '../../.ecs-wizard/state/state-bucket.tfstate' } });
    expect(stack.output['bucket']!.value).toBe('${aws_s3_bucket.state.bucket}');
    expect(stack.output['region']!.value).toBe('eu-west-1');
  });

  test('against an emulator, the provider goes there as the environments do', () => {
    const local = JSON.parse(synthesizeStateBucketStack({ app: 'shop', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' })) as typeof stack;
    expect(local.provider.aws[0]).toMatchObject({ region: 'eu-west-1', s3_use_path_style: true, skip_requesting_account_id: true });
  });
});
