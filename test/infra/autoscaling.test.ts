import { describe, expect, test } from 'vitest';
import { Autoscaling, type AutoscalingProps } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const props: AutoscalingProps = {
  naming,
  clusterName: 'shop-production-cluster',
  serviceName: 'shop-production-web',
  minCapacity: 2,
  maxCapacity: 10,
  scaleUpCpuThreshold: 85,
  scaleDownCpuThreshold: 60,
  evaluationPeriods: 3,
  periodSeconds: 120,
};
const json = synthConstruct((scope) => new Autoscaling(scope, 'autoscaling', props));

describe('Autoscaling', () => {
  test('a scalable target on the service desired count, between min and max', () => {
    expect(resource(json, 'aws_appautoscaling_target', 'autoscaling_target')).toEqual({
      service_namespace: 'ecs',
      scalable_dimension: 'ecs:service:DesiredCount',
      resource_id: 'service/shop-production-cluster/shop-production-web',
      min_capacity: 2,
      max_capacity: 10,
    });
  });

  test('scale-up adds one task whenever the alarm fires', () => {
    const policy = resource(json, 'aws_appautoscaling_policy', 'scale_up');
    expect(policy).toMatchObject({
      name: 'shop-production-scale-up',
      policy_type: 'StepScaling',
      resource_id: '${aws_appautoscaling_target.autoscaling_target.resource_id}',
      step_scaling_policy_configuration: { adjustment_type: 'ChangeInCapacity', metric_aggregation_type: 'Average' },
    });
    expect(policy['step_scaling_policy_configuration'].step_adjustment).toEqual([
      { metric_interval_lower_bound: '0', scaling_adjustment: 1 },
    ]);
  });

  test('scale-down removes one task only below the scale-down threshold (bound 60 - 85 = -25)', () => {
    const policy = resource(json, 'aws_appautoscaling_policy', 'scale_down');
    expect(policy['name']).toBe('shop-production-scale-down');
    expect(policy['step_scaling_policy_configuration'].step_adjustment).toEqual([
      { metric_interval_upper_bound: '-25', scaling_adjustment: -1 },
    ]);
  });

  test('ONE CPU alarm: its alarm action scales up, its OK action scales down', () => {
    expect(Object.keys(json.resource['aws_cloudwatch_metric_alarm']!)).toEqual(['cpu_high']);
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'cpu_high')).toMatchObject({
      alarm_name: 'shop-production-cpu-high',
      namespace: 'AWS/ECS',
      metric_name: 'CPUUtilization',
      dimensions: { ClusterName: 'shop-production-cluster', ServiceName: 'shop-production-web' },
      statistic: 'Average',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 85,
      evaluation_periods: 3,
      period: 120,
      alarm_actions: ['${aws_appautoscaling_policy.scale_up.arn}'],
      ok_actions: ['${aws_appautoscaling_policy.scale_down.arn}'],
    });
  });

  test('refuses thresholds that would add and remove tasks in a loop', () => {
    expect(() =>
      synthConstruct((scope) => new Autoscaling(scope, 'autoscaling', { ...props, scaleDownCpuThreshold: 85 })),
    ).toThrow(/scale-down threshold must be below/);
  });
});
