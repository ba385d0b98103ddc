/**
 * The public entry point: an Application Load Balancer in the public subnets
 * and an IP target group (Fargate tasks register by address) with the app's
 * health check; with blue/green releases, a second target group CodeDeploy
 * alternates with the first. What listens on which port is listeners.ts.
 *
 * With a domain the load balancer is dual-stack, so the name's AAAA record
 * answers IPv6 clients too.
 *
 * The target groups are replaced create-before-destroy under a name derived
 * from what forces a replacement (the port, the VPC): changing the container
 * port creates the new group, moves the listener and the service to it, and
 * only then deletes the old one, which the listener no longer uses. (Delete
 * first, AWS refuses: the listener still forwards to it.)
 *
 * Optional, on in the production preset: deletion protection (the destroy
 * flow turns it off with a variable, as for the database) and access logs to
 * a bucket of the stack, kept logRetentionDays, TLS-only.
 */
import { Construct } from './cdktf.js';
import type { IResolvable } from 'cdktf';
import { Lb } from './aws.js';
import { LbTargetGroup } from './aws.js';
import { S3Bucket } from './aws.js';
import { S3BucketServerSideEncryptionConfigurationA } from './aws.js';
import { S3BucketPublicAccessBlock } from './aws.js';
import { S3BucketOwnershipControls } from './aws.js';
import { S3BucketPolicy } from './aws.js';
import { S3BucketLifecycleConfiguration } from './aws.js';
import { denyInsecureTransport, policyDocument, type PolicyStatement } from './policies.js';
import { stableId, type Naming } from './naming.js';

/** Load balancer and target group names: at most 32 characters. */
export const ELB_NAME_MAX = 32;
const TARGET_PROTOCOL = 'HTTP';
const TARGET_TYPE = 'ip';
/** Where the load balancer writes in its log bucket. */
export const ACCESS_LOG_PREFIX = 'alb';

/**
 * Elastic Load Balancing's account per region, which must be allowed to
 * write access logs in regions opened before August 2022 (as the ELB user
 * guide lists them). Newer regions use the log delivery service principal.
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
};
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

export interface AccessLogsProps {
  /** Region of the load balancer: which ELB principal may write. */
  readonly region: string;
  /** This account, for the log path AWS writes under (`AWSLogs/<account>/`). */
  readonly accountId: string;
  /** Days the bucket keeps the logs. */
  readonly retentionDays: number;
}

export interface LoadBalancerProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** VPC of the target groups. */
  readonly vpcId: string;
  /** The VPC's CIDR: part of the target group's name (its ID is unknown until apply). */
  readonly vpcCidr: string;
  /** Public subnets, one per zone. */
  readonly subnetIds: readonly string[];
  /** The load balancer's security group. */
  readonly securityGroupId: string;
  /** Port of the app container the targets listen on. */
  readonly targetPort: number;
  /** Path the health check polls; it must answer 2xx or 3xx. */
  readonly healthCheckPath: string;
  /** Refuse deletion; a token so the destroy flow can turn it off with a variable. */
  readonly deletionProtection: boolean | IResolvable;
  /** Write access logs to a bucket of the stack; absent: no logs. */
  readonly accessLogs?: AccessLogsProps;
  /** Answer on IPv6 too (the subnets must have IPv6 blocks). */
  readonly dualStack?: boolean;
  /** Blue/green releases: a second target group for the task set being released. */
  readonly secondTargetGroup?: boolean;
}

export interface TargetGroupRef {
  readonly arn: string;
  readonly name: string;
  /** `targetgroup/<name>/<id>`: the CloudWatch dimension. */
  readonly arnSuffix: string;
}

export class LoadBalancer extends Construct {
  /** DNS name of the load balancer (the ALIAS target). */
  readonly dnsName: string;
  /** Hosted zone of the load balancer, for a Route 53 ALIAS record. */
  readonly zoneId: string;
  /** ARN of the load balancer. */
  readonly arn: string;
  /** `app/<name>/<id>`: the CloudWatch dimension. */
  readonly arnSuffix: string;
  /** ARN of the target group the service registers in. */
  readonly targetGroupArn: string;
  /** The target groups: the first, and with blue/green the second. */
  readonly targetGroups: readonly TargetGroupRef[];
  /** Name of the access log bucket, when there is one. */
  readonly accessLogBucketName: string | undefined;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { naming } = props;
    const logs = props.accessLogs ? this.accessLogBucket(naming, props.accessLogs) : undefined;
    const alb = stableId(
      new Lb(this, 'alb', {
        name: naming.limited('alb', ELB_NAME_MAX),
        loadBalancerType: 'application',
        internal: false,
        securityGroups: [props.securityGroupId],
        subnets: [...props.subnetIds],
        ipAddressType: props.dualStack ? 'dualstack' : 'ipv4',
        // Rejects malformed headers instead of passing them to the app (request smuggling).
        dropInvalidHeaderFields: true,
        enableDeletionProtection: props.deletionProtection,
        ...(logs
          ? {
              accessLogs: { bucket: logs.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true },
              // AWS checks that it may write to the bucket when logging is turned on.
              dependsOn: [logs.policy],
            }
          : {}),
      }),
      'alb',
    );
    const targetGroup = (constructId: string, logicalId: string, suffix: string) =>
      stableId(
        new LbTargetGroup(this, constructId, {
          // The first group keeps the name it always had; the second's hash differs by its suffix.
          name: naming.uniqueName(suffix, `${suffix === 'web' ? '' : `${suffix}/`}${props.targetPort}/${TARGET_PROTOCOL}/${TARGET_TYPE}/${props.vpcCidr}`, ELB_NAME_MAX),
          targetType: TARGET_TYPE,
          protocol: TARGET_PROTOCOL,
          port: props.targetPort,
          vpcId: props.vpcId,
          // Rolling deploys wait for draining; 30 s instead of 300 s keeps them quick.
          deregistrationDelay: '30',
          healthCheck: {
            enabled: true,
            path: props.healthCheckPath,
            matcher: '200-399',
            interval: 15,
            timeout: 5,
            healthyThreshold: 2,
            unhealthyThreshold: 3,
          },
          lifecycle: { createBeforeDestroy: true },
        }),
        logicalId,
      );
    const groups = [targetGroup('target-group', 'web', 'web'), ...(props.secondTargetGroup ? [targetGroup('second-target-group', 'web2', 'web2')] : [])];
    this.dnsName = alb.dnsName;
    this.zoneId = alb.zoneId;
    this.arn = alb.arn;
    this.arnSuffix = alb.arnSuffix;
    this.targetGroupArn = groups[0]!.arn;
    this.targetGroups = groups.map((group) => ({ arn: group.arn, name: group.name, arnSuffix: group.arnSuffix }));
    this.accessLogBucketName = logs?.bucket;
  }

  /** A private, encrypted (SSE-S3: the only encryption ALB logs accept), TLS-only bucket that expires the logs. */
  private accessLogBucket(naming: Naming, props: AccessLogsProps): { bucket: string; policy: S3BucketPolicy } {
    const bucket = stableId(
      new S3Bucket(this, 'access-logs', {
        bucketPrefix: naming.bucketPrefix('alb-logs'),
        // Logs expire anyway; they must not block destroying the environment.
        forceDestroy: true,
      }),
      'alb_logs',
    );
    stableId(
      new S3BucketServerSideEncryptionConfigurationA(this, 'access-logs-encryption', {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      }),
      'alb_logs_encryption',
    );
    const publicAccessBlock = stableId(
      new S3BucketPublicAccessBlock(this, 'access-logs-public-access-block', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      'alb_logs_public_access_block',
    );
    stableId(
      new S3BucketOwnershipControls(this, 'access-logs-ownership', {
        bucket: bucket.id,
        rule: { objectOwnership: 'BucketOwnerEnforced' },
      }),
      'alb_logs_ownership',
    );
    stableId(
      new S3BucketLifecycleConfiguration(this, 'access-logs-lifecycle', {
        bucket: bucket.id,
        rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.retentionDays }] }],
      }),
      'alb_logs_lifecycle',
    );
    const account = ELB_LOG_ACCOUNTS[props.region];
    const writer: PolicyStatement = {
      Sid: 'LoadBalancerWritesLogs',
      Principal: account ? { AWS: `arn:aws:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE },
      Action: 's3:PutObject',
      Resource: `${bucket.arn}/${ACCESS_LOG_PREFIX}/AWSLogs/${props.accountId}/*`,
    };
    const policy = stableId(
      new S3BucketPolicy(this, 'access-logs-policy', {
        bucket: bucket.id,
        policy: policyDocument([writer, denyInsecureTransport(bucket.arn)]),
        // S3 refuses two changes of a bucket's access settings at once.
        dependsOn: [publicAccessBlock],
      }),
      'alb_logs_policy',
    );
    return { bucket: bucket.bucket, policy };
  }
}
