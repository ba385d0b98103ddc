/**
 * Security findings in a Terraform plan (`terraform show -json plan`), the
 * checks a scanner would run on the generated stack. Pure: plan JSON in,
 * findings out; an empty list is a pass.
 *
 * Many values are unknown until apply (IDs, ARNs, a task definition whose
 * JSON embeds the repository URL). Where a check needs one, it reads the
 * plan's `configuration` instead: its `references` say which resource an
 * attribute points at, and for a JSON configuration `constant_value` keeps the
 * raw template text (container definitions with `${…}` still parse as JSON).
 * A check that can read neither reports a finding: it fails closed.
 *
 * Beyond what scanners flag by default, the day-2 hardening of the stack:
 * flow logs on every VPC, load balancer access logs and deletion protection,
 * TLS-only bucket policies, RDS log exports, immutable image tags and a
 * pipeline that tags by commit and migrates with that exact image, read-only
 * root filesystems, no object ACL grants, `aws:SourceAccount` in every
 * service trust policy, an app that never logs in with the rotating master
 * secret, and role policies that name a resource for every action that takes
 * one (no `ecs:TagResource` on `*`) and none for those that take none. The starter preset keeps some cheaper choices on purpose:
 * `STARTER_TRADE_OFFS` lists them, and the README says why.
 */
import { SECRET_NAME_PATTERN } from '../../src/config/index.js';

export interface Finding {
  /** Resource address, e.g. `aws_db_instance.database`. */
  readonly address: string;
  /** Which rule: `world-ingress`, `public-database`, … */
  readonly check: string;
  readonly message: string;
}

type Values = Record<string, any>;
interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[]; after: Values | null; after_unknown?: Values };
}
interface ConfigResource {
  address: string;
  type: string;
  expressions?: Values;
}
export interface PlanJson {
  resource_changes?: ResourceChange[];
  configuration?: { root_module?: { resources?: ConfigResource[] } };
}

/** Checks the starter preset fails on purpose (cheaper), as the README states. */
export const STARTER_TRADE_OFFS = ['vpc-flow-logs', 'lb-access-logs', 'lb-deletion-protection', 'readonly-root-filesystem'] as const;

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const PUBLIC_PORTS = new Set([80, 443]);

export function securityFindings(plan: PlanJson): Finding[] {
  const changes = (plan.resource_changes ?? []).filter((change) => change.change.after !== null);
  const config = new Map((plan.configuration?.root_module?.resources ?? []).map((resource) => [resource.address, resource]));
  const expression = (address: string, attribute: string): Values | undefined => config.get(address)?.expressions?.[attribute];
  const findings: Finding[] = [];
  const report = (address: string, check: string, message: string) => findings.push({ address, check, message });
  const of = (type: string) => changes.filter((change) => change.type === type);

  // Security groups attached to a load balancer: the only ones the internet may reach, on 80/443.
  const loadBalancerGroups = new Set(
    of('aws_lb').flatMap((lb) => [...referencedResources(expression(lb.address, 'security_groups')), ...(lb.change.after!['security_groups'] ?? [])]),
  );
  const isLoadBalancerGroup = (ruleAddress: string, groupAttribute: string, knownGroupId: unknown) =>
    [...referencedResources(expression(ruleAddress, groupAttribute))].some((group) => loadBalancerGroups.has(group)) ||
    (typeof knownGroupId === 'string' && loadBalancerGroups.has(knownGroupId));
  const checkWorld = (address: string, cidrs: unknown[], fromPort: unknown, toPort: unknown, fromLoadBalancer: boolean) => {
    const open = cidrs.filter((cidr) => typeof cidr === 'string' && WORLD.has(cidr));
    if (open.length === 0) return;
    const publicPort = fromPort === toPort && PUBLIC_PORTS.has(Number(fromPort));
    if (fromLoadBalancer && publicPort) return;
    report(address, 'world-ingress', `ingress from ${open.join(', ')} on ports ${fromPort}-${toPort}${fromLoadBalancer ? '' : ' to a group that is not a load balancer'}`);
  };
  for (const rule of of('aws_vpc_security_group_ingress_rule')) {
    const after = rule.change.after!;
    checkWorld(rule.address, [after['cidr_ipv4'], after['cidr_ipv6']], after['from_port'], after['to_port'], isLoadBalancerGroup(rule.address, 'security_group_id', after['security_group_id']));
  }
  for (const rule of of('aws_security_group_rule').filter((rule) => rule.change.after!['type'] === 'ingress')) {
    const after = rule.change.after!;
    const cidrs = [...(after['cidr_blocks'] ?? []), ...(after['ipv6_cidr_blocks'] ?? [])];
    checkWorld(rule.address, cidrs, after['from_port'], after['to_port'], isLoadBalancerGroup(rule.address, 'security_group_id', after['security_group_id']));
  }
  for (const group of [...of('aws_security_group'), ...of('aws_default_security_group')]) {
    const fromLoadBalancer = group.type === 'aws_security_group' && loadBalancerGroups.has(group.address);
    for (const ingress of group.change.after!['ingress'] ?? []) {
      const cidrs = [...(ingress['cidr_blocks'] ?? []), ...(ingress['ipv6_cidr_blocks'] ?? [])];
      checkWorld(group.address, cidrs, ingress['from_port'], ingress['to_port'], fromLoadBalancer);
    }
  }

  for (const db of [...of('aws_db_instance'), ...of('aws_rds_cluster')]) {
    const after = db.change.after!;
    if (after['publicly_accessible'] === true) report(db.address, 'public-database', 'the database has a public address');
    if (after['storage_encrypted'] !== true) report(db.address, 'unencrypted-database', 'storage_encrypted is not true');
    const password = after['password'] ?? after['master_password'];
    const unknownPassword = db.change.after_unknown?.['password'] === true || db.change.after_unknown?.['master_password'] === true;
    if (password != null || unknownPassword || expression(db.address, 'password') || expression(db.address, 'master_password')) {
      report(db.address, 'plaintext-password', 'a password is set in the configuration (and so in state); use manage_master_user_password');
    }
  }

  for (const task of of('aws_ecs_task_definition')) {
    const after = task.change.after!;
    const text = typeof after['container_definitions'] === 'string' ? after['container_definitions'] : expression(task.address, 'container_definitions')?.['constant_value'];
    let containers: Values[] | undefined;
    try {
      containers = typeof text === 'string' ? (JSON.parse(text) as Values[]) : undefined;
    } catch {
      containers = undefined;
    }
    if (!Array.isArray(containers)) {
      report(task.address, 'unreadable-container-definitions', 'cannot read the container definitions to check their environment');
    } else {
      for (const container of containers) {
        for (const variable of container['environment'] ?? []) {
          if (SECRET_NAME_PATTERN.test(String(variable['name']))) {
            report(task.address, 'secret-in-environment', `container ${container['name']} has "${variable['name']}" as a plain environment variable`);
          }
        }
        if (container['readonlyRootFilesystem'] !== true) {
          report(task.address, 'readonly-root-filesystem', `container ${container['name']} can write to its root filesystem`);
        }
        // The app runs essential containers; a one-shot setup step (essential: false) may log in as the master.
        const masterSecrets = (container['secrets'] ?? []).filter((secret: Values) => String(secret['valueFrom']).includes('master_user_secret'));
        if (container['essential'] !== false && masterSecrets.length > 0) {
          report(
            task.address,
            'app-uses-master-secret',
            `container ${container['name']} logs in with the RDS-managed master secret, which rotates under running tasks`,
          );
        }
      }
    }
    const execution = roleIdentity(after['execution_role_arn'], expression(task.address, 'execution_role_arn'));
    const role = roleIdentity(after['task_role_arn'], expression(task.address, 'task_role_arn'));
    if (execution !== undefined && execution === role) report(task.address, 'shared-task-role', 'the task role is the execution role');
  }

  for (const group of of('aws_cloudwatch_log_group')) {
    const days = group.change.after!['retention_in_days'];
    if (typeof days !== 'number' || days <= 0) report(group.address, 'log-retention', 'the log group keeps logs forever (no retention_in_days)');
  }

  for (const repository of of('aws_ecr_repository')) {
    const scanning = repository.change.after!['image_scanning_configuration']?.[0];
    if (scanning?.['scan_on_push'] !== true) report(repository.address, 'ecr-scan-on-push', 'images are not scanned on push');
    if (repository.change.after!['image_tag_mutability'] !== 'IMMUTABLE') {
      report(repository.address, 'ecr-mutable-tags', 'a tag can be moved to another image, so what ran cannot be found again');
    }
  }

  for (const db of [...of('aws_db_instance'), ...of('aws_rds_cluster')]) {
    const exports = db.change.after!['enabled_cloudwatch_logs_exports'];
    if (!Array.isArray(exports) || exports.length === 0) report(db.address, 'rds-log-exports', 'the engine logs are not exported to CloudWatch');
  }

  const flowLoggedVpcs = new Set(of('aws_flow_log').flatMap((log) => [...referencedResources(expression(log.address, 'vpc_id'))]));
  for (const vpc of of('aws_vpc')) {
    if (!flowLoggedVpcs.has(vpc.address)) report(vpc.address, 'vpc-flow-logs', 'no flow log records the traffic of this VPC');
  }

  for (const lb of of('aws_lb')) {
    const after = lb.change.after!;
    if (after['access_logs']?.[0]?.['enabled'] !== true) report(lb.address, 'lb-access-logs', 'the load balancer writes no access logs');
    if (after['enable_deletion_protection'] !== true) report(lb.address, 'lb-deletion-protection', 'the load balancer (and its DNS name) can be deleted by accident');
  }

  for (const project of of('aws_codebuild_project')) {
    const spec = project.change.after!['source']?.[0]?.['buildspec'];
    if (typeof spec !== 'string') continue;
    if (/docker push/.test(spec) && /:latest\b/.test(spec)) {
      report(project.address, 'image-tag-latest', 'the build pushes a moving "latest" tag instead of tagging by commit only');
    }
    // Migrations must run the image just built: a revision that names it, not whatever the task definition says.
    if (/aws ecs run-task/.test(spec) && spec.indexOf('register-task-definition') === -1) {
      report(project.address, 'migrate-not-exact-image', 'the build runs the migrate task without registering a revision with the image it built');
    }
  }

  for (const policy of of('aws_iam_role_policy')) {
    const text = typeof policy.change.after!['policy'] === 'string' ? policy.change.after!['policy'] : expression(policy.address, 'policy')?.['constant_value'];
    const document = typeof text === 'string' ? parseTemplateJson(text) : undefined;
    if (typeof text !== 'string' || !document) {
      report(policy.address, 'unreadable-policy', 'cannot read the policy to check it');
      continue;
    }
    if (text.includes('s3:PutObjectAcl')) {
      report(policy.address, 'put-object-acl', 'grants s3:PutObjectAcl; the stack\'s buckets enforce their owner and have no ACLs');
    }
    for (const problem of resourceScopeProblems(document)) report(policy.address, problem.check, problem.message);
  }

  for (const role of of('aws_iam_role')) {
    const text = typeof role.change.after!['assume_role_policy'] === 'string' ? role.change.after!['assume_role_policy'] : expression(role.address, 'assume_role_policy')?.['constant_value'];
    let trust: Values | undefined;
    try {
      trust = typeof text === 'string' ? (JSON.parse(text) as Values) : undefined;
    } catch {
      trust = undefined;
    }
    if (!trust) {
      report(role.address, 'unreadable-trust-policy', 'cannot read the trust policy to check it');
      continue;
    }
    for (const statement of trust['Statement'] ?? []) {
      if (!statement['Principal']?.['Service']) continue;
      const conditions = Object.values(statement['Condition'] ?? {}).flatMap((block) => Object.keys(block as Values));
      if (!conditions.includes('aws:SourceAccount') && !conditions.includes('aws:SourceArn')) {
        report(role.address, 'trust-source-account', `${statement['Principal']['Service']} may assume this role on behalf of any account (no aws:SourceAccount)`);
      }
    }
  }

  const blockedBuckets = new Set(
    of('aws_s3_bucket_public_access_block')
      .filter((block) => ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((flag) => block.change.after![flag] === true))
      .flatMap((block) => [...referencedResources(expression(block.address, 'bucket')), String(block.change.after!['bucket'])]),
  );
  const tlsOnlyBuckets = new Set(
    of('aws_s3_bucket_policy')
      .filter((policy) => {
        const text = typeof policy.change.after!['policy'] === 'string' ? policy.change.after!['policy'] : expression(policy.address, 'policy')?.['constant_value'];
        try {
          const statements: Values[] = typeof text === 'string' ? (JSON.parse(text)['Statement'] ?? []) : [];
          return statements.some((statement) => statement['Effect'] === 'Deny' && statement['Condition']?.['Bool']?.['aws:SecureTransport'] === 'false');
        } catch {
          return false;
        }
      })
      .flatMap((policy) => [...referencedResources(expression(policy.address, 'bucket')), String(policy.change.after!['bucket'])]),
  );
  for (const bucket of of('aws_s3_bucket')) {
    const name = bucket.change.after!['bucket'];
    if (!blockedBuckets.has(bucket.address) && !(typeof name === 'string' && blockedBuckets.has(name))) {
      report(bucket.address, 'bucket-public-access', 'no public access block (all four settings on) for this bucket');
    }
    if (!tlsOnlyBuckets.has(bucket.address) && !(typeof name === 'string' && tlsOnlyBuckets.has(name))) {
      report(bucket.address, 'bucket-tls-only', 'no bucket policy refusing requests without TLS (aws:SecureTransport)');
    }
  }
  return findings;
}

/**
 * Actions the Service Authorization Reference gives no resource type: granted
 * on `*` or not at all (named on an ARN, they are never allowed).
 */
export const NO_RESOURCE_TYPE: ReadonlySet<string> = new Set([
  'ecr:GetAuthorizationToken',
  'ecs:DescribeTaskDefinition',
  'secretsmanager:GetRandomPassword',
  'logs:DescribeLogGroups',
  'application-autoscaling:DescribeScalableTargets',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeRules',
]);

/** Actions that take a resource IAM cannot name here, allowed on `*` only with this condition key narrowing it. */
export const WILDCARD_WITH_CONDITION: Readonly<Record<string, string>> = {
  // Authorised on a container instance, which Fargate tasks have none of.
  'ecs:ListTasks': 'ecs:cluster',
};

/** Actions that take a resource but stay on `*` on purpose, and why (the stack's comments say more). */
export const UNSCOPED_BY_CHOICE: Readonly<Record<string, string>> = {
  'ecs:RegisterTaskDefinition': 'listed with a task-definition resource since 2025; a family-scoped grant waits for a deploy on AWS to confirm it',
  'cloudwatch:DescribeAlarms': "CodeDeploy's role reads the rollback alarms as AWS's own policy for it does, on *",
};

/**
 * An Allow statement on `*` with an action that takes a resource
 * (`iam-wildcard-resource`: the role could use it on anything of that kind in
 * the account), or with an action that takes none named on ARNs only
 * (`iam-resource-never-matches`: the grant does nothing, and what needs it
 * fails).
 */
function resourceScopeProblems(document: Values): Array<{ check: string; message: string }> {
  const problems: Array<{ check: string; message: string }> = [];
  const list = (value: unknown): string[] => (value === undefined ? [] : ([] as unknown[]).concat(value).map(String));
  for (const statement of ([] as Values[]).concat(document['Statement'] ?? [])) {
    if ((statement['Effect'] ?? 'Allow') !== 'Allow') continue;
    const where = statement['Sid'] ? ` (${statement['Sid']})` : '';
    if (statement['NotAction'] !== undefined || statement['NotResource'] !== undefined) {
      problems.push({ check: 'iam-wildcard-resource', message: `NotAction/NotResource${where} allows everything it does not name` });
      continue;
    }
    const actions = list(statement['Action']);
    const resources = list(statement['Resource']);
    const conditionKeys = Object.values((statement['Condition'] ?? {}) as Values).flatMap((block) => Object.keys(block as Values));
    if (resources.includes('*')) {
      for (const action of actions) {
        if (NO_RESOURCE_TYPE.has(action) || action in UNSCOPED_BY_CHOICE) continue;
        const key = WILDCARD_WITH_CONDITION[action];
        if (key !== undefined && conditionKeys.includes(key)) continue;
        problems.push({
          check: 'iam-wildcard-resource',
          message: `${action} on *${where}: it takes a resource${key ? ` (or ${key})` : ''}, so name this stack's`,
        });
      }
    } else {
      for (const action of actions.filter((candidate) => NO_RESOURCE_TYPE.has(candidate))) {
        problems.push({ check: 'iam-resource-never-matches', message: `${action}${where} takes no resource-level permissions: on ${resources.join(', ')} it is never allowed` });
      }
    }
  }
  return problems;
}

/**
 * A JSON document from Terraform's configuration text, whose strings may hold
 * `${…}` interpolations with quotes of their own (a function call's
 * arguments): those quotes become `'` so the text parses, the rest stays as
 * written. Undefined when it still does not parse.
 */
export function parseTemplateJson(text: string): Values | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      out += text.slice(i, j + 1).replace(/\\?"/g, "'");
      i = j;
    } else {
      out += text[i];
    }
  }
  try {
    return JSON.parse(out) as Values;
  } catch {
    return undefined;
  }
}

/** Resource addresses (`type.name`) an expression refers to. */
function referencedResources(expression: Values | undefined): Set<string> {
  const references: unknown[] = Array.isArray(expression?.['references']) ? expression['references'] : [];
  return new Set(
    references
      .filter((reference): reference is string => typeof reference === 'string')
      .map((reference) => reference.split('.').slice(0, 2).join('.')),
  );
}

/** What a role attribute points at: its known ARN, else the resource it references. */
function roleIdentity(known: unknown, expression: Values | undefined): string | undefined {
  if (typeof known === 'string') return known;
  const [first] = referencedResources(expression);
  return first ?? (typeof expression?.['constant_value'] === 'string' ? expression['constant_value'] : undefined);
}
