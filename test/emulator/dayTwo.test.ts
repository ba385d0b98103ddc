/**
 * Issue 9 on the emulator: the stack keeps working after its first deploy.
 * ONE applied environment (the starter preset, the built CLI, real Terraform
 * against moto behind our gateway) proves, in order:
 *
 * 6. the first apply leaves a healthy service with no task (no image exists
 *    yet), waits for it through the AWS SDK against the endpoint, and says
 *    exactly what to do next; the service starts when the first image lands
 *    (the pipeline's steps, done here through the same APIs CodeBuild and the
 *    ECS deploy action call);
 * 1. after that pipeline deploy the next plan has no changes (the image tag is
 *    refreshed, track_latest reads the deploy's revision); then a change made
 *    through ecs-wizard (an environment variable) goes live on apply, keeping
 *    the deployed image;
 * 3. in the same apply, a new container port replaces the target group
 *    create-before-destroy: the listener and the service move to the new one
 *    and the old one is gone;
 * 9. meanwhile, in a copy of the project, a new environment got its own VPC
 *    range and branch, and `env remove --env staging` drops it.
 *
 * Most of the time is the first apply's fixed waiters (load balancer, RDS).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsServiceReader } from '../../src/aws/ecsService.js';
import { cleanEnv, ensureBuilt, runCli, STARTER_SETS, type CliResult } from '../helpers/cli.js';
import { EMULATOR_ACCOUNT, skipLoudly, startEmulator, type EmulatorStart, type RunningEmulator } from '../helpers/emulator.js';
import { locateTerraform, type Located } from '../helpers/infraTerraform.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-day2-'));
const project = path.join(root, 'shop');
const copy = path.join(root, 'copy', 'shop');
const CLUSTER = 'shop-production-cluster';
const SERVICE = 'shop-production-web';
/** The commit the "pipeline" builds. */
const COMMIT = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe';
const REPOSITORY = `${EMULATOR_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/shop-production-app`;
const MINUTES = 60_000;

let emulator: EmulatorStart;
let located: Located;
let env: NodeJS.ProcessEnv;
/** The concurrent part (point 9), started with the first apply. */
let staging: Promise<{ added: CliResult; removed: CliResult; configBefore: any; configAfter: any }> | undefined;

beforeAll(async () => {
  [emulator, located] = await Promise.all([startEmulator(), locateTerraform(root), ensureBuilt()]);
  if (!emulator.ok || !located.ok) return;
  env = cleanEnv({ ...located.kit.env, ECS_WIZARD_TERRAFORM: located.kit.binary });
  mkdirSync(project, { recursive: true });
}, 5 * MINUTES);
afterAll(async () => {
  if (emulator?.ok) await emulator.stop();
  rmSync(root, { recursive: true, force: true });
});

const config = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'ecs-wizard.json'), 'utf8'));

function ready(ctx: { skip: () => void }, what: string): RunningEmulator | undefined {
  if (!emulator.ok) return void skipLoudly(ctx, what, emulator.reason);
  if (!located.ok) return void skipLoudly(ctx, what, located.reason);
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

describe('day 2 on the emulator: one environment, its first deploy and the changes after it', () => {
  it('6. the first apply leaves a service with no task, waits for it, and says what to do next', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu) return;
    const synth = await runCli(['synth', ...STARTER_SETS, '--set', `environments.production.endpoint=${emu.endpoint}`], { cwd: project, env });
    expect(synth.exitCode, synth.stderr).toBe(0);

    // 9, side by side (a copy of the project, so the two runs share no file):
    // a new environment, then its removal.
    cpSync(project, copy, { recursive: true });
    staging = (async () => {
      const added = await runCli(['synth', '--env', 'staging', '--preset', 'starter', '--set', `environments.staging.endpoint=${emu.endpoint}`], { cwd: copy, env });
      const configBefore = config(copy);
      const removed = await runCli(['env', 'remove', '--env', 'staging', '--yes'], { cwd: copy, env, timeoutMs: 3 * MINUTES });
      return { added, removed, configBefore, configAfter: config(copy) };
    })();

    const apply = await runCli(['apply', '--yes'], { cwd: project, env, timeoutMs: 8 * MINUTES });
    expect(apply.exitCode, apply.stderr.slice(-4000)).toBe(0);
    expect(apply.stderr).toContain('Service: no task runs (desired count 0)');
    expect(apply.stderr).toMatch(
      /The service runs no task yet\. It starts when the pipeline built the first image\. Next: 1\. authorise the GitHub connection \(a new one is PENDING\): https:\/\/eu-west-1\.console\.aws\.amazon\.com\/codesuite\/settings\/123456789012\/eu-west-1\/connections\/[0-9a-f-]+\?region=eu-west-1; 2\. push to branch main of acme\/shop/,
    );
    const service = await emu.aws.ecsService(CLUSTER, SERVICE);
    expect(service).toMatchObject({ desiredCount: 0, runningCount: 0 });
    const { ScalableTargets: [target] } = await emu.aws.json('application-autoscaling', 'DescribeScalableTargets', { ServiceNamespace: 'ecs' });
    expect(target).toMatchObject({ ResourceId: `service/${CLUSTER}/${SERVICE}`, MinCapacity: 0, MaxCapacity: 2 });
    const { Parameter: tag } = await emu.aws.json('ssm', 'GetParameter', { Name: '/shop-production/image-tag' });
    expect(tag.Value).toBe('no-image-yet');
    // The reader the wait uses: the SDK, the endpoint, the provider's test keys.
    const describe = await ecsServiceReader({ region: 'eu-west-1', endpoint: emu.endpoint });
    expect(await describe(CLUSTER, SERVICE, new AbortController().signal)).toMatchObject({ status: 'ACTIVE', desiredCount: 0 });
  }, 10 * MINUTES);

  it('6 and 1. the first image lands: the pipeline\'s steps start the service, and the next plan has no changes', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu) return;
    const image = `${REPOSITORY}:${COMMIT}`;
    // The build: a migrate revision with the image, then the tag recorded.
    await copyRevision(emu, 'shop-production-migrate', 'migrate', image);
    await emu.aws.json('ssm', 'PutParameter', { Name: '/shop-production/image-tag', Value: COMMIT, Type: 'String', Overwrite: true });
    // The ECS deploy action: the service's revision with the new image.
    const before = await emu.aws.ecsService(CLUSTER, SERVICE);
    const deployed = await copyRevision(emu, before.taskDefinition, 'web', image);
    await emu.aws.json('ecs', 'UpdateService', { cluster: CLUSTER, service: SERVICE, taskDefinition: deployed });
    // The Start step (src/infra/buildspec.ts): the real range, which starts the service.
    await emu.aws.json('application-autoscaling', 'RegisterScalableTarget', {
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      ResourceId: `service/${CLUSTER}/${SERVICE}`,
      MinCapacity: 1,
      MaxCapacity: 2,
    });
    const started = await emu.aws.serviceContainers(CLUSTER, SERVICE);
    expect((await emu.aws.ecsService(CLUSTER, SERVICE)).desiredCount).toBe(1);
    expect(started.containers['web']!.image).toBe(image);

    // Not drift: Terraform reads the deploy's revision (track_latest), the
    // refreshed tag and the raised minimum, and finds its configuration.
    const plan = await runCli(['plan'], { cwd: project, env, timeoutMs: 4 * MINUTES });
    expect(plan.exitCode, plan.stderr.slice(-4000)).toBe(0);
    expect(plan.stderr, plan.stderr.split('\n').filter((line) => !/Refresh|Drift detected/.test(line)).join('\n')).toContain('Plan: no changes.');
  }, 6 * MINUTES);

  it('1 and 3. a variable and a new port go live on apply with the deployed image; the target group is replaced create-before-destroy', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu) return;
    const image = `${REPOSITORY}:${COMMIT}`;
    const [oldGroup] = await emu.aws.targetGroups();
    expect(oldGroup).toMatchObject({ port: 3000 });
    const apply = await runCli(['apply', '--yes', '--set', 'app.environment.FEATURE_X=on', '--set', 'app.containerPort=8080'], { cwd: project, env, timeoutMs: 6 * MINUTES });
    expect(apply.exitCode, apply.stderr.slice(-4000)).toBe(0);
    expect(apply.stderr).toMatch(/Service stable: 1 of 1 tasks? running shop-production-web:\d+/);

    // 1: the service runs a new revision with the variable and the image it ran before.
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

  it('9. a new environment gets its own VPC range and branch, and env remove --env staging drops it', async (ctx) => {
    const emu = ready(ctx, 'day-2 emulator proofs');
    if (!emu || !staging) return;
    const { added, removed, configBefore, configAfter } = await staging;
    expect(added.exitCode, added.stderr).toBe(0);
    expect(configBefore.environments.production.network.vpcCidr).toBe('10.0.0.0/16');
    expect(configBefore.environments.staging.network.vpcCidr).toBe('10.1.0.0/16');
    expect(configBefore.environments.staging.pipeline).toMatchObject({ owner: 'acme', repo: 'shop', branch: 'staging' });
    expect(removed.exitCode, removed.stderr.slice(-4000)).toBe(0);
    expect(removed.stderr).toContain('Removed staging from ecs-wizard.json and cdktf.out/stacks/staging; its state file .ecs-wizard/state/staging.tfstate is kept.');
    expect(Object.keys(configAfter.environments)).toEqual(['production']);
  }, 5 * MINUTES);
});
