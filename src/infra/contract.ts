/**
 * Names the generated stack shares with the engine. No cdktf import here, so
 * the Terraform engine can use them without loading the construct library.
 */

/** Terraform variables the destroy flow sets in a targeted apply before destroying. */
export const DESTROY_VARIABLES = {
  deletionProtection: 'database_deletion_protection',
  finalSnapshotIdentifier: 'database_final_snapshot_identifier',
} as const;

/** Where each environment's synthesized stack lives, relative to the project folder. */
export function stackDirectory(environment: string): string {
  return `cdktf.out/stacks/${environment}`;
}
