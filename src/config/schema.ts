/**
 * The one source of truth for `ecs-wizard.json`: types, defaults, validation
 * messages and (through scripts/write-schema.mjs) the JSON Schema that editors
 * use for completion. The wizard, `--set` and the file all end up here.
 */
import * as z from 'zod';
import { findRegion } from './regions.js';
import { APP_DEFAULTS, DATABASE_DEFAULTS, DEPLOYMENT_DEFAULTS, NETWORK_DEFAULTS, PIPELINE_DEFAULTS, SERVICE_DEFAULTS } from './defaults.js';
import { FARGATE_CPU_VALUES, fargateMemoryFor, isValidFargatePair } from './fargate.js';
import { DATABASE_CLASSES, DATABASE_ENGINES, DEFAULT_ENGINE_VERSION, ENGINE_VERSIONS, findDatabaseClass } from './databaseClasses.js';
import { MAX_ZONES, VPC_PREFIX_MAX, VPC_PREFIX_MIN, cidrContains, cidrsOverlap, parseCidr, subnetLayout } from './cidr.js';
import { checkVpcSizing, privateSubnetProblem, publicSubnetProblem, smallestPrivatePrefix, type SizingNeeds } from './sizing.js';
import { COPY_NAMES, DEPLOYMENT_STRATEGIES, MAX_KEEP_OLD_MINUTES, TRAFFIC_CONFIG_NAMES } from './deployment.js';

// zod compiles a parser of its own (new Function) for each object schema the
// first time it parses; a command parses one small file once, and the
// interpreted path does that in half the time (about 6 ms less per synth).
// This is the bundle's own zod: the setting reaches no other copy.
z.config({ jitless: true });

// In a module of their own, which the wizard's first frame reads without zod.
import { CONFIG_VERSION } from './constants.js';
import { scaleInLimit } from './scaling.js';
export { scaleInLimit } from './scaling.js';
export { CONFIG_FILE_NAME, CONFIG_VERSION, SCHEMA_REFERENCE } from './constants.js';

/**
 * What to paste for a Secrets Manager secret. AWS documents that a partial ARN
 * (no random suffix) whose name ends in a hyphen and 6 characters is read as a
 * complete ARN, by Secrets Manager itself: no grant can make that lookup work.
 */
const SECRET_ARN_HELP =
  'Paste the full ARN the console shows (it ends in a hyphen and 6 random characters). An ARN without that suffix is granted as name-??????, except for a name ending in a hyphen and 6 letters or digits (e.g. db-secret): Secrets Manager and ecs-wizard read that as a full ARN, so give such a secret its full ARN.';

/** Master usernames RDS refuses (it keeps them for its own users). */
const RESERVED_MASTER_USERNAMES = ['rdsadmin', 'rdsrepladmin', 'rds_superuser'];

const NAME_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const ENV_VAR_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names a scanner (and a reviewer) reads as credentials. */
export const SECRET_NAME_PATTERN = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL)/i;
const SECRET_ARN_PATTERN =
  /^arn:aws[a-z-]*:(ssm:[a-z0-9-]+:\d{12}:parameter\/.+|secretsmanager:[a-z0-9-]+:\d{12}:secret:.+)$/;

/**
 * A cross-field check that runs even when another field of the same object
 * is already invalid (zod skips refinements then by default), so one run
 * reports every problem. The value may hold unparsed fields: checks guard types.
 */
type Report = (path: ReadonlyArray<string | number>, message: string) => void;
function crossCheck<T>(fn: (value: Partial<T>, report: Report) => void) {
  const check = z.check<T>((payload) => {
    if (payload.value === null || typeof payload.value !== 'object') return;
    fn(payload.value as Partial<T>, (path, message) => {
      payload.issues.push({ code: 'custom', path: [...path], message, input: payload.value, continue: true });
    });
  });
  check._zod.def.when = () => true;
  return check;
}
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** A user's text inside a sentence: as typed, quoted when empty or blank, cut at 80 characters. */
const shownText = (value: unknown): string => {
  const text = String(value);
  return text.trim() === '' ? JSON.stringify(text) : text.length > 80 ? `${text.slice(0, 79)}…` : text;
};
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Tags ecs-wizard puts on every resource (src/infra/provider.ts); a user tag of the same key would be overridden. */
export const MANAGED_TAG_KEYS = ['app', 'environment', 'managed-by'] as const;

const resourceName = (what: string, max: number, example: string) =>
  z
    .string()
    .min(2, { error: `${what} needs at least 2 characters, e.g. "${example}"` })
    .max(max, { error: `${what} is at most ${max} characters (AWS name limits), e.g. "${example}"` })
    .regex(NAME_PATTERN, {
      error: `${what} uses lower-case letters, digits and dashes, starts with a letter and ends with a letter or digit, e.g. "${example}"`,
    });

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a whole number from ${min} to ${max}` })
    .int({ error: `${what} must be a whole number from ${min} to ${max}` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

const envVarMap = z.record(
  z.string().regex(ENV_VAR_PATTERN, { error: 'an environment variable name uses letters, digits and _, e.g. "LOG_LEVEL"' }),
  z.string(),
);

// A crossCheck, not a superRefine: a badly spelt name beside DB_PASSWORD must
// not hide the secret (zod skips plain refinements once a key is invalid).
const plainVariables = envVarMap.check(
  crossCheck<Record<string, string>>((vars, report) => {
    for (const name of Object.keys(vars)) {
      if (SECRET_NAME_PATTERN.test(name)) {
        report(
          [name],
          `"${name}" looks like a secret and would be stored in plain text in the task definition; move it to "secrets" with an SSM parameter or Secrets Manager ARN`,
        );
      }
    }
  }),
);

const KMS_KEY_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const secretArn = z.string().regex(SECRET_ARN_PATTERN, {
  error:
    'a secret is an SSM parameter or Secrets Manager ARN, e.g. "arn:aws:ssm:eu-west-1:123456789012:parameter/myapp/API_KEY"',
});
/**
 * A secret: its ARN, or `{ "arn", "kmsKeyArn" }` when a customer-managed KMS
 * key encrypts it (the execution role then gets kms:Decrypt on that key; with
 * the AWS-managed key no grant is needed).
 */
const secretValue = z.union(
  [
    secretArn,
    z.strictObject({
      arn: secretArn,
      kmsKeyArn: z.string().regex(KMS_KEY_ARN_PATTERN, {
        error: 'the KMS key is a key ARN (not an alias), e.g. "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
      }),
    }),
  ],
  {
    error:
      'a secret is an SSM parameter or Secrets Manager ARN, or { "arn": …, "kmsKeyArn": … } when a customer-managed key encrypts it, e.g. "arn:aws:ssm:eu-west-1:123456789012:parameter/myapp/API_KEY"',
  },
);
const secretArns = z.record(
  z.string().regex(ENV_VAR_PATTERN, { error: 'a secret name uses letters, digits and _, e.g. "API_KEY"' }),
  secretValue,
);

export const appSchema = z
  .strictObject({
    name: resourceName('the app name', 16, 'shop').meta({
      description: 'Name of the app; every AWS resource name derives from it and the environment.',
    }),
    containerPort: int('the container port', 1, 65535).default(APP_DEFAULTS.containerPort).meta({ description: 'Port the container listens on.' }),
    healthCheckPath: z
      .string()
      .regex(/^\/[\x21-\x7e]*$/, { error: 'the health check path starts with "/", e.g. "/health"' })
      .max(1024)
      .default(APP_DEFAULTS.healthCheckPath)
      .meta({ description: 'Path the load balancer polls; it must answer 200.' }),
    cpu: z
      .number()
      .refine((cpu) => FARGATE_CPU_VALUES.includes(cpu), {
        error: `Fargate CPU is one of ${FARGATE_CPU_VALUES.join(', ')} (1024 = 1 vCPU)`,
      })
      .default(APP_DEFAULTS.cpu)
      .meta({ description: 'Fargate task CPU units (1024 = 1 vCPU).', enum: [...FARGATE_CPU_VALUES] }),
    memory: int('the task memory', 512, 122880).default(APP_DEFAULTS.memory).meta({ description: 'Fargate task memory in MiB; must pair with cpu.' }),
    migrateCommand: z
      .array(z.string().min(1))
      .min(1, { error: 'the migrate command needs at least one word, e.g. ["npm", "run", "migrate"]' })
      .default([...APP_DEFAULTS.migrateCommand])
      .meta({ description: 'Command of the one-shot migrate task, run by the pipeline before each deploy.' }),
    environment: plainVariables.default({}).meta({ description: 'Plain environment variables for every environment (no secrets).' }),
    secrets: secretArns.default({}).meta({ description: `Secrets injected as ECS secrets: name to SSM parameter or Secrets Manager ARN. ${SECRET_ARN_HELP}` }),
    dockerfile: z.string().min(1).default('Dockerfile').meta({ description: 'Dockerfile path, relative to the build context.' }),
    buildContext: z.string().min(1).default('.').meta({ description: 'Docker build context, relative to the repository root.' }),
    keepImages: int('the number of images to keep', 1, 1000).default(30).meta({ description: 'ECR keeps this many most recent images.' }),
    readonlyRootFilesystem: z.boolean().default(false).meta({
      description: 'Mount the containers\' root filesystem read-only; /tmp stays writable. The app must write nowhere else.',
    }),
  })
  .check(
    crossCheck<{ cpu: number; memory: number }>(({ cpu = APP_DEFAULTS.cpu, memory = APP_DEFAULTS.memory }, report) => {
      if (isNumber(cpu) && isNumber(memory) && FARGATE_CPU_VALUES.includes(cpu) && !isValidFargatePair(cpu, memory)) {
        report(['memory'], `${memory} MiB is not a Fargate size for cpu ${cpu}; valid: ${fargateMemoryFor(cpu).join(', ')}`);
      }
    }),
  );

export const networkSchema = z
  .strictObject({
    vpcCidr: z
      .string()
      .default(NETWORK_DEFAULTS.vpcCidr)
      .meta({ description: `VPC range, /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX}; subnets are computed from it.`, examples: ['10.0.0.0/16'] }),
    natGateways: z
      .enum(['single', 'perAz'], { error: 'natGateways is "single" (one shared, cheaper) or "perAz" (one per zone, survives a zone outage)' })
      .default(NETWORK_DEFAULTS.natGateways)
      .meta({ description: 'One shared NAT gateway, or one per availability zone.' }),
    publicSubnets: z.array(z.string()).optional().meta({ description: 'Explicit public subnet CIDRs, one per zone (default: computed).' }),
    privateSubnets: z.array(z.string()).optional().meta({ description: 'Explicit private subnet CIDRs, one per zone (default: computed).' }),
    flowLogs: z.boolean().default(false).meta({
      description: 'VPC flow logs (accepted and rejected traffic) to CloudWatch Logs, kept logRetentionDays.',
    }),
  });

export const databaseSchema = z
  .strictObject({
  engine: z
    .enum(DATABASE_ENGINES, { error: 'the database engine is "postgres" or "mysql"' })
    .default(DATABASE_DEFAULTS.engine),
  engineVersion: z
    .string()
    .optional()
    .meta({ description: `Major engine version; RDS applies minor upgrades. Default: ${DEFAULT_ENGINE_VERSION.postgres} for postgres, ${DEFAULT_ENGINE_VERSION.mysql} for mysql.` }),
  instanceClass: z
    .string()
    .refine((name) => findDatabaseClass(name) !== undefined, {
      error: `unknown instance class; choose one of ${DATABASE_CLASSES.slice(0, 4).map((entry) => entry.name).join(', ')}, …`,
    })
    .default(DATABASE_DEFAULTS.instanceClass)
    .meta({ enum: DATABASE_CLASSES.map((entry) => entry.name) }),
  allocatedStorage: int('the storage in GiB', 20, 65536).default(DATABASE_DEFAULTS.allocatedStorage),
  maxAllocatedStorage: int('the storage ceiling in GiB', 20, 65536).default(DATABASE_DEFAULTS.maxAllocatedStorage).meta({
    description: 'Storage autoscaling grows the disk up to this many GiB.',
  }),
  multiAz: z.boolean().default(DATABASE_DEFAULTS.multiAz).meta({ description: 'A standby in a second zone that takes over on failure.' }),
  backupRetentionDays: int('the backup retention', 1, 35).default(DATABASE_DEFAULTS.backupRetentionDays),
  deletionProtection: z.boolean().default(DATABASE_DEFAULTS.deletionProtection),
  applyChanges: z
    .enum(['immediately', 'maintenanceWindow'], {
      error: 'applyChanges is "immediately" (a class change restarts the database now) or "maintenanceWindow" (changes wait for the weekly window)',
    })
    .default('immediately')
    .meta({ description: 'When RDS applies a change such as a new instance class: now (a short outage), or in the next maintenance window.' }),
  logExports: z.boolean().default(true).meta({ description: 'Export the engine logs (errors, slow queries, upgrades) to CloudWatch Logs.' }),
  masterUsername: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, { error: 'the master username is 1 to 16 letters, digits or _, starting with a letter, e.g. "dbadmin"' })
    .refine((name) => !RESERVED_MASTER_USERNAMES.includes(name.toLowerCase()), { error: `RDS keeps ${'"rdsadmin"'} for itself; e.g. "dbadmin"` })
    .default('dbadmin')
    .meta({
      description:
        'The master user RDS creates, for the setup step only (the app logs in as its own user). RDS cannot rename it: changing it replaces the database. Files from before version 2 keep "app", the name their databases have.',
    }),
  })
  .transform((database) => ({ ...database, engineVersion: database.engineVersion ?? DEFAULT_ENGINE_VERSION[database.engine] }));

export const serviceSchema = z.strictObject({
  desiredCount: int('the desired task count', 1, 1000).default(1),
  minCount: int('the minimum task count', 1, 1000).default(SERVICE_DEFAULTS.minCount),
  maxCount: int('the maximum task count', 1, 1000).default(SERVICE_DEFAULTS.maxCount),
  scaleUpCpuThreshold: int('the scale-up CPU threshold', 1, 100).default(SERVICE_DEFAULTS.scaleUpCpuThreshold).meta({
    description: 'Add a task when average CPU stays above this percentage.',
  }),
  scaleDownCpuThreshold: int('the scale-down CPU threshold', 0, 99).default(SERVICE_DEFAULTS.scaleDownCpuThreshold).meta({
    description:
      'Remove a task while average CPU stays below this percentage. At most scaleUpCpuThreshold × minCount/(minCount+1) (half of it with one task): a task just added spreads the load that far, and must not be removed again.',
  }),
  evaluationPeriods: int('the evaluation periods', 1, 10).default(SERVICE_DEFAULTS.evaluationPeriods),
  periodSeconds: z
    .union([z.literal(10), z.literal(30), z.literal(60), z.literal(120), z.literal(300)], {
      error: 'the period is 10, 30, 60, 120 or 300 seconds',
    })
    .default(SERVICE_DEFAULTS.periodSeconds),
});

export const loadBalancerSchema = z.strictObject({
  deletionProtection: z.boolean().default(false).meta({
    description: 'Refuse to delete the load balancer (and so its DNS name); the destroy flow turns it off after you confirm.',
  }),
  accessLogs: z.boolean().default(false).meta({ description: 'Write every request to an S3 bucket of the stack, kept logRetentionDays.' }),
});

export const pipelineSchema = z.strictObject({
  owner: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: 'the GitHub owner is a user or organisation name, e.g. "acme"' })
    .meta({ description: 'GitHub user or organisation.' }),
  repo: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, { error: 'the GitHub repository is a name like "shop" (no owner, no .git)' }),
  branch: z.string().min(1).default(PIPELINE_DEFAULTS.branch).meta({ description: 'A push to this branch deploys the environment.' }),
  connectionArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]+$/, {
      error: 'an existing connection is an ARN like "arn:aws:codeconnections:eu-west-1:123456789012:connection/…"',
    })
    .optional()
    .meta({ description: 'An existing CodeStar connection; leave out to create a new one.' }),
});

const amount = (what: string, max: number) =>
  z
    .number({ error: `${what} is a number from 0 to ${max}` })
    .min(0, { error: `${what} cannot be negative; e.g. 0` })
    .max(max, { error: `${what} is at most ${max}` });

/**
 * What the cost estimate assumes about a month of use: everything a price is
 * multiplied by that the stack itself does not say. Each line of the
 * estimate names the assumption it used, so a reader knows which to set.
 */
export const usageSchema = z
  .strictObject({
    hours: amount('the hours in a month', 744).default(730).meta({ description: 'Hours in a month (730 = 24 × 365 / 12).' }),
    natGb: amount('the GB through the NAT gateways', 1e7).default(20).meta({
      description: 'GB a month that the tasks send and receive through the NAT gateways (image pulls, outside APIs).',
    }),
    loadBalancerGb: amount('the GB through the load balancer', 1e7).default(10).meta({
      description: 'GB a month the load balancer serves; it is also the data sent out to the internet.',
    }),
    logsGb: amount('the GB of logs', 1e7).default(5).meta({ description: 'GB of logs the containers and builds write a month.' }),
    ecrGb: amount('the GB of images', 1e6).default(5).meta({ description: 'GB of container images kept in ECR.' }),
    backupGb: amount('the GB of database backups', 1e6).optional().meta({
      description: 'GB of database backups kept; the default is the allocated storage, which RDS keeps for free.',
    }),
    deploys: amount('the deploys a month', 1e5).default(30).meta({ description: 'Pushes that run the pipeline, a month.' }),
    buildMinutes: amount('the minutes a build takes', 480).default(5).meta({ description: 'Minutes one CodeBuild run takes.' }),
    deployMinutes: amount('the minutes a deploy takes', 480).default(10).meta({ description: 'Minutes the ECS deploy action of one run takes.' }),
    flowLogsGb: amount('the GB of flow logs', 1e7).default(5).meta({ description: 'GB of VPC flow logs a month, when the stack has flow logs.' }),
    dnsMillionQueries: amount('the millions of DNS queries', 1e6).default(1).meta({
      description: 'Millions of DNS queries a month that are not alias queries, when the stack has a hosted zone.',
    }),
    insightsMetrics: amount('the Container Insights metrics', 1e5).default(30).meta({
      description: 'Custom metrics Container Insights publishes for the cluster, when it is on.',
    }),
  })
  .meta({ description: 'What the cost estimate assumes about a month of use (ecs-wizard cost).' });

/** ACM puts the first name in the certificate's common name: 64 characters at most. */
export const MAX_DOMAIN_LENGTH = 64;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * What is wrong with a domain name, in words, or undefined when it is one
 * ecs-wizard can serve: a lower-case host name of two labels or more.
 */
export function domainNameProblem(name: string): string | undefined {
  const example = 'e.g. "shop.example.com"';
  if (name.trim() === '') return `the domain name is the host name people type, ${example}; leave it out to keep plain HTTP`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return `the domain name is a host name without "${name.split('//')[0]}//", ${example}`;
  if (/[A-Z]/.test(name)) return `the domain name is written in lower case, e.g. "${name.toLowerCase()}"`;
  if (name.startsWith('*')) return `a wildcard is not a name the records can point at; give the exact host name, ${example}`;
  if (name.endsWith('.')) return `the domain name has no final dot, e.g. "${name.replace(/\.+$/, '')}"`;
  if (name.length > MAX_DOMAIN_LENGTH) return `the domain name is at most ${MAX_DOMAIN_LENGTH} characters (the certificate's limit); ${name.length} given`;
  const labels = name.split('.');
  if (labels.length < 2) return `the domain name needs a dot: a name in your hosted zone, ${example}`;
  const bad = labels.find((label) => !DOMAIN_LABEL.test(label));
  if (bad !== undefined) {
    return bad === ''
      ? `the domain name has an empty label (two dots in a row); ${example}`
      : `"${bad}" is not a DNS label: letters, digits and inner dashes, at most 63 characters; ${example}`;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return `the domain name ends in a number, like an IP address; give a host name, ${example}`;
  return undefined;
}

/** What is wrong with a Route 53 hosted zone ID, or undefined. */
export function hostedZoneIdProblem(id: string): string | undefined {
  const example = 'e.g. "Z0123456789ABCDEFGHIJ" (Route 53 › Hosted zones › Hosted zone ID)';
  if (id.trim() === '') return `the hosted zone ID names the Route 53 zone of the name, e.g. "Z0123456789ABCDEFGHIJ"`;
  if (id.startsWith('/hostedzone/')) return `leave out "/hostedzone/", e.g. "${id.slice('/hostedzone/'.length)}"`;
  if (/^[A-Za-z0-9]{5,32}$/.test(id) && /[a-z]/.test(id)) return `a hosted zone ID is written in capitals, e.g. "${id.toUpperCase()}"`;
  // AWS's IDs start with Z, but nothing documents it: capitals and digits are what is checked.
  if (!/^[A-Z0-9]{5,32}$/.test(id)) return `a hosted zone ID is 5 to 32 capital letters and digits, ${example}`;
  return undefined;
}

const CERTIFICATE_ARN_PATTERN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The region an ACM certificate ARN lives in, or undefined when it is not one. */
export function certificateRegion(arn: string): string | undefined {
  return CERTIFICATE_ARN_PATTERN.exec(arn)?.[1];
}

export const domainSchema = z
  .strictObject({
    name: z
      .string()
      .refine((name) => domainNameProblem(name) === undefined, { error: (issue) => domainNameProblem(String(issue.input)) })
      .meta({ description: 'Host name the app is served on over HTTPS, e.g. shop.example.com; it must be in the hosted zone.' }),
    hostedZoneId: z
      .string()
      .refine((id) => hostedZoneIdProblem(id) === undefined, { error: (issue) => hostedZoneIdProblem(String(issue.input)) })
      .meta({ description: 'Route 53 hosted zone that holds the name: its validation and ALIAS records go there.' }),
    certificateArn: z
      .string()
      .regex(CERTIFICATE_ARN_PATTERN, {
        error: 'an existing certificate is an ACM ARN like "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b…"',
      })
      .optional()
      .meta({ description: 'An issued ACM certificate of the environment\'s region for the name; leave out to create one, validated by DNS.' }),
  })
  .meta({ description: 'Serve the app on your own name over HTTPS. Leave out for plain HTTP on the load balancer\'s name.' });

export const deploymentSchema = z.strictObject({
  strategy: z
    .enum(DEPLOYMENT_STRATEGIES, { error: 'the strategy is "rolling" (replace tasks in place) or "blueGreen" (CodeDeploy shifts traffic to a new task set)' })
    .default(DEPLOYMENT_DEFAULTS.strategy)
    .meta({ description: 'How each release is deployed: rolling, or blue/green through CodeDeploy.' }),
  traffic: z
    .enum(TRAFFIC_CONFIG_NAMES, {
      error: `the traffic shift is one of CodeDeploy's ECS configurations: CodeDeployDefault.${TRAFFIC_CONFIG_NAMES.map((name) => name.replace('CodeDeployDefault.', '')).join(', ')}`,
    })
    .default(DEPLOYMENT_DEFAULTS.traffic)
    .meta({ description: 'blueGreen: how CodeDeploy moves traffic to the new tasks (all at once, canary or linear).' }),
  keepOldMinutes: int('the minutes the old tasks are kept', 0, MAX_KEEP_OLD_MINUTES)
    .default(DEPLOYMENT_DEFAULTS.keepOldMinutes)
    .meta({ description: 'blueGreen: minutes the old tasks keep running after traffic moved, for a quick rollback.' }),
  testCidrs: z
    .array(z.string())
    .default([...DEPLOYMENT_DEFAULTS.testCidrs])
    .meta({ description: 'blueGreen: IPv4 ranges that may reach the test listener (closed to everyone by default).', examples: [['203.0.113.0/24']] }),
});

export const copiesSchema = z
  .strictObject({
    live: z.enum(COPY_NAMES, { error: 'the live copy is "blue" or "green"' }).meta({ description: 'The copy serving traffic before the change.' }),
    next: z.enum(COPY_NAMES, { error: 'the next copy is "blue" or "green"' }).optional().meta({ description: 'The copy being brought in.' }),
    nextWeight: int("the next copy's weight", 0, 100)
      .optional()
      .meta({ description: 'Percent of the traffic the next copy receives; absent while the next copy is still being created (no records yet).' }),
  })
  .meta({
    description: 'Written by `ecs-wizard bluegreen`: which copies of the serving layer exist and how traffic is split. Do not edit by hand.',
  });

export const environmentSchema = z
  .strictObject({
    region: z.string().refine((code) => findRegion(code) !== undefined, {
      error: 'unknown AWS region; use a code such as "eu-west-1" or "us-east-1"',
    }),
    availabilityZones: z
      .array(z.string())
      .min(2, { error: 'choose at least 2 availability zones: the load balancer and a multi-AZ database need two' })
      .max(MAX_ZONES, { error: `choose at most ${MAX_ZONES} availability zones` }),
    network: networkSchema.prefault({}),
    database: databaseSchema.prefault({}),
    service: serviceSchema.prefault({}),
    loadBalancer: loadBalancerSchema.prefault({}),
    cpu: z
      .number()
      .refine((cpu) => FARGATE_CPU_VALUES.includes(cpu), {
        error: `Fargate CPU is one of ${FARGATE_CPU_VALUES.join(', ')} (1024 = 1 vCPU)`,
      })
      .optional()
      .meta({ description: 'This environment\'s Fargate CPU, over app.cpu.', enum: [...FARGATE_CPU_VALUES] }),
    memory: int('the task memory', 512, 122880).optional().meta({ description: 'This environment\'s Fargate memory in MiB, over app.memory.' }),
    pipeline: pipelineSchema,
    variables: plainVariables.default({}).meta({ description: 'Plain environment variables for this environment, over app.environment.' }),
    secrets: secretArns.default({}).meta({ description: `Secrets for this environment, over app.secrets. ${SECRET_ARN_HELP}` }),
    logRetentionDays: z
      .union([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653].map((days) => z.literal(days)), {
        error: 'log retention is a CloudWatch value such as 7, 14, 30, 90 or 365 days',
      })
      .default(30),
    containerInsights: z.boolean().default(false),
    awsProfile: z.string().min(1).optional().meta({ description: 'AWS CLI profile used for this environment.' }),
    endpoint: z
      .url({ error: 'the endpoint is a URL, e.g. "http://localhost:4566"' })
      .optional()
      .meta({
        description:
          'Send every AWS call to this URL (LocalStack and similar) and skip the credential and account checks.',
      }),
    tags: z
      .record(
        z.string().min(1, { error: 'a tag key is not empty, e.g. "team"' }).max(128, { error: 'a tag key is at most 128 characters' }),
        z.string({ error: 'a tag value is text, e.g. "payments"' }).max(256, { error: 'a tag value is at most 256 characters' }),
      )
      .default({})
      .meta({ description: `Tags on every resource, beside ${MANAGED_TAG_KEYS.join(', ')} (which ecs-wizard sets).` }),
    // Optional, not defaulted: a file without it keeps its bytes; the estimate reads the defaults.
    usage: usageSchema.optional(),

    domain: domainSchema.optional(),
    deployment: deploymentSchema.prefault({}),
    copies: copiesSchema.optional(),
  })
  .check(crossCheck<EnvironmentInputShape>(checkEnvironment));

type EnvironmentInputShape = {
  tags: Record<string, string>;
  region: string;
  availabilityZones: string[];
  network: z.input<typeof networkSchema>;
  database: z.input<typeof databaseSchema>;
  service: z.input<typeof serviceSchema>;
  domain?: z.input<typeof domainSchema>;
  deployment: z.input<typeof deploymentSchema>;
  copies?: z.input<typeof copiesSchema>;
};

function checkTags(tags: Record<string, unknown>, report: Report): void {
  for (const [key, value] of Object.entries(tags)) {
    if (/^aws:/i.test(key)) {
      report(['tags', key], `tag keys starting with "aws:" are reserved by AWS, which refuses them; e.g. "${key.slice(4) || 'team'}"`);
    } else if ((MANAGED_TAG_KEYS as readonly string[]).includes(key)) {
      report(['tags', key], `"${key}" is set by ecs-wizard on every resource and would override yours; choose another key, e.g. "team" or "cost-center"`);
    } else if (typeof value === 'string' && /^aws:/i.test(value)) {
      report(['tags', key], 'tag values starting with "aws:" are reserved by AWS, which refuses them');
    }
  }
}

function checkEnvironment(env: Partial<EnvironmentInputShape>, report: Report): void {
  if (isRecord(env.tags)) checkTags(env.tags, report);
  const zones = Array.isArray(env.availabilityZones) ? env.availabilityZones : [];
  const region = typeof env.region === 'string' ? findRegion(env.region) : undefined;
  const seen = new Set<unknown>();
  zones.forEach((zone, index) => {
    if (region && typeof zone === 'string' && !region.zones.includes(zone)) {
      report(['availabilityZones', index], `${zone} is not a zone of ${region.code}; zones there: ${region.zones.join(', ')}`);
    }
    if (seen.has(zone)) {
      const unused = region?.zones.find((candidate) => !zones.includes(candidate));
      report(['availabilityZones', index], `${String(zone)} is listed twice${unused ? `; e.g. "${unused}"` : '; remove one'}`);
    }
    seen.add(zone);
  });
  const service = { ...serviceDefaults, ...(typeof env.service === 'object' ? env.service : {}) };
  const { minCount, maxCount, desiredCount, scaleUpCpuThreshold: up, scaleDownCpuThreshold: down } = service;
  const network = env.network === undefined ? {} : env.network;
  if (network && typeof network === 'object') {
    checkNetwork(network, zones.length, isNumber(maxCount) && zones.length >= 2 ? { zones: zones.length, maxTasks: maxCount } : undefined, report);
  }
  if (isNumber(minCount) && isNumber(maxCount) && minCount > maxCount) {
    report(['service', 'minCount'], `minCount ${minCount} is above maxCount ${maxCount}; e.g. ${maxCount}`);
  } else if (isNumber(desiredCount) && isNumber(minCount) && isNumber(maxCount) && (desiredCount < minCount || desiredCount > maxCount)) {
    report(['service', 'desiredCount'], `desiredCount ${desiredCount} is outside minCount..maxCount (${minCount}..${maxCount}); e.g. ${minCount}`);
  }
  if (isNumber(up) && isNumber(down) && down >= up) {
    report(
      ['service', 'scaleDownCpuThreshold'],
      `scaleDownCpuThreshold ${down} must be below scaleUpCpuThreshold ${up}, or tasks are added and removed in a loop; e.g. ${scaleInLimit(up, 1).example}`,
    );
  } else if (isNumber(up) && isNumber(down) && isNumber(minCount) && isNumber(maxCount) && minCount >= 1 && maxCount > minCount) {
    const limit = scaleInLimit(up, minCount);
    if (down > limit.max) {
      const n = minCount;
      report(
        ['service', 'scaleDownCpuThreshold'],
        `scaleDownCpuThreshold ${down} would remove the task a scale-out just added: ${n} task${n === 1 ? '' : 's'} above ${up}% become${n === 1 ? 's' : ''} ${n + 1} at about ${limit.spread}% each, below ${down}%, and so on in a loop; use at most ${limit.max} (${up} × ${n}/${n + 1}), e.g. ${limit.example}`,
      );
    }
  }

  const database = { ...databaseDefaults, ...(typeof env.database === 'object' ? env.database : {}) };
  if (isNumber(database.allocatedStorage) && isNumber(database.maxAllocatedStorage) && database.maxAllocatedStorage < database.allocatedStorage) {
    report(
      ['database', 'maxAllocatedStorage'],
      `maxAllocatedStorage ${database.maxAllocatedStorage} is below allocatedStorage ${database.allocatedStorage}; e.g. ${Math.min(65536, database.allocatedStorage * 5)}`,
    );
  }
  checkDomainAndDeployment(env, region?.code, report);

  const engine = database.engine;
  if ((engine === 'postgres' || engine === 'mysql') && typeof database.engineVersion === 'string') {
    const versions = ENGINE_VERSIONS[engine];
    if (!versions.includes(database.engineVersion)) {
      report(['database', 'engineVersion'], `${engine} ${shownText(database.engineVersion)} is not offered; choose one of ${versions.join(', ')}`);
    }
  }
}

function checkDomainAndDeployment(env: Partial<EnvironmentInputShape>, region: string | undefined, report: Report): void {
  const domain = typeof env.domain === 'object' && env.domain !== null ? env.domain : undefined;
  const arn = domain?.certificateArn;
  if (region && typeof arn === 'string') {
    const certificate = certificateRegion(arn);
    if (certificate !== undefined && certificate !== region) {
      report(
        ['domain', 'certificateArn'],
        `the certificate is in ${certificate}, the load balancer in ${region}: a load balancer only uses certificates of its own region; leave it out to create one`,
      );
    }
  }
  const deployment = typeof env.deployment === 'object' && env.deployment !== null ? env.deployment : {};
  const cidrs = Array.isArray(deployment.testCidrs) ? deployment.testCidrs : [];
  cidrs.forEach((text, index) => {
    if (typeof text !== 'string') return;
    const parsed = parseCidr(text);
    if (!parsed.ok) report(['deployment', 'testCidrs', index], `${text} ${parsed.reason}; e.g. "203.0.113.0/24"`);
    else if (parsed.cidr.prefix === 0) {
      report(['deployment', 'testCidrs', index], `${text} is the whole internet: the test listener serves releases before they are live, so it stays closed to the world; e.g. your office "203.0.113.0/24"`);
    }
  });
  const copies = typeof env.copies === 'object' && env.copies !== null ? env.copies : undefined;
  if (copies) {
    if (copies.next !== undefined && copies.next === copies.live) {
      report(['copies', 'next'], `the next copy must differ from the live one ("${copies.live}")`);
    }
    if (copies.nextWeight !== undefined && copies.next === undefined) {
      report(['copies', 'nextWeight'], 'a weight belongs to a next copy; run "ecs-wizard bluegreen start" instead of editing copies by hand');
    }
    if (copies.next !== undefined && !domain) {
      report(['copies', 'next'], 'a blue/green change of the infrastructure moves traffic by DNS, so it needs a domain (environments.<env>.domain)');
    }
  }
}

function checkNetwork(network: Partial<z.input<typeof networkSchema>>, zoneCount: number, needs: SizingNeeds | undefined, report: Report): void {
  const vpcCidr = network.vpcCidr ?? '10.0.0.0/16';
  if (typeof vpcCidr !== 'string') return;
  const vpc = parseCidr(vpcCidr);
  if (!vpc.ok) {
    report(['network', 'vpcCidr'], `${shownText(vpcCidr)} ${vpc.reason}; e.g. "10.0.0.0/16"`);
    return;
  }
  if (vpc.cidr.prefix < VPC_PREFIX_MIN || vpc.cidr.prefix > VPC_PREFIX_MAX) {
    report(['network', 'vpcCidr'], `a VPC is /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX}; e.g. "10.0.0.0/16"`);
    return;
  }
  const explicit: Array<{ path: (string | number)[]; text: string }> = [];
  for (const kind of ['publicSubnets', 'privateSubnets'] as const) {
    const list = network[kind];
    if (!Array.isArray(list)) continue;
    if (list.length !== zoneCount) {
      report(['network', kind], `${kind} lists ${list.length} ${list.length === 1 ? 'CIDR' : 'CIDRs'} for ${zoneCount} zones; give one per zone, or leave it out to compute them`);
    }
    // A CIDR that is not text is zod's to report (its type); only text is parsed here.
    list.forEach((text, index) => {
      if (typeof text === 'string') explicit.push({ path: ['network', kind, index], text });
    });
  }
  if (needs) checkComputedSizing(vpcCidr, vpc.cidr.prefix, network, needs, report);
  const parsed: Array<{ path: (string | number)[]; text: string; cidr: { base: number; prefix: number } }> = [];
  // A list left out is computed; explicit subnets beside it must not overlap
  // those either, or AWS refuses them only at apply time.
  const computed = subnetLayout(vpcCidr, Math.min(zoneCount, MAX_ZONES));
  for (const kind of ['public', 'private'] as const) {
    if (explicit.length === 0 || Array.isArray(network[`${kind}Subnets`])) continue;
    for (const text of computed[kind]) {
      const result = parseCidr(text);
      if (result.ok) parsed.push({ path: [], text: `the computed ${kind} subnet ${text}`, cidr: result.cidr });
    }
  }
  // The computed subnet at the same place is a valid example for a bad one.
  const layout = subnetLayout(vpcCidr, Math.min(Math.max(zoneCount, explicit.length), MAX_ZONES));
  const hint = (entry: { path: (string | number)[]; text: string }): string => {
    const [, kind, index] = entry.path;
    const example = layout[kind === 'publicSubnets' ? 'public' : 'private'][Number(index)];
    return example && example !== entry.text ? `; e.g. "${example}"` : `; or leave ${String(kind)} out to compute them`;
  };
  for (const entry of explicit) {
    const result = parseCidr(entry.text);
    if (!result.ok) {
      report(entry.path, `${shownText(entry.text)} ${result.reason}${hint(entry)}`);
    } else if (!cidrContains(vpc.cidr, result.cidr)) {
      report(entry.path, `${entry.text} is outside the VPC ${vpcCidr}${hint(entry)}`);
    } else if (result.cidr.prefix > 28) {
      report(entry.path, `${entry.text} is smaller than /28, the smallest subnet AWS allows${hint(entry)}`);
    } else if (needs && explicitSizeProblem(entry.path[1] === 'publicSubnets', result.cidr.prefix, needs)) {
      report(entry.path, `${entry.text}: ${explicitSizeProblem(entry.path[1] === 'publicSubnets', result.cidr.prefix, needs)}`);
    } else {
      const clash = parsed.find((other) => cidrsOverlap(other.cidr, result.cidr));
      if (clash) {
        report(entry.path, `${entry.text} overlaps ${clash.text}; subnets must not overlap${hint(entry)}`);
      }
      parsed.push({ ...entry, cidr: result.cidr });
    }
  }
}

/**
 * The computed subnets (both lists, or the one left out beside an explicit
 * one) must hold the load balancer and the tasks: refused with the smallest
 * VPC that would.
 */
function checkComputedSizing(
  vpcCidr: string,
  vpcPrefix: number,
  network: Partial<z.input<typeof networkSchema>>,
  needs: SizingNeeds,
  report: Report,
): void {
  const publicComputed = !Array.isArray(network.publicSubnets);
  const privateComputed = !Array.isArray(network.privateSubnets);
  if (publicComputed && privateComputed) {
    const sizing = checkVpcSizing(vpcCidr, needs);
    if (!sizing.ok) report(['network', 'vpcCidr'], `${sizing.reason}${sizing.example ? `, e.g. "${sizing.example}"` : ''}`);
    return;
  }
  const subnetPrefix = vpcPrefix + 4;
  const problem = publicComputed ? publicSubnetProblem(subnetPrefix) : privateComputed ? privateSubnetProblem(subnetPrefix, needs) : undefined;
  if (problem) report(['network', 'vpcCidr'], `the computed ${publicComputed ? 'public' : 'private'} subnets are /${subnetPrefix}: ${problem}; use a larger VPC, e.g. "10.0.0.0/16"`);
}

/** Why an explicit subnet is too small for its role, with the size that would do. */
function explicitSizeProblem(isPublic: boolean, prefix: number, needs: SizingNeeds): string | undefined {
  if (isPublic) {
    const problem = publicSubnetProblem(prefix);
    return problem ? `${problem}; give a /27 or larger` : undefined;
  }
  const problem = privateSubnetProblem(prefix, needs);
  return problem ? `${problem}; give a /${smallestPrivatePrefix(needs)} or larger` : undefined;
}

const serviceDefaults = serviceSchema.parse({});
const databaseDefaults = databaseSchema.parse({});

export const backendSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('local') }).meta({ description: 'State in .ecs-wizard/state/<env>.tfstate, beside the project.' }),
    z
      .strictObject({
        type: z.literal('s3'),
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'an S3 bucket name, e.g. "acme-terraform-state"' }),
        key: z.string().min(1).default('ecs-wizard').meta({ description: 'Key prefix; each environment uses <key>/<env>.tfstate.' }),
        region: z.string().refine((code) => findRegion(code) !== undefined, { error: 'unknown AWS region, e.g. "eu-west-1"' }),
      })
      .meta({ description: 'Shared state in S3, locked with an S3 lock file (use_lockfile).' }),
  ],
  { error: 'the backend type is "local" or "s3"' },
);

// App (16) + "-" + environment (10) keeps "<app>-<env>-<suffix>" within the
// 32 characters that load balancer and target group names allow.
const environmentName = resourceName('an environment name', 10, 'production');

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(CONFIG_VERSION, { error: `version is ${CONFIG_VERSION} for this release of ecs-wizard` }),
    app: appSchema,
    environments: z
      .record(environmentName, environmentSchema)
      .refine((envs) => Object.keys(envs).length > 0, { error: 'define at least one environment, e.g. "production"' }),
    backend: backendSchema.default({ type: 'local' }),
  })
  .check(crossCheck<{ app: unknown; environments: unknown }>(checkPlainAndSecret))
  .check(crossCheck<ConfigShape>(checkEnvironmentsTogether));

/**
 * A name that is both a plain variable and a secret: ECS refuses a container
 * with both, and quietly keeping one would hide the other. Reported where the
 * second one is given.
 */
function checkPlainAndSecret(config: Partial<{ app: unknown; environments: unknown }>, report: Report): void {
  const app = isRecord(config.app) ? config.app : {};
  const names = (value: unknown): string[] => (isRecord(value) ? Object.keys(value) : []);
  const appPlain = new Set(names(app.environment));
  const appSecret = new Set(names(app.secrets));
  for (const name of appSecret) {
    if (appPlain.has(name)) report(['app', 'secrets', name], `"${name}" is also in app.environment; a variable is plain or secret, not both: remove one`);
  }
  const environments = isRecord(config.environments) ? config.environments : {};
  for (const [envName, env] of Object.entries(environments)) {
    if (!isRecord(env)) continue;
    const plain = names(env.variables);
    const secret = names(env.secrets);
    for (const name of plain) {
      const other = secret.includes(name) ? `environments.${envName}.secrets` : appSecret.has(name) ? 'app.secrets' : undefined;
      if (other) report(['environments', envName, 'variables', name], `"${name}" is also in ${other}; a variable is plain or secret, not both: remove one`);
    }
    for (const name of secret) {
      if (!plain.includes(name) && appPlain.has(name)) {
        report(['environments', envName, 'secrets', name], `"${name}" is also in app.environment; a variable is plain or secret, not both: remove one there, or rename one`);
      }
    }
  }
}

type ConfigShape = {
  app: { cpu?: unknown; memory?: unknown };
  environments: Record<string, { cpu?: unknown; memory?: unknown; pipeline?: { owner?: unknown; repo?: unknown; branch?: unknown } }>;
};

/** Checks that need the app and every environment at once. */
function checkEnvironmentsTogether(config: Partial<ConfigShape>, report: Report): void {
  const environments = config.environments && typeof config.environments === 'object' ? Object.entries(config.environments) : [];
  const app = config.app && typeof config.app === 'object' ? config.app : {};
  const appCpu = app.cpu ?? 256;
  const appMemory = app.memory ?? 512;
  // An environment's own size, or the app's: the pair that runs must be one Fargate accepts.
  for (const [name, env] of environments) {
    if (!env || typeof env !== 'object' || (env.cpu === undefined && env.memory === undefined)) continue;
    const cpu = env.cpu ?? appCpu;
    const memory = env.memory ?? appMemory;
    if (isNumber(cpu) && isNumber(memory) && FARGATE_CPU_VALUES.includes(cpu) && !isValidFargatePair(cpu, memory)) {
      const field = env.memory === undefined ? 'cpu' : 'memory';
      report(
        ['environments', name, field],
        `${memory} MiB ${env.memory === undefined ? '(app.memory) ' : ''}is not a Fargate size for cpu ${cpu}${env.cpu === undefined ? ' (app.cpu)' : ''}; valid: ${fargateMemoryFor(cpu).join(', ')}`,
      );
    }
  }
  // One push to a branch deploys every environment that watches it.
  const byBranch = new Map<string, string[]>();
  for (const [name, env] of environments) {
    const pipeline = env && typeof env === 'object' ? env.pipeline : undefined;
    if (!pipeline || typeof pipeline.owner !== 'string' || typeof pipeline.repo !== 'string') continue;
    const branch = typeof pipeline.branch === 'string' ? pipeline.branch : 'main';
    const key = `${pipeline.owner.toLowerCase()}/${pipeline.repo.toLowerCase()}@${branch}`;
    byBranch.set(key, [...(byBranch.get(key) ?? []), name]);
  }
  for (const [key, names] of byBranch) {
    if (names.length < 2) continue;
    const [first, ...others] = names;
    for (const name of others) {
      report(
        ['environments', name, 'pipeline', 'branch'],
        `${name} and ${first} both deploy ${key}: one push would deploy both; give ${name} its own branch, e.g. "${name}"`,
      );
    }
  }
}

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type AppConfig = Config['app'];
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type NetworkConfig = z.infer<typeof networkSchema>;
export type DatabaseConfig = z.infer<typeof databaseSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type PipelineConfig = z.infer<typeof pipelineSchema>;
export type BackendConfig = z.infer<typeof backendSchema>;
export type UsageConfig = z.infer<typeof usageSchema>;
export type UsageInput = z.input<typeof usageSchema>;

export type DomainConfig = z.infer<typeof domainSchema>;
export type DeploymentConfig = z.infer<typeof deploymentSchema>;
export type CopiesConfig = z.infer<typeof copiesSchema>;
