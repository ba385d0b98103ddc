/**
 * The emulator itself (scripts/emulator.mjs), without Terraform: how it
 * starts and stops, and each operation the gateway answers, asked the way the
 * AWS SDKs ask. Each gap is proven here in milliseconds; the lifecycle tests
 * prove that together they let the real provider apply our stack.
 */
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCallError, EMULATOR_ACCOUNT, EMULATOR_SCRIPT, skipLoudly, startEmulator, type EmulatorStart, type RunningEmulator } from '../helpers/emulator.js';
import { child, items, textOf } from '../../scripts/emulator/xml.mjs';
import { REPO_ROOT } from '../helpers/fakeTerraformHarness.js';

let started: EmulatorStart;
beforeAll(async () => {
  started = await startEmulator();
});
afterAll(async () => {
  if (started?.ok) await started.stop();
});

function emulator(ctx: { skip: () => void }, what: string): RunningEmulator | undefined {
  if (!started.ok) {
    skipLoudly(ctx, what, started.reason);
    return undefined;
  }
  return started;
}

/** Whether anything accepts a connection on this loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts the emulator by hand; resolves with its process, endpoint and moto's port. */
function launch(args: string[] = []) {
  const proc = spawn(process.execPath, [EMULATOR_SCRIPT, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ endpoint: string; motoPort: number; firstLine: string }>((resolve, reject) => {
    const check = () => {
      const moto = /moto_server at http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (stdout.includes('\n') && moto) {
        const firstLine = stdout.split('\n')[0]!;
        resolve({ firstLine, endpoint: firstLine.replace(/^endpoint=/, ''), motoPort: Number(moto[1]) });
      }
    };
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      check();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      check();
    });
    void exited.then((code) => reject(new Error(`emulator exited ${code}:\n${stderr}`)));
  });
  // A test that stops the emulator before it is ready never awaits `ready`: its rejection is expected there.
  ready.catch(() => {});
  return { proc, ready, exited, stdout: () => stdout };
}

/** Whether moto on this port has stopped listening AND its process is gone, within the time given. */
async function gone(port: number, withinMs = 15_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < withinMs; ) {
    if (!(await listening(port)) && motoProcesses(port) === '') return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Pids of a process's children. */
function childrenOf(pid: number): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function motoProcesses(port: number): string {
  try {
    return execFileSync('pgrep', ['-af', `moto_server -H 127.0.0.1 -p ${port}$`], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

describe('npm run emulator: start and stop', () => {
  it("loads moto's services at start, so the stack's first calls do not wait for moto's cold start", async (ctx) => {
    const emu = emulator(ctx, 'moto warm-up');
    if (!emu) return;
    // Plain moto loads a service on its first request (EC2: 4-10 s, every
    // other call held meanwhile); its data.json lists what it has loaded.
    // The file's emulator has been asked nothing yet (this is the file's first
    // test): the gateway logged no request before moto was warm, so the
    // warm-up alone loaded them.
    while (!/^emulator: moto warm \(/m.test(emu.log())) await new Promise((resolve) => setTimeout(resolve, 100));
    const [before = '', line = ''] = emu.log().split(/^emulator: moto warm \(/m);
    expect(before.split('\n').filter((entry) => /^(gateway|moto) /.test(entry))).toEqual([]);
    expect(line.split('\n')[0]).not.toContain('not:');
    const motoUrl = /moto_server at (http:\/\/127\.0\.0\.1:\d+)/.exec(emu.log())![1]!;
    const loaded = Object.keys((await (await fetch(`${motoUrl}/moto-api/data.json`)).json()) as object);
    expect(loaded).toEqual(
      expect.arrayContaining(['ec2', 'rds', 's3', 'ecs', 'elbv2', 'logs', 'iam', 'ecr', 'secretsmanager', 'ssm', 'applicationautoscaling', 'cloudwatch', 'codepipeline', 'acm', 'route53']),
    );
  });

  it('prints endpoint=URL first, serves on --port, and stops moto on SIGTERM', async (ctx) => {
    if (!emulator(ctx, 'emulator start/stop')) return;
    const probe = net.createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)));
    await new Promise((resolve) => probe.close(resolve));

    const run = launch(['--port', String(port)]);
    const { firstLine, endpoint, motoPort } = await run.ready;
    expect(firstLine).toBe(`endpoint=http://127.0.0.1:${port}`);
    expect(await listening(motoPort)).toBe(true);
    // It answers as AWS: STS through the gateway, from moto.
    const identity = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(await identity.text()).toContain(`<Account>${EMULATOR_ACCOUNT}</Account>`);

    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await gone(motoPort)).toBe(true);
  });

  it('stops moto on SIGINT, and also when the emulator is killed outright', async (ctx) => {
    if (!emulator(ctx, 'emulator stop on SIGINT/SIGKILL')) return;
    const interrupted = launch();
    const first = await interrupted.ready;
    interrupted.proc.kill('SIGINT');
    expect(await interrupted.exited).toBe(0);
    expect(await gone(first.motoPort)).toBe(true);

    const killed = launch();
    const second = await killed.ready;
    killed.proc.kill('SIGKILL');
    await killed.exited;
    // No handler ran: the watchdog saw its pipe close and stopped moto.
    expect(await gone(second.motoPort)).toBe(true);
  });

  it('a Ctrl-C while it starts stops it too: exit 0, no endpoint announced, moto gone', async (ctx) => {
    if (!emulator(ctx, 'emulator stop while starting')) return;
    const early = launch();
    // Its moto watchdog exists: our code runs and moto is starting, not yet answering.
    let watchdog = '';
    for (const started = Date.now(); !watchdog && Date.now() - started < 15_000; ) {
      watchdog = childrenOf(early.proc.pid!)[0] ?? '';
      if (!watchdog) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(watchdog).not.toBe('');
    early.proc.kill('SIGINT');
    expect(await early.exited).toBe(0);
    expect(early.stdout()).toBe('');
    expect(childrenOf(Number(watchdog))).toEqual([]);
    expect(alive(Number(watchdog))).toBe(false);
  });

  it('refuses a bad --region', async () => {
    const run = spawn(process.execPath, [EMULATOR_SCRIPT, '--region', 'Europe'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--region must be an AWS region code such as eu-west-1');
  });

  it('refuses a bad --port', async () => {
    const run = spawn(process.execPath, [EMULATOR_SCRIPT, '--port', 'eighty'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a port number');
  });
});

describe('the gateway answers what moto lacks, as the AWS API reference documents it', () => {
  it('CodeStar Connections: a new connection is PENDING, tagged, listed, and gone once deleted', async (ctx) => {
    const emu = emulator(ctx, 'CodeStar Connections');
    if (!emu) return;
    const created = await emu.aws.json('codestar-connections', 'CreateConnection', {
      ConnectionName: 'shop-production-git',
      ProviderType: 'GitHub',
      Tags: [{ Key: 'app', Value: 'shop' }],
    });
    expect(created.ConnectionArn).toMatch(new RegExp(`^arn:aws:codestar-connections:eu-west-1:${EMULATOR_ACCOUNT}:connection/[0-9a-f-]{36}$`));
    const { Connection } = await emu.aws.json('codestar-connections', 'GetConnection', { ConnectionArn: created.ConnectionArn });
    expect(Connection).toEqual({
      ConnectionArn: created.ConnectionArn,
      ConnectionName: 'shop-production-git',
      ConnectionStatus: 'PENDING',
      OwnerAccountId: EMULATOR_ACCOUNT,
      ProviderType: 'GitHub',
    });
    await emu.aws.json('codestar-connections', 'TagResource', { ResourceArn: created.ConnectionArn, Tags: [{ Key: 'team', Value: 'web' }] });
    await emu.aws.json('codestar-connections', 'UntagResource', { ResourceArn: created.ConnectionArn, TagKeys: ['app'] });
    expect((await emu.aws.json('codestar-connections', 'ListTagsForResource', { ResourceArn: created.ConnectionArn })).Tags).toEqual([{ Key: 'team', Value: 'web' }]);
    expect((await emu.aws.json('codestar-connections', 'ListConnections', { ProviderTypeFilter: 'GitHub' })).Connections).toHaveLength(1);
    // The same resource in another region does not exist.
    await expect(emu.aws.json('codestar-connections', 'GetConnection', { ConnectionArn: created.ConnectionArn }, 'us-east-1')).rejects.toThrow(/ResourceNotFoundException/);
    await emu.aws.json('codestar-connections', 'DeleteConnection', { ConnectionArn: created.ConnectionArn });
    const missing = await emu.aws.json('codestar-connections', 'GetConnection', { ConnectionArn: created.ConnectionArn }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AwsCallError);
    expect((missing as AwsCallError).status).toBe(400);
    expect((missing as AwsCallError).body).toContain('"__type":"ResourceNotFoundException"');
  });

  it('Application Auto Scaling: the tags given at registration are listed, changed and dropped with the target', async (ctx) => {
    const emu = emulator(ctx, 'Application Auto Scaling tags');
    if (!emu) return;
    // moto checks that the ECS service exists.
    await emu.aws.json('ecs', 'CreateCluster', { clusterName: 'tags-cluster' });
    await emu.aws.json('ecs', 'RegisterTaskDefinition', { family: 'tags-web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512 }] });
    await emu.aws.json('ecs', 'CreateService', { cluster: 'tags-cluster', serviceName: 'tags-web', taskDefinition: 'tags-web', desiredCount: 1 });
    const target = { ServiceNamespace: 'ecs', ResourceId: 'service/tags-cluster/tags-web', ScalableDimension: 'ecs:service:DesiredCount' };
    const { ScalableTargetARN: arn } = await emu.aws.json('application-autoscaling', 'RegisterScalableTarget', {
      ...target,
      MinCapacity: 1,
      MaxCapacity: 2,
      Tags: { app: 'shop', environment: 'production' },
    });
    expect(arn).toMatch(/^arn:aws:application-autoscaling:eu-west-1:\d{12}:scalable-target\//);
    await emu.aws.json('application-autoscaling', 'TagResource', { ResourceARN: arn, Tags: { environment: 'staging', team: 'web' } });
    await emu.aws.json('application-autoscaling', 'UntagResource', { ResourceARN: arn, TagKeys: ['app'] });
    expect((await emu.aws.json('application-autoscaling', 'ListTagsForResource', { ResourceARN: arn })).Tags).toEqual({ environment: 'staging', team: 'web' });
    // Registering again updates the target and keeps its tags.
    await emu.aws.json('application-autoscaling', 'RegisterScalableTarget', { ...target, MinCapacity: 1, MaxCapacity: 4 });
    expect((await emu.aws.json('application-autoscaling', 'ListTagsForResource', { ResourceARN: arn })).Tags).toEqual({ environment: 'staging', team: 'web' });
    await emu.aws.json('application-autoscaling', 'DeregisterScalableTarget', target);
    await expect(emu.aws.json('application-autoscaling', 'ListTagsForResource', { ResourceARN: arn })).rejects.toThrow(/ResourceNotFoundException/);
  });

  it('Application Auto Scaling: registering a range moves the ECS service\'s desired count into it, as AWS does', async (ctx) => {
    const emu = emulator(ctx, 'Application Auto Scaling range');
    if (!emu) return;
    await emu.aws.json('ecs', 'CreateCluster', { clusterName: 'range-cluster' });
    await emu.aws.json('ecs', 'RegisterTaskDefinition', { family: 'range-web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512 }] });
    await emu.aws.json('ecs', 'CreateService', { cluster: 'range-cluster', serviceName: 'range-web', taskDefinition: 'range-web', desiredCount: 0 });
    const target = { ServiceNamespace: 'ecs', ResourceId: 'service/range-cluster/range-web', ScalableDimension: 'ecs:service:DesiredCount' };
    const desired = async () => (await emu.aws.ecsService('range-cluster', 'range-web')).desiredCount;
    // A range that holds the count leaves it alone (0 tasks until a first image, in the stack).
    await emu.aws.json('application-autoscaling', 'RegisterScalableTarget', { ...target, MinCapacity: 0, MaxCapacity: 2 });
    expect(await desired()).toBe(0);
    // Raising the minimum above it raises the service (plain moto leaves 0).
    await emu.aws.json('application-autoscaling', 'RegisterScalableTarget', { ...target, MinCapacity: 2, MaxCapacity: 4 });
    expect(await desired()).toBe(2);
    // Lowering the maximum below it lowers the service.
    await emu.aws.json('ecs', 'UpdateService', { cluster: 'range-cluster', service: 'range-web', desiredCount: 4 });
    await emu.aws.json('application-autoscaling', 'RegisterScalableTarget', { ...target, MinCapacity: 1, MaxCapacity: 3 });
    expect(await desired()).toBe(3);
  });

  it('CodeBuild: a CODEPIPELINE project needs no location, takes AWS defaults, and updates', async (ctx) => {
    const emu = emulator(ctx, 'CodeBuild projects');
    if (!emu) return;
    const input = {
      name: 'cb-build',
      source: { type: 'CODEPIPELINE', buildspec: 'version: 0.2' },
      artifacts: { type: 'CODEPIPELINE' },
      environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', privilegedMode: true },
      serviceRole: `arn:aws:iam::${EMULATOR_ACCOUNT}:role/cb-build`,
      logsConfig: { cloudWatchLogs: { groupName: '/aws/codebuild/cb-build' } },
      tags: [{ key: 'app', value: 'shop' }],
    };
    const { project } = await emu.aws.json('codebuild', 'CreateProject', input);
    expect(project).toMatchObject({
      name: 'cb-build',
      arn: `arn:aws:codebuild:eu-west-1:${EMULATOR_ACCOUNT}:project/cb-build`,
      source: { type: 'CODEPIPELINE', buildspec: 'version: 0.2' },
      artifacts: { type: 'CODEPIPELINE' },
      timeoutInMinutes: 60,
      queuedTimeoutInMinutes: 480,
      encryptionKey: `arn:aws:kms:eu-west-1:${EMULATOR_ACCOUNT}:alias/aws/s3`,
      cache: { type: 'NO_CACHE' },
      environment: { privilegedMode: true, imagePullCredentialsType: 'CODEBUILD' },
      logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: '/aws/codebuild/cb-build' }, s3Logs: { status: 'DISABLED' } },
      tags: [{ key: 'app', value: 'shop' }],
    });
    expect(typeof project.created).toBe('number');
    await expect(emu.aws.json('codebuild', 'CreateProject', input)).rejects.toThrow(/ResourceAlreadyExistsException/);
    await expect(emu.aws.json('codebuild', 'CreateProject', { ...input, name: 'cb-git', source: { type: 'GITHUB' } })).rejects.toThrow(
      /InvalidInputException.*source location is required/,
    );

    await emu.aws.json('codebuild', 'UpdateProject', { name: 'cb-build', timeoutInMinutes: 30, description: 'builds' });
    const { projects, projectsNotFound } = await emu.aws.json('codebuild', 'BatchGetProjects', { names: [project.arn, 'nope'] });
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ timeoutInMinutes: 30, description: 'builds', source: { type: 'CODEPIPELINE' } });
    expect(projectsNotFound).toEqual(['nope']);
    expect((await emu.aws.json('codebuild', 'ListProjects')).projects).toEqual(['cb-build']);
    await emu.aws.json('codebuild', 'DeleteProject', { name: 'cb-build' });
    expect((await emu.aws.json('codebuild', 'BatchGetProjects', { names: ['cb-build'] })).projects).toEqual([]);
  });

  it('CodePipeline: timestamps are epoch seconds, as the JSON protocol sends them', async (ctx) => {
    const emu = emulator(ctx, 'CodePipeline timestamps');
    if (!emu) return;
    const role = await emu.aws.query('iam', 'CreateRole', {
      RoleName: 'cp-role',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    const roleArn = textOf(child(child(role, 'CreateRoleResult'), 'Role'), 'Arn');
    const action = (name: string, category: string, provider: string, extra: object) => ({
      name,
      actionTypeId: { category, owner: 'AWS', provider, version: '1' },
      ...extra,
    });
    await emu.aws.json('codepipeline', 'CreatePipeline', {
      pipeline: {
        name: 'cp-pipeline',
        roleArn,
        artifactStore: { type: 'S3', location: 'cp-artifacts' },
        stages: [
          { name: 'Source', actions: [action('Source', 'Source', 'S3', { outputArtifacts: [{ name: 'source' }], configuration: { S3Bucket: 'b', S3ObjectKey: 'k' } })] },
          { name: 'Build', actions: [action('Build', 'Build', 'CodeBuild', { inputArtifacts: [{ name: 'source' }], configuration: { ProjectName: 'p' } })] },
        ],
      },
    });
    const { metadata } = await emu.aws.json('codepipeline', 'GetPipeline', { name: 'cp-pipeline' });
    expect(typeof metadata.created).toBe('number');
    expect(typeof metadata.updated).toBe('number');
    expect(Math.abs(metadata.created - Date.now() / 1000)).toBeLessThan(600);
    const { pipelines } = await emu.aws.json('codepipeline', 'ListPipelines');
    expect(typeof pipelines[0].created).toBe('number');
  });

  it('EC2: a rule naming another group keeps its description, and a same-account reference reads as the plain group ID', async (ctx) => {
    const emu = emulator(ctx, 'EC2 security group rules');
    if (!emu) return;
    const vpc = textOf(child(await emu.aws.query('ec2', 'CreateVpc', { CidrBlock: '10.9.0.0/16' }), 'vpc'), 'vpcId');
    const group = async (name: string) => textOf(await emu.aws.query('ec2', 'CreateSecurityGroup', { GroupName: name, GroupDescription: name, VpcId: vpc }), 'groupId');
    const tasks = await group('sgr-tasks');
    const db = await group('sgr-db');
    await emu.aws.query('ec2', 'AuthorizeSecurityGroupIngress', {
      GroupId: db,
      'IpPermissions.1.IpProtocol': 'tcp',
      'IpPermissions.1.FromPort': '5432',
      'IpPermissions.1.ToPort': '5432',
      'IpPermissions.1.Groups.1.GroupId': tasks,
      'IpPermissions.1.Groups.1.Description': 'Engine port from the ECS tasks',
    });
    const answer = await emu.aws.query('ec2', 'DescribeSecurityGroupRules', { 'Filter.1.Name': 'group-id', 'Filter.1.Value.1': db });
    const rules = items(answer, 'securityGroupRuleSet').filter((rule) => textOf(rule, 'isEgress') === 'false');
    expect(rules).toHaveLength(1);
    expect(textOf(rules[0], 'description')).toBe('Engine port from the ECS tasks');
    const reference = child(rules[0], 'referencedGroupInfo');
    expect(textOf(reference, 'groupId')).toBe(tasks);
    expect(child(reference, 'userId')).toBeUndefined();
  });

  it('EC2: a subnet\'s IPv6 block reads "associated", the state code AWS sends', async (ctx) => {
    const emu = emulator(ctx, 'EC2 subnet IPv6 blocks');
    if (!emu) return;
    const vpcAnswer = child(await emu.aws.query('ec2', 'CreateVpc', { CidrBlock: '10.8.0.0/16', AmazonProvidedIpv6CidrBlock: 'true' }), 'vpc');
    const vpc = textOf(vpcAnswer, 'vpcId');
    const vpcBlock = textOf(items(vpcAnswer, 'ipv6CidrBlockAssociationSet')[0], 'ipv6CidrBlock') ||
      textOf(items(child(await emu.aws.query('ec2', 'DescribeVpcs', { 'VpcId.1': vpc }), 'vpcSet')?.children[0] as never, 'ipv6CidrBlockAssociationSet')[0], 'ipv6CidrBlock');
    const subnetBlock = vpcBlock.replace(/00::\/56$/, '01::/64');
    const created = child(await emu.aws.query('ec2', 'CreateSubnet', { VpcId: vpc, CidrBlock: '10.8.0.0/20', Ipv6CidrBlock: subnetBlock }), 'subnet');
    const state = (subnet: unknown) => textOf(child(items(subnet as never, 'ipv6CidrBlockAssociationSet')[0], 'ipv6CidrBlockState'), 'state');
    expect(state(created)).toBe('associated');
    const described = items(await emu.aws.query('ec2', 'DescribeSubnets', { 'SubnetId.1': textOf(created, 'subnetId') }), 'subnetSet')[0];
    expect(state(described)).toBe('associated');
    // The filter the provider waits on after associating a block with an existing subnet.
    const association = textOf(items(created, 'ipv6CidrBlockAssociationSet')[0], 'associationId');
    const byAssociation = (id: string) =>
      emu.aws.query('ec2', 'DescribeSubnets', { 'Filter.1.Name': 'ipv6-cidr-block-association.association-id', 'Filter.1.Value.1': id });
    expect(items(await byAssociation(association), 'subnetSet').map((subnet) => textOf(subnet, 'subnetId'))).toEqual([textOf(created, 'subnetId')]);
    expect(items(await byAssociation('subnet-cidr-assoc-none'), 'subnetSet')).toEqual([]);
  });

  it('ECS: a Fargate task RunTask started has run and stopped when described, each container with the exit code its revision is tagged with (0 by default)', async (ctx) => {
    const emu = emulator(ctx, 'ECS standalone tasks');
    if (!emu) return;
    // As the stack's migrate task: awsvpc, no container-level memory, a setup container before it.
    const vpc = textOf(child(await emu.aws.query('ec2', 'CreateVpc', { CidrBlock: '10.6.0.0/16' }), 'vpc'), 'vpcId');
    const subnet = async (cidr: string, zone: string) =>
      textOf(child(await emu.aws.query('ec2', 'CreateSubnet', { VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnet'), 'subnetId');
    const subnets = [await subnet('10.6.1.0/24', 'eu-west-1a'), await subnet('10.6.2.0/24', 'eu-west-1b')];
    const group = textOf(await emu.aws.query('ec2', 'CreateSecurityGroup', { GroupName: 'task-app', GroupDescription: 'app', VpcId: vpc }), 'groupId');
    const { cluster } = await emu.aws.json('ecs', 'CreateCluster', { clusterName: 'task-cluster' });
    const { taskDefinition } = await emu.aws.json('ecs', 'RegisterTaskDefinition', {
      family: 'task-migrate',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'setup', image: 'postgres:16', essential: false },
        { name: 'migrate', image: 'app:c0ffee', essential: true, dependsOn: [{ containerName: 'setup', condition: 'SUCCESS' }] },
      ],
      tags: [{ key: 'ecs-wizard-emulator:exit-code:migrate', value: '3' }],
    });
    const network = { awsvpcConfiguration: { subnets, securityGroups: [group], assignPublicIp: 'DISABLED' } };
    const run = { cluster: 'task-cluster', taskDefinition: 'task-migrate', launchType: 'FARGATE', networkConfiguration: network };

    // RunTask answers a new task, as AWS does (plain moto: HTTP 500 for any awsvpc task).
    const started = await emu.aws.json('ecs', 'RunTask', run);
    expect(started.failures).toEqual([]);
    const [task] = started.tasks;
    expect(task).toMatchObject({
      clusterArn: cluster.clusterArn,
      taskDefinitionArn: taskDefinition.taskDefinitionArn,
      launchType: 'FARGATE',
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      group: 'family:task-migrate',
      cpu: '256',
      memory: '512',
      attachments: [{ type: 'ElasticNetworkInterface', status: 'PRECREATED', details: [{ name: 'subnetId', value: subnets[0] }] }],
    });
    expect(task.taskArn).toMatch(new RegExp(`^arn:aws:ecs:eu-west-1:${EMULATOR_ACCOUNT}:task/task-cluster/[0-9a-f]{32}$`));
    expect(task.containers.map((c: { name: string; lastStatus: string; exitCode?: number }) => [c.name, c.lastStatus, c.exitCode])).toEqual([
      ['setup', 'PENDING', undefined],
      ['migrate', 'PENDING', undefined],
    ]);

    // Described, by ARN or ID, it ran: what `aws ecs wait tasks-stopped` waits for, at once.
    const id = task.taskArn.split('/').pop();
    const { tasks: [stopped], failures } = await emu.aws.json('ecs', 'DescribeTasks', { cluster: 'task-cluster', tasks: [id, 'f'.repeat(32)] });
    expect(failures).toEqual([{ arn: 'f'.repeat(32), reason: 'MISSING' }]);
    expect(stopped).toMatchObject({
      taskArn: task.taskArn,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      availabilityZone: 'eu-west-1a',
      connectivity: 'CONNECTED',
    });
    expect(stopped.tags).toBeUndefined();
    expect(stopped.containers.map((c: { name: string; lastStatus: string; exitCode?: number; taskArn: string }) => [c.name, c.lastStatus, c.exitCode, c.taskArn])).toEqual([
      ['setup', 'STOPPED', 0, task.taskArn],
      ['migrate', 'STOPPED', 3, task.taskArn],
    ]);
    const times = ['createdAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'executionStoppedAt', 'stoppingAt', 'stoppedAt'].map((field) => stopped[field]);
    expect(times.every((t) => typeof t === 'number')).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The network interface it had, in its subnet; gone with the task.
    const [eni] = stopped.attachments;
    expect(eni).toMatchObject({ id: task.attachments[0].id, type: 'ElasticNetworkInterface', status: 'DELETED' });
    const details = Object.fromEntries(eni.details.map((d: { name: string; value: string }) => [d.name, d.value]));
    expect(Object.keys(details)).toEqual(['subnetId', 'networkInterfaceId', 'macAddress', 'privateDnsName', 'privateIPv4Address']);
    expect(details).toMatchObject({ subnetId: subnets[0], networkInterfaceId: expect.stringMatching(/^eni-[0-9a-f]{17}$/), privateIPv4Address: expect.stringMatching(/^10\.6\.1\.\d+$/) });
    expect(details['privateDnsName']).toBe(`ip-${details['privateIPv4Address']!.replace(/\./g, '-')}.eu-west-1.compute.internal`);
    expect(stopped.containers[1].networkInterfaces).toEqual([{ attachmentId: eni.id, privateIpv4Address: details['privateIPv4Address'] }]);

    // Untagged, a container exits 0; the next task takes the next subnet; tags only when asked for.
    await emu.aws.json('ecs', 'UntagResource', { resourceArn: taskDefinition.taskDefinitionArn, tagKeys: ['ecs-wizard-emulator:exit-code:migrate'] });
    const second = (await emu.aws.json('ecs', 'RunTask', { ...run, tags: [{ key: 'run', value: 'second' }] })).tasks[0];
    const { tasks: [ran] } = await emu.aws.json('ecs', 'DescribeTasks', { cluster: 'task-cluster', tasks: [second.taskArn], include: ['TAGS'] });
    expect(ran.containers.map((c: { exitCode: number }) => c.exitCode)).toEqual([0, 0]);
    expect(ran.attachments[0].details[0]).toEqual({ name: 'subnetId', value: subnets[1] });
    expect(ran.tags).toEqual([{ key: 'run', value: 'second' }]);
    // Listed as stopped tasks, not as running ones; stopping one returns it as it is.
    expect((await emu.aws.json('ecs', 'ListTasks', { cluster: 'task-cluster', desiredStatus: 'STOPPED' })).taskArns).toEqual([task.taskArn, second.taskArn]);
    expect((await emu.aws.json('ecs', 'ListTasks', { cluster: 'task-cluster' })).taskArns).toEqual([]);
    expect((await emu.aws.json('ecs', 'StopTask', { cluster: 'task-cluster', task: id })).task).toMatchObject({ taskArn: task.taskArn, lastStatus: 'STOPPED' });
    // What each was asked with, for tests (no AWS read returns a stopped task's network configuration).
    const asked = (await emu.ranTasks()).filter((t) => t.request.cluster === 'task-cluster');
    expect(asked.map((t) => [t.taskArn, t.request.networkConfiguration])).toEqual([
      [task.taskArn, network],
      [second.taskArn, network],
    ]);

    // Refused as AWS refuses them.
    await expect(emu.aws.json('ecs', 'RunTask', { ...run, networkConfiguration: undefined })).rejects.toThrow(/InvalidParameterException.*Network Configuration must be provided/);
    await expect(emu.aws.json('ecs', 'RunTask', { ...run, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0000000000000000f'] } } })).rejects.toThrow(
      /InvalidParameterException.*subnet-0000000000000000f/,
    );
    await expect(emu.aws.json('ecs', 'RunTask', { ...run, cluster: 'no-such-cluster' })).rejects.toThrow(/ClusterNotFoundException/);
    await expect(emu.aws.json('ecs', 'RunTask', { ...run, taskDefinition: 'no-such-family' })).rejects.toThrow(/InvalidParameterException.*TaskDefinition not found/);
  });

  it('ECS: a service keeps the deployment settings it was created and updated with', async (ctx) => {
    const emu = emulator(ctx, 'ECS service settings');
    if (!emu) return;
    await emu.aws.json('ecs', 'CreateCluster', { clusterName: 'svc-cluster' });
    await emu.aws.json('ecs', 'RegisterTaskDefinition', {
      family: 'svc-web',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512, environment: [{ name: 'MODE', value: 'blue' }] }],
    });
    const created = await emu.aws.json('ecs', 'CreateService', {
      cluster: 'svc-cluster',
      serviceName: 'svc-web',
      taskDefinition: 'svc-web',
      desiredCount: 1,
      healthCheckGracePeriodSeconds: 60,
      enableECSManagedTags: true,
      availabilityZoneRebalancing: 'DISABLED',
      deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    expect(created.service).toMatchObject({ healthCheckGracePeriodSeconds: 60, enableECSManagedTags: true, availabilityZoneRebalancing: 'DISABLED' });
    await emu.aws.json('ecs', 'UpdateService', { cluster: 'svc-cluster', service: 'svc-web', healthCheckGracePeriodSeconds: 30 });
    const described = await emu.aws.ecsService('svc-cluster', 'svc-web');
    expect(described).toMatchObject({
      healthCheckGracePeriodSeconds: 30,
      enableECSManagedTags: true,
      enableExecuteCommand: false,
      availabilityZoneRebalancing: 'DISABLED',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    const running = await emu.aws.serviceContainers('svc-cluster', 'svc-web');
    expect(running.containers['web']).toEqual({ image: 'nginx', environment: { MODE: 'blue' } });
  });

  it('RDS: each DB instance has its own DbiResourceId, and the dbi-resource-id filter finds it', async (ctx) => {
    const emu = emulator(ctx, 'RDS instance IDs');
    if (!emu) return;
    const create = (name: string) =>
      emu.aws.query('rds', 'CreateDBInstance', {
        DBInstanceIdentifier: name,
        DBInstanceClass: 'db.t4g.micro',
        Engine: 'postgres',
        AllocatedStorage: '20',
        MasterUsername: 'app',
        ManageMasterUserPassword: 'true',
      });
    const idOf = (root: Awaited<ReturnType<typeof create>>) => textOf(child(child(root, 'CreateDBInstanceResult'), 'DBInstance'), 'DbiResourceId');
    const staging = idOf(await create('ids-staging-db'));
    const production = idOf(await create('ids-production-db'));
    expect(staging).toMatch(/^db-[A-Z2-7]{26}$/);
    expect(production).not.toBe(staging);
    const find = async (id: string) => {
      const root = await emu.aws.query('rds', 'DescribeDBInstances', { 'Filters.Filter.1.Name': 'dbi-resource-id', 'Filters.Filter.1.Values.Value.1': id });
      return items(child(root, 'DescribeDBInstancesResult'), 'DBInstances').map((instance) => textOf(instance, 'DBInstanceIdentifier'));
    };
    expect(await find(production)).toEqual(['ids-production-db']);
    expect(await find(staging)).toEqual(['ids-staging-db']);
    // Stable across answers: Modify returns the same ID.
    const modified = await emu.aws.query('rds', 'ModifyDBInstance', { DBInstanceIdentifier: 'ids-staging-db', DBInstanceClass: 'db.t4g.small', ApplyImmediately: 'true' });
    expect(textOf(child(child(modified, 'ModifyDBInstanceResult'), 'DBInstance'), 'DbiResourceId')).toBe(staging);
  });

  it('S3: a TLS-only bucket policy does not refuse the (HTTPS, on AWS) requests it allows, and reads back as put', async (ctx) => {
    const emu = emulator(ctx, 'S3 bucket policies');
    if (!emu) return;
    const auth = { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=0' };
    const s3 = (method: string, path: string, body?: string) => fetch(`${emu.endpoint}${path}`, { method, headers: auth, ...(body !== undefined ? { body } : {}) });
    const created = await s3('PUT', '/tls-state', '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>');
    expect(created.status).toBe(200);
    expect((await s3('PUT', '/tls-state/shop/staging.tfstate', '{"version":4}')).status).toBe(200);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::tls-state', 'arn:aws:s3:::tls-state/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    expect((await s3('PUT', '/tls-state?policy', policy)).ok).toBe(true);
    const read = await s3('GET', '/tls-state/shop/staging.tfstate');
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('{"version":4}');
    expect((await s3('HEAD', '/tls-state/shop/missing.tfstate')).status).toBe(404);
    expect(await emu.aws.s3Policy('tls-state')).toEqual(JSON.parse(policy));
    expect((await s3('DELETE', '/tls-state?policy')).ok).toBe(true);
    expect(await emu.aws.s3Policy('tls-state')).toBeUndefined();
  });

  it('resets its own state with moto on POST /moto-api/reset', async (ctx) => {
    const emu = emulator(ctx, 'emulator reset');
    if (!emu) return;
    await emu.aws.json('codestar-connections', 'CreateConnection', { ConnectionName: 'reset-me', ProviderType: 'GitHub' });
    await fetch(`${emu.endpoint}/moto-api/reset`, { method: 'POST' });
    expect((await emu.aws.json('codestar-connections', 'ListConnections')).Connections).toEqual([]);
    expect(await emu.ranTasks()).toEqual([]);
  });
});
