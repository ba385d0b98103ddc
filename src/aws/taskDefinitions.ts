/**
 * ECS task definition revisions with the AWS SDK, for the cleanup after a
 * destroy: the pipeline's deploys (and the Build, for migrations) register
 * revisions Terraform never tracks, and they outlive the stack.
 *
 * Same AWS as the service wait (src/aws/ecsClient.ts). The SDK is imported
 * only when the cleanup runs.
 */
import { ecsClient, type AwsTarget } from './ecsClient.js';

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

export async function ecsTaskDefinitions(target: AwsTarget): Promise<TaskDefinitionApi> {
  const { sdk, client } = await ecsClient(target);
  const { ListTaskDefinitionsCommand, DeregisterTaskDefinitionCommand, DeleteTaskDefinitionsCommand } = sdk;
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
