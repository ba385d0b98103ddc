import { describe, expect, test } from 'vitest';
import { FlowLogs } from '../../src/infra/flowLogs.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const json = synthConstruct((scope) => {
  new FlowLogs(scope, 'flow-logs', { naming, vpcId: 'vpc-0123456789abcdef0', retentionDays: 90, accountId: '123456789012' });
});
const GROUP = '${aws_cloudwatch_log_group.flow_logs.arn}';

describe('FlowLogs', () => {
  test('every connection of the VPC, to a retained log group, with a role of its own', () => {
    expect(resource(json, 'aws_flow_log', 'vpc')).toMatchObject({
      vpc_id: 'vpc-0123456789abcdef0',
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: GROUP,
      iam_role_arn: '${aws_iam_role.flow_logs_role.arn}',
    });
    expect(resource(json, 'aws_cloudwatch_log_group', 'flow_logs')).toEqual({ name: '/vpc/shop-production/flow-logs', retention_in_days: 90 });
    expect(JSON.parse(resource(json, 'aws_iam_role', 'flow_logs_role')['assume_role_policy']).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
  });

  test('the delivery role may do what the service needs, each on the narrowest resource the action takes', () => {
    expect(JSON.parse(resource(json, 'aws_iam_role_policy', 'flow_logs_role_policy')['policy']).Statement).toEqual([
      // Streams (one per network interface) and their events: the log-stream resource.
      { Sid: 'WriteFlowLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${GROUP}:log-stream:*` },
      // The group's streams: the log-group resource, in the form with :* IAM matches for it.
      { Sid: 'ListFlowLogStreams', Effect: 'Allow', Action: 'logs:DescribeLogStreams', Resource: `${GROUP}:*` },
      // DescribeLogGroups takes no resource-level permissions: on an ARN it was never allowed.
      { Sid: 'FindLogGroup', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
    ]);
  });

  test('no CreateLogGroup: Terraform owns the group, and a deleted one is not recreated without its retention', () => {
    expect(resource(json, 'aws_iam_role_policy', 'flow_logs_role_policy')['policy']).not.toContain('logs:CreateLogGroup');
  });
});
