/**
 * Names the generated stack shares with the engine. No cdktf import here, so
 * the Terraform engine can use them without loading the construct library.
 */

/** Terraform variables the destroy flow sets in a targeted apply before destroying. */
export const DESTROY_VARIABLES = {
  deletionProtection: 'database_deletion_protection',
  finalSnapshotIdentifier: 'database_final_snapshot_identifier',
  loadBalancerDeletionProtection: 'load_balancer_deletion_protection',
} as const;

/** Outputs the engine reads after an apply (the stability wait, the next steps). */
export const STACK_OUTPUTS = {
  clusterName: 'cluster_name',
  serviceName: 'service_name',
  pipelineBranch: 'pipeline_branch',
  pipelineRepository: 'pipeline_repository',
  connectionStatusUrl: 'connection_status_url',
  appUrl: 'app_url',
} as const;

/** What the image tag parameter holds until the pipeline pushed a first image. */
export const NO_IMAGE_TAG = 'no-image-yet';

/** Where each environment's synthesized stack lives, relative to the project folder. */
export function stackDirectory(environment: string): string {
  return `cdktf.out/stacks/${environment}`;
}
