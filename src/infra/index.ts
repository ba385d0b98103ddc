/**
 * Public API of the generated stack. Importing this loads cdktf and the AWS
 * provider classes, so the CLI imports it lazily, only when it synthesizes.
 */
export { addEnvironmentStacks, createApp, parseConfigOrThrow, synthesizeApp, synthesizeStateBucketStack, synthesizeToJson, type SynthesizedStack, type SynthesizeOptions } from './app.js';
export { StateBucket, StateBucketStack, STATE_BUCKET_LABEL, STATE_BUCKET_STACK_DIR, type StateBucketProps, type StateBucketStackProps } from './stateBucket.js';
export { EnvironmentStack, DESTROY_VARIABLES } from './environmentStack.js';
export { Naming, zoneKey, stableId } from './naming.js';
export { EnvironmentProvider, ENDPOINT_SERVICES, type EnvironmentProviderProps } from './provider.js';
export { StateBackend, localStatePath, LOCAL_STATE_DIR, type StateBackendProps } from './backend.js';
export { Networking, type NetworkingProps } from './networking.js';
export { SecurityGroups, DatabaseSecurityGroup, type SecurityGroupsProps, type DatabaseSecurityGroupProps } from './securityGroups.js';
export { ImageRepository, type ImageRepositoryProps } from './imageRepository.js';
export { Database, LOG_EXPORTS, type DatabaseProps } from './database.js';
export { databaseSetup, SETUP_VARIABLES, type DatabaseSetup } from './databaseSetup.js';
export {
  Containers,
  secretReference,
  WEB_CONTAINER,
  MIGRATE_CONTAINER,
  SETUP_CONTAINER,
  NO_IMAGE_TAG,
  type ContainersProps,
  type SecretReference,
  type SetupContainerProps,
} from './containers.js';
export { FlowLogs, type FlowLogsProps } from './flowLogs.js';
export { LoadBalancer, ELB_NAME_MAX, ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, ACCESS_LOG_PREFIX, type LoadBalancerProps, type AccessLogsProps } from './loadBalancer.js';
export { Service, SERVICE_SUFFIX, type ServiceProps } from './service.js';
export { Autoscaling, SCALE_IN_COOLDOWN, SCALE_OUT_COOLDOWN, type AutoscalingProps } from './autoscaling.js';
export { Pipeline, type PipelineProps } from './pipeline.js';
export { buildspec, startBuildspec, BUILD_VARIABLES, START_VARIABLES } from './buildspec.js';
export { STACK_OUTPUTS } from './contract.js';
export { Certificate, type CertificateProps } from './certificate.js';
export { AliasRecords, ALIAS_RECORD_TYPES, type AliasRecordsProps } from './aliasRecords.js';
export { Listeners, TLS_POLICY, HTTP_PORT, HTTPS_PORT, type ListenersProps } from './listeners.js';
export { BlueGreenDeployment, TARGET_5XX_THRESHOLD, type BlueGreenDeploymentProps } from './codeDeploy.js';
