/**
 * Autoscaling on the service's average CPU, with two CloudWatch alarms:
 *
 * - cpu-high: CPU above the scale-up threshold for N periods. Its action
 *   adds a task. Exactly the design's scale-out.
 * - cpu-low: CPU below the scale-down threshold for the same N periods. Its
 *   action removes a task.
 *
 * Why two alarms and not one alarm's OK action: an alarm's OK action fires
 * once, on the transition to OK, and when CPU sits between the thresholds at
 * that moment no step matches, and nothing ever asks again. For Application
 * Auto Scaling actions CloudWatch repeats the ALARM action every minute while
 * the alarm stays in ALARM, so while load stays low a task is removed every
 * cooldown (5 minutes) until the minimum is reached, and while it stays high
 * one is added every minute up to the maximum. Between the two thresholds
 * nothing changes, so the service does not flap.
 *
 * Before the first image the scalable target's minimum is 0: registering a
 * minimum above the current count makes Application Auto Scaling raise the
 * service to it, which would start tasks with no image to run.
 */
import { Construct, Fn, Op, Token } from './cdktf.js';
import { AppautoscalingTarget } from './aws.js';
import { AppautoscalingPolicy } from './aws.js';
import { CloudwatchMetricAlarm } from './aws.js';
import { stableId, type Naming } from './naming.js';

/** Seconds between two removals: a brief dip must not take tasks away one after another. */
export const SCALE_IN_COOLDOWN = 300;
/** Seconds between two additions. */
export const SCALE_OUT_COOLDOWN = 60;

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
  /** Add a task while average CPU stays above this percentage. */
  readonly scaleUpCpuThreshold: number;
  /** Remove a task while average CPU stays below this percentage. */
  readonly scaleDownCpuThreshold: number;
  /** Consecutive periods beyond a threshold before its alarm fires. */
  readonly evaluationPeriods: number;
  /** Length of one period in seconds. */
  readonly periodSeconds: number;
  /** The deployed image tag: the minimum is 0 while it is `noImageTag`. */
  readonly imageTag: string;
  /** What `imageTag` holds before the first image. */
  readonly noImageTag: string;
}

export class Autoscaling extends Construct {
  /** ARN of the service's scalable target, which the pipeline's Start step raises. */
  readonly targetArn: string;
  /** ARN of the scale-up step policy (cpu-high's action). */
  readonly scaleUpPolicyArn: string;
  /** ARN of the scale-down step policy (cpu-low's action). */
  readonly scaleDownPolicyArn: string;
  /** Name of the high-CPU alarm. */
  readonly alarmName: string;
  /** Name of the low-CPU alarm. */
  readonly lowAlarmName: string;

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
        minCapacity: Token.asNumber(Fn.conditional(Op.eq(props.imageTag, props.noImageTag), 0, props.minCapacity)),
        maxCapacity: props.maxCapacity,
      }),
      'autoscaling_target',
    );
    this.targetArn = target.arn;
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
    // Bounds are relative to the alarm's threshold: at or above cpu-high's, at or below cpu-low's.
    const scaleUp = stepPolicy('scale_up', 'scale-up', SCALE_OUT_COOLDOWN, { lower: 0, adjustment: 1 });
    const scaleDown = stepPolicy('scale_down', 'scale-down', SCALE_IN_COOLDOWN, { upper: 0, adjustment: -1 });
    const alarm = (logicalId: string, suffix: string, description: string, comparison: string, threshold: number, action: string) =>
      stableId(
        new CloudwatchMetricAlarm(this, logicalId, {
          alarmName: naming.name(suffix),
          alarmDescription: description,
          namespace: 'AWS/ECS',
          metricName: 'CPUUtilization',
          dimensions: { ClusterName: props.clusterName, ServiceName: props.serviceName },
          statistic: 'Average',
          comparisonOperator: comparison,
          threshold,
          evaluationPeriods: props.evaluationPeriods,
          period: props.periodSeconds,
          // No tasks (before the first image) means no data: neither add nor remove.
          treatMissingData: 'missing',
          alarmActions: [action],
        }),
        logicalId.replace(/-/g, '_'),
      );
    const high = alarm(
      'cpu-high',
      'cpu-high',
      `Average CPU of ${naming.prefix} above ${props.scaleUpCpuThreshold}%: add a task, every minute while it stays there, up to ${props.maxCapacity}`,
      'GreaterThanThreshold',
      props.scaleUpCpuThreshold,
      scaleUp.arn,
    );
    const low = alarm(
      'cpu-low',
      'cpu-low',
      `Average CPU of ${naming.prefix} below ${props.scaleDownCpuThreshold}%: remove a task every ${SCALE_IN_COOLDOWN / 60} minutes while it stays there, down to ${props.minCapacity}`,
      'LessThanThreshold',
      props.scaleDownCpuThreshold,
      scaleDown.arn,
    );
    this.scaleUpPolicyArn = scaleUp.arn;
    this.scaleDownPolicyArn = scaleDown.arn;
    this.alarmName = high.alarmName;
    this.lowAlarmName = low.alarmName;
  }
}
