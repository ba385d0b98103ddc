/**
 * The ECS client of the service wait (src/aws/ecsService.ts) and the task
 * definition cleanup (src/aws/taskDefinitions.ts): the AWS Terraform's
 * provider reaches, from the same settings. The environment's `awsProfile`
 * (else the default chain: AWS_* variables, SSO, the shared files, container
 * and instance roles), its region, and with an `endpoint` (LocalStack, the
 * emulator) every call goes there with the provider's static test keys
 * unless a profile is named (see src/infra/provider.ts).
 *
 * The SDK is imported on the first call: `--help` never pays for it.
 */

/** Where the environment's AWS is, as its provider block says. */
export interface AwsTarget {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
}

/** The provider's keys for an endpoint without a profile. */
const STATIC_TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export type EcsSdk = typeof import('@aws-sdk/client-ecs');

/** The SDK's module and a client for `target`, at most 3 attempts per call. */
export async function ecsClient(target: AwsTarget): Promise<{ sdk: EcsSdk; client: InstanceType<EcsSdk['ECSClient']> }> {
  // The SDK warns on Node 20 about its own future releases; ecs-wizard supports Node 20.19.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const loaded = await import('@aws-sdk/client-ecs');
  // Bundled (the installed CLI), the SDK's CommonJS build arrives as `default` only.
  const sdk = ('ECSClient' in loaded ? loaded : (loaded as unknown as { default: EcsSdk }).default) as EcsSdk;
  const client = new sdk.ECSClient({
    region: target.region,
    ...(target.profile ? { profile: target.profile } : {}),
    ...(target.endpoint ? { endpoint: target.endpoint, ...(target.profile ? {} : { credentials: STATIC_TEST_CREDENTIALS }) } : {}),
    maxAttempts: 3,
  });
  return { sdk, client };
}
