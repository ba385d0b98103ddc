// @ts-check
/**
 * ECS standalone tasks on Fargate (RunTask with `launchType: FARGATE`):
 * started, run and stopped here, because moto 5.2.1 can do none of it.
 *
 * What moto does (moto/ecs/models.py of 5.2.1, checked against moto_server):
 * - RunTask fails with HTTP 500 for every task definition in awsvpc network
 *   mode, the only mode Fargate has: creating the task's network interface
 *   reads an attribute moto's NetworkInterface lacks (`private_dns_name`). A
 *   container definition without a `memory` of its own (valid on Fargate,
 *   where the task's memory counts; ours have none) fails before that, adding
 *   None to the task's memory. The AWS CLI retries the 500 and gives up.
 * - A task it does start has one container (the first definition's, whatever
 *   the others), PENDING forever with exitCode 0; the task moves one
 *   lifecycle state per DescribeTasks (RUNNING, DEACTIVATING, STOPPING,
 *   DEPROVISIONING, STOPPED) with desiredStatus RUNNING and no stopCode, so
 *   `aws ecs wait tasks-stopped` (DescribeTasks every 6 s until every
 *   lastStatus is STOPPED) would take four polls, and no exit code can be
 *   anything but 0. moto runs no containers.
 *
 * So a Fargate RunTask is answered here, as the ECS API reference documents
 * RunTask and DescribeTasks (shapes Task, Container, Attachment); moto keeps
 * the clusters, the task definitions and the network, which are asked first:
 *
 * - RunTask {cluster, taskDefinition, launchType: FARGATE, count,
 *   networkConfiguration, overrides, group, startedBy, tags, propagateTags,
 *   enableECSManagedTags, platformVersion, enableExecuteCommand}: the cluster
 *   must be ACTIVE (ClusterNotFoundException), the task definition must exist
 *   and be ACTIVE and FARGATE-compatible, an awsvpc one needs
 *   awsvpcConfiguration with 1-16 subnets and at most 5 security groups that
 *   exist in EC2 (InvalidParameterException otherwise). Answers {tasks,
 *   failures: []} with each task as AWS answers a new one: PROVISIONING,
 *   desiredStatus RUNNING, its containers PENDING, the network interface
 *   attachment PRECREATED in the subnet it picked (the subnets in turn).
 * - DescribeTasks {cluster, tasks (IDs or ARNs), include}: a task started here
 *   has run by the time anyone asks: its containers ran in order and exited,
 *   the task STOPPED with desiredStatus STOPPED, stopCode
 *   EssentialContainerExited, stoppedReason "Essential container in task
 *   exited", every timestamp of its life (pull, start, stop), the attachment
 *   DELETED with the network interface it had (ID, MAC, private IP of its
 *   subnet, private DNS name), each container STOPPED with its exitCode.
 *   Tags only with include TAGS. Tasks not started here go to moto; a task
 *   found nowhere is a failure {arn, reason: MISSING}, as AWS reports it.
 * - ListTasks: moto's list, plus the tasks started here when the filter
 *   (desiredStatus STOPPED, family, startedBy, launchType FARGATE) takes them.
 * - StopTask on a task started here returns it as it is (stopped).
 * Other launch types (EC2, EXTERNAL) go to moto untouched.
 *
 * The exit code of a container is 0 unless the task definition revision that
 * runs carries the tag `ecs-wizard-emulator:exit-code:<container name>` with
 * an integer value (a test sets it with TagResource, or registers the revision
 * with it; the pipeline's Build copies the latest revision's tags into the
 * revision it runs). Containers' dependsOn conditions are not evaluated: each
 * is reported as having run with its exit code.
 *
 * Not emulated: the network interface itself (AWS creates it and deletes it
 * when the task stops; EC2 never lists one here) and the container logs.
 *
 * The view `ecs/tasks` (GET /ecs-wizard-emulator/ecs/tasks) lists every task
 * started here with the RunTask request as it arrived (networkConfiguration
 * included, which no AWS read returns), for tests.
 */
import { Raw } from '../gateway.mjs';
import { AwsError, arn, epochSeconds, regional } from '../protocol.mjs';
import { descendants, items, parseXml, textOf } from '../xml.mjs';

const ECS = 'AmazonEC2ContainerServiceV20141113';
const EC2_VERSION = '2016-11-15';
/** The tag that sets a container's exit code: `ecs-wizard-emulator:exit-code:<container>`. */
export const EXIT_CODE_TAG = 'ecs-wizard-emulator:exit-code:';

/**
 * A task started here: what RunTask answered and what DescribeTasks answers.
 * @typedef {{ arn: string, id: string, clusterArn: string, family: string, startedBy: string, request: any, region: string, started: any, stopped: any, tags: { key: string, value: string }[] }} KeptTask
 */

const stores = regional(/** @returns {{ tasks: KeptTask[], subnetTurn: number }} */ () => ({ tasks: [], subnetTurn: 0 }));
/** Every task started here, in every region, in order: the view's list. */
const allTasks = /** @type {KeptTask[]} */ ([]);

/** @param {string} message */
const invalid = (message) => new AwsError('InvalidParameterException', message);

/** 32 hex digits, as an ECS task ID. */
const taskId = () => crypto.randomUUID().replace(/-/g, '');
/** @param {number} bytes */
const hex = (bytes) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');

/**
 * The ACTIVE cluster the input names (`default` when none), from moto.
 * @param {import('../gateway.mjs').HandlerContext} context
 * @param {string | undefined} cluster
 */
async function activeCluster(context, cluster) {
  const answer = await context.call('ecs', `${ECS}.DescribeClusters`, { clusters: [cluster || 'default'] });
  const found = answer.ok ? answer.json().clusters?.find((/** @type {any} */ c) => c.status === 'ACTIVE') : undefined;
  if (!found) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
  return { arn: String(found.clusterArn), name: String(found.clusterName) };
}

/**
 * The message of a query-protocol error answer.
 * @param {import('../gateway.mjs').MotoReply} reply
 */
function queryError(reply) {
  try {
    return descendants(parseXml(reply.body.toString('utf8')).root, 'Message')[0]?.text ?? `HTTP ${reply.status}`;
  } catch {
    return `HTTP ${reply.status}`;
  }
}

/**
 * The subnets (ID, CIDR, zone) and security groups an awsvpcConfiguration names, checked in EC2.
 * @param {import('../gateway.mjs').HandlerContext} context
 * @param {any} awsvpc
 */
async function network(context, awsvpc) {
  const subnetIds = awsvpc?.subnets ?? [];
  if (!Array.isArray(subnetIds) || subnetIds.length === 0) throw invalid('subnets can not be empty.');
  if (subnetIds.length > 16) throw invalid('subnets can have at most 16 items.');
  const groups = awsvpc.securityGroups ?? [];
  if (!Array.isArray(groups) || groups.length > 5) throw invalid('securityGroups can have at most 5 items.');
  if (awsvpc.assignPublicIp !== undefined && !['ENABLED', 'DISABLED'].includes(awsvpc.assignPublicIp)) {
    throw invalid(`assignPublicIp must be ENABLED or DISABLED, got ${awsvpc.assignPublicIp}.`);
  }
  const described = await context.query('ec2', 'DescribeSubnets', EC2_VERSION, Object.fromEntries(subnetIds.map((id, n) => [`SubnetId.${n + 1}`, String(id)])));
  if (!described.ok) throw invalid(`Error retrieving subnet information for [${subnetIds.join(', ')}]: ${queryError(described)}`);
  const subnets = items(parseXml(described.body.toString('utf8')).root, 'subnetSet').map((subnet) => ({
    id: textOf(subnet, 'subnetId'),
    cidr: textOf(subnet, 'cidrBlock'),
    zone: textOf(subnet, 'availabilityZone'),
  }));
  if (groups.length) {
    const found = await context.query('ec2', 'DescribeSecurityGroups', EC2_VERSION, Object.fromEntries(groups.map((id, n) => [`GroupId.${n + 1}`, String(id)])));
    if (!found.ok) throw invalid(`Error retrieving security group information for [${groups.join(', ')}]: ${queryError(found)}`);
  }
  // In the order given, as the request named them.
  return subnetIds.map((id) => subnets.find((subnet) => subnet.id === id)).filter((subnet) => subnet !== undefined);
}

/**
 * A private address of the subnet, past the 4 AWS reserves at its start and before its broadcast.
 * @param {string} cidr
 */
function addressIn(cidr) {
  const [base = '10.0.0.0', bits = '24'] = cidr.split('/');
  const start = base.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const size = 2 ** (32 - Number(bits));
  const value = start + 4 + Math.floor(Math.random() * Math.max(1, size - 5));
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * The exit code the tags set for a container (0 unless tagged).
 * @param {{ key: string, value: string }[]} tags
 * @param {string} container
 */
function exitCodeOf(tags, container) {
  const tag = tags.find((t) => t.key === `${EXIT_CODE_TAG}${container}`);
  if (!tag) return 0;
  if (!/^-?\d+$/.test(tag.value)) throw new AwsError('ClientException', `emulator: the tag ${tag.key} must be an integer exit code, got "${tag.value}".`);
  return Number(tag.value);
}

/**
 * One task, as RunTask answers it and as DescribeTasks answers it once it ran.
 * @param {object} args
 * @param {import('../protocol.mjs').AwsRequest} args.request
 * @param {any} args.input  RunTask's input
 * @param {{ arn: string, name: string }} args.cluster
 * @param {any} args.definition  DescribeTaskDefinition's taskDefinition
 * @param {{ key: string, value: string }[]} args.definitionTags
 * @param {{ id: string, cidr: string, zone: string } | undefined} args.subnet
 * @returns {KeptTask}
 */
function runOne({ request, input, cluster, definition, definitionTags, subnet }) {
  const id = taskId();
  const taskArn = arn(request, 'ecs', `task/${cluster.name}/${id}`);
  const created = new Date();
  const containers = /** @type {any[]} */ (definition.containerDefinitions ?? []);
  const tags = [
    ...(input.tags ?? []),
    ...(input.propagateTags === 'TASK_DEFINITION' ? definitionTags : []),
    ...(input.enableECSManagedTags ? [{ key: 'aws:ecs:clusterName', value: cluster.name }] : []),
  ];
  const exitCodes = containers.map((container) => exitCodeOf(definitionTags, container.name));
  const given = /** @type {any[]} */ (input.overrides?.containerOverrides ?? []);
  const overrides = {
    ...(input.overrides ?? {}),
    containerOverrides: containers.map((container) => given.find((o) => o.name === container.name) ?? { name: container.name }),
    inferenceAcceleratorOverrides: input.overrides?.inferenceAcceleratorOverrides ?? [],
  };
  const architecture = definition.runtimePlatform?.cpuArchitecture === 'ARM64' ? 'arm64' : 'x86_64';
  const storage = { sizeInGiB: definition.ephemeralStorage?.sizeInGiB ?? 20 };
  const attachmentId = crypto.randomUUID();
  const address = subnet ? addressIn(subnet.cidr) : undefined;
  const containerArns = containers.map(() => arn(request, 'ecs', `container/${cluster.name}/${id}/${crypto.randomUUID()}`));
  const common = {
    attributes: [{ name: 'ecs.cpu-architecture', value: architecture }],
    ...(subnet ? { availabilityZone: subnet.zone } : {}),
    clusterArn: cluster.arn,
    cpu: String(input.overrides?.cpu ?? definition.cpu),
    createdAt: epochSeconds(created),
    enableExecuteCommand: input.enableExecuteCommand === true,
    group: input.group ?? `family:${definition.family}`,
    launchType: 'FARGATE',
    memory: String(input.overrides?.memory ?? definition.memory),
    overrides,
    platformVersion: !input.platformVersion || input.platformVersion === 'LATEST' ? '1.4.0' : input.platformVersion,
    platformFamily: definition.runtimePlatform?.operatingSystemFamily === 'WINDOWS_SERVER_2022_CORE' ? 'Windows' : 'Linux',
    ...(input.startedBy ? { startedBy: input.startedBy } : {}),
    taskArn,
    taskDefinitionArn: definition.taskDefinitionArn,
    ephemeralStorage: storage,
    fargateEphemeralStorage: storage,
  };
  const container = (/** @type {any} */ definitionOf, /** @type {number} */ n) => ({
    containerArn: containerArns[n],
    taskArn,
    name: definitionOf.name,
    image: definitionOf.image,
    cpu: String(definitionOf.cpu ?? 0),
    ...(definitionOf.memory !== undefined ? { memory: String(definitionOf.memory) } : {}),
    ...(definitionOf.memoryReservation !== undefined ? { memoryReservation: String(definitionOf.memoryReservation) } : {}),
  });
  const started = {
    attachments: subnet ? [{ id: attachmentId, type: 'ElasticNetworkInterface', status: 'PRECREATED', details: [{ name: 'subnetId', value: subnet.id }] }] : [],
    ...common,
    containers: containers.map((definitionOf, n) => ({ ...container(definitionOf, n), lastStatus: 'PENDING', networkInterfaces: [] })),
    desiredStatus: 'RUNNING',
    lastStatus: 'PROVISIONING',
    tags,
    version: 1,
  };
  // Its life, a second at most: pulled, started, its essential container exited, stopped.
  const at = (/** @type {number} */ ms) => epochSeconds(new Date(created.getTime() + ms));
  const eni = `eni-${hex(9).slice(0, 17)}`;
  const region = request.region;
  const dnsName = address ? `ip-${address.replace(/\./g, '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}` : undefined;
  const stopped = {
    attachments:
      subnet && address
        ? [
            {
              id: attachmentId,
              type: 'ElasticNetworkInterface',
              status: 'DELETED',
              details: [
                { name: 'subnetId', value: subnet.id },
                { name: 'networkInterfaceId', value: eni },
                { name: 'macAddress', value: `0e:${hex(5).match(/../g)?.join(':')}` },
                { name: 'privateDnsName', value: dnsName },
                { name: 'privateIPv4Address', value: address },
              ],
            },
          ]
        : [],
    ...common,
    connectivity: 'CONNECTED',
    connectivityAt: at(100),
    containers: containers.map((definitionOf, n) => ({
      ...container(definitionOf, n),
      runtimeId: `${id}-${1000000000 + Math.floor(Math.random() * 1000000000)}`,
      lastStatus: 'STOPPED',
      exitCode: exitCodes[n],
      networkBindings: [],
      networkInterfaces: address ? [{ attachmentId, privateIpv4Address: address }] : [],
      healthStatus: 'UNKNOWN',
    })),
    desiredStatus: 'STOPPED',
    executionStoppedAt: at(700),
    healthStatus: 'UNKNOWN',
    lastStatus: 'STOPPED',
    pullStartedAt: at(200),
    pullStoppedAt: at(400),
    startedAt: at(500),
    stopCode: 'EssentialContainerExited',
    stoppedAt: at(900),
    stoppedReason: 'Essential container in task exited',
    stoppingAt: at(800),
    tags,
    version: 8,
  };
  return { arn: taskArn, id, clusterArn: cluster.arn, family: String(definition.family), startedBy: input.startedBy ?? '', request: structuredClone(input), region, started, stopped, tags };
}

/**
 * @param {any} task  a Task object
 * @param {boolean} withTags
 */
function view(task, withTags) {
  const copy = structuredClone(task);
  if (!withTags) delete copy.tags;
  return copy;
}

/**
 * Whether `reference` (a task ID or ARN) names the task.
 * @param {KeptTask} task
 * @param {string} reference
 */
const names = (task, reference) => reference === task.arn || reference === task.id;

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'ECS standalone tasks',
  signingNames: ['ecs'],
  reset: () => {
    stores.reset();
    allTasks.length = 0;
  },
  views: {
    'ecs/tasks': () => allTasks.map(({ arn: taskArn, region, request }) => ({ taskArn, region, request })),
  },
  operations: {
    async RunTask(input, context) {
      if (input.launchType !== 'FARGATE') return new Raw(await context.forward());
      const count = input.count ?? 1;
      if (!Number.isInteger(count) || count < 1 || count > 10) throw invalid('count must be between 1 and 10.');
      const cluster = await activeCluster(context, input.cluster);
      if (!input.taskDefinition) throw invalid('taskDefinition can not be blank.');
      const described = await context.call('ecs', `${ECS}.DescribeTaskDefinition`, { taskDefinition: input.taskDefinition, include: ['TAGS'] });
      if (!described.ok) throw invalid('TaskDefinition not found.');
      const { taskDefinition: definition, tags: definitionTags = [] } = described.json();
      if (definition.status !== 'ACTIVE') throw invalid('TaskDefinition is inactive');
      if (!(definition.requiresCompatibilities ?? []).includes('FARGATE') && !(definition.compatibilities ?? []).includes('FARGATE')) {
        throw invalid('Task definition does not support launch_type FARGATE.');
      }
      /** @type {{ id: string, cidr: string, zone: string }[]} */
      let subnets = [];
      if (definition.networkMode === 'awsvpc') {
        const awsvpc = input.networkConfiguration?.awsvpcConfiguration;
        if (!awsvpc) throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        subnets = await network(context, awsvpc);
      }
      const store = stores.of(context.request);
      const tasks = [];
      for (let n = 0; n < count; n++) {
        const subnet = subnets.length ? subnets[store.subnetTurn++ % subnets.length] : undefined;
        const task = runOne({ request: context.request, input, cluster, definition, definitionTags, subnet });
        store.tasks.push(task);
        allTasks.push(task);
        tasks.push(view(task.started, true));
      }
      return { tasks, failures: [] };
    },

    async DescribeTasks(input, context) {
      const references = /** @type {string[]} */ (input.tasks ?? []);
      if (references.length === 0) throw invalid('Tasks cannot be empty.');
      if (references.length > 100) throw invalid('Tasks can have at most 100 items.');
      const store = stores.of(context.request);
      const withTags = (input.include ?? []).includes('TAGS');
      const cluster = await activeCluster(context, input.cluster);
      const ours = references.map((reference) => store.tasks.find((task) => task.clusterArn === cluster.arn && names(task, reference)));
      const rest = references.filter((_, n) => !ours[n]);
      /** @type {any[]} */
      let theirs = [];
      /** @type {any[]} */
      let failures = [];
      if (rest.length) {
        const moto = await context.forward({ ...input, tasks: rest });
        if (!moto.ok) return new Raw(moto);
        const answer = moto.json();
        theirs = answer.tasks ?? [];
        failures = answer.failures ?? [];
      }
      const tasks = references.flatMap((reference, n) => {
        const task = ours[n];
        if (task) return [view(task.stopped, withTags)];
        const found = theirs.find((t) => t.taskArn === reference || String(t.taskArn).endsWith(`/${reference}`));
        if (found) return [found];
        if (!failures.some((f) => f.arn === reference)) failures.push({ arn: reference, reason: 'MISSING' });
        return [];
      });
      return { tasks, failures };
    },

    async ListTasks(input, context) {
      const moto = await context.forward();
      if (!moto.ok) return new Raw(moto);
      const answer = moto.json();
      if ((input.desiredStatus ?? 'RUNNING') !== 'STOPPED' || input.serviceName || input.containerInstance) return answer;
      if (input.launchType && input.launchType !== 'FARGATE') return answer;
      const cluster = await activeCluster(context, input.cluster);
      const ours = stores
        .of(context.request)
        .tasks.filter((task) => task.clusterArn === cluster.arn && (!input.family || task.family === input.family) && (!input.startedBy || task.startedBy === input.startedBy))
        .map((task) => task.arn);
      return { ...answer, taskArns: [...(answer.taskArns ?? []), ...ours] };
    },

    async StopTask(input, context) {
      const store = stores.of(context.request);
      const candidates = store.tasks.filter((task) => names(task, String(input.task ?? '')));
      if (!candidates.length) return new Raw(await context.forward());
      const cluster = await activeCluster(context, input.cluster);
      const task = candidates.find((t) => t.clusterArn === cluster.arn);
      if (!task) throw invalid('The referenced task was not found.');
      return { task: view(task.stopped, true) };
    },
  },
};
