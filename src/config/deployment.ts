/**
 * The tables behind an environment's domain and deployment settings: how a
 * release moves traffic (CodeDeploy's predefined ECS configurations) and the
 * two copies a blue/green change of the infrastructure alternates between.
 * Pure data, shared by the schema, the wizard and the stack.
 */

/** How each release is deployed. */
export const DEPLOYMENT_STRATEGIES = ['rolling', 'blueGreen'] as const;
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

/**
 * CodeDeploy's predefined ECS deployment configurations, by their AWS names
 * (https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html),
 * each with what it does in words.
 */
export const TRAFFIC_CONFIGS = [
  { name: 'CodeDeployDefault.ECSAllAtOnce', label: 'All at once', hint: 'every request moves to the new tasks in one step' },
  { name: 'CodeDeployDefault.ECSCanary10Percent5Minutes', label: 'Canary 10%, 5 min', hint: '10% first, the rest 5 minutes later' },
  { name: 'CodeDeployDefault.ECSCanary10Percent15Minutes', label: 'Canary 10%, 15 min', hint: '10% first, the rest 15 minutes later' },
  { name: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes', label: 'Linear 10%/min', hint: '10% more every minute: 10 minutes' },
  { name: 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes', label: 'Linear 10%/3 min', hint: '10% more every 3 minutes: 30 minutes' },
] as const;
export type TrafficConfig = (typeof TRAFFIC_CONFIGS)[number]['name'];
export const TRAFFIC_CONFIG_NAMES = TRAFFIC_CONFIGS.map((entry) => entry.name) as unknown as readonly [TrafficConfig, ...TrafficConfig[]];

/** CodeDeploy keeps the old task set at most two days (termination_wait_time_in_minutes). */
export const MAX_KEEP_OLD_MINUTES = 2880;

/**
 * The two copies of an environment's serving layer. `blue` keeps the names an
 * environment had before it ever had a second copy, so adopting blue/green
 * renames (and replaces) nothing; `green` names carry the copy.
 */
export const COPY_NAMES = ['blue', 'green'] as const;
export type CopyName = (typeof COPY_NAMES)[number];

export function otherCopy(copy: CopyName): CopyName {
  return copy === 'blue' ? 'green' : 'blue';
}

/**
 * Ports of the test listener CodeDeploy sends test traffic to before a
 * release goes live: HTTPS with a domain, HTTP without.
 */
export const TEST_LISTENER_PORTS = { https: 8443, http: 8080 } as const;
