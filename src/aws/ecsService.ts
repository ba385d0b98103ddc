/**
 * Reads an ECS service with the AWS SDK, for the wait after an apply.
 *
 * Credentials come as Terraform's provider gets them, from the same
 * settings: the environment's `awsProfile` (else the default chain: AWS_*
 * variables, SSO, the shared files, container and instance roles), its
 * region, and with an `endpoint` (LocalStack, the emulator) every call goes
 * there with the provider's static test keys unless a profile is named.
 *
 * The SDK is imported only when a wait runs: `--help` never pays for it.
 */

/** Where the environment's AWS is, as its provider block says. */
export interface AwsTarget {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
}

/** What the wait needs of DescribeServices' Service. */
export interface ServiceSnapshot {
  readonly status: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly taskDefinition: string;
  readonly deployments: ReadonlyArray<{
    readonly id: string;
    readonly status: string;
    readonly taskDefinition: string;
    readonly desiredCount: number;
    readonly runningCount: number;
    readonly failedTasks: number;
    readonly rolloutState?: string;
    readonly rolloutStateReason?: string;
  }>;
  /** Newest first, as ECS lists them. */
  readonly events: ReadonlyArray<{ readonly message: string; readonly createdAt?: Date }>;
  /** The images of the service's task definition, read only when it runs no task (is there an image yet?). */
  readonly images?: readonly string[];
}

/** One DescribeServices call; undefined when the service does not exist. */
export type DescribeService = (cluster: string, service: string, signal: AbortSignal) => Promise<ServiceSnapshot | undefined>;

/** The provider's keys for an endpoint without a profile (see src/infra/provider.ts). */
const STATIC_TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function ecsServiceReader(target: AwsTarget): Promise<DescribeService> {
  // The SDK warns on Node 20 about its own future releases; ecs-wizard supports Node 20.19.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const loaded = await import('@aws-sdk/client-ecs');
  // Bundled (the installed CLI), the SDK's CommonJS build arrives as `default` only.
  const sdk = ('ECSClient' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default) as typeof loaded;
  const { ECSClient, DescribeServicesCommand, DescribeTaskDefinitionCommand } = sdk;
  const client = new ECSClient({
    region: target.region,
    ...(target.profile ? { profile: target.profile } : {}),
    ...(target.endpoint ? { endpoint: target.endpoint, ...(target.profile ? {} : { credentials: STATIC_TEST_CREDENTIALS }) } : {}),
    maxAttempts: 3,
  });
  return async (cluster, service, signal) => {
    const answer = await client.send(new DescribeServicesCommand({ cluster, services: [service] }), { abortSignal: signal });
    const found = answer.services?.[0];
    if (!found || found.status === 'INACTIVE') return undefined;
    let images: string[] | undefined;
    if (found.desiredCount === 0 && found.taskDefinition) {
      const definition = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: found.taskDefinition }), { abortSignal: signal });
      images = (definition.taskDefinition?.containerDefinitions ?? []).flatMap((container) => (container.image ? [container.image] : []));
    }
    return {
      ...(images ? { images } : {}),
      status: found.status ?? 'UNKNOWN',
      desiredCount: found.desiredCount ?? 0,
      runningCount: found.runningCount ?? 0,
      pendingCount: found.pendingCount ?? 0,
      taskDefinition: found.taskDefinition ?? '',
      deployments: (found.deployments ?? []).map((deployment) => ({
        id: deployment.id ?? '',
        status: deployment.status ?? '',
        taskDefinition: deployment.taskDefinition ?? '',
        desiredCount: deployment.desiredCount ?? 0,
        runningCount: deployment.runningCount ?? 0,
        failedTasks: deployment.failedTasks ?? 0,
        ...(deployment.rolloutState ? { rolloutState: deployment.rolloutState } : {}),
        ...(deployment.rolloutStateReason ? { rolloutStateReason: deployment.rolloutStateReason } : {}),
      })),
      events: (found.events ?? []).map((event) => ({ message: event.message ?? '', ...(event.createdAt ? { createdAt: event.createdAt } : {}) })),
    };
  };
}
