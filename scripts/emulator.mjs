#!/usr/bin/env node
// @ts-check
/**
 * `npm run emulator [-- --port N] [-- --log] [-- --region R]`: a local AWS for ecs-wizard.
 *
 * Starts moto_server on a free loopback port and a thin gateway in front of it,
 * prints `endpoint=http://127.0.0.1:PORT` as its FIRST line on stdout, and runs
 * until SIGINT or SIGTERM; then it stops moto too (moto also stops if this
 * process is killed outright: see emulator/moto.mjs). Point an environment at
 * it with `--set environments.<env>.endpoint=http://127.0.0.1:PORT`.
 *
 * The gateway forwards every request to moto untouched, except the operations
 * below, which moto 5.2.1 lacks or answers unlike the AWS API reference. Each
 * is answered as that reference documents it; the module of each service says
 * how, in detail.
 *
 * CodeStar Connections / CodeConnections (services/codestarConnections.mjs):
 *   not in moto at all; the stack creates its GitHub connection.
 *   CreateConnection, GetConnection, ListConnections, DeleteConnection,
 *   ListTagsForResource, TagResource, UntagResource.
 * Application Auto Scaling (services/appAutoscaling.mjs): moto has no tag
 *   operations and drops the Tags of a registration; the provider reads the
 *   tags of the scalable target and retries moto's HTTP 500 for minutes.
 *   ListTagsForResource, TagResource, UntagResource; RegisterScalableTarget and
 *   DeregisterScalableTarget are forwarded, then their tags kept or dropped.
 *   RegisterScalableTarget also moves an ECS service's desired count into the
 *   new range, as AWS does and moto does not (the stack starts its service so).
 * CodeBuild projects (services/codebuild.mjs): moto refuses a CODEPIPELINE
 *   source or artifacts without a location (AWS accepts them) and has no
 *   UpdateProject. CreateProject, UpdateProject, BatchGetProjects,
 *   ListProjects, DeleteProject.
 * CodePipeline (services/codepipeline.mjs): moto sends timestamps as strings,
 *   where the JSON protocol sends epoch seconds. GetPipeline and ListPipelines
 *   are forwarded and their timestamps corrected.
 * EC2 (services/ec2.mjs): DescribeSecurityGroupRules leaves out the
 *   description of a rule that names another group, and names our own account
 *   as the owner of a referenced group, which the provider (skipping the
 *   account lookup against an emulator) reads as another account's. Forwarded,
 *   then the description filled in and the same-account owner left out.
 * ECS (services/ecs.mjs): CreateService, UpdateService, DescribeServices and
 *   DeleteService are forwarded, and the settings moto drops
 *   (deploymentConfiguration, healthCheckGracePeriodSeconds,
 *   enableECSManagedTags, enableExecuteCommand, availabilityZoneRebalancing)
 *   put back, with AWS's defaults.
 * ECS standalone tasks (services/ecsTasks.mjs): moto's RunTask answers HTTP
 *   500 for every awsvpc (so every Fargate) task definition, and a task it
 *   does start never runs: one container, PENDING, exit code 0, a lifecycle
 *   state further per DescribeTasks. RunTask with launchType FARGATE is
 *   answered here (cluster, task definition, subnets and security groups
 *   checked in moto); DescribeTasks reports the task as having run: STOPPED,
 *   stopCode EssentialContainerExited, every container STOPPED with its exit
 *   code, so `aws ecs wait tasks-stopped` returns at once. A container's exit
 *   code is 0 unless the revision that runs carries the tag
 *   `ecs-wizard-emulator:exit-code:<container>` = N. ListTasks and StopTask
 *   know these tasks; other launch types go to moto.
 * S3 (services/s3.mjs): moto evaluates a bucket policy's conditional Deny
 *   statements without the request's context, so a TLS-only policy (the state
 *   bucket's) refuses every request. PutBucketPolicy is forwarded without
 *   them, and GetBucketPolicy answers the policy as put.
 * RDS (services/rds.mjs): moto gives every DB instance the same
 *   DbiResourceId, so the provider cannot tell two environments' databases
 *   apart. Create/Describe/Modify/Reboot/Start/Stop/DeleteDBInstance are
 *   forwarded, each instance given its own ID, and the `dbi-resource-id`
 *   filter of DescribeDBInstances applied here.
 *
 * EC2 subnet IPv6 blocks (services/ec2Subnets.mjs): moto renders the state of
 *   a subnet's IPv6 block as a Python dict where AWS sends the state code (the
 *   provider associates the block twice and waits for it forever), and fails
 *   DescribeSubnets' ipv6-cidr-block-association.* filters. CreateSubnet,
 *   DescribeSubnets, AssociateSubnetCidrBlock and DisassociateSubnetCidrBlock
 *   are forwarded, the state code corrected and those filters applied here.
 *
 * moto's cold start (emulator/warm.mjs): moto loads a service on its first
 *   request, EC2 for 4-10 s, holding every other call meanwhile; AWS has no
 *   such pause. Once moto answers, the emulator asks it one read of each
 *   service the stack calls, in the background, in the region of `--region`
 *   (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1), and says on stderr
 *   when moto is warm.
 *
 * moto itself runs with a short ACM validation wait (2 s, not 60): a certificate
 * still goes from PENDING_VALIDATION to ISSUED as on AWS (see emulator/moto.mjs).
 *
 * Not AWS: `GET /ecs-wizard-emulator/ecs/tasks` lists the tasks the gateway
 * started with their RunTask requests, for tests (what a stopped task's
 * DescribeTasks no longer says: its network configuration).
 *
 * `--log` prints one line per request on stderr: who answered it (gateway or
 * moto), the service, the operation and the HTTP status.
 */
import { parseArgs } from 'node:util';
import { MotoMissing, startEmulator } from './emulator/index.mjs';

/** Exit code when moto_server is not installed: tests read it as "skip". */
const EXIT_NO_MOTO = 3;

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      log: { type: 'boolean' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  process.stderr.write(`emulator: ${/** @type {Error} */ (error).message}. Usage: npm run emulator -- [--port N] [--log] [--region R]\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write('Usage: npm run emulator -- [--port N] [--log] [--region R]\nStarts moto_server and the ecs-wizard gateway; prints endpoint=URL first.\n');
  process.exit(0);
}
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`emulator: --port must be a port number (0-65535), got "${values.port}"\n`);
  process.exit(2);
}
if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
  process.stderr.write(`emulator: --region must be an AWS region code such as eu-west-1, got "${values.region}"\n`);
  process.exit(2);
}

// The signal handlers come before the first line: whoever reads the endpoint
// may stop us at once, and a signal with no handler yet would kill this
// process before it stops moto (the watchdog would, but not at once, and the
// exit code would be the signal's). A signal during start stops us once
// moto is up.
/** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
let emulator;
/** @type {number | undefined} */
let stopRequested;
let stopping = false;
const stop = async (/** @type {number} */ code) => {
  if (!emulator) {
    stopRequested ??= code;
    return;
  }
  if (stopping) return;
  stopping = true;
  await emulator.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));

try {
  emulator = await startEmulator({
    port,
    ...(values.region ? { warmRegion: values.region } : {}),
    ...(values.log ? { log: (line) => process.stderr.write(`${line}\n`) } : {}),
  });
} catch (error) {
  process.stderr.write(`emulator: ${/** @type {Error} */ (error).message}\n`);
  process.exit(error instanceof MotoMissing ? EXIT_NO_MOTO : 1);
}

// Stopped while starting: nothing to announce.
if (stopRequested !== undefined) await stop(stopRequested);
process.stdout.write(`endpoint=${emulator.endpoint}\n`);
process.stderr.write(
  `emulator: moto_server at ${emulator.motoUrl} behind ${emulator.endpoint}; Ctrl-C stops both.\n` +
    `  try: ecs-wizard apply --set environments.production.endpoint=${emulator.endpoint}\n`,
);

void emulator.warmed.then(({ warmed, failed, seconds }) => {
  if (stopping) return;
  process.stderr.write(
    `emulator: moto warm (${warmed.join(', ') || 'nothing'} loaded in ${seconds.toFixed(1)} s${failed.length ? `; not: ${failed.join(', ')}` : ''}).\n`,
  );
});

// moto gone by itself (crashed, killed): nothing left to serve.
void emulator.motoExited.then(() => {
  if (stopping) return;
  process.stderr.write('emulator: moto_server exited; stopping.\n');
  void stop(1);
});
