/**
 * The long-running ECS Fargate service: tasks in the private subnets with no
 * public address, registered in the load balancer's target group, rolled out
 * with a circuit breaker that rolls a failing deploy back.
 *
 * Terraform creates the service but does not own two of its fields after
 * that: the desired count belongs to autoscaling and the task definition
 * revision to the pipeline. `ignore_changes` keeps an apply from undoing them.
 */
import { Construct } from './cdktf.js';
import type { ITerraformDependable } from 'cdktf';
import { EcsService } from './aws.js';
import { stableId, type Naming } from './naming.js';

export interface ServiceProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** ID (ARN) of the ECS cluster. */
  readonly clusterId: string;
  /** Task definition the service starts with (the pipeline deploys later revisions). */
  readonly taskDefinitionArn: string;
  /** Tasks at creation; autoscaling owns the count afterwards. */
  readonly desiredCount: number;
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
}

export class Service extends Construct {
  /** Name of the ECS service. */
  readonly serviceName: string;
  /** ID (ARN) of the ECS service. */
  readonly serviceArn: string;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const service = stableId(
      new EcsService(this, 'service', {
        name: props.naming.name('web'),
        cluster: props.clusterId,
        taskDefinition: props.taskDefinitionArn,
        desiredCount: props.desiredCount,
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
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        propagateTags: 'SERVICE',
        enableEcsManagedTags: true,
        lifecycle: { ignoreChanges: ['desired_count', 'task_definition'] },
        dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      }),
      'web',
    );
    this.serviceName = service.name;
    this.serviceArn = service.id;
  }
}
