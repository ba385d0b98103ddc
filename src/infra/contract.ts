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

/**
 * A copy's variable for the image tag it starts with: the engine fills it
 * from the other copy's state, so a new copy runs the release the live one
 * runs instead of waiting for the next push.
 */
export const INITIAL_IMAGE_TAG_VARIABLE = 'initial_image_tag';

import type { CopiesConfig } from '../config/schema.js';
import type { CopyName } from '../config/deployment.js';

/**
 * Where a synthesized stack lives, relative to the project folder. A stack is
 * named after its environment (`production`), or for a blue/green copy of
 * its serving layer after the environment and the copy (`production.blue`):
 * environment names have no dots, so the two never collide.
 */
export function stackDirectory(stack: string): string {
  return `cdktf.out/stacks/${stack}`;
}

/** The stack (and state) of one copy of an environment's serving layer. */
export function copyStackName(environment: string, copy: CopyName): string {
  return `${environment}.${copy}`;
}

/** Where a copy's stack finds the shared layer's outputs, written before each of its plans. */
export const SHARED_VALUES_FILE = 'shared.auto.tfvars.json';
/** Where the shared layer finds its copies' outputs (their load balancers), written before each of its plans. */
export const COPY_VALUES_FILE = 'copies.auto.tfvars.json';

/**
 * A variable of the shared layer that holds an output of one copy:
 * `copy_green_alb_dns_name` is copy green's `alb_dns_name`.
 */
export function copyVariable(copy: CopyName, output: string): string {
  return `copy_${copy}_${output}`;
}

export function parseCopyVariable(name: string): { copy: CopyName; output: string } | undefined {
  const match = /^copy_(blue|green)_(.+)$/.exec(name);
  return match ? { copy: match[1] as CopyName, output: match[2]! } : undefined;
}

/**
 * Where each value the shared layer reads from a copy lives in the copy's
 * state. Read from the resource itself, not from an output: a copy adopted
 * from a single-stack environment has its load balancer in its state before
 * it was ever applied on its own (and so before it has outputs).
 *
 * The load balancer's two feed the records of every routed copy; the rest
 * feed the pipeline, which deploys to one copy (the active one).
 */
export const COPY_VALUE_SOURCES = {
  alb_dns_name: { address: 'aws_lb.alb', attribute: 'dns_name' },
  alb_zone_id: { address: 'aws_lb.alb', attribute: 'zone_id' },
  cluster_name: { address: 'aws_ecs_cluster.cluster', attribute: 'name' },
  cluster_arn: { address: 'aws_ecs_cluster.cluster', attribute: 'arn' },
  service_name: { address: 'aws_ecs_service.web', attribute: 'name' },
  // The provider's id of a service is its ARN.
  service_arn: { address: 'aws_ecs_service.web', attribute: 'id' },
  execution_role_arn: { address: 'aws_iam_role.execution_role', attribute: 'arn' },
  task_role_arn: { address: 'aws_iam_role.task_role', attribute: 'arn' },
  tasks_security_group_id: { address: 'aws_security_group.tasks_security_group', attribute: 'id' },
  migrate_task_definition_family: { address: 'aws_ecs_task_definition.migrate', attribute: 'family' },
  migrate_task_definition_family_arn: { address: 'aws_ecs_task_definition.migrate', attribute: 'arn_without_revision' },
  web_task_definition_family: { address: 'aws_ecs_task_definition.web', attribute: 'family' },
  // The pipeline's Start step raises the copy's scalable target.
  scalable_target_arn: { address: 'aws_appautoscaling_target.autoscaling_target', attribute: 'arn' },
  // The pipeline records the image it deployed in the copy's own parameter.
  image_tag_parameter_name: { address: 'aws_ssm_parameter.image_tag', attribute: 'name' },
  image_tag_parameter_arn: { address: 'aws_ssm_parameter.image_tag', attribute: 'arn' },
  codedeploy_app_name: { address: 'aws_codedeploy_app.deploy', attribute: 'name' },
  codedeploy_app_arn: { address: 'aws_codedeploy_app.deploy', attribute: 'arn' },
  codedeploy_group_name: { address: 'aws_codedeploy_deployment_group.deploy_group', attribute: 'deployment_group_name' },
  codedeploy_group_arn: { address: 'aws_codedeploy_deployment_group.deploy_group', attribute: 'arn' },
} as const satisfies Readonly<Record<string, { readonly address: string; readonly attribute: string }>>;

export type CopyValue = keyof typeof COPY_VALUE_SOURCES;

/**
 * The weighted ALIAS records that send a copy its share of the name's
 * traffic, in the shared layer. Blue's keep the addresses an environment's
 * records had before it had copies, so adopting copies moves none of them.
 */
export function recordAddresses(copy: CopyName): string[] {
  const suffix = copy === 'blue' ? '' : `_${copy}`;
  return [`aws_route53_record.alias_a${suffix}`, `aws_route53_record.alias_aaaa${suffix}`];
}

export interface CopyLayout {
  readonly copy: CopyName;
  readonly stack: string;
  /** Percent of the name's traffic this copy's records carry. */
  readonly weight: number;
  /** The shared layer has records for this copy (the next copy gets them once it is up). */
  readonly routed: boolean;
  /** live: serving before the change began; next: being brought in. */
  readonly role: 'live' | 'next';
}

/**
 * The stacks of one environment. Without copies (`single`) it is one stack
 * holding everything, as always. With copies (`split`) the environment's own
 * stack is the shared layer (network, database, images, pipeline,
 * certificate) and each copy is a stack of its own; `active` is the copy
 * that follows ecs-wizard.json (the next one during a change).
 */
export type EnvironmentLayout =
  | { readonly kind: 'single'; readonly stack: string }
  | { readonly kind: 'split'; readonly shared: string; readonly copies: readonly CopyLayout[]; readonly active: CopyLayout };

export function environmentLayout(environment: string, copies: CopiesConfig | undefined): EnvironmentLayout {
  if (!copies) return { kind: 'single', stack: environment };
  const weight = copies.next ? (copies.nextWeight ?? 0) : 0;
  const live: CopyLayout = { copy: copies.live, stack: copyStackName(environment, copies.live), weight: 100 - weight, role: 'live', routed: true };
  const layouts: CopyLayout[] = [live];
  if (copies.next) {
    layouts.push({ copy: copies.next, stack: copyStackName(environment, copies.next), weight, role: 'next', routed: copies.nextWeight !== undefined });
  }
  return { kind: 'split', shared: environment, copies: layouts, active: layouts[layouts.length - 1]! };
}

/** Every stack of an environment, the shared one first. */
export function stacksOf(layout: EnvironmentLayout): string[] {
  return layout.kind === 'single' ? [layout.stack] : [layout.shared, ...layout.copies.map((copy) => copy.stack)];
}

/** State folder, relative to the project folder. */
export const LOCAL_STATE_DIR = '.ecs-wizard/state';

/**
 * The local state file of an environment, as the stack's local backend names
 * it: relative to the stack's folder `cdktf.out/stacks/<env>/` (Terraform runs
 * there), so the synthesized JSON is the same on every machine; outside
 * cdktf.out, so regenerating it never touches the state.
 */
export function localStatePathFor(environment: string): string {
  return `../../../${LOCAL_STATE_DIR}/${environment}.tfstate`;
}
