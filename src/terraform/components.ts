/**
 * Which part of the stack a resource belongs to, from its type (and, for the
 * few types shared by several parts, its name). Used to group a plan the way
 * the wizard presents the stack: network, database, containers, load
 * balancer, scaling, pipeline.
 */

export const COMPONENTS = ['network', 'database', 'containers', 'loadBalancer', 'scaling', 'pipeline', 'other'] as const;
export type Component = (typeof COMPONENTS)[number];

export const COMPONENT_LABELS: Readonly<Record<Component, string>> = {
  network: 'Network',
  database: 'Database',
  containers: 'Containers',
  loadBalancer: 'Load balancer',
  scaling: 'Scaling',
  pipeline: 'Pipeline',
  other: 'Other',
};

// Types whose part of the stack depends on what they are for. A security
// group guards the ALB, the database or the service; an IAM role serves the
// tasks or the pipeline. The construct names say which.
const SECURITY_GROUP_TYPES = new Set([
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
]);

// Words in a resource name that say what it serves, most specific first.
const NAME_HINTS: readonly (readonly [ReadonlySet<string>, Component])[] = [
  [new Set(['alb', 'nlb', 'elb', 'lb', 'loadbalancer', 'balancer']), 'loadBalancer'],
  [new Set(['flow', 'vpc']), 'network'],
  [new Set(['db', 'database', 'rds', 'postgres', 'postgresql', 'mysql', 'aurora']), 'database'],
  [new Set(['pipeline', 'codepipeline', 'codebuild', 'build', 'codedeploy', 'deploy']), 'pipeline'],
  [new Set(['ecs', 'service', 'task', 'tasks', 'app', 'container', 'containers', 'execution']), 'containers'],
];

// Order matters: `aws_route53_` must be tested before `aws_route`, and the
// `aws_vpc_security_group_*` rules (handled above) before `aws_vpc`.
const TYPE_RULES: readonly (readonly [RegExp, Component])[] = [
  [/^aws_route53_zone$/, 'network'],
  [/^aws_route53_/, 'loadBalancer'], // records pointing at the ALB
  [/^aws_(vpc|subnet|nat_gateway|eip|internet_gateway|egress_only_internet_gateway|route|route_table|main_route_table_association|network_acl|flow_log|default_)/, 'network'],
  [/^aws_(db|rds)_/, 'database'],
  [/^aws_secretsmanager_/, 'database'],
  [/^aws_(lb|alb)(_|$)/, 'loadBalancer'],
  [/^aws_acm_/, 'loadBalancer'],
  [/^aws_wafv2_/, 'loadBalancer'],
  [/^aws_(ecr|ecs)_/, 'containers'],
  [/^aws_ssm_parameter$/, 'containers'], // the deployed image tag
  [/^aws_ecrpublic_/, 'containers'],
  [/^aws_cloudwatch_log_group$/, 'containers'],
  [/^aws_service_discovery_/, 'containers'],
  [/^aws_appautoscaling_/, 'scaling'],
  [/^aws_cloudwatch_metric_alarm$/, 'scaling'],
  [/^aws_(codepipeline|codebuild|codedeploy|codestarconnections|codeconnections)(_|$)/, 'pipeline'],
  [/^aws_s3_bucket/, 'pipeline'], // the artifact bucket and its settings
];

/**
 * @param type   resource type, e.g. `aws_security_group`
 * @param name   resource name (`alb_sg`), used only for types shared by several parts
 */
export function componentOf(type: string, name = ''): Component {
  if (SECURITY_GROUP_TYPES.has(type)) return hintFromName(name) ?? 'network';
  // A release's rollback alarms belong with the deploys; the CPU alarms with scaling.
  if (type === 'aws_cloudwatch_metric_alarm' && hintFromName(name) === 'pipeline') return 'pipeline';
  if (type.startsWith('aws_iam_')) {
    const hint = hintFromName(name);
    return hint === 'pipeline' || hint === 'network' ? hint : 'containers';
  }
  // Logs and buckets serve several parts: the load balancer's access logs,
  // the database's and the VPC's logs; the name says which.
  if (type === 'aws_cloudwatch_log_group' || type.startsWith('aws_s3_bucket')) {
    const hint = hintFromName(name);
    if (hint === 'loadBalancer' || hint === 'database' || hint === 'network') return hint;
  }
  for (const [pattern, component] of TYPE_RULES) if (pattern.test(type)) return component;
  return 'other';
}

/** `albSecurityGroup`, `alb_sg`, `alb-sg_1A2B3C` all yield the word `alb`. */
function hintFromName(name: string): Component | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (const [hints, component] of NAME_HINTS) if (words.some((w) => hints.has(w))) return component;
  return undefined;
}
