/**
 * Reads an ECS service with the AWS SDK, for the wait after an apply (the
 * client: src/aws/ecsClient.ts).
 */
import { ecsClient, type AwsTarget } from './ecsClient.js';

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

export async function ecsServiceReader(target: AwsTarget): Promise<DescribeService> {
  const { sdk, client } = await ecsClient(target);
  const { DescribeServicesCommand, DescribeTaskDefinitionCommand } = sdk;
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
