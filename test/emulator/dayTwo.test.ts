/**
 * Issue 9 on the emulator: the stack keeps working after its first deploy.
 * Two environments of the starter preset (the built CLI, real Terraform
 * against moto behind our gateway, one emulator for both) prove, in order:
 *
 * 6. the first apply leaves a healthy service with no task (no image exists
 *    yet), waits for it through the AWS SDK against the endpoint, and says
 *    exactly what to do next; the service starts when the first image lands:
 *    the Build and the ECS deploy action are done here through the APIs they
 *    call, the Start step is the deployed CodeBuild project's own buildspec,
 *    run by sh with the aws CLI;
 * 1. Start records the image tag only once the service is stable on it, and
 *    the next plan has no changes (the tag is refreshed, track_latest reads
 *    the deploy's revision); a deploy the circuit breaker rolled back is never
 *    recorded, so a change made through ecs-wizard (an environment variable)
 *    goes live on apply with the image that runs, not the failed one;
 * 3. in the same apply, a new container port replaces the target group
 *    create-before-destroy: the listener and the service move to the new one
 *    and the old one is gone;
 * 9. meanwhile, in a copy of the project (the project lock allows one run at
 *    a time), a new environment got its own VPC range and branch and was
 *    applied beside production; `env remove --env staging` destroyed it and
 *    dropped it from ecs-wizard.json; production kept every resource, and its
 *    next plan (the one of point 1) has no changes.
 *
 * Time: every Terraform process pays the AWS provider's start (tens of
 * seconds on a loaded machine), and the first apply the provider's waiters
 * (load balancer, RDS). So: one emulator, staging's apply and removal run
 * beside production's steps, and the "no changes" plan proves points 1 and 9
 * at once.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsServiceReader } from '../../src/aws/ecsService.js';
import { STATEFUL_RESOURCE_TYPES } from '../../src/terraform/guard.js';
import { cleanEnv, ensureBuilt, runCli, STARTER_SETS, type CliResult } from '../helpers/cli.js';
import {
  describeInventory,
  EMULATOR_ACCOUNT,
  newSince,
  skipLoudly,
  startEmulator,
  type EmulatorStart,
  type Inventory,
  type RunningEmulator,
} from '../helpers/emulator.js';
import { locateTerraform, type Located } from '../helpers/infraTerraform.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-day2-'));
const project = path.join(root, 'shop');
const copy = path.join(root, 'copy', 'shop');
const CLUSTER = 'shop-production-cluster';
const SERVICE = 'shop-production-web';
const TAG_PARAMETER = '/shop-production/image-tag';
/** The commit the "pipeline" builds and deploys. */
const COMMIT = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe';
/** A later commit whose deploy the circuit breaker rolls back. */
const FAILED_COMMIT = 'bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0';
const REPOSITORY = `${EMULATOR_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/shop-production-app`;
const MINUTES = 60_000;

let emulator: EmulatorStart;
let located: Located;
let awsCli: string | undefined;
let env: NodeJS.ProcessEnv;

interface Staging {
  added: CliResult;
  configBefore: any;
  applied: CliResult;
  /** Both environments applied, before the removal. */
  both?: Inventory;
  vpcs?: { id: string; cidr: string; name: string }[];
  removed?: CliResult;
  after?: Inventory;
  configAfter?: any;
}
/** Point 9, beside production: started with production's first apply. */
let staging: Promise<Staging> | undefined;
/** Resolved once production's first apply ended (so staging's inventory holds both). */
let productionApplied: () => void = () => {};
/** The plan after the first deploy, made once staging was removed. */
let quietPlan: CliResult | undefined;

beforeAll(async () => {
  [emulator, located] = await Promise.all([startEmulator(), locateTerraform(root), ensureBuilt()]);
  const found = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' });
  awsCli = found.status === 0 ? found.stdout.trim() : undefined;
  if (!emulator.ok || !located.ok) return;
  env = cleanEnv({ ...located.kit.env, ECS_WIZARD_TERRAFORM: located.kit.binary });
  mkdirSync(project, { recursive: true });
}, 5 * MINUTES);
afterAll(async () => {
  if (emulator?.ok) await emulator.stop();
  // Where the time went (the suite's budget): one line per step.
  if (timings.length) console.log(`day-2 emulator steps:\n${timings.join('\n')}`);
  rmSync(root, { recursive: true, force: true });
});

const timings: string[] = [];
async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } finally {
    timings.push(`  ${step}: ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

const config = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));

function ready(ctx: { skip: () => void }, what: string): RunningEmulator | undefined {
  if (!emulator.ok) return void skipLoudly(ctx, what, emulator.reason);
  if (!located.ok) return void skipLoudly(ctx, what, located.reason);
  if (!awsCli) return void skipLoudly(ctx, what, 'no aws CLI on PATH (it runs the pipeline Start step; pip install awscli)');
  return emulator;
}

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
    containerDefinitions: current.containerDefinitions.map((definition: any) => (definition.name === container ? { ...definition, image } : definition)),
    ...(tags?.length ? { tags } : {}),
  });
  return next.taskDefinitionArn as string;
}

/** The Build (migrate revision with the image) and the ECS deploy action (the service's revision with it); neither records the tag. */
async function buildAndDeploy(emu: RunningEmulator, image: string): Promise<{ before: string; deployed: string }> {
  await copyRevision(emu, 'shop-production-migrate', 'migrate', image);
  const before = (await emu.aws.ecsService(CLUSTER, SERVICE)).taskDefinition as string;
  const deployed = await copyRevision(emu, before, 'web', image);
  await emu.aws.json('ecs', 'UpdateService', { cluster: CLUSTER, service: SERVICE, taskDefinition: deployed });
  return { before, deployed };
}

/**
 * The pipeline's Start step as deployed: the CodeBuild project's buildspec and
 * variables (read back from the emulator), run by sh as CodeBuild does (one
 * shell, stop at the first failing command) with the Build's
 * imagedefinitions.json as its input.
 */
async function runStart(emu: RunningEmulator, imageUri: string): Promise<{ exitCode: number; output: string }> {
  const { projects: [start] } = await emu.aws.json('codebuild', 'BatchGetProjects', { names: ['shop-production-start'] });
  const commands: string[] = JSON.parse(start.source.buildspec).phases.build.commands;
  const variables = Object.fromEntries(start.environment.environmentVariables.map((v: { name: string; value: string }) => [v.name, v.value]));
  const dir = mkdtempSync(path.join(root, 'start-'));
  writeFileSync(path.join(dir, 'imagedefinitions.json'), JSON.stringify([{ name: 'web', imageUri }]));
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-ec', commands.join('\n')],
      {
        cwd: dir,
        timeout: 3 * MINUTES,
        env: {
          PATH: process.env['PATH'],
          HOME: dir,
          ...variables,
          AWS_ENDPOINT_URL: emu.endpoint,
          AWS_DEFAULT_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_CONFIG_FILE: path.join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
        },
      },
      (error, stdout, stderr) => resolve({ exitCode: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

async function imageTag(emu: RunningEmulator): Promise<string> {
  return (await emu.aws.json('ssm', 'GetParameter', { Name: TAG_PARAMETER })).Parameter.Value;
}

/** `--allow-replace` for every stateful resource of an environment's stack: the destroy of a whole environment deletes them. */
function allowEveryStatefulResource(dir: string, environment: string): string[] {
  const stack = JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', environment, 'cdk.tf.json'), 'utf8'));
  return Object.entries(stack.resource as Record<string, Record<string, unknown>>)
    .filter(([type]) => STATEFUL_RESOURCE_TYPES.has(type))
    .flatMap(([type, byName]) => Object.keys(byName).flatMap((name) => ['--allow-replace', `${type}.${name}`]));
}

describe('day 2 on the emulator: two environments, the first deploy and the changes after it', () => {
  it('6. the first apply leaves a service with no task, waits for it, and says what to do next', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu) return;
    const synth = await runCli(['synth', ...STARTER_SETS, '--set', `environments.production.endpoint=${emu.endpoint}`], { cwd: project, env });
    expect(synth.exitCode, synth.stderr).toBe(0);

    // 9, side by side: a copy of the project gets a new environment, applied
    // into the same account beside production, then removed.
    cpSync(project, copy, { recursive: true });
    const bothApplied = new Promise<void>((resolve) => (productionApplied = resolve));
    staging = (async () => {
      const added = await timed('staging synth', () =>
        runCli(['synth', '--env', 'staging', '--preset', 'starter', '--set', 'environments.staging.region=eu-west-1', '--set', `environments.staging.endpoint=${emu.endpoint}`], { cwd: copy, env }),
      );
      const result: Staging = { added, configBefore: config(copy), applied: added };
      if (added.exitCode !== 0) return result;
      result.applied = await timed('staging apply', () => runCli(['apply', '--env', 'staging', '--yes', '--no-service-wait'], { cwd: copy, env, timeoutMs: 9 * MINUTES }));
      await bothApplied;
      if (result.applied.exitCode !== 0) return result;
      [result.both, result.vpcs] = await Promise.all([emu.aws.inventory(), emu.aws.vpcs()]);
      result.removed = await timed('staging env remove', () =>
        runCli(['env', 'remove', '--env', 'staging', '--yes', ...allowEveryStatefulResource(copy, 'staging')], { cwd: copy, env, timeoutMs: 6 * MINUTES }),
      );
      result.after = await emu.aws.inventory();
      result.configAfter = config(copy);
      return result;
    })();

    let apply: CliResult;
    try {
      apply = await timed('production first apply', () => runCli(['apply', '--yes'], { cwd: project, env, timeoutMs: 9 * MINUTES }));
    } finally {
      productionApplied();
    }
    expect(apply.exitCode, apply.stderr.slice(-4000)).toBe(0);
    expect(apply.stderr).toContain('Service: no task runs (desired count 0)');
    expect(apply.stderr).toMatch(
      /The service runs no task yet\. It starts when the pipeline built the first image\. Next: 1\. authorise the GitHub connection \(a new one is PENDING\): https:\/\/eu-west-1\.console\.aws\.amazon\.com\/codesuite\/settings\/123456789012\/eu-west-1\/connections\/[0-9a-f-]+\?region=eu-west-1; 2\. push to branch main of acme\/shop/,
    );
    const service = await emu.aws.ecsService(CLUSTER, SERVICE);
    expect(service).toMatchObject({ desiredCount: 0, runningCount: 0 });
    const { ScalableTargets: targets } = await emu.aws.json('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'ecs' });
    expect(targets.find((t: any) => t.ResourceId === `service/${CLUSTER}/${SERVICE}`)).toMatchObject({ MinCapacity: 0, MaxCapacity: 2 });
    expect(await imageTag(emu)).toBe('no-image-yet');
    // The reader the wait uses: the SDK, the endpoint, the provider's test keys.
    const describe = await ecsServiceReader({ region: 'eu-west-1', endpoint: emu.endpoint });
    expect(await describe(CLUSTER, SERVICE, new AbortController().signal)).toMatchObject({ status: 'ACTIVE', desiredCount: 0 });
  }, 10 * MINUTES);

  it('6 and 1. the first image lands: Start starts the service and records the tag once it is stable on it; the next plan has no changes', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu) return;
    const image = `${REPOSITORY}:${COMMIT}`;
    await buildAndDeploy(emu, image);
    // Built and deployed is not yet "deployed and healthy": nothing recorded.
    expect(await imageTag(emu)).toBe('no-image-yet');

    const start = await timed('Start step (sh + aws CLI)', () => runStart(emu, image));
    expect(start.exitCode, start.output).toBe(0);
    expect(await imageTag(emu)).toBe(COMMIT);
    expect((await emu.aws.ecsService(CLUSTER, SERVICE)).desiredCount).toBe(1);
    expect((await emu.aws.serviceContainers(CLUSTER, SERVICE)).containers['web']!.image).toBe(image);

    // Not drift: Terraform reads the deploy's revision (track_latest), the
    // refreshed tag and the raised minimum, and finds its configuration. Made
    // after staging's removal, the same plan shows production untouched by it.
    await timed('waiting for staging', () => staging!);
    quietPlan = await timed('production plan', () => runCli(['plan'], { cwd: project, env, timeoutMs: 4 * MINUTES }));
    expect(quietPlan.exitCode, quietPlan.stderr.slice(-4000)).toBe(0);
    expect(quietPlan.stderr, quietPlan.stderr.split('\n').filter((line) => !/Refresh|Drift detected/.test(line)).join('\n')).toContain('Plan: no changes.');
  }, 10 * MINUTES);

  it('1. a deploy the circuit breaker rolled back is never recorded as deployed', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu) return;
    const failed = `${REPOSITORY}:${FAILED_COMMIT}`;
    const { before } = await buildAndDeploy(emu, failed);
    // The circuit breaker: the service goes back to the revision it ran.
    await emu.aws.json('ecs', 'UpdateService', { cluster: CLUSTER, service: SERVICE, taskDefinition: before });
    // In AWS the Deploy action fails and Start does not run; even when it does,
    // it sees the service on another image and records nothing.
    const start = await runStart(emu, failed);
    expect(start.exitCode).not.toBe(0);
    expect(start.output).toContain(`not ${failed}: the deployed image stays as recorded`);
    expect(await imageTag(emu)).toBe(COMMIT);
    // The families' latest revisions name the failed image: the next apply must not.
    expect((await emu.aws.taskDefinition('shop-production-web')).containerDefinitions[0].image).toBe(failed);
  }, 5 * MINUTES);

  it('1 and 3. a variable and a new port go live on apply with the deployed image; the target group is replaced create-before-destroy', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu) return;
    const image = `${REPOSITORY}:${COMMIT}`;
    const [oldGroup] = (await emu.aws.targetGroups()).filter((group) => group.loadBalancerArns.length > 0);
    expect(oldGroup).toMatchObject({ port: 3000 });
    const apply = await timed('production change apply', () =>
      runCli(['apply', '--yes', '--set', 'app.environment.FEATURE_X=on', '--set', 'app.containerPort=8080'], { cwd: project, env, timeoutMs: 6 * MINUTES }),
    );
    expect(apply.exitCode, apply.stderr.slice(-4000)).toBe(0);
    expect(apply.stderr).toMatch(/Service stable: 1 of 1 tasks? running shop-production-web:\d+/);

    // 1: the service runs a new revision with the variable and the image that
    // ran before (not the rolled-back one the family's latest revision named).
    const now = await emu.aws.serviceContainers(CLUSTER, SERVICE);
    expect(now.containers['web']).toMatchObject({ image, environment: expect.objectContaining({ FEATURE_X: 'on' }) });
    const definition = await emu.aws.taskDefinition(now.taskDefinition);
    expect(definition.containerDefinitions[0].portMappings).toEqual([expect.objectContaining({ containerPort: 8080 })]);
    // migrate follows: the same settings, the same image.
    const migrate = await emu.aws.taskDefinition('shop-production-migrate');
    const migrateContainer = migrate.containerDefinitions.find((container: any) => container.name === 'migrate');
    expect(migrateContainer.image).toBe(image);
    expect(migrateContainer.environment).toContainEqual({ name: 'FEATURE_X', value: 'on' });

    // 3: one target group, new name, port 8080; the listener and the service use it.
    const groups = await emu.aws.targetGroups();
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ port: 8080 });
    expect(groups[0]!.name).not.toBe(oldGroup!.name);
    const [balancer] = await emu.aws.loadBalancers();
    const [listener] = await emu.aws.listeners(balancer!.arn);
    expect(listener!.forwards).toEqual([{ targetGroupArn: groups[0]!.arn, weight: 1 }]);
    expect((await emu.aws.ecsService(CLUSTER, SERVICE)).loadBalancers).toEqual([
      expect.objectContaining({ targetGroupArn: groups[0]!.arn, containerName: 'web', containerPort: 8080 }),
    ]);
  }, 8 * MINUTES);

  it('9. a new environment gets its own VPC range and branch, runs beside production, and env remove --env staging destroys only it', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu || !staging) return;
    const { added, configBefore, applied, both, vpcs, removed, after, configAfter } = await staging;
    expect(added.exitCode, added.stderr).toBe(0);
    expect(configBefore.environments.production.network.vpcCidr).toBe('10.0.0.0/16');
    expect(configBefore.environments.staging.network.vpcCidr).toBe('10.1.0.0/16');
    expect(configBefore.environments.staging.pipeline).toMatchObject({ owner: 'acme', repo: 'shop', branch: 'staging' });

    // Applied side by side in one account: two networks of their own ranges, two services.
    expect(applied.exitCode, applied.stderr.slice(-4000)).toBe(0);
    expect(vpcs!.filter((vpc) => vpc.name.startsWith('shop-')).map(({ cidr, name }) => ({ cidr, name })).sort((a, b) => a.cidr.localeCompare(b.cidr))).toEqual([
      { cidr: '10.0.0.0/16', name: expect.stringContaining('production') },
      { cidr: '10.1.0.0/16', name: expect.stringContaining('staging') },
    ]);
    expect(both!['ecsServices']!.map((item) => item.name).sort()).toEqual(['shop-production-web', 'shop-staging-web']);
    expect(both!['dbInstances']!.map((item) => item.name).sort()).toEqual(['shop-production', 'shop-staging'].map((prefix) => expect.stringContaining(prefix)));

    // Removed: destroyed for real, then dropped from the file.
    expect(removed!.exitCode, removed!.stderr.slice(-4000)).toBe(0);
    expect(removed!.stderr).toContain('Removed staging from ecs-wizard.json and cdktf.out/stacks/staging; its state file .ecs-wizard/state/staging.tfstate is kept.');
    expect(Object.keys(configAfter.environments)).toEqual(['production']);
    // Nothing new, nothing of production gone, nothing of staging left.
    expect(describeInventory(newSince(both!, after!))).toEqual([]);
    const gone = describeInventory(newSince(after!, both!));
    expect(gone.join('\n')).toContain('shop-staging');
    expect(gone.join('\n')).not.toContain('production');
    expect(describeInventory(after!).join('\n')).not.toContain('shop-staging');
    // And production's own plan after the removal had no changes (point 1's plan).
    expect(quietPlan?.stderr).toContain('Plan: no changes.');
  }, 5 * MINUTES);
});
