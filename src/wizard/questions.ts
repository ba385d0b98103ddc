/**
 * Every question the wizard asks, in order, once: the Ink screens and plain
 * mode both render this list, so they cannot drift apart. Choices come from
 * the config tables, so only values the schema accepts are ever offered.
 */
// The config's tables, not its barrel: the wizard's first frame loads no schema (zod).
import { DATABASE_CLASSES, DEFAULT_ENGINE_VERSION, ENGINE_VERSIONS, type DatabaseEngine } from '../config/databaseClasses.js';
import { TEST_LISTENER_PORTS, TRAFFIC_CONFIGS } from '../config/deployment.js';
import { FARGATE_CPU_VALUES, fargateMemoryFor } from '../config/fargate.js';
import { PRESET_DESCRIPTIONS, PRESET_NAMES } from '../config/presets.js';
import { REGIONS, findRegion, regionLabel } from '../config/regions.js';
import { natConsequence } from './sentences.js';
import type { Answers, Choice, FieldId, Question, StepId, WizardContext } from './types.js';

const gib = (mib: number) => `${mib / 1024} GB`;

const ENGINE_LABELS: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL' };

export const ACTION_CHOICES: readonly Choice[] = [
  { value: 'generate', label: 'Generate only', hint: 'write the files; no AWS calls' },
  { value: 'plan', label: 'Generate and plan', hint: 'show what would change; changes nothing' },
  { value: 'apply', label: 'Generate, plan and apply', hint: 'asks before changing anything' },
];

const lockedOnceSaved = (why: string) => (context: { mode: string }) => (context.mode === 'new' ? undefined : why);

const hasDomain = (answers: Answers) => answers['env.domain.name'].trim() !== '';
const blueGreen = (answers: Answers) => answers['env.deployment.strategy'] === 'blueGreen';

/** The environment being modified is half-way through a blue/green change of its infrastructure. */
function changeUnderWay(context: WizardContext): string | undefined {
  const copies = context.mode === 'modify' && context.environment ? context.existing?.environments[context.environment]?.copies : undefined;
  return copies?.next
    ? `a blue/green change is under way (${copies.live} live, ${copies.next} next): the domain carries its traffic until "ecs-wizard bluegreen finish"`
    : undefined;
}

export const QUESTIONS: readonly Question[] = [
  {
    id: 'app.name',
    step: 'project',
    label: 'App name',
    kind: 'text',
    help: 'Every AWS resource is named after it and the environment (shop-production-db). 2-16 lower-case letters, digits and dashes.',
    locked: lockedOnceSaved('shared by every environment and part of every resource name: renaming replaces everything, so edit ecs-wizard.json if you really mean it'),
  },
  {
    id: 'wizard.preset',
    step: 'project',
    label: 'Preset',
    kind: 'select',
    help: 'A complete starting point for every answer that follows; change any of them on the next screens. Answers you already changed are kept.',
    choices: () => PRESET_NAMES.map((name) => ({ value: name, label: name, hint: PRESET_DESCRIPTIONS[name] })),
    visible: (_answers, context) => context.mode !== 'modify',
  },
  {
    id: 'wizard.environment',
    step: 'project',
    label: 'Environment',
    kind: 'text',
    help: 'A name for this deployment, such as production or staging. Each environment has its own VPC, database, service and pipeline.',
    locked: (context) =>
      context.mode === 'modify' ? 'the environment name keys its Terraform state; add a new environment to use another name' : undefined,
  },
  {
    id: 'env.region',
    step: 'region',
    label: 'Region',
    kind: 'select',
    searchable: true,
    help: 'Where everything is created. Choose the region closest to your users; type part of a name or code to filter.',
    choices: () => REGIONS.map((region) => ({ value: region.code, label: regionLabel(region) })),
  },
  {
    id: 'env.availabilityZones',
    step: 'zones',
    label: 'Zones',
    kind: 'multiselect',
    help: 'Separate data centres of the region. The load balancer and a multi-AZ database need at least 2; a third keeps two thirds of the capacity during a zone outage. The defaults are zones newer accounts of the region see; where accounts differ (us-west-1, ap-northeast-1, ca-central-1) check yours with aws ec2 describe-availability-zones.',
    choices: (answers) => (findRegion(answers['env.region'])?.zones ?? []).map((zone) => ({ value: zone, label: zone })),
  },
  {
    id: 'env.network.vpcCidr',
    step: 'network',
    label: 'VPC CIDR',
    kind: 'text',
    placeholder: '10.0.0.0/16',
    help: 'The private address range of the VPC, /16 to /23. It is cut into 16 equal blocks: public subnets first, private ones from the middle. They must hold the load balancer (/27 subnets at least) and twice the maximum tasks during a deploy; a range too small is refused with the smallest that works. Avoid ranges of networks you will connect by VPN or peering.',
  },
  {
    id: 'env.network.natGateways',
    step: 'network',
    label: 'NAT gateways',
    kind: 'select',
    hintInRow: false,
    help: 'Tasks and the database live in private subnets and reach the internet (image pulls, external APIs) through a NAT gateway.',
    choices: (answers) => {
      const zones = answers['env.availabilityZones'].length;
      return [
        { value: 'single', label: 'One shared', hint: natConsequence('single', zones) },
        { value: 'perAz', label: 'One per zone', hint: natConsequence('perAz', zones) },
      ];
    },
  },
  {
    id: 'env.database.engine',
    step: 'database',
    label: 'Engine',
    kind: 'select',
    help: 'An RDS database in the private subnets. The app logs in as a user of its own, its password in Secrets Manager; the master password, which RDS rotates, only sets that user up.',
    choices: () => Object.keys(ENGINE_VERSIONS).map((engine) => ({ value: engine, label: ENGINE_LABELS[engine] ?? engine })),
  },
  {
    id: 'env.database.engineVersion',
    step: 'database',
    label: 'Version',
    kind: 'select',
    help: 'The major version. RDS applies minor upgrades in the maintenance window; a major upgrade is a deliberate change here.',
    choices: (answers) => {
      const engine = answers['env.database.engine'] as DatabaseEngine;
      return (ENGINE_VERSIONS[engine] ?? []).map((version) => ({
        value: version,
        label: version,
        ...(DEFAULT_ENGINE_VERSION[engine] === version ? { hint: 'recommended' } : {}),
      }));
    },
  },
  {
    id: 'env.database.instanceClass',
    step: 'database',
    label: 'Instance class',
    kind: 'select',
    help: 'The database server size. t4g classes are the cheapest and burst; m7g/m6g are steady general purpose; r7g/r6g add memory for large working sets. Graviton (g) costs less than Intel for the same work.',
    choices: () => DATABASE_CLASSES.map((entry) => ({ value: entry.name, label: entry.name, hint: `${entry.vcpu} vCPU, ${entry.memoryGiB} GiB` })),
  },
  {
    id: 'env.database.allocatedStorage',
    step: 'database',
    label: 'Storage',
    kind: 'number',
    unit: 'GiB',
    help: 'The encrypted gp3 disk the database starts with, 20 GiB or more.',
  },
  {
    id: 'env.database.maxAllocatedStorage',
    step: 'database',
    label: 'Storage ceiling',
    kind: 'number',
    unit: 'GiB',
    help: 'Storage autoscaling grows the disk up to this size when it fills, without downtime. Equal to the storage turns growth off.',
  },
  {
    id: 'env.database.multiAz',
    step: 'database',
    label: 'Multi-AZ',
    kind: 'boolean',
    help: 'A standby copy in a second zone takes over in about a minute if the primary fails. Doubles the database cost.',
  },
  {
    id: 'env.database.backupRetentionDays',
    step: 'database',
    label: 'Backups kept',
    kind: 'number',
    unit: 'days',
    help: 'Daily snapshots and point-in-time recovery reach back this many days (1 to 35).',
  },
  {
    id: 'env.database.deletionProtection',
    step: 'database',
    label: 'Deletion protection',
    kind: 'boolean',
    help: 'Refuses to delete the database (also through terraform destroy) until this is turned off. Recommended for production data.',
  },
  {
    id: 'app.cpu',
    step: 'container',
    label: 'CPU',
    kind: 'select',
    help: 'Fargate CPU for each task (shared by every environment unless one sets environments.<env>.cpu in ecs-wizard.json). Memory choices follow: Fargate only accepts certain pairs.',
    choices: () => FARGATE_CPU_VALUES.map((cpu) => ({ value: String(cpu), label: `${cpu / 1024} vCPU`, hint: `${cpu} units` })),
  },
  {
    id: 'app.memory',
    step: 'container',
    label: 'Memory',
    kind: 'select',
    help: 'Memory for each task. Only the sizes Fargate accepts with the chosen CPU are offered.',
    choices: (answers) => fargateMemoryFor(Number(answers['app.cpu'])).map((memory) => ({ value: String(memory), label: gib(memory), hint: `${memory} MiB` })),
  },
  {
    id: 'app.containerPort',
    step: 'container',
    label: 'Port',
    kind: 'number',
    help: 'The port your container listens on; the load balancer forwards HTTP(S) to it.',
  },
  {
    id: 'app.healthCheckPath',
    step: 'container',
    label: 'Health check path',
    kind: 'text',
    placeholder: '/health',
    help: 'The load balancer polls this path; a task that does not answer 200 is replaced. Keep it cheap and free of database calls.',
  },
  {
    id: 'app.migrateCommand',
    step: 'container',
    label: 'Migrate command',
    kind: 'text',
    placeholder: 'npm run migrate',
    help: 'Run once as a separate task by the pipeline before each deploy, with the same image and secrets. Words are split on spaces; quote a word that contains one.',
  },
  {
    id: 'env.service.minCount',
    step: 'scaling',
    label: 'Minimum tasks',
    kind: 'number',
    help: 'Tasks that always run. 2 or more spread over zones keeps the app up during a deploy or a zone outage.',
  },
  {
    id: 'env.service.maxCount',
    step: 'scaling',
    label: 'Maximum tasks',
    kind: 'number',
    help: 'The ceiling autoscaling never passes: your cost limit.',
  },
  {
    id: 'env.service.scaleUpCpuThreshold',
    step: 'scaling',
    label: 'Scale up above',
    kind: 'number',
    unit: '%',
    help: 'Average CPU of the service above which a task is added.',
  },
  {
    id: 'env.service.scaleDownCpuThreshold',
    step: 'scaling',
    label: 'Scale down below',
    kind: 'number',
    unit: '%',
    help: 'Average CPU below which tasks are removed, one every 5 minutes, down to the minimum. At most half the scale-up threshold with one task (two thirds with two): a task just added spreads the load that far, and must not be removed again.',
  },
  {
    id: 'env.service.evaluationPeriods',
    step: 'scaling',
    label: 'Periods',
    kind: 'number',
    help: 'How many periods in a row CPU must stay above the threshold before a task is added: more periods ignore short spikes.',
  },
  {
    id: 'env.service.periodSeconds',
    step: 'scaling',
    label: 'Period',
    kind: 'select',
    help: 'The length of one period. ECS publishes service CPU every minute, so 60 s and above use every data point.',
    choices: () =>
      ['10', '30', '60', '120', '300'].map((seconds) => ({
        value: seconds,
        label: `${seconds} s`,
        ...(Number(seconds) < 60 ? { hint: 'needs high-resolution metrics' } : {}),
      })),
  },
  {
    id: 'env.domain.name',
    step: 'domain',
    label: 'Domain name',
    kind: 'text',
    placeholder: 'shop.example.com (empty: plain HTTP)',
    blankAllowed: true,
    help: 'Your own name over HTTPS: a certificate, HTTP redirected to HTTPS, and ALIAS records pointing it at the load balancer. Empty keeps plain HTTP.',
    locked: changeUnderWay,
  },
  {
    id: 'env.domain.hostedZoneId',
    step: 'domain',
    label: 'Hosted zone ID',
    kind: 'text',
    placeholder: 'Z0123456789ABCDEFGHIJ',
    help: 'The Route 53 hosted zone that holds the name (Route 53 › Hosted zones › Hosted zone ID). The certificate\'s validation record and the ALIAS records are written there.',
    visible: hasDomain,
    locked: changeUnderWay,
  },
  {
    id: 'wizard.certificate',
    step: 'domain',
    label: 'Certificate',
    kind: 'select',
    help: 'A new ACM certificate is free; it is validated by a DNS record in the zone, and apply waits until it is issued (usually a few minutes). An existing one must be issued, for this name, in this region.',
    choices: () => [
      { value: 'new', label: 'Create a new one', hint: 'free, validated by DNS in the zone' },
      { value: 'existing', label: 'Use an existing one', hint: 'the ARN of an issued ACM certificate of this region' },
    ],
    visible: hasDomain,
  },
  {
    id: 'env.domain.certificateArn',
    step: 'domain',
    label: 'Certificate ARN',
    kind: 'text',
    placeholder: 'arn:aws:acm:…',
    help: 'AWS Certificate Manager › List certificates, in the environment\'s region: status Issued, covering the domain name.',
    visible: (answers) => hasDomain(answers) && answers['wizard.certificate'] === 'existing',
  },
  {
    id: 'env.pipeline.owner',
    step: 'pipeline',
    label: 'GitHub owner',
    kind: 'text',
    placeholder: 'acme',
    help: 'The user or organisation that owns the repository CodePipeline watches.',
  },
  {
    id: 'env.pipeline.repo',
    step: 'pipeline',
    label: 'Repository',
    kind: 'text',
    placeholder: 'shop',
    help: 'The repository name, without the owner or .git.',
  },
  {
    id: 'env.pipeline.branch',
    step: 'pipeline',
    label: 'Branch',
    kind: 'text',
    placeholder: 'main',
    help: 'A push to this branch builds the image, runs the migrate task and deploys this environment.',
  },
  {
    id: 'wizard.connection',
    step: 'pipeline',
    label: 'Connection',
    kind: 'select',
    help: 'CodePipeline reaches GitHub through a CodeStar connection. A new one must be authorised once in the AWS console after the first apply.',
    choices: () => [
      { value: 'new', label: 'Create a new one', hint: 'authorise it once in the console after apply' },
      { value: 'existing', label: 'Use an existing one', hint: 'paste the ARN of a connection you already authorised' },
    ],
  },
  {
    id: 'env.pipeline.connectionArn',
    step: 'pipeline',
    label: 'Connection ARN',
    kind: 'text',
    placeholder: 'arn:aws:codestar-connections:…',
    help: 'Developer Tools › Settings › Connections in the AWS console lists it, status Available.',
    visible: (answers) => answers['wizard.connection'] === 'existing',
  },
  {
    id: 'env.deployment.strategy',
    step: 'deploys',
    label: 'Deploys',
    kind: 'select',
    help: 'Rolling replaces tasks a few at a time. Blue/green (CodeDeploy) starts a new task set beside the old one, moves traffic once it is tested, and rolls back by itself. Switching replaces the service, without downtime.',
    choices: () => [
      { value: 'rolling', label: 'Rolling', hint: 'tasks replaced a few at a time, with a circuit breaker' },
      { value: 'blueGreen', label: 'Blue/green (CodeDeploy)', hint: 'a new task set, tested, then traffic moves' },
    ],
  },
  {
    id: 'env.deployment.traffic',
    step: 'deploys',
    label: 'Traffic shift',
    kind: 'select',
    help: 'How CodeDeploy moves traffic to the new task set: all at once, a 10% canary first, or 10% more at a time. An alarm on 5xx answers or unhealthy tasks rolls it back.',
    choices: () => TRAFFIC_CONFIGS.map((entry) => ({ value: entry.name, label: entry.label, hint: entry.hint })),
    visible: blueGreen,
  },
  {
    id: 'env.deployment.keepOldMinutes',
    step: 'deploys',
    label: 'Keep old tasks',
    kind: 'number',
    unit: 'minutes',
    help: 'After traffic moved, the old task set keeps running this long so a rollback is instant (0 to 2880). You pay for both task sets meanwhile.',
    visible: blueGreen,
  },
  {
    id: 'env.deployment.testCidrs',
    step: 'deploys',
    label: 'Test listener from',
    kind: 'text',
    placeholder: 'closed (e.g. 203.0.113.0/24)',
    blankAllowed: true,
    help: `CodeDeploy sends the new task set test traffic on port ${TEST_LISTENER_PORTS.https} (HTTPS with a domain, else ${TEST_LISTENER_PORTS.http}) before it goes live. Only these IPv4 ranges may reach it, comma-separated; empty keeps it closed.`,
    visible: blueGreen,
  },
  {
    id: 'wizard.action',
    step: 'review',
    label: 'Action',
    kind: 'select',
    help: 'Generating writes ecs-wizard.json and the Terraform project. Planning and applying also run Terraform; AWS changes only after you confirm the plan.',
    choices: () => ACTION_CHOICES,
  },
];

const byId = new Map(QUESTIONS.map((question) => [question.id, question]));

export function question(id: FieldId): Question {
  const found = byId.get(id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

export function questionsOf(step: StepId): Question[] {
  return QUESTIONS.filter((entry) => entry.step === step);
}

export function choicesOf(entry: Question, answers: Answers): readonly Choice[] {
  return entry.choices?.(answers) ?? [];
}
