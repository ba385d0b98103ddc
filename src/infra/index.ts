/**
 * Public API of the generated stack. Importing this loads cdktf and the AWS
 * provider classes, so the CLI imports it lazily, only when it synthesizes.
 */
export { addEnvironmentStacks, createApp, parseConfigOrThrow, synthesizeApp, synthesizeToJson, type SynthesizedStack, type SynthesizeOptions } from './app.js';
export { EnvironmentStack, DESTROY_VARIABLES } from './environmentStack.js';
export { Naming, zoneKey, stableId } from './naming.js';
export { EnvironmentProvider, ENDPOINT_SERVICES, type EnvironmentProviderProps } from './provider.js';
export { StateBackend, localStatePath, LOCAL_STATE_DIR, type StateBackendProps } from './backend.js';
export { Networking, type NetworkingProps } from './networking.js';
export { SecurityGroups, type SecurityGroupsProps } from './securityGroups.js';
export { Database, type DatabaseProps } from './database.js';
export {
  Containers,
  secretReference,
  WEB_CONTAINER,
  MIGRATE_CONTAINER,
  type ContainersProps,
  type SecretReference,
} from './containers.js';
export { LoadBalancer, type LoadBalancerProps } from './loadBalancer.js';
export { Service, type ServiceProps } from './service.js';
export { Autoscaling, type AutoscalingProps } from './autoscaling.js';
export { Pipeline, type PipelineProps } from './pipeline.js';
export { buildspec, BUILD_VARIABLES } from './buildspec.js';
