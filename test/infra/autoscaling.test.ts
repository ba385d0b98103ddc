import { describe, expect, test } from 'vitest';
import { TerraformVariable } from 'cdktf';
import { Autoscaling, NO_IMAGE_TAG, type AutoscalingProps } from '../../src/infra/index.js';
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
  imageTag: 'set below',
  noImageTag: NO_IMAGE_TAG,
};
const withTag = (scope: Parameters<Parameters<typeof synthConstruct>[0]>[0], overrides: Partial<AutoscalingProps> = {}) =>
  new Autoscaling(scope, 'autoscaling', { ...props, imageTag: new TerraformVariable(scope, 'image_tag', { type: 'string' }).stringValue, ...overrides });
const json = synthConstruct((scope) => withTag(scope));

describe('Autoscaling', () => {
  test('a scalable target on the service desired count, between min and max; min 0 until the first image', () => {
    // Registering a minimum above the current count raises the service to it:
    // with no image yet that would start tasks that cannot pull one.
    expect(resource(json, 'aws_appautoscaling_target', 'autoscaling_target')).toEqual({
      service_namespace: 'ecs',
      scalable_dimension: 'ecs:service:DesiredCount',
      resource_id: 'service/shop-production-cluster/shop-production-web',
      min_capacity: '${(var.image_tag == "no-image-yet") ? 0 : 2}',
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

  test('scale-down removes one task whenever cpu-low fires, at most every 5 minutes', () => {
    const policy = resource(json, 'aws_appautoscaling_policy', 'scale_down');
    expect(policy['name']).toBe('shop-production-scale-down');
    expect(policy['step_scaling_policy_configuration']).toMatchObject({ cooldown: 300 });
    // Relative to cpu-low's threshold: anything at or below it matches.
    expect(policy['step_scaling_policy_configuration'].step_adjustment).toEqual([
      { metric_interval_upper_bound: '0', scaling_adjustment: -1 },
    ]);
  });

  test('scale-out as designed: above the threshold for N periods, cpu-high adds a task', () => {
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
    });
  });

  test('scale-in reaches the minimum: a low-CPU alarm whose action repeats while CPU stays low, not a one-off OK action', () => {
    // An OK action fires once, on the transition; if CPU is between the two
    // thresholds then, no step matches and nothing asks again.
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'cpu_high')['ok_actions']).toBeUndefined();
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'cpu_low')).toMatchObject({
      alarm_name: 'shop-production-cpu-low',
      metric_name: 'CPUUtilization',
      statistic: 'Average',
      comparison_operator: 'LessThanThreshold',
      threshold: 60,
      evaluation_periods: 3,
      period: 120,
      treat_missing_data: 'missing',
      alarm_actions: ['${aws_appautoscaling_policy.scale_down.arn}'],
    });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'cpu_low')['alarm_description']).toMatch(/remove a task every 5 minutes while it stays there, down to 2/);
  });

  test('refuses thresholds that would add and remove tasks in a loop', () => {
    expect(() =>
      synthConstruct((scope) => withTag(scope, { scaleDownCpuThreshold: 85 })),
    ).toThrow(/scale-down threshold must be below/);
  });
});
