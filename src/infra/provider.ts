/**
 * The AWS provider of one environment: its region and profile, tags on every
 * resource (so the console and the bill can tell environments apart), and an
 * optional endpoint override for LocalStack-style targets.
 *
 * With an endpoint, EVERY service the stack uses goes to it and the provider
 * skips the calls that need a real account (credential check, account ID,
 * EC2 metadata, region list). That is also what lets `terraform plan` run on a
 * machine with no AWS account at all.
 */
import { Construct } from './cdktf.js';
import { AwsProvider, type AwsProviderEndpoints } from './aws.js';

/**
 * Endpoint keys of the services the stack calls, as the provider spells them
 * (`logs` is the key behind the older `cloudwatchlogs` alias, `appautoscaling`
 * behind `applicationautoscaling`). sts and iam are called at start-up.
 */
export const ENDPOINT_SERVICES = [
  'acm',
  'appautoscaling',
  'cloudwatch',
  'codebuild',
  'codedeploy',
  'codeconnections',
  'codepipeline',
  'codestarconnections',
  'ec2',
  'ecr',
  'ecs',
  'elbv2',
  'iam',
  'logs',
  'rds',
  'route53',
  's3',
  'secretsmanager',
  'ssm',
  'sts',
] as const satisfies ReadonlyArray<keyof AwsProviderEndpoints>;

/** LocalStack accepts any key; these make the provider skip its credential chain. */
export const STATIC_TEST_CREDENTIALS = { accessKey: 'test', secretKey: 'test' } as const;

export interface EnvironmentProviderProps {
  /** App name, tagged on every resource as `app`. */
  readonly app: string;
  /** Environment name, tagged on every resource as `environment`. */
  readonly environment: string;
  /** AWS region of the environment. */
  readonly region: string;
  /** AWS CLI profile; absent means the default credential chain. */
  readonly profile?: string;
  /** Send every call to this URL (LocalStack and similar). */
  readonly endpoint?: string;
  /** Extra tags for every resource; `app`, `environment` and `managed-by` win over these. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class EnvironmentProvider extends Construct {
  /** The configured provider. */
  readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: EnvironmentProviderProps) {
    super(scope, id);
    const tags = {
      ...props.tags,
      app: props.app,
      environment: props.environment,
      'managed-by': 'ecs-wizard',
    };
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      profile: props.profile,
      defaultTags: [{ tags }],
      ...(props.endpoint ? endpointOverride(props.endpoint, props.profile === undefined) : {}),
    });
  }
}

function endpointOverride(endpoint: string, useStaticCredentials: boolean) {
  const endpoints = Object.fromEntries(ENDPOINT_SERVICES.map((service) => [service, endpoint])) as AwsProviderEndpoints;
  return {
    endpoints: [endpoints],
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
    // LocalStack serves buckets by path, not by virtual host name.
    s3UsePathStyle: true,
    ...(useStaticCredentials ? STATIC_TEST_CREDENTIALS : {}),
  };
}
