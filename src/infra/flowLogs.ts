/**
 * VPC flow logs: every accepted and rejected connection of the VPC, in a
 * CloudWatch log group kept logRetentionDays, delivered with a role of its
 * own that the flow logs service may assume only for this account. On in
 * the production preset; the starter preset leaves them off (ingestion costs
 * about $0.50 per GB), as the README says.
 */
import { Construct } from './cdktf.js';
import { CloudwatchLogGroup } from './aws.js';
import { FlowLog } from './aws.js';
import { IamRole } from './aws.js';
import { IamRolePolicy } from './aws.js';
import { assumeRolePolicy, policyDocument } from './policies.js';
import { stableId, type Naming } from './naming.js';

export interface FlowLogsProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** The VPC whose traffic is logged. */
  readonly vpcId: string;
  /** Days CloudWatch keeps the records. */
  readonly retentionDays: number;
  /** This account, for `aws:SourceAccount` in the delivery role's trust. */
  readonly accountId: string;
}

export class FlowLogs extends Construct {
  /** Name of the log group holding the records. */
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const { naming } = props;
    const group = stableId(
      new CloudwatchLogGroup(this, 'log-group', { name: `/vpc/${naming.prefix}/flow-logs`, retentionInDays: props.retentionDays }),
      'flow_logs',
    );
    const role = stableId(
      new IamRole(this, 'role', {
        name: naming.name('flow-logs'),
        description: `VPC flow logs of ${naming.prefix} write to CloudWatch Logs`,
        assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com', props.accountId),
      }),
      'flow_logs_role',
    );
    stableId(
      new IamRolePolicy(this, 'role-policy', {
        name: naming.name('flow-logs'),
        role: role.id,
        // What the VPC user guide asks of this role ("IAM role for publishing
        // flow logs to CloudWatch Logs"), each action on the resource the
        // Service Authorization Reference gives it. CreateLogGroup is left
        // out: Terraform owns the group, and one deleted by hand must not come
        // back without its retention.
        policy: policyDocument([
          // One stream per network interface, and its records: log-stream.
          { Sid: 'WriteFlowLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${group.arn}:log-stream:*` },
          // The group's streams: log-group, in the form with `:*` that IAM
          // policies use for it (CloudWatch Logs user guide).
          { Sid: 'ListFlowLogStreams', Action: 'logs:DescribeLogStreams', Resource: `${group.arn}:*` },
          // DescribeLogGroups takes no resource-level permissions: named on the
          // group's ARN, as it was, it was never allowed.
          { Sid: 'FindLogGroup', Action: 'logs:DescribeLogGroups', Resource: '*' },
        ]),
      }),
      'flow_logs_role_policy',
    );
    stableId(
      new FlowLog(this, 'flow-log', {
        vpcId: props.vpcId,
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logDestination: group.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 600,
        tags: { Name: naming.name('flow-logs') },
      }),
      'vpc',
    );
    this.logGroupName = group.name;
  }
}
