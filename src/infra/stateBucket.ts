/**
 * The bucket a team keeps its Terraform states in (`ecs-wizard backend
 * bootstrap`), and the small stack that makes it.
 *
 * Every environment's state is one object in it (`<key>/<env>.tfstate`),
 * locked with an S3 lock file beside it. What a state bucket needs, the way
 * scanners and the S3 backend's documentation ask for it: versioning (a bad
 * write can be undone), encryption at rest, every kind of public access
 * blocked, object ownership enforced (no ACLs), and a policy that refuses any
 * request not made over TLS (states hold secrets). It is never destroyed by
 * an apply (prevent_destroy): losing it loses every environment's state.
 *
 * The stack's own state stays local, in the project
 * (`.ecs-wizard/state/state-bucket.tfstate`): it cannot live in the bucket it
 * creates, and it holds nothing secret.
 */
import { Construct, LocalBackend, TerraformOutput, TerraformStack } from './cdktf.js';
import { S3Bucket, S3BucketOwnershipControls, S3BucketPolicy, S3BucketPublicAccessBlock, S3BucketServerSideEncryptionConfigurationA, S3BucketVersioningA } from './aws.js';
import { LOCAL_STATE_DIR } from './contract.js';
import { EnvironmentProvider } from './provider.js';
import { stableId } from './naming.js';

/** Where the bootstrap stack is written and run, relative to the project folder. */
export const STATE_BUCKET_STACK_DIR = '.ecs-wizard/state-bucket';
/** Its name in plan files, logs and run records (no environment can have it: names are at most 10 characters). */
export const STATE_BUCKET_LABEL = 'state-bucket';

export interface StateBucketProps {
  /** Start of the bucket's name; S3 adds a unique tail (bucket names are global). */
  readonly bucketPrefix: string;
}

export class StateBucket extends Construct {
  /** The bucket's name, known after apply. */
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const bucket = stableId(
      new S3Bucket(this, 'bucket', {
        bucketPrefix: props.bucketPrefix,
        forceDestroy: false,
        lifecycle: { preventDestroy: true },
      }),
      'state',
    );
    stableId(new S3BucketVersioningA(this, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }), 'state_versioning');
    stableId(
      new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      }),
      'state_encryption',
    );
    const publicAccess = stableId(
      new S3BucketPublicAccessBlock(this, 'public-access-block', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      'state_public_access_block',
    );
    stableId(
      new S3BucketOwnershipControls(this, 'ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }),
      'state_ownership',
    );
    stableId(
      new S3BucketPolicy(this, 'tls-only', {
        bucket: bucket.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [bucket.arn, `${bucket.arn}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        }),
        // A policy set while the public access block is being set is refused.
        dependsOn: [publicAccess],
      }),
      'state_tls_only',
    );
    this.bucketName = bucket.bucket;
  }
}

export interface StateBucketStackProps {
  /** App name: the bucket is `<app>-tfstate-…`, tagged `app`. */
  readonly app: string;
  /** Region of the bucket. */
  readonly region: string;
  /** AWS CLI profile, as for the environment the bucket serves. */
  readonly profile?: string;
  /** Endpoint override (an emulator), as for that environment. */
  readonly endpoint?: string;
}

export class StateBucketStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateBucketStackProps) {
    super(scope, id);
    new EnvironmentProvider(this, 'provider', {
      app: props.app,
      environment: STATE_BUCKET_LABEL,
      region: props.region,
      ...(props.profile !== undefined ? { profile: props.profile } : {}),
      ...(props.endpoint !== undefined ? { endpoint: props.endpoint } : {}),
    });
    // From .ecs-wizard/state-bucket/ to .ecs-wizard/state/.
    new LocalBackend(this, { path: `../../${LOCAL_STATE_DIR}/${STATE_BUCKET_LABEL}.tfstate` });
    const bucket = new StateBucket(this, 'state-bucket', { bucketPrefix: `${props.app}-tfstate-` });
    stableId(new TerraformOutput(this, 'bucket', { value: bucket.bucketName, description: 'The state bucket: backend.bucket in ecs-wizard.json.' }), 'bucket');
    stableId(new TerraformOutput(this, 'region', { value: props.region, description: 'Region of the state bucket: backend.region.' }), 'region');
  }
}
