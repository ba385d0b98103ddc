/**
 * The AWS provider classes the stack uses: the only file that imports
 * @cdktf/provider-aws (a test holds every other file to it).
 *
 * Add a class with one line, from its deep path, never the package root
 * (which loads all ~1,500 classes, seconds):
 *
 *   export { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
 *
 * That is all. These are static imports on purpose: the command line's bundle
 * (scripts/buildOptions.mjs) follows them, so whatever is listed here ships in
 * the package and the installed CLI needs no @cdktf/provider-aws; the library
 * build (ecs-wizard/infra) resolves the same paths from the importing project.
 * test/package/bundle.test.ts fails if a class the stack uses is missing from
 * the bundle or is loaded any other way.
 */
export { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
export { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation/index.js';
export { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy/index.js';
export { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target/index.js';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
export { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
export { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project/index.js';
export { Codepipeline, type CodepipelineStageAction } from '@cdktf/provider-aws/lib/codepipeline/index.js';
export { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app/index.js';
export { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group/index.js';
export { CodestarconnectionsConnection } from '@cdktf/provider-aws/lib/codestarconnections-connection/index.js';
export { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
export { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
export { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
export { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
export { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
export { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
export { EcsService } from '@cdktf/provider-aws/lib/ecs-service/index.js';
export { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
export { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
export { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
export { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
export { Lb } from '@cdktf/provider-aws/lib/lb/index.js';
export { LbListener } from '@cdktf/provider-aws/lib/lb-listener/index.js';
export { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group/index.js';
export { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
export { AwsProvider, type AwsProviderEndpoints } from '@cdktf/provider-aws/lib/provider/index.js';
export { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
export { Route } from '@cdktf/provider-aws/lib/route/index.js';
export { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
export { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
export { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
export { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
export { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
export { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
export { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
export { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
export { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
export { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
export { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
export { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
export { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
export { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
export { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
