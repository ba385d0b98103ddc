/**
 * Where an environment's Terraform state lives.
 *
 * Local (default): `<project>/.ecs-wizard/state/<env>.tfstate`, written as a
 * path relative to the stack's folder `cdktf.out/stacks/<env>/` (Terraform
 * runs there). Relative, so the synthesized JSON is the same on every machine;
 * outside cdktf.out, so regenerating or deleting cdktf.out never touches it.
 *
 * S3: one object per environment, `<key>/<env>.tfstate`, encrypted, locked
 * with an S3 lock file (`use_lockfile`, no DynamoDB table). cdktf 0.21's
 * S3Backend has no such option, so it is added as a raw override.
 */
import { Construct, LocalBackend, S3Backend, TerraformStack } from './cdktf.js';
import { LOCAL_STATE_DIR, localStatePathFor } from './contract.js';
import { STATIC_TEST_CREDENTIALS } from './provider.js';

export { LOCAL_STATE_DIR };

export function localStatePath(environment: string): string {
  return localStatePathFor(environment);
}

export type StateBackendProps =
  | {
      /** State in a file beside the project. */
      readonly type: 'local';
      /** Environment name: the state file's name. */
      readonly environment: string;
    }
  | {
      /** State in S3, locked with a lock file. */
      readonly type: 's3';
      /** Environment name: the state object's name. */
      readonly environment: string;
      /** Bucket holding the state (created beforehand, versioned). */
      readonly bucket: string;
      /** Key prefix; the object is `<key>/<env>.tfstate`. */
      readonly key: string;
      /** Region of the bucket. */
      readonly region: string;
      /** AWS CLI profile for the state calls, as for the provider. */
      readonly profile?: string;
      /** Endpoint override (LocalStack), as for the provider. */
      readonly endpoint?: string;
    };

export class StateBackend extends Construct {
  /** What `terraform init` reads: `local` or `s3`. */
  readonly type: 'local' | 's3';

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    this.type = props.type;
    if (props.type === 'local') {
      new LocalBackend(this, { path: localStatePath(props.environment) });
      return;
    }
    new S3Backend(this, {
      bucket: props.bucket,
      key: `${props.key}/${props.environment}.tfstate`,
      region: props.region,
      encrypt: true,
      profile: props.profile,
      ...(props.endpoint
        ? {
            endpoints: { s3: props.endpoint, sts: props.endpoint, iam: props.endpoint },
            usePathStyle: true,
            skipCredentialsValidation: true,
            skipRequestingAccountId: true,
            skipMetadataApiCheck: true,
            skipRegionValidation: true,
            ...(props.profile === undefined ? STATIC_TEST_CREDENTIALS : {}),
          }
        : {}),
    });
    TerraformStack.of(this).addOverride('terraform.backend.s3.use_lockfile', true);
  }
}
