import { describe, expect, test } from 'vitest';
import { TerraformVariable } from 'cdktf';
import { Listeners, LoadBalancer, NO_IMAGE_TAG, Service } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const build = (strategy?: 'rolling' | 'blueGreen') => synthConstruct((scope) => {
  const imageTag = new TerraformVariable(scope, 'image_tag', { type: 'string' }).stringValue;
  const loadBalancer = new LoadBalancer(scope, 'load-balancer', {
    naming,
    vpcId: 'vpc-1',
    vpcCidr: '10.0.0.0/16',
    subnetIds: ['subnet-public-a', 'subnet-public-b'],
    securityGroupId: 'sg-alb',
    targetPort: 3000,
    healthCheckPath: '/health',
    deletionProtection: false,
  });
  const listeners = new Listeners(scope, 'listeners', { loadBalancerArn: loadBalancer.arn, targetGroupArn: loadBalancer.targetGroupArn });
  new Service(scope, 'service', {
    naming,
    clusterId: 'cluster-arn',
    taskDefinitionArn: 'web-task-definition-arn',
    desiredCount: 2,
    imageTag,
    noImageTag: NO_IMAGE_TAG,
    subnetIds: ['subnet-private-a', 'subnet-private-b'],
    securityGroupId: 'sg-tasks',
    targetGroupArn: loadBalancer.targetGroupArn,
    containerName: 'web',
    containerPort: 3000,
    dependsOn: listeners.dependables,
    ...(strategy ? { strategy } : {}),
  });
});
const service = resource(build(), 'aws_ecs_service', 'web');

describe('Service', () => {
  test('Fargate tasks in the private subnets, without a public IP', () => {
    expect(service).toMatchObject({
      name: 'shop-production-web',
      cluster: 'cluster-arn',
      task_definition: 'web-task-definition-arn',
      launch_type: 'FARGATE',
      network_configuration: { subnets: ['subnet-private-a', 'subnet-private-b'], security_groups: ['sg-tasks'], assign_public_ip: false },
    });
  });

  test('starts with no task while no image exists, with the desired count once one does', () => {
    expect(service['desired_count']).toBe('${(var.image_tag == "no-image-yet") ? 0 : 2}');
  });

  test('behind the load balancer, created after its listener', () => {
    expect(service['load_balancer']).toEqual([
      { target_group_arn: '${aws_lb_target_group.web.arn}', container_name: 'web', container_port: 3000 },
    ]);
    expect(service['depends_on']).toEqual(['aws_lb_listener.http']);
  });

  test('rolls a failing deploy back and never drops below the running tasks', () => {
    expect(service).toMatchObject({
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
    });
  });

  test('leaves the task count to autoscaling, but rolls out every task definition change', () => {
    // Ignoring task_definition too would register ecs-wizard's changes and never deploy them.
    // A replacement (a strategy switch) starts the new service before the old one stops.
    expect(service['lifecycle']).toEqual({ ignore_changes: ['desired_count'], create_before_destroy: true });
  });

  test('blue/green releases: the CodeDeploy controller, no circuit breaker, and a name of its own', () => {
    const blueGreen = resource(build('blueGreen'), 'aws_ecs_service', 'web');
    expect(blueGreen).toMatchObject({ name: 'shop-production-web-bg', deployment_controller: { type: 'CODE_DEPLOY' } });
    expect(blueGreen['deployment_circuit_breaker']).toBeUndefined();
    // CodeDeploy swaps the task set's target group and revision at each release (from the family's latest revision).
    expect(blueGreen['lifecycle']).toEqual({ ignore_changes: ['desired_count', 'task_definition', 'load_balancer'], create_before_destroy: true });
    expect(blueGreen['load_balancer']).toEqual(service['load_balancer']);
  });
});
