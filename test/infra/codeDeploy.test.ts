import { describe, expect, test } from 'vitest';
import { BlueGreenDeployment, TARGET_5XX_THRESHOLD } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const json = synthConstruct(
  (scope) =>
    new BlueGreenDeployment(scope, 'deploy', {
      naming,
      accountId: '123456789012',
      clusterName: 'shop-production-cluster',
      serviceName: 'shop-production-web-bg',
      serviceArn: 'arn:service',
      productionListenerArn: 'arn:listener-https',
      testListenerArn: 'arn:listener-test',
      targetGroupNames: ['shop-production-web', 'shop-production-web-2'],
      targetGroupArnSuffixes: ['targetgroup/shop-production-web/1', 'targetgroup/shop-production-web-2/2'],
      loadBalancerArnSuffix: 'app/shop-production-alb/3',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      keepOldMinutes: 30,
      taskRoleArns: ['arn:execution', 'arn:task'],
    }),
);
const statements = () =>
  Object.fromEntries(
    (JSON.parse(resource(json, 'aws_iam_role_policy', 'codedeploy_role_policy')['policy'] as string).Statement as Array<Record<string, any>>).map((s) => [s['Sid'], s]),
  );

describe('BlueGreenDeployment', () => {
  test('a CodeDeploy application for ECS', () => {
    expect(resource(json, 'aws_codedeploy_app', 'deploy')).toEqual({ name: 'shop-production-deploy', compute_platform: 'ECS' });
  });

  test('a blue/green deployment group with traffic control, the chosen shift, and the old tasks kept', () => {
    expect(resource(json, 'aws_codedeploy_deployment_group', 'deploy_group')).toMatchObject({
      app_name: '${aws_codedeploy_app.deploy.name}',
      deployment_group_name: 'shop-production-web',
      service_role_arn: '${aws_iam_role.codedeploy_role.arn}',
      deployment_config_name: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      deployment_style: { deployment_option: 'WITH_TRAFFIC_CONTROL', deployment_type: 'BLUE_GREEN' },
      blue_green_deployment_config: {
        deployment_ready_option: { action_on_timeout: 'CONTINUE_DEPLOYMENT' },
        terminate_blue_instances_on_deployment_success: { action: 'TERMINATE', termination_wait_time_in_minutes: 30 },
      },
      ecs_service: { cluster_name: 'shop-production-cluster', service_name: 'shop-production-web-bg' },
      load_balancer_info: {
        target_group_pair_info: {
          prod_traffic_route: { listener_arns: ['arn:listener-https'] },
          test_traffic_route: { listener_arns: ['arn:listener-test'] },
          target_group: [{ name: 'shop-production-web' }, { name: 'shop-production-web-2' }],
        },
      },
    });
  });

  test('rolls back by itself on a failed deployment and on its alarms', () => {
    expect(resource(json, 'aws_codedeploy_deployment_group', 'deploy_group')).toMatchObject({
      auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarm_configuration: {
        enabled: true,
        alarms: [
          '${aws_cloudwatch_metric_alarm.deploy_target_5xx.alarm_name}',
          '${aws_cloudwatch_metric_alarm.deploy_unhealthy_1.alarm_name}',
          '${aws_cloudwatch_metric_alarm.deploy_unhealthy_2.alarm_name}',
        ],
      },
    });
  });

  test('alarms: target 5xx on the load balancer, unhealthy hosts in each target group; no data is no failure', () => {
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'deploy_target_5xx')).toMatchObject({
      alarm_name: 'shop-production-deploy-5xx',
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_Target_5XX_Count',
      statistic: 'Sum',
      period: 60,
      evaluation_periods: 1,
      threshold: TARGET_5XX_THRESHOLD,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
      dimensions: { LoadBalancer: 'app/shop-production-alb/3' },
    });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'deploy_unhealthy_2')).toMatchObject({
      alarm_name: 'shop-production-deploy-unhealthy-2',
      metric_name: 'UnHealthyHostCount',
      statistic: 'Maximum',
      threshold: 1,
      evaluation_periods: 2,
      treat_missing_data: 'notBreaching',
      dimensions: { LoadBalancer: 'app/shop-production-alb/3', TargetGroup: 'targetgroup/shop-production-web-2/2' },
    });
  });

  test('its role may move this service\'s task sets and these listeners, and pass only the task roles', () => {
    expect(JSON.parse(resource(json, 'aws_iam_role', 'codedeploy_role')['assume_role_policy'] as string).Statement[0].Principal).toEqual({
      Service: 'codedeploy.amazonaws.com',
    });
    const bySid = statements();
    expect(bySid['TaskSets']).toMatchObject({ Resource: 'arn:service', Action: expect.arrayContaining(['ecs:CreateTaskSet', 'ecs:DeleteTaskSet']) });
    expect(bySid['MoveTraffic']).toEqual({ Effect: 'Allow', Sid: 'MoveTraffic', Action: 'elasticloadbalancing:ModifyListener', Resource: ['arn:listener-https', 'arn:listener-test'] });
    expect(bySid['PassTaskRoles']).toMatchObject({ Resource: ['arn:execution', 'arn:task'], Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } });
    expect(Object.keys(bySid).sort()).toEqual(['Describe', 'MoveTraffic', 'PassTaskRoles', 'TaskSets']);
  });
});
