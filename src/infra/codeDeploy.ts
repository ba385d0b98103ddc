/**
 * Blue/green releases through CodeDeploy (provider 5.100 has no native ECS
 * blue/green): an application and deployment group for the service, and the
 * alarms that roll a release back.
 *
 * Each release starts a new task set in the target group the production
 * listener does not use, opens it on the test listener, moves production
 * traffic as the chosen configuration says (all at once, canary, linear),
 * and keeps the old task set `keepOldMinutes` before terminating it. A
 * failed deployment, or one of the alarms firing while it runs, rolls the
 * traffic back to the old task set by itself.
 */
import { Construct, Fn } from './cdktf.js';
import { CloudwatchMetricAlarm, CodedeployApp, CodedeployDeploymentGroup, IamRole, IamRolePolicy } from './aws.js';
import { assumeRolePolicy, policyDocument } from './policies.js';
import { stableId, type Naming } from './naming.js';

export interface BlueGreenDeploymentProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** This account: CodeDeploy may assume the role only on its behalf. */
  readonly accountId: string;
  /** Name of the ECS cluster. */
  readonly clusterName: string;
  /** Name of the ECS service (it must use the CODE_DEPLOY deployment controller). */
  readonly serviceName: string;
  /** ARN of the ECS service, for IAM. */
  readonly serviceArn: string;
  /** The listener production traffic arrives on. */
  readonly productionListenerArn: string;
  /** The listener test traffic arrives on. */
  readonly testListenerArn: string;
  /** Names of the two target groups CodeDeploy alternates between. */
  readonly targetGroupNames: readonly [string, string];
  /** ARN suffixes (`targetgroup/…`) of the same two, for the alarms. */
  readonly targetGroupArnSuffixes: readonly [string, string];
  /** ARN suffix (`app/…`) of the load balancer, for the alarms. */
  readonly loadBalancerArnSuffix: string;
  /** One of CodeDeploy's predefined ECS configurations, e.g. CodeDeployDefault.ECSAllAtOnce. */
  readonly deploymentConfigName: string;
  /** Minutes the old task set keeps running after traffic moved. */
  readonly keepOldMinutes: number;
  /** Roles of the task definitions; CodeDeploy passes them to ECS. */
  readonly taskRoleArns: readonly string[];
}

/** 5xx answers from the tasks within one minute that stop a release. */
export const TARGET_5XX_THRESHOLD = 10;

export class BlueGreenDeployment extends Construct {
  /** Name of the CodeDeploy application. */
  readonly applicationName: string;
  /** Name of the deployment group. */
  readonly deploymentGroupName: string;
  /** ARN of the deployment group, for IAM. */
  readonly deploymentGroupArn: string;
  /** ARN of the application, for IAM. */
  readonly applicationArn: string;
  /** ARN of the deployment configuration in use, for IAM. */
  readonly deploymentConfigArn: string;
  /** Names of the alarms that roll a release back. */
  readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: BlueGreenDeploymentProps) {
    super(scope, id);
    const { naming } = props;
    const app = stableId(new CodedeployApp(this, 'app', { name: naming.name('deploy'), computePlatform: 'ECS' }), 'deploy');

    interface Metric {
      readonly metricName: string;
      readonly statistic: string;
      readonly threshold: number;
      readonly evaluationPeriods: number;
      readonly dimensions: Record<string, string>;
    }
    const alarm = (logicalId: string, suffix: string, description: string, metric: Metric) =>
      stableId(
        new CloudwatchMetricAlarm(this, logicalId, {
          alarmName: naming.name(suffix),
          alarmDescription: description,
          namespace: 'AWS/ApplicationELB',
          period: 60,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          // No data (no traffic yet, no targets) is not a failure.
          treatMissingData: 'notBreaching',
          ...metric,
        }),
        logicalId,
      );
    const alarms = [
      alarm('deploy_target_5xx', 'deploy-5xx', `CodeDeploy rolls a release back: ${TARGET_5XX_THRESHOLD} or more 5xx answers from the tasks in a minute`, {
        metricName: 'HTTPCode_Target_5XX_Count',
        statistic: 'Sum',
        threshold: TARGET_5XX_THRESHOLD,
        evaluationPeriods: 1,
        dimensions: { LoadBalancer: props.loadBalancerArnSuffix },
      }),
      ...props.targetGroupArnSuffixes.map((targetGroup, index) =>
        alarm(`deploy_unhealthy_${index + 1}`, `deploy-unhealthy-${index + 1}`, `CodeDeploy rolls a release back: a task of target group ${index + 1} fails its health check for 2 minutes`, {
          metricName: 'UnHealthyHostCount',
          statistic: 'Maximum',
          threshold: 1,
          evaluationPeriods: 2,
          dimensions: { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: targetGroup },
        }),
      ),
    ];
    this.alarmNames = alarms.map((entry) => entry.alarmName);

    const role = stableId(
      new IamRole(this, 'role', {
        name: naming.name('codedeploy'),
        description: `CodeDeploy moves traffic between the task sets of ${naming.prefix}`,
        assumeRolePolicy: assumeRolePolicy('codedeploy.amazonaws.com', props.accountId),
      }),
      'codedeploy_role',
    );
    stableId(
      new IamRolePolicy(this, 'role-policy', {
        name: naming.name('codedeploy'),
        role: role.id,
        policy: policyDocument([
          {
            Sid: 'TaskSets',
            Action: ['ecs:DescribeServices', 'ecs:CreateTaskSet', 'ecs:UpdateServicePrimaryTaskSet', 'ecs:DeleteTaskSet'],
            Resource: props.serviceArn,
          },
          // ELB's Describe calls take no resource-level permissions. DescribeAlarms
          // takes alarm ARNs, but it is left on * as AWS's own policy for CodeDeploy
          // (AWSCodeDeployRoleForECS) grants it: CodeDeploy reads the rollback alarms.
          {
            Sid: 'Describe',
            Action: ['elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeRules', 'cloudwatch:DescribeAlarms'],
            Resource: '*',
          },
          { Sid: 'MoveTraffic', Action: 'elasticloadbalancing:ModifyListener', Resource: [props.productionListenerArn, props.testListenerArn] },
          {
            Sid: 'PassTaskRoles',
            Action: 'iam:PassRole',
            Resource: [...props.taskRoleArns],
            Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
          },
        ]),
      }),
      'codedeploy_role_policy',
    );

    const group = stableId(
      new CodedeployDeploymentGroup(this, 'group', {
        appName: app.name,
        deploymentGroupName: naming.name('web'),
        serviceRoleArn: role.arn,
        deploymentConfigName: props.deploymentConfigName,
        deploymentStyle: { deploymentOption: 'WITH_TRAFFIC_CONTROL', deploymentType: 'BLUE_GREEN' },
        blueGreenDeploymentConfig: {
          // Test traffic is for looking; production traffic moves without waiting for a click.
          deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT' },
          terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: props.keepOldMinutes },
        },
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
        alarmConfiguration: { enabled: true, alarms: [...this.alarmNames] },
        ecsService: { clusterName: props.clusterName, serviceName: props.serviceName },
        loadBalancerInfo: {
          targetGroupPairInfo: {
            prodTrafficRoute: { listenerArns: [props.productionListenerArn] },
            testTrafficRoute: { listenerArns: [props.testListenerArn] },
            targetGroup: props.targetGroupNames.map((name) => ({ name })),
          },
        },
      }),
      'deploy_group',
    );
    this.applicationName = app.name;
    this.deploymentGroupName = group.deploymentGroupName;
    this.deploymentGroupArn = group.arn;
    this.applicationArn = app.arn;
    // arn:…:codedeploy:<region>:<account>:application:<app> → the same account's configuration.
    this.deploymentConfigArn = Fn.replace(app.arn, `:application:${naming.name('deploy')}`, `:deploymentconfig:${props.deploymentConfigName}`);
  }
}
