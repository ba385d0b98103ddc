/**
 * Autoscaling exactly as the design describes it: ONE CloudWatch alarm on the
 * service's average CPU. When it fires (CPU above the scale-up threshold for
 * N periods) the scale-up policy adds a task; when it returns to OK the
 * scale-down policy removes one, but only if CPU is also below the scale-down
 * threshold, so a service hovering just under the alarm keeps its tasks.
 *
 * Step bounds are relative to the alarm threshold: the scale-down step's
 * upper bound of (scaleDown - scaleUp), e.g. 60 - 85 = -25, matches only
 * when CPU < 85 - 25 = 60.
 */
import { Construct } from './cdktf.js';
import { AppautoscalingTarget } from './aws.js';
import { AppautoscalingPolicy } from './aws.js';
import { CloudwatchMetricAlarm } from './aws.js';
import { stableId, type Naming } from './naming.js';

export interface AutoscalingProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** Name of the ECS cluster. */
  readonly clusterName: string;
  /** Name of the ECS service. */
  readonly serviceName: string;
  /** Fewest tasks autoscaling keeps. */
  readonly minCapacity: number;
  /** Most tasks autoscaling runs. */
  readonly maxCapacity: number;
  /** Add a task when average CPU stays above this percentage. */
  readonly scaleUpCpuThreshold: number;
  /** When the alarm is OK again, remove a task only if CPU is below this percentage. */
  readonly scaleDownCpuThreshold: number;
  /** Consecutive periods above the threshold before the alarm fires. */
  readonly evaluationPeriods: number;
  /** Length of one period in seconds. */
  readonly periodSeconds: number;
}

export class Autoscaling extends Construct {
  /** ARN of the scale-up step policy (the alarm's action). */
  readonly scaleUpPolicyArn: string;
  /** ARN of the scale-down step policy (the alarm's OK action). */
  readonly scaleDownPolicyArn: string;
  /** Name of the CPU alarm. */
  readonly alarmName: string;

  constructor(scope: Construct, id: string, props: AutoscalingProps) {
    super(scope, id);
    const { naming } = props;
    if (props.scaleDownCpuThreshold >= props.scaleUpCpuThreshold) {
      throw new RangeError('the scale-down threshold must be below the scale-up threshold');
    }
    const target = stableId(
      new AppautoscalingTarget(this, 'target', {
        serviceNamespace: 'ecs',
        scalableDimension: 'ecs:service:DesiredCount',
        resourceId: `service/${props.clusterName}/${props.serviceName}`,
        minCapacity: props.minCapacity,
        maxCapacity: props.maxCapacity,
      }),
      'autoscaling_target',
    );
    const stepPolicy = (logicalId: string, suffix: string, cooldown: number, step: { lower?: number; upper?: number; adjustment: number }) =>
      stableId(
        new AppautoscalingPolicy(this, logicalId, {
          name: naming.name(suffix),
          policyType: 'StepScaling',
          serviceNamespace: target.serviceNamespace,
          scalableDimension: target.scalableDimension,
          resourceId: target.resourceId,
          stepScalingPolicyConfiguration: {
            adjustmentType: 'ChangeInCapacity',
            metricAggregationType: 'Average',
            cooldown,
            stepAdjustment: [
              {
                metricIntervalLowerBound: step.lower === undefined ? undefined : String(step.lower),
                metricIntervalUpperBound: step.upper === undefined ? undefined : String(step.upper),
                scalingAdjustment: step.adjustment,
              },
            ],
          },
        }),
        logicalId,
      );
    // Adding capacity should be quick; removing it waits longer so a brief dip does not flap.
    const scaleUp = stepPolicy('scale_up', 'scale-up', 60, { lower: 0, adjustment: 1 });
    const scaleDown = stepPolicy('scale_down', 'scale-down', 300, {
      upper: props.scaleDownCpuThreshold - props.scaleUpCpuThreshold,
      adjustment: -1,
    });
    const alarm = stableId(
      new CloudwatchMetricAlarm(this, 'cpu-alarm', {
        alarmName: naming.name('cpu-high'),
        alarmDescription: `Average CPU of ${naming.prefix} above ${props.scaleUpCpuThreshold}%: add a task; back to OK: remove one if below ${props.scaleDownCpuThreshold}%`,
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        dimensions: { ClusterName: props.clusterName, ServiceName: props.serviceName },
        statistic: 'Average',
        comparisonOperator: 'GreaterThanThreshold',
        threshold: props.scaleUpCpuThreshold,
        evaluationPeriods: props.evaluationPeriods,
        period: props.periodSeconds,
        alarmActions: [scaleUp.arn],
        okActions: [scaleDown.arn],
      }),
      'cpu_high',
    );
    this.scaleUpPolicyArn = scaleUp.arn;
    this.scaleDownPolicyArn = scaleDown.arn;
    this.alarmName = alarm.alarmName;
  }
}
