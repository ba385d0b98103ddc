/**
 * The whole life of our own stack, for real: the built CLI, real Terraform and
 * the real AWS provider, against the emulator (moto + our gateway).
 *
 * One project with two environments, as a team has it: `production` from the
 * production preset, then `staging` added from the starter preset (its own VPC
 * range and branch), in one account (one emulator). Three clones of the
 * project ("machines") work at the same time; an apply is minutes of waiting
 * (the ALB and RDS waiters of the provider have fixed delays), so the lives
 * overlap:
 *
 *   C: backend bootstrap (the state bucket; the team pulls its ecs-wizard.json)
 *      -> plan staging while A applies it: locked, with the force-unlock
 *      advice -> plan staging after A, with A's ecs-wizard.json: no changes
 *      (A's state, shared)
 *   A, staging (issue 8's life and issue 9's day 2 on one environment):
 *      apply (local state): a service with no task yet and what to do next
 *      -> the pipeline's first image (the Build and the Start step: the
 *      deployed CodeBuild projects' own buildspecs run by sh, the aws CLI and
 *      a docker stub that pushes to the emulator's ECR; the ECS deploy action
 *      through the APIs it calls): the image built and pushed, the app's
 *      password set, the migrations run as a new migrate revision with that
 *      image; the service starts, the tag is recorded once it is stable;
 *      meanwhile the same commit built again (image and password kept) with
 *      a migration that fails: no hand-over -> a deploy the circuit breaker
 *      rolled back, never recorded -> the five changes in one apply, which
 *      first moves the state to S3: nothing else planned (no perpetual diff,
 *      the deploys are not drift), live with the image that ran, the target
 *      group replaced create-before-destroy -> (C's plan: no changes) ->
 *      `env remove`, beside production: destroyed for real and dropped from
 *      ecs-wizard.json
 *   B, production: apply, Ctrl-C in the middle -> apply again -> plan, which
 *                  moves the state to S3: no changes -> destroy
 *
 * The first plan after an apply must show nothing but what was asked: the
 * change apply's plan proves that staging has no perpetual diff, the plan
 * after it that the changes leave none. Both environments live in one account
 * at once (their names must not collide), and each destroy deletes exactly the
 * resources of its own state, at the same time as the other's; at the end the
 * emulator holds nothing the stack made.
 *
 * Time: this file is the suite's long pole (the provider's waiters, and the
 * start of every Terraform process). Each step's seconds are printed at the
 * end.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsServiceReader } from '../../src/aws/ecsService.js';
import { describeInventory, EMULATOR_ACCOUNT, newSince, skipLoudly, startEmulator, type EmulatorStart, type Inventory, type RunningEmulator } from '../helpers/emulator.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';
import { runCodeBuildProject, type CodeBuildRun } from '../helpers/codebuild.js';
import { descendants, items, textOf } from '../../scripts/emulator/xml.mjs';
import {
  allowDataLoss,
  changeList,
  describeWizardRun,
  emulatorProject,
  localState,
  planOf,
  type TerraformState,
  realKit,
  startWizard,
  stateAddresses,
  wizard,
  jsonEvents,
  type RealKit,
  type WizardRun,
} from '../helpers/realRun.js';

const CHAIN_TIMEOUT = 30 * 60_000;
/** Staging's serving layer, as the starter preset names it. */
const CLUSTER = 'shop-staging-cluster';
const SERVICE = 'shop-staging-web';
const TAG_PARAMETER = '/shop-staging/image-tag';
const REPOSITORY = `${EMULATOR_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/shop-staging-app`;
/** The commit the "pipeline" builds and deploys. */
const COMMIT = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe';
/** A later commit whose deploy the circuit breaker rolls back. */
const FAILED_COMMIT = 'bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0';

let emulator: EmulatorStart | undefined;
let kit: RealKit | undefined;
let skipReason: string | undefined;
let baseline: Inventory = {};
/** Clone A looks after staging, clone B after production, clone C makes the state bucket. */
let machineA = '';
let machineB = '';
let machineC = '';

beforeAll(async () => {
  const found = await realKit();
  if (!found.ok) {
    skipReason = found.reason;
    return;
  }
  kit = found.kit;
  // The pipeline's buildspecs run here as CodeBuild runs them: with the aws CLI and jq.
  for (const [tool, install] of [
    ['aws', 'it comes with moto on this project\'s machines: pip install awscli'],
    ['jq', 'apt-get install jq'],
  ] as const) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status !== 0) {
      skipReason = `no ${tool} on PATH (the pipeline's Build and Start buildspecs run with it; ${install})`;
      return;
    }
  }
  emulator = await startEmulator();
  if (!emulator.ok) {
    skipReason = emulator.reason;
    return;
  }
  baseline = await emulator.aws.inventory();
  // production first; staging is the environment added to it (its own range and branch).
  machineA = await emulatorProject({ kit, endpoint: emulator.endpoint, environments: { production: 'production', staging: 'starter' } });
  // The other machines: clones of what the first committed.
  machineB = clone(machineA);
  machineC = clone(machineA);
}, 300_000);

/** A new folder holding what a project commits (not its state, logs or cdktf.out). */
function clone(from: string): string {
  const to = path.join(makeTmpDir('ecs-wizard-emulator-clone-'), 'shop');
  for (const file of ['ecs-wizard.json', 'main.ts', 'cdktf.json', 'package.json', '.ecs-wizard/generated.json']) {
    cpSync(path.join(from, file), path.join(to, file), { recursive: true });
  }
  return to;
}

/** A teammate pulls: the committed ecs-wizard.json of one machine, on another. */
function pull(from: string, to: string): void {
  cpSync(path.join(from, 'ecs-wizard.json'), path.join(to, 'ecs-wizard.json'));
}

interface S3Backend {
  readonly bucket: string;
  readonly key: string;
}

/** The state of an environment in the shared bucket, through the emulator's S3. */
async function sharedState(emu: RunningEmulator, backend: S3Backend, environment: string): Promise<TerraformState | undefined> {
  const text = await emu.aws.s3Object(backend.bucket, `${backend.key}/${environment}.tfstate`);
  return text ? (JSON.parse(text) as TerraformState) : undefined;
}

afterAll(async () => {
  if (emulator?.ok) await emulator.stop();
  // Where the time went (the suite's budget): one line per step.
  if (timings.length) console.log(`emulator lifecycle steps:\n${timings.join('\n')}`);
}, 60_000);

const timings: string[] = [];
async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings.push(`  ${step}: ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

const configOf = (machine: string) => JSON.parse(readFileSync(path.join(machine, 'ecs-wizard.json'), 'utf8'));

/** What the ECS deploy action does: the service's revision again, with the new image in `container`. */
async function copyRevision(emu: RunningEmulator, from: string, container: string, image: string): Promise<string> {
  const { taskDefinition: current, tags } = await emu.aws.json('ecs', 'DescribeTaskDefinition', { taskDefinition: from, include: ['TAGS'] });
  const { taskDefinition: next } = await emu.aws.json('ecs', 'RegisterTaskDefinition', {
    family: current.family,
    taskRoleArn: current.taskRoleArn,
    executionRoleArn: current.executionRoleArn,
    networkMode: current.networkMode,
    requiresCompatibilities: current.requiresCompatibilities,
    cpu: current.cpu,
    memory: current.memory,
    runtimePlatform: current.runtimePlatform,
    ...(current.volumes?.length ? { volumes: current.volumes } : {}),
    containerDefinitions: current.containerDefinitions.map((definition: { name: string }) => (definition.name === container ? { ...definition, image } : definition)),
    ...(tags?.length ? { tags } : {}),
  });
  return next.taskDefinitionArn as string;
}

/**
 * The ECS deploy action: for each container the Build's imagedefinitions.json
 * names, the service's revision again with that image; the service moved to it.
 */
async function deployAction(emu: RunningEmulator, imagedefinitions: string): Promise<{ before: string; deployed: string }> {
  const before = (await emu.aws.ecsService(CLUSTER, SERVICE)).taskDefinition as string;
  let deployed = before;
  for (const { name, imageUri } of JSON.parse(imagedefinitions) as { name: string; imageUri: string }[]) deployed = await copyRevision(emu, deployed, name, imageUri);
  await emu.aws.json('ecs', 'UpdateService', { cluster: CLUSTER, service: SERVICE, taskDefinition: deployed });
  return { before, deployed };
}

/** The Build through the APIs it calls (the migrate revision with the image), then the ECS deploy action; neither records the tag. */
async function buildAndDeploy(emu: RunningEmulator, image: string): Promise<{ before: string; deployed: string }> {
  await copyRevision(emu, 'shop-staging-migrate', 'migrate', image);
  return deployAction(emu, JSON.stringify([{ name: 'web', imageUri: image }]));
}

/** The repository the pipeline builds: what the Build's docker reads. */
const SOURCE = { Dockerfile: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n', 'server.js': 'console.log("shop")\n' };

/**
 * The pipeline's Build stage as deployed: the CodeBuild project's buildspec
 * and variables (read back from the emulator), run by sh as CodeBuild does
 * (pre_build then build in one shell, stop at the first failing command) in
 * a checkout of `commit`, with the aws CLI and the docker stub
 * (test/helpers/codebuild.ts).
 */
function runBuild(commit: string): Promise<CodeBuildRun> {
  return runCodeBuildProject(emulator as RunningEmulator, 'shop-staging-build', { parent: path.dirname(machineA), sourceVersion: commit, files: SOURCE });
}

/**
 * The pipeline's Start step as deployed, the same way, with the Build's
 * imagedefinitions.json as its input.
 */
function runStart(imagedefinitions: string): Promise<CodeBuildRun> {
  return runCodeBuildProject(emulator as RunningEmulator, 'shop-staging-start', { parent: path.dirname(machineA), files: { 'imagedefinitions.json': imagedefinitions } });
}

/** The migrate family's latest revision, with its tags. */
async function latestMigrate(emu: RunningEmulator): Promise<{ taskDefinition: any; tags: { key: string; value: string }[] }> {
  const { taskDefinition, tags = [] } = await emu.aws.json('ecs', 'DescribeTaskDefinition', { taskDefinition: 'shop-staging-migrate', include: ['TAGS'] });
  return { taskDefinition, tags };
}

/** A revision as registered: what DescribeTaskDefinition adds about the registration itself left out. */
function registered(definition: any): object {
  const { taskDefinitionArn: _arn, revision: _revision, registeredAt: _at, registeredBy: _by, ...rest } = definition;
  return rest;
}

/** The app's database secret: its versions' stages and current value. */
async function appSecret(emu: RunningEmulator, secretId: string): Promise<{ stages: Record<string, string[]>; value: string }> {
  const { VersionIdsToStages: stages = {} } = await emu.aws.json('secretsmanager', 'DescribeSecret', { SecretId: secretId });
  const { SecretString: value } = await emu.aws.json('secretsmanager', 'GetSecretValue', { SecretId: secretId });
  return { stages, value };
}

/** Staging's private subnets, by their Tier tag. */
async function privateSubnets(emu: RunningEmulator): Promise<string[]> {
  const answer = await emu.aws.query('ec2', 'DescribeSubnets', { 'Filter.1.Name': 'tag:Tier', 'Filter.1.Value.1': 'private' });
  return items(answer, 'subnetSet')
    .filter((subnet) => items(subnet, 'tagSet').some((tag) => textOf(tag, 'key') === 'Name' && textOf(tag, 'value').startsWith('shop-staging-')))
    .map((subnet) => textOf(subnet, 'subnetId'))
    .sort();
}

/**
 * The migrate task a Build started, checked: by RunTask on staging's cluster,
 * FARGATE, in the stack's private subnets with the app's security group and
 * no public IP, a revision of the migrate family after `before` that is
 * `before` with the image in its migrate container (all else and the tags
 * kept), stopped with `exitCode` (the gateway reports a task as having run).
 */
async function expectMigrated(emu: RunningEmulator, before: { taskDefinition: any; tags: { key: string; value: string }[] }, image: string, exitCode: number): Promise<void> {
  const [migrate] = (await emu.ranTasks()).filter((task) => task.request.cluster === CLUSTER).slice(-1);
  expect(migrate, 'a task started on the cluster').toBeDefined();
  const { request } = migrate!;
  expect(request.launchType).toBe('FARGATE');
  const service = await emu.aws.ecsService(CLUSTER, SERVICE);
  const subnets = await privateSubnets(emu);
  expect(subnets.length).toBeGreaterThan(1);
  expect(service.networkConfiguration.awsvpcConfiguration.subnets.sort()).toEqual(subnets);
  expect({ ...request.networkConfiguration?.awsvpcConfiguration, subnets: request.networkConfiguration?.awsvpcConfiguration?.subnets.slice().sort() }).toEqual({
    subnets,
    securityGroups: service.networkConfiguration.awsvpcConfiguration.securityGroups,
    assignPublicIp: 'DISABLED',
  });
  const { tasks: [task] } = await emu.aws.json('ecs', 'DescribeTasks', { cluster: CLUSTER, tasks: [migrate!.taskArn] });
  expect(task).toMatchObject({ clusterArn: expect.stringMatching(new RegExp(`:cluster/${CLUSTER}$`)), launchType: 'FARGATE', lastStatus: 'STOPPED' });
  expect(task.containers.find((c: { name: string }) => c.name === 'migrate').exitCode).toBe(exitCode);
  // A new revision, the family's latest: the one before with the image, everything else and the tags kept.
  const ran = await emu.aws.json('ecs', 'DescribeTaskDefinition', { taskDefinition: task.taskDefinitionArn, include: ['TAGS'] });
  expect(request.taskDefinition).toBe(task.taskDefinitionArn);
  expect(ran.taskDefinition.revision).toBeGreaterThan(before.taskDefinition.revision);
  expect((await latestMigrate(emu)).taskDefinition.taskDefinitionArn).toBe(task.taskDefinitionArn);
  const expected = {
    ...before.taskDefinition,
    containerDefinitions: before.taskDefinition.containerDefinitions.map((c: { name: string }) => (c.name === 'migrate' ? { ...c, image } : c)),
  };
  expect(registered(ran.taskDefinition)).toEqual(registered(expected));
  const byKey = (tags: { key: string }[]) => [...tags].sort((a, b) => a.key.localeCompare(b.key));
  expect(byKey(ran.tags ?? [])).toEqual(byKey(before.tags));
}

async function imageTag(emu: RunningEmulator): Promise<string> {
  return (await emu.aws.json('ssm', 'GetParameter', { Name: TAG_PARAMETER })).Parameter.Value;
}

/** A promise another chain resolves; rejected if that chain fails, so no chain waits forever. */
function latch<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
/** Both environments exist at once before either is destroyed. */
const stagingApplied = latch();
const productionApplied = latch();
const productionDestroyed = latch();
/** The state bucket exists and machine C's ecs-wizard.json names it. */
const backendReady = latch<S3Backend>();
/** Machine A's change apply holds staging's lock, then has finished. */
const stagingLocked = latch();
const stagingChanged = latch();
/** Machine C planned staging after A's changes, from the shared state: no changes. */
const stagingPlannedElsewhere = latch();

function ready(ctx: { skip: () => void }, what: string): { emu: RunningEmulator; kit: RealKit } | undefined {
  if (skipReason || !emulator?.ok || !kit) {
    skipLoudly(ctx, what, skipReason ?? 'the emulator did not start');
    return undefined;
  }
  return { emu: emulator, kit };
}

async function run(args: string[], cwd: string, realKit: RealKit): Promise<WizardRun> {
  const result = await wizard(['--json', ...args], { cwd, kit: realKit });
  return result;
}

function expectExit(result: WizardRun, code: number, args: readonly string[]): void {
  expect(result.exitCode, describeWizardRun(args, result)).toBe(code);
}

/**
 * `destroy --yes` (or `env remove --yes`) naming the data it deletes; its plan
 * must delete exactly the resources of this environment's state, and
 * afterwards nothing of it is left.
 */
async function destroyEnvironment(environment: string, machine: string, realKit: RealKit, emu: RunningEmulator, backend: S3Backend, command: readonly string[] = ['destroy']): Promise<WizardRun> {
  const owned = stateAddresses(await sharedState(emu, backend, environment));
  const args = [...command, '--yes', '--env', environment, ...allowDataLoss(owned)];
  const destroyed = await timed(`${environment} ${command.join(' ')}`, () => run(args, machine, realKit));
  expectExit(destroyed, 0, args);
  const plan = planOf(destroyed);
  expect(plan.destroy).toBe(true);
  expect(plan.changes.filter((c) => c.action !== 'delete')).toEqual([]);
  expect(plan.changes.map((c) => c.address).sort()).toEqual(owned);
  expect(stateAddresses(await sharedState(emu, backend, environment))).toEqual([]);
  expect(describeInventory(ofEnvironment(newSince(baseline, await emu.aws.inventory()), environment))).toEqual([]);
  return destroyed;
}

/**
 * The run moved the environment's local state to S3: said so, the local file
 * gone and a copy kept, and the shared state is the same state (lineage,
 * resources) as the local one was.
 */
async function expectMoved(result: WizardRun, machine: string, environment: string, before: TerraformState, emu: RunningEmulator, backend: S3Backend): Promise<void> {
  expect(result.stderr).toContain(`Moved the state of ${environment} from .ecs-wizard/state/${environment}.tfstate to s3://${backend.bucket}/${backend.key}/${environment}.tfstate (${stateAddresses(before).length} resources, lineage ${before.lineage}, checked after the move)`);
  expect(localState(machine, environment)).toBeUndefined();
  const copies = readdirSync(path.join(machine, '.ecs-wizard', 'state')).filter((name) => name.startsWith(`${environment}.tfstate.moved-`));
  expect(copies).toHaveLength(1);
  expect(JSON.parse(readFileSync(path.join(machine, '.ecs-wizard', 'state', copies[0]!), 'utf8'))).toEqual(before);
  const shared = await sharedState(emu, backend, environment);
  expect(shared?.lineage).toBe(before.lineage);
  expect(stateAddresses(shared)).toEqual(stateAddresses(before));
}

/** Everything the stack made for one environment, by kind, from what is new since the emulator started. */
function ofEnvironment(inventory: Inventory, environment: string): Inventory {
  const mine: Inventory = {};
  for (const [kind, found] of Object.entries(inventory)) {
    const items = found.filter((item) => item.name.includes(`shop-${environment}`) || item.tags['environment'] === environment);
    if (items.length) mine[kind] = items;
  }
  return mine;
}

describe.concurrent('the whole life of a two-environment project, against the emulator', () => {
  it(
    'staging (starter preset, added to the project): apply, the first deploys, five changes in one apply, a plan with no changes, env remove',
    async (ctx) => {
      const env = ready(ctx, 'emulator lifecycle (staging)');
      if (!env) return;
      const { emu } = env;
      try {
        // 0. Added to the project after production: a range and a branch of its own.
        const before = configOf(machineA);
        expect(before.environments.production.network.vpcCidr).toBe('10.0.0.0/16');
        expect(before.environments.staging.network.vpcCidr).toBe('10.1.0.0/16');
        expect(before.environments.staging.pipeline).toMatchObject({ owner: 'acme', repo: 'shop', branch: 'staging' });

        // 1. apply creates every planned resource: a healthy service with no
        // task yet (no image exists), waited for, and what to do next.
        const applyArgs = ['apply', '--yes', '--env', 'staging'];
        const applied = await timed('staging apply', () => run(applyArgs, machineA, env.kit));
        expectExit(applied, 0, applyArgs);
        const firstPlan = planOf(applied);
        expect(firstPlan.changes.every((c) => c.action === 'create')).toBe(true);
        const created = firstPlan.changes.map((c) => c.address).sort();
        expect(stateAddresses(localState(machineA, 'staging'))).toEqual(created);
        const staging = ofEnvironment(newSince(baseline, await emu.aws.inventory()), 'staging');
        for (const kind of ['vpcs', 'subnets', 'dbInstances', 'buckets', 'ecrRepositories', 'ecsClusters', 'loadBalancers', 'iamRoles', 'pipelines', 'connections']) {
          expect(staging[kind]?.length ?? 0, `${kind} of staging after the apply`).toBeGreaterThan(0);
        }
        expect(applied.stderr).toContain('Service: no task runs (desired count 0)');
        expect(applied.stderr).toMatch(
          /The service runs no task yet\. It starts when the pipeline built the first image\. Next: 1\. authorise the GitHub connection \(a new one is PENDING\): https:\/\/eu-west-1\.console\.aws\.amazon\.com\/codesuite\/settings\/123456789012\/eu-west-1\/connections\/[0-9a-f-]+\?region=eu-west-1; 2\. push to branch staging of acme\/shop/,
        );
        expect(await emu.aws.ecsService(CLUSTER, SERVICE)).toMatchObject({ desiredCount: 0, runningCount: 0 });
        const { ScalableTargets: scalable } = await emu.aws.json('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'ecs' });
        expect(scalable.find((t: { ResourceId: string }) => t.ResourceId === `service/${CLUSTER}/${SERVICE}`)).toMatchObject({ MinCapacity: 0, MaxCapacity: 2 });
        expect(await imageTag(emu)).toBe('no-image-yet');
        // The reader the service wait uses: the SDK, the endpoint, the provider's test keys.
        const describeService = await ecsServiceReader({ region: 'eu-west-1', endpoint: emu.endpoint });
        expect(await describeService(CLUSTER, SERVICE, new AbortController().signal)).toMatchObject({ status: 'ACTIVE', desiredCount: 0 });
        stagingApplied.resolve();

        // 2. The first image lands: the Build stage for real. It logs in to
        // ECR (the password on stdin), builds and pushes the commit's image,
        // gives the app's database user its password, runs the migrations as
        // a new migrate revision with exactly that image, and hands the image
        // over. Built and deployed is not yet "deployed and healthy": nothing
        // is recorded until the Start step saw the service stable on it; then
        // the service runs one task.
        const image = `${REPOSITORY}:${COMMIT}`;
        const migrateBefore = await latestMigrate(emu);
        const built = await timed('staging Build (sh + aws CLI + docker stub)', () => runBuild(COMMIT));
        expect(built.exitCode, built.output).toBe(0);
        const registry = REPOSITORY.split('/')[0]!;
        const { authorizationData: [token] } = await emu.aws.json('ecr', 'GetAuthorizationToken');
        const password = Buffer.from(token.authorizationToken, 'base64').toString('utf8').replace(/^AWS:/, '');
        expect(built.docker).toEqual([
          { argv: ['login', '--username', 'AWS', '--password-stdin', registry], stdin: `${password}\n` },
          { argv: ['build', '-f', './Dockerfile', '-t', image, '.'], stdin: '' },
          { argv: ['push', image], stdin: '' },
        ]);
        const images = async () => (await emu.aws.json('ecr', 'DescribeImages', { repositoryName: 'shop-staging-app' })).imageDetails.map((i: { imageTags: string[] }) => i.imageTags);
        expect(await images()).toEqual([[COMMIT]]);
        expect(built.output).toContain("generated the password of the app's database user");
        const secretId = built.variables['DATABASE_APP_SECRET']!;
        const password1 = await appSecret(emu, secretId);
        expect(Object.values(password1.stages)).toEqual([['AWSCURRENT']]);
        expect(password1.value).toMatch(/^[A-Za-z0-9]{32}$/);
        await expectMigrated(emu, migrateBefore, image, 0);
        // What it hands over: the image for the ECS deploy action (and for CodeDeploy: none here, a rolling environment).
        expect(JSON.parse(built.file('imagedefinitions.json')!)).toEqual([{ name: 'web', imageUri: image }]);
        expect(JSON.parse(built.file('imageDetail.json')!)).toEqual({ ImageURI: image });
        expect(readdirSync(built.dir).filter((name) => /^(taskdef|appspec)-/.test(name))).toEqual([]);
        await deployAction(emu, built.file('imagedefinitions.json')!);
        expect(await imageTag(emu)).toBe('no-image-yet');

        // While Start runs, the next pipeline execution, the same commit
        // again, is in the Build stage (a stage holds one execution at a
        // time, two stages two): the image exists and is not built again,
        // the password is kept, and this time the migration fails (exit 3,
        // the gateway's tag for the migrate container): the Build fails and
        // hands nothing over.
        const migrateFirst = await latestMigrate(emu);
        const exitTag = { key: 'ecs-wizard-emulator:exit-code:migrate', value: '3' };
        await emu.aws.json('ecs', 'TagResource', { resourceArn: migrateFirst.taskDefinition.taskDefinitionArn, tags: [exitTag] });
        const [start, rebuilt] = await timed('staging Start step and Build again, side by side', () =>
          Promise.all([
            timed('staging Start step (sh + aws CLI)', () => runStart(built.file('imagedefinitions.json')!)),
            timed('staging Build again, migrate fails', () => runBuild(COMMIT)),
          ]),
        );
        expect(start.exitCode, start.output).toBe(0);
        expect(await imageTag(emu)).toBe(COMMIT);
        expect((await emu.aws.ecsService(CLUSTER, SERVICE)).desiredCount).toBe(1);
        expect((await emu.aws.serviceContainers(CLUSTER, SERVICE)).containers['web']!.image).toBe(image);

        expect(rebuilt.exitCode, rebuilt.output).not.toBe(0);
        expect(rebuilt.output).toContain(`image ${COMMIT} exists: not building it again`);
        expect(rebuilt.output).toContain('migrate exited with 3; not deploying');
        expect(rebuilt.docker.map((call) => call.argv[0])).toEqual(['login']);
        expect(await images()).toEqual([[COMMIT]]);
        expect(await appSecret(emu, secretId)).toEqual(password1);
        await expectMigrated(emu, { ...migrateFirst, tags: [...migrateFirst.tags, exitTag] }, image, 3);
        expect(rebuilt.file('imagedefinitions.json')).toBeUndefined();
        expect(rebuilt.file('imageDetail.json')).toBeUndefined();
        expect(await imageTag(emu)).toBe(COMMIT);
        // The tag was the test's: off both revisions, so nothing copies it on.
        for (const revision of [migrateFirst.taskDefinition.taskDefinitionArn, (await latestMigrate(emu)).taskDefinition.taskDefinitionArn]) {
          await emu.aws.json('ecs', 'UntagResource', { resourceArn: revision, tagKeys: [exitTag.key] });
        }

        // 3. A deploy the circuit breaker rolled back (the service back on the
        // revision it ran) is never recorded: in AWS the Deploy action fails
        // and Start does not run; even when it does, it records nothing.
        const failedImage = `${REPOSITORY}:${FAILED_COMMIT}`;
        const { before: running } = await buildAndDeploy(emu, failedImage);
        await emu.aws.json('ecs', 'UpdateService', { cluster: CLUSTER, service: SERVICE, taskDefinition: running });
        const refused = await runStart(JSON.stringify([{ name: 'web', imageUri: failedImage }]));
        expect(refused.exitCode).not.toBe(0);
        expect(refused.output).toContain(`not ${failedImage}: the deployed image stays as recorded`);
        expect(await imageTag(emu)).toBe(COMMIT);
        // The families' latest revisions name the failed image: the next apply must not.
        expect((await emu.aws.taskDefinition('shop-staging-web')).containerDefinitions[0].image).toBe(failedImage);
        const [oldGroup] = (await emu.aws.targetGroups()).filter((g) => g.name.startsWith('shop-staging'));
        expect(oldGroup).toMatchObject({ port: 3000 });

        // 4. The five changes, applied together: the plan holds them and
        // nothing else (the deploys are not drift: the tag is refreshed,
        // track_latest reads the deploy's revision).
        const changes = [
          '--set', 'environments.staging.database.instanceClass=db.t4g.small',
          '--set', 'app.environment.LOG_LEVEL=debug',
          '--set', 'environments.staging.service.maxCount=4',
          '--set', 'app.containerPort=8080',
          '--set', 'app.healthCheckPath=/ready',
        ];
        // The team's bucket is ready: pull its ecs-wizard.json (and keep the changes).
        const backend = await backendReady.promise;
        const local = localState(machineA, 'staging')!;
        pull(machineC, machineA);
        const changeArgs = ['--json', 'apply', '--yes', '--env', 'staging', ...changes];
        const applying = startWizard(changeArgs, { cwd: machineA, kit: env.kit });
        // While it applies (the database's new class takes minutes), staging's S3 lock is held.
        void applying
          .waitFor(({ stderr }) => /aws_db_instance\.database: Modifying/.test(stderr), 600_000)
          .then(() => stagingLocked.resolve(), (error: Error) => stagingLocked.reject(error));
        const changedRun = await timed('staging change apply', () => applying.result);
        const changed: WizardRun = { ...changedRun, events: jsonEvents(changedRun.stdout) };
        stagingChanged.resolve();
        expectExit(changed, 0, changeArgs);
        expect(changed.stderr).toMatch(/Service stable: 1 of 1 tasks? running shop-staging-web:\d+/);
        // Its init moved the local state to S3 first, then the plan read it there.
        await expectMoved(changed, machineA, 'staging', local, emu, backend);
        const plan = planOf(changed);
        const actions = new Map(plan.changes.map((c) => [c.address, c.action]));
        expect(actions.get('aws_db_instance.database')).toBe('update');
        expect(actions.get('aws_appautoscaling_target.autoscaling_target')).toBe('update');
        expect(actions.get('aws_ecs_task_definition.web')).toBe('replace');
        expect(actions.get('aws_lb_target_group.web')).toBe('replace');
        // Nothing the five changes do not reach: no perpetual diff after the first apply and the deploys.
        const reached = new Set([
          'aws_db_instance.database',
          'aws_appautoscaling_target.autoscaling_target',
          'aws_ecs_task_definition.web',
          'aws_ecs_task_definition.migrate',
          'aws_lb_target_group.web',
          'aws_lb_listener.http',
          'aws_ecs_service.web',
          'aws_vpc_security_group_egress_rule.alb_to_tasks',
          'aws_vpc_security_group_ingress_rule.tasks_from_alb',
          // The build runs the migrate task definition by ARN, which a new revision changes.
          'aws_codebuild_project.build',
          'aws_iam_role_policy.build_role_policy',
          // Max tasks is in the scale-out alarm's description and the start project's MAX_COUNT.
          'aws_cloudwatch_metric_alarm.cpu_high',
          'aws_codebuild_project.start',
        ]);
        expect(changeList(plan).filter((line) => !reached.has(line.split(':')[0]!))).toEqual([]);

        // ...and each is what the emulator now holds. The service runs a new
        // revision with the variable, the port and the image that ran before
        // (not the rolled-back one the family's latest revision named).
        const db = await emu.aws.query('rds', 'DescribeDBInstances', { DBInstanceIdentifier: 'shop-staging-db' });
        expect(JSON.stringify(db)).toContain('db.t4g.small');
        const now = await emu.aws.serviceContainers(CLUSTER, SERVICE);
        expect(now.containers['web']).toMatchObject({ image, environment: expect.objectContaining({ LOG_LEVEL: 'debug' }) });
        const web = await emu.aws.taskDefinition(now.taskDefinition);
        expect(web.containerDefinitions[0].portMappings).toEqual([expect.objectContaining({ containerPort: 8080 })]);
        // migrate follows: the same settings, the same image.
        const migrate = (await emu.aws.taskDefinition('shop-staging-migrate')).containerDefinitions.find((c: { name: string }) => c.name === 'migrate');
        expect(migrate.image).toBe(image);
        expect(migrate.environment).toContainEqual({ name: 'LOG_LEVEL', value: 'debug' });
        const targets = await emu.aws.json('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'ecs', ResourceIds: [`service/${CLUSTER}/${SERVICE}`] });
        expect(targets.ScalableTargets[0].MaxCapacity).toBe(4);
        // The target group was replaced create-before-destroy: one, a new name,
        // port 8080; the listener and the service use it.
        const groups = (await emu.aws.targetGroups()).filter((g) => g.name.startsWith('shop-staging'));
        expect(groups.map((g) => [g.port, g.healthCheckPath])).toEqual([[8080, '/ready']]);
        expect(groups[0]!.name).not.toBe(oldGroup!.name);
        const balancer = (await emu.aws.loadBalancers()).find((lb) => lb.name.startsWith('shop-staging'));
        const [listener] = await emu.aws.listeners(balancer!.arn);
        expect(listener!.forwards).toEqual([{ targetGroupArn: groups[0]!.arn, weight: 1 }]);
        const service = await emu.aws.ecsService(CLUSTER, SERVICE);
        expect(service.loadBalancers.map((lb: { containerPort: number; targetGroupArn: string }) => [lb.containerPort, lb.targetGroupArn])).toEqual([[8080, groups[0]!.arn]]);

        // 5. A plan after the changes: nothing to do. Machine C makes it, from
        // the shared state with this machine's ecs-wizard.json pulled.
        await stagingPlannedElsewhere.promise;

        // 6. Both environments side by side in one account: two networks of
        // their own ranges, two services. Then `env remove` (while production
        // is destroyed beside it): staging destroyed for real, exactly its own
        // state's resources, and dropped from ecs-wizard.json.
        await productionApplied.promise;
        const vpcs = (await emu.aws.vpcs()).filter((vpc) => vpc.name.startsWith('shop-')).map(({ cidr, name }) => ({ cidr, name }));
        expect(vpcs.sort((a, b) => a.cidr.localeCompare(b.cidr))).toEqual([
          { cidr: '10.0.0.0/16', name: expect.stringContaining('production') },
          { cidr: '10.1.0.0/16', name: expect.stringContaining('staging') },
        ]);
        const services = newSince(baseline, await emu.aws.inventory())['ecsServices']?.map((item) => item.name).sort();
        expect(services).toEqual(['shop-production-web', 'shop-staging-web']);
        const removed = await destroyEnvironment('staging', machineA, env.kit, emu, backend, ['env', 'remove']);
        expect(removed.stderr).toContain(`Removed staging from ecs-wizard.json and cdktf.out/stacks/staging; its state object s3://${backend.bucket}/${backend.key}/staging.tfstate is kept.`);
        // The revisions the pipeline registered (the deploys', and those track_latest moved past) went with it.
        expect(removed.stderr + JSON.stringify(removed.events)).toMatch(/Deregistered and deleted \d+ task definition revisions the pipeline had registered \([^)]*shop-staging-web:\d+/);
        expect(Object.keys(configOf(machineA).environments)).toEqual(['production']);
        expect(existsSync(path.join(machineA, 'cdktf.out', 'stacks', 'staging'))).toBe(false);
        // The last one out: nothing the stack made is left in the emulator,
        // but the team's state bucket (its own stack, never destroyed by an apply).
        await productionDestroyed.promise;
        const left = newSince(baseline, await emu.aws.inventory());
        expect(left['buckets']?.map((b) => b.name)).toEqual([backend.bucket]);
        delete left['buckets'];
        expect(describeInventory(left)).toEqual([]);
      } catch (error) {
        stagingApplied.reject(error as Error);
        stagingLocked.reject(error as Error);
        stagingChanged.reject(error as Error);
        throw error;
      }
    },
    CHAIN_TIMEOUT,
  );

  it(
    'shared state: backend bootstrap, a lock held by another machine, another machine\'s state',
    async (ctx) => {
      const env = ready(ctx, 'emulator lifecycle (backend bootstrap)');
      if (!env) return;
      const { emu } = env;
      try {
        const args = ['backend', 'bootstrap', '--yes', '--env', 'staging'];
        const made = await timed('backend bootstrap', () => run(args, machineC, env.kit));
        expectExit(made, 0, args);
        const config = JSON.parse(readFileSync(path.join(machineC, 'ecs-wizard.json'), 'utf8')) as { backend: { type: string; bucket: string; key: string; region: string } };
        expect(config.backend).toEqual({ type: 's3', bucket: expect.stringMatching(/^shop-tfstate-[a-z0-9]+$/), key: 'shop', region: 'eu-west-1' });
        // Versioned, encrypted, public access blocked, TLS only, as AWS answers for it.
        const bucket = config.backend.bucket;
        const get = (query: string) => emu.aws.rest('s3', `/${bucket}?${query}`);
        expect(textOf(await get('versioning'), 'Status')).toBe('Enabled');
        expect(descendants(await get('encryption'), 'SSEAlgorithm').map((e) => e.text)).toEqual(['AES256']);
        const block = await get('publicAccessBlock');
        expect(['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'].map((name) => textOf(block, name))).toEqual(['true', 'true', 'true', 'true']);
        const policy = await emu.aws.s3Policy(bucket);
        expect(policy).toMatchObject({ Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
        // Its own state stays in this project, never in the bucket.
        expect(existsSync(path.join(machineC, '.ecs-wizard', 'state', 'state-bucket.tfstate'))).toBe(true);
        backendReady.resolve({ bucket, key: config.backend.key });

        // Shared state: while machine A applies staging, this machine cannot
        // plan it: the lock, and the exact command to release a stale one.
        await stagingLocked.promise;
        const lockedArgs = ['plan', '--yes', '--env', 'staging'];
        const locked = await run(lockedArgs, machineC, env.kit);
        expectExit(locked, 1, lockedArgs);
        const lockFailure = locked.events.find((e) => e.type === 'failure');
        expect(lockFailure?.type === 'failure' && lockFailure.next).toMatch(
          new RegExp(`^The state is locked \\(lock ID [0-9a-f-]+\\)\\. If no other ecs-wizard or terraform run is active, release it with:\\n  terraform -chdir=${machineC.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/cdktf\\.out/stacks/staging force-unlock [0-9a-f-]+$`),
        );
        // Once A is done, this machine plans A's environment from the shared
        // state, with A's changes pulled: nothing to do.
        await stagingChanged.promise;
        pull(machineA, machineC);
        const sharedArgs = ['plan', '--yes', '--env', 'staging'];
        const shared = await run(sharedArgs, machineC, env.kit);
        expectExit(shared, 0, sharedArgs);
        expect(changeList(planOf(shared))).toEqual([]);
        stagingPlannedElsewhere.resolve();
      } catch (error) {
        backendReady.reject(error as Error);
        stagingPlannedElsewhere.reject(error as Error);
        throw error;
      }
    },
    CHAIN_TIMEOUT,
  );

  it(
    'production (production preset): Ctrl-C mid-apply, apply again, a plan with no changes, destroy',
    async (ctx) => {
      const env = ready(ctx, 'emulator lifecycle (production)');
      if (!env) return;
      const { emu } = env;
      try {
        // 1. A real Ctrl-C in the middle of a real apply: the terminal signals the
        // wizard's process group; the wizard sends Terraform one SIGINT.
        const applyArgs = ['--json', 'apply', '--yes', '--env', 'production'];
        const interrupted = startWizard(applyArgs, { cwd: machineB, kit: env.kit, group: true });
        // While the database is being created (its create call answered, the
        // provider waiting for it): the moment a person is most likely to press it.
        await interrupted.waitFor(({ stderr }) => /aws_db_instance\.database: Still creating/.test(stderr), 600_000);
        // ...and no create call of its own in flight: a create cancelled on the
        // wire may be made by AWS and never saved (an orphan the next apply
        // trips over), which no tool can know. Wait for 3 s without a new start.
        for (let starts = -1; ; ) {
          const now = (interrupted.stderr().match(/: Creating\.\.\./g) ?? []).length;
          if (now === starts) break;
          starts = now;
          await new Promise((resolve) => setTimeout(resolve, 3000));
        }
        process.kill(-interrupted.child.pid!, 'SIGINT');
        const stopped = await timed('production interrupted apply', () => interrupted.result);
        expect(stopped.exitCode, describeWizardRun(applyArgs, stopped)).toBe(130);
        const events = jsonEvents(stopped.stdout);
        const planAddresses = planOf({ events, stderr: stopped.stderr }).changes.map((c) => c.address).sort();
        expect(planAddresses.length).toBeGreaterThan(60);
        const failure = events.find((e) => e.type === 'failure');
        const logFile = failure?.type === 'failure' ? failure.logFile : undefined;
        expect(logFile && existsSync(logFile)).toBeTruthy();
        const log = readFileSync(logFile!, 'utf8');
        // Exactly one interrupt reached Terraform, and it stopped gracefully.
        expect(log.match(/Interrupt received/g)?.length).toBe(1);
        expect(log).not.toMatch(/Two interrupts received/);
        // State saved: what was created is in it, the rest is not.
        const saved = stateAddresses(localState(machineB, 'production'));
        expect(saved.length).toBeGreaterThan(0);
        expect(saved.length).toBeLessThan(planAddresses.length);
        expect(saved.every((address) => planAddresses.includes(address))).toBe(true);
        const record = JSON.parse(readFileSync(path.join(machineB, '.ecs-wizard', 'runs', 'production.json'), 'utf8')) as { status: string };
        expect(record.status).toBe('interrupted');

        // Terraform cancelled the creates in flight; what AWS had made is saved
        // tainted, and the record names it for the next run.
        const unfinished = (record as { unfinishedCreates?: string[] }).unfinishedCreates ?? [];
        expect(unfinished).toContain('aws_db_instance.database');

        // 2. The next apply completes the rest: it keeps what was being created
        // (nothing replaced, nothing deleted), creates what is missing, and may
        // only update what it kept (settings applied after a create, like the
        // load balancer's attributes).
        const resumeArgs = ['apply', '--yes', '--env', 'production'];
        const resumed = await timed('production apply again', () => run(resumeArgs, machineB, env.kit));
        expectExit(resumed, 0, resumeArgs);
        expect(resumed.stderr).toMatch(/The last apply \(started .*\) was interrupted/);
        expect(resumed.stderr).toMatch(/Kept what the interrupted apply was creating: .*aws_db_instance\.database/);
        const rest = planOf(resumed);
        expect(rest.changes.filter((c) => c.action !== 'create' && !(c.action === 'update' && unfinished.includes(c.address))).map((c) => `${c.address}: ${c.action}`)).toEqual([]);
        expect(rest.changes.filter((c) => c.action === 'create').map((c) => c.address).sort()).toEqual(planAddresses.filter((a) => !saved.includes(a)));
        expect(stateAddresses(localState(machineB, 'production'))).toEqual(planAddresses);

        // 3. A second plan: no changes. The team's bucket is there by now: this
        // plan first moves production's local state to S3.
        const backend = await backendReady.promise;
        const local = localState(machineB, 'production')!;
        pull(machineC, machineB);
        const planArgs = ['plan', '--yes', '--env', 'production'];
        const replanned = await timed('production plan (moves the state)', () => run(planArgs, machineB, env.kit));
        expectExit(replanned, 0, planArgs);
        expect(changeList(planOf(replanned))).toEqual([]);
        await expectMoved(replanned, machineB, 'production', local, emu, backend);
        productionApplied.resolve();

        // 4. Destroy, once both environments have existed side by side.
        await stagingApplied.promise;
        await destroyEnvironment('production', machineB, env.kit, emu, backend);
        productionDestroyed.resolve();
      } catch (error) {
        productionApplied.reject(error as Error);
        productionDestroyed.reject(error as Error);
        throw error;
      }
    },
    CHAIN_TIMEOUT,
  );
});
