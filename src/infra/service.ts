/**
 * The long-running ECS Fargate service: tasks in the private subnets with no
 * public address, registered in the load balancer's target group, rolled out
 * with a circuit breaker that rolls a failing deploy back.
 *
 * The desired count belongs to autoscaling once the service exists, so an
 * apply ignores it. The task definition does NOT: a change made through
 * ecs-wizard registers a new revision (with the deployed image, see
 * containers.ts) and the service must roll it out, or it never goes live.
 *
 * Until the pipeline pushed a first image the service runs no task (the image
 * it would pull does not exist: tasks would fail to start in a loop); the
 * pipeline's last step raises the scalable target's minimum, which starts it.
 *
 * With blue/green releases the service uses the CODE_DEPLOY deployment
 * controller: CodeDeploy owns its task sets, so the task definition and the
 * target group it serves from are CodeDeploy's (the pipeline's CodeDeployToECS
 * action starts from the family's latest revision, which Terraform keeps
 * current, so a change made through ecs-wizard goes live with the next
 * release). The controller cannot change on a running service, so switching
 * strategy replaces it; the name differs per strategy and the new service is
 * created first, registered in the same target group, before the old one is
 * removed: no request is lost.
 */
import { Construct, Fn, Op, Token } from './cdktf.js';
import type { ITerraformDependable } from 'cdktf';
import { EcsService } from './aws.js';
import { stableId, type Naming } from './naming.js';

export interface ServiceProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** ID (ARN) of the ECS cluster. */
  readonly clusterId: string;
  /** Task definition the service runs: Terraform's latest revision (the pipeline deploys copies with new images). */
  readonly taskDefinitionArn: string;
  /** Tasks at creation; autoscaling owns the count afterwards. */
  readonly desiredCount: number;
  /** The deployed image tag; the service is created with no task while it is `noImageTag`. */
  readonly imageTag: string;
  /** What `imageTag` holds before the first image. */
  readonly noImageTag: string;
  /** Private subnets the tasks run in. */
  readonly subnetIds: readonly string[];
  /** Security group of the tasks. */
  readonly securityGroupId: string;
  /** Target group the tasks register in. */
  readonly targetGroupArn: string;
  /** Container the load balancer sends traffic to. */
  readonly containerName: string;
  /** Port of that container. */
  readonly containerPort: number;
  /** Resources the service must wait for (the listener that attaches the target group). */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** How releases are deployed: rolling (ECS), or blue/green through CodeDeploy. */
  readonly strategy?: 'rolling' | 'blueGreen';
}

/** The service's name per strategy: a switch creates the new one beside the old one. */
export const SERVICE_SUFFIX = { rolling: 'web', blueGreen: 'web-bg' } as const;

export class Service extends Construct {
  /** Name of the ECS service. */
  readonly serviceName: string;
  /** ID (ARN) of the ECS service. */
  readonly serviceArn: string;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const strategy = props.strategy ?? 'rolling';
    const codeDeploy = strategy === 'blueGreen';
    const service = stableId(
      new EcsService(this, 'service', {
        name: props.naming.name(SERVICE_SUFFIX[strategy]),
        cluster: props.clusterId,
        taskDefinition: props.taskDefinitionArn,
        desiredCount: Token.asNumber(Fn.conditional(Op.eq(props.imageTag, props.noImageTag), 0, props.desiredCount)),
        launchType: 'FARGATE',
        platformVersion: 'LATEST',
        networkConfiguration: {
          subnets: [...props.subnetIds],
          securityGroups: [props.securityGroupId],
          assignPublicIp: false,
        },
        loadBalancer: [
          { targetGroupArn: props.targetGroupArn, containerName: props.containerName, containerPort: props.containerPort },
        ],
        // Gives a starting container time to pass its first health checks.
        healthCheckGracePeriodSeconds: 60,
        ...(codeDeploy
          ? // CodeDeploy rolls back itself; ECS's circuit breaker is for the ECS controller only.
            { deploymentController: { type: 'CODE_DEPLOY' } }
          : { deploymentCircuitBreaker: { enable: true, rollback: true } }),
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        propagateTags: 'SERVICE',
        enableEcsManagedTags: true,
        lifecycle: {
          ignoreChanges: ['desired_count', ...(codeDeploy ? ['task_definition', 'load_balancer'] : [])],
          createBeforeDestroy: true,
        },
        dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      }),
      'web',
    );
    this.serviceName = service.name;
    this.serviceArn = service.id;
  }
}
