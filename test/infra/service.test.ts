import { describe, expect, test } from 'vitest';
import { LoadBalancer, Service } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const json = synthConstruct((scope) => {
  const loadBalancer = new LoadBalancer(scope, 'load-balancer', {
    naming,
    vpcId: 'vpc-1',
    subnetIds: ['subnet-public-a', 'subnet-public-b'],
    securityGroupId: 'sg-alb',
    listenerPort: 80,
    targetPort: 3000,
    healthCheckPath: '/health',
  });
  new Service(scope, 'service', {
    naming,
    clusterId: 'cluster-arn',
    taskDefinitionArn: 'web-task-definition-arn',
    desiredCount: 2,
    subnetIds: ['subnet-private-a', 'subnet-private-b'],
    securityGroupId: 'sg-tasks',
    targetGroupArn: loadBalancer.targetGroupArn,
    containerName: 'web',
    containerPort: 3000,
    dependsOn: [loadBalancer.listener],
  });
});
const service = resource(json, 'aws_ecs_service', 'web');

describe('Service', () => {
  test('Fargate tasks in the private subnets, without a public IP', () => {
    expect(service).toMatchObject({
      name: 'shop-production-web',
      cluster: 'cluster-arn',
      task_definition: 'web-task-definition-arn',
      desired_count: 2,
      launch_type: 'FARGATE',
      network_configuration: { subnets: ['subnet-private-a', 'subnet-private-b'], security_groups: ['sg-tasks'], assign_public_ip: false },
    });
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

  test('leaves the task count to autoscaling and the revision to the pipeline', () => {
    expect(service['lifecycle']).toEqual({ ignore_changes: ['desired_count', 'task_definition'] });
  });
});
