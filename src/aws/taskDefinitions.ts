/**
 * ECS task definition revisions with the AWS SDK, for the cleanup after a
 * destroy: the pipeline's deploys (and the Build, for migrations) register
 * revisions Terraform never tracks, and they outlive the stack.
 *
 * Same AWS as the service wait (src/aws/ecsService.ts): the environment's
 * region and profile, an endpoint with the provider's test keys. The SDK is
 * imported only when the cleanup runs.
 */
import type { AwsTarget } from './ecsService.js';

/** What a DeleteTaskDefinitions call did: the ARNs ECS took, and why it refused the others. */
export interface DeleteAnswer {
  readonly deleted: readonly string[];
  readonly failures: ReadonlyArray<{ readonly arn: string; readonly reason: string }>;
}

/** The three calls the cleanup makes. */
export interface TaskDefinitionApi {
  /** ListTaskDefinitions, every page: the ACTIVE revisions whose family starts with `familyPrefix`. */
  listActive(familyPrefix: string, signal: AbortSignal): Promise<string[]>;
  deregister(arn: string, signal: AbortSignal): Promise<void>;
  /** DeleteTaskDefinitions (at most 10 at once, INACTIVE ones only). */
  delete(arns: readonly string[], signal: AbortSignal): Promise<DeleteAnswer>;
}

/** The provider's keys for an endpoint without a profile (see src/infra/provider.ts). */
const STATIC_TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function ecsTaskDefinitions(target: AwsTarget): Promise<TaskDefinitionApi> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const loaded = await import('@aws-sdk/client-ecs');
  // Bundled (the installed CLI), the SDK's CommonJS build arrives as `default` only.
  const sdk = ('ECSClient' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default) as typeof loaded;
  const { ECSClient, ListTaskDefinitionsCommand, DeregisterTaskDefinitionCommand, DeleteTaskDefinitionsCommand } = sdk;
  const client = new ECSClient({
    region: target.region,
    ...(target.profile ? { profile: target.profile } : {}),
    ...(target.endpoint ? { endpoint: target.endpoint, ...(target.profile ? {} : { credentials: STATIC_TEST_CREDENTIALS }) } : {}),
    maxAttempts: 3,
  });
  return {
    async listActive(familyPrefix, signal) {
      const arns: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new ListTaskDefinitionsCommand({ familyPrefix, status: 'ACTIVE', ...(nextToken ? { nextToken } : {}) }),
          { abortSignal: signal },
        );
        arns.push(...(page.taskDefinitionArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return arns;
    },
    async deregister(arn, signal) {
      await client.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }), { abortSignal: signal });
    },
    async delete(arns, signal) {
      const answer = await client.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: [...arns] }), { abortSignal: signal });
      return {
        deleted: (answer.taskDefinitions ?? []).flatMap((definition) => (definition.taskDefinitionArn ? [definition.taskDefinitionArn] : [])),
        failures: (answer.failures ?? []).map((failure) => ({ arn: failure.arn ?? '', reason: failure.reason ?? failure.detail ?? 'refused' })),
      };
    },
  };
}
