/**
 * One Terraform stack per environment, holding its network, database, ECS and
 * pipeline, so environments are independent states. This is the only file
 * that reads the Config: it turns answers into construct props.
 */
import { DESTROY_VARIABLES, NO_IMAGE_TAG, STACK_OUTPUTS } from './contract.js';
import { Construct, TerraformOutput, TerraformStack, TerraformVariable } from './cdktf.js';
import { ENGINE_PORTS, subnetLayout, type Config, type EnvironmentConfig } from '../config/index.js';
import { Naming, stableId } from './naming.js';
import { EnvironmentProvider } from './provider.js';
import { StateBackend } from './backend.js';
import { Networking } from './networking.js';
import { SecurityGroups } from './securityGroups.js';
import { Database } from './database.js';
import { databaseSetup } from './databaseSetup.js';
import { Containers, secretReference, WEB_CONTAINER, type SecretReference } from './containers.js';
import { FlowLogs } from './flowLogs.js';
import { LoadBalancer } from './loadBalancer.js';
import { Service } from './service.js';
import { Autoscaling } from './autoscaling.js';
import { Pipeline } from './pipeline.js';

const HTTP_PORT = 80;
/** The app's own database user; the master user is only for the setup step. */
const DATABASE_USER = 'app';
const DATABASE_MASTER_USER = 'dbadmin';

export { DESTROY_VARIABLES };

export class EnvironmentStack extends TerraformStack {
  /** The environment this stack holds. */
  readonly environment: string;

  constructor(scope: Construct, config: Config, environment: string) {
    super(scope, environment);
    const env: EnvironmentConfig | undefined = config.environments[environment];
    if (!env) throw new Error(`no environment "${environment}" in the config`);
    this.environment = environment;
    const { app } = config;
    const naming = new Naming(app.name, environment);

    new EnvironmentProvider(this, 'provider', {
      app: app.name,
      environment,
      region: env.region,
      profile: env.awsProfile,
      endpoint: env.endpoint,
      tags: env.tags,
    });
    new StateBackend(
      this,
      'backend',
      config.backend.type === 'local'
        ? { type: 'local', environment }
        : { ...config.backend, environment, profile: env.awsProfile, endpoint: env.endpoint },
    );

    const deletionProtection = stableId(
      new TerraformVariable(this, DESTROY_VARIABLES.deletionProtection, {
        type: 'bool',
        default: env.database.deletionProtection,
        description: 'Refuse to delete the database. The destroy flow sets it to false in a targeted apply first.',
      }),
      DESTROY_VARIABLES.deletionProtection,
    );
    const finalSnapshotIdentifier = stableId(
      new TerraformVariable(this, DESTROY_VARIABLES.finalSnapshotIdentifier, {
        type: 'string',
        default: naming.name('final'),
        description: 'Snapshot taken when the database is destroyed; the destroy flow makes it unique.',
      }),
      DESTROY_VARIABLES.finalSnapshotIdentifier,
    );
    const loadBalancerDeletionProtection = stableId(
      new TerraformVariable(this, DESTROY_VARIABLES.loadBalancerDeletionProtection, {
        type: 'bool',
        default: env.loadBalancer.deletionProtection,
        description: 'Refuse to delete the load balancer. The destroy flow sets it to false in a targeted apply first.',
      }),
      DESTROY_VARIABLES.loadBalancerDeletionProtection,
    );

    const layout = subnetLayout(env.network.vpcCidr, env.availabilityZones.length);
    const network = new Networking(this, 'networking', {
      naming,
      region: env.region,
      cidrBlock: env.network.vpcCidr,
      availabilityZones: env.availabilityZones,
      publicSubnets: env.network.publicSubnets ?? layout.public,
      privateSubnets: env.network.privateSubnets ?? layout.private,
      singleNatGateway: env.network.natGateways === 'single',
    });
    const databasePort = ENGINE_PORTS[env.database.engine];
    const groups = new SecurityGroups(this, 'security-groups', {
      naming,
      vpcId: network.vpcId,
      listenerPort: HTTP_PORT,
      containerPort: app.containerPort,
      databasePort,
    });
    const database = new Database(this, 'database', {
      naming,
      subnetIds: network.privateSubnetIds,
      securityGroupId: groups.databaseSecurityGroupId,
      engine: env.database.engine,
      engineVersion: env.database.engineVersion,
      port: databasePort,
      instanceClass: env.database.instanceClass,
      allocatedStorage: env.database.allocatedStorage,
      maxAllocatedStorage: env.database.maxAllocatedStorage,
      multiAz: env.database.multiAz,
      backupRetentionDays: env.database.backupRetentionDays,
      deletionProtection: deletionProtection.booleanValue,
      finalSnapshotIdentifier: finalSnapshotIdentifier.stringValue,
      // RDS database names are letters and digits only.
      databaseName: app.name.replace(/[^a-z0-9]/g, ''),
      masterUsername: DATABASE_MASTER_USER,
      appUsername: DATABASE_USER,
      applyImmediately: env.database.applyChanges === 'immediately',
      logExports: env.database.logExports,
      logRetentionDays: env.logRetentionDays,
    });

    // The app logs in as its own user, whose password does not rotate by
    // itself (the master's does, every 7 days): see databaseSetup.ts.
    const appPassword: SecretReference = { valueFrom: database.appSecretArn, resourceArn: database.appSecretArn, store: 'secretsmanager' };
    const secrets: Record<string, SecretReference> = { DATABASE_PASSWORD: appPassword };
    for (const [name, secret] of Object.entries({ ...app.secrets, ...env.secrets })) secrets[name] = secretReference(secret);
    const connection = {
      DATABASE_HOST: database.address,
      DATABASE_PORT: String(database.port),
      DATABASE_NAME: database.databaseName,
    };
    const setup = databaseSetup(env.database.engine, env.database.engineVersion);
    const containers = new Containers(this, 'containers', {
      naming,
      region: env.region,
      containerPort: app.containerPort,
      cpu: env.cpu ?? app.cpu,
      memory: env.memory ?? app.memory,
      migrateCommand: app.migrateCommand,
      // The connection settings come first so a user's own value (a proxy, say) wins.
      environment: {
        ...connection,
        DATABASE_USER: database.appUsername,
        ...app.environment,
        ...env.variables,
      },
      secrets,
      keepImages: app.keepImages,
      logRetentionDays: env.logRetentionDays,
      containerInsights: env.containerInsights,
      readonlyRootFilesystem: app.readonlyRootFilesystem,
      setup: {
        image: setup.image,
        script: setup.script,
        environment: { ...connection, DATABASE_MASTER_USER: database.masterUsername, DATABASE_USER: database.appUsername },
        secrets: {
          // RDS keeps {"username","password"} in its managed secret; ECS picks the key.
          DATABASE_MASTER_PASSWORD: {
            valueFrom: `${database.masterUserSecretArn}:password::`,
            resourceArn: database.masterUserSecretArn,
            store: 'secretsmanager',
          },
          DATABASE_PASSWORD: appPassword,
        },
      },
    });
    if (env.network.flowLogs) {
      new FlowLogs(this, 'flow-logs', { naming, vpcId: network.vpcId, retentionDays: env.logRetentionDays, accountId: containers.accountId });
    }
    const loadBalancer = new LoadBalancer(this, 'load-balancer', {
      naming,
      vpcId: network.vpcId,
      vpcCidr: env.network.vpcCidr,
      subnetIds: network.publicSubnetIds,
      securityGroupId: groups.loadBalancerSecurityGroupId,
      listenerPort: HTTP_PORT,
      targetPort: app.containerPort,
      healthCheckPath: app.healthCheckPath,
      deletionProtection: loadBalancerDeletionProtection.booleanValue,
      ...(env.loadBalancer.accessLogs
        ? { accessLogs: { region: env.region, accountId: containers.accountId, retentionDays: env.logRetentionDays } }
        : {}),
    });
    const service = new Service(this, 'service', {
      naming,
      clusterId: containers.clusterId,
      taskDefinitionArn: containers.webTaskDefinitionArn,
      desiredCount: env.service.desiredCount,
      imageTag: containers.imageTag,
      noImageTag: NO_IMAGE_TAG,
      subnetIds: network.privateSubnetIds,
      securityGroupId: groups.tasksSecurityGroupId,
      targetGroupArn: loadBalancer.targetGroupArn,
      containerName: WEB_CONTAINER,
      containerPort: app.containerPort,
      dependsOn: [loadBalancer.listener],
    });
    new Autoscaling(this, 'autoscaling', {
      naming,
      clusterName: containers.clusterName,
      serviceName: service.serviceName,
      minCapacity: env.service.minCount,
      maxCapacity: env.service.maxCount,
      scaleUpCpuThreshold: env.service.scaleUpCpuThreshold,
      scaleDownCpuThreshold: env.service.scaleDownCpuThreshold,
      evaluationPeriods: env.service.evaluationPeriods,
      periodSeconds: env.service.periodSeconds,
      imageTag: containers.imageTag,
      noImageTag: NO_IMAGE_TAG,
    });
    const pipeline = new Pipeline(this, 'pipeline', {
      naming,
      region: env.region,
      owner: env.pipeline.owner,
      repo: env.pipeline.repo,
      branch: env.pipeline.branch,
      connectionArn: env.pipeline.connectionArn,
      dockerfile: app.dockerfile,
      buildContext: app.buildContext,
      logRetentionDays: env.logRetentionDays,
      repositoryUrl: containers.repositoryUrl,
      repositoryArn: containers.repositoryArn,
      clusterName: containers.clusterName,
      clusterArn: containers.clusterArn,
      serviceName: service.serviceName,
      serviceArn: service.serviceArn,
      containerName: WEB_CONTAINER,
      migrateTaskDefinitionFamily: containers.migrateTaskDefinitionFamily,
      migrateTaskDefinitionFamilyArn: containers.migrateTaskDefinitionFamilyArn,
      imageTagParameterName: containers.imageTagParameterName,
      imageTagParameterArn: containers.imageTagParameterArn,
      databaseAppSecretArn: database.appSecretArn,
      minCount: env.service.minCount,
      maxCount: env.service.maxCount,
      accountId: containers.accountId,
      taskRoleArns: [containers.executionRoleArn, containers.taskRoleArn],
      subnetIds: network.privateSubnetIds,
      securityGroupId: groups.tasksSecurityGroupId,
    });

    const output = (id: string, value: string, description: string) =>
      stableId(new TerraformOutput(this, id, { value, description }), id);
    output('alb_dns_name', loadBalancer.dnsName, 'Point your DNS record at this name with an ALIAS (or CNAME) record.');
    output('app_url', `http://${loadBalancer.dnsName}`, 'The app, through the load balancer.');
    output('ecr_repository_url', containers.repositoryUrl, 'ECR repository the pipeline pushes images to.');
    output(STACK_OUTPUTS.clusterName, containers.clusterName, 'ECS cluster name.');
    output(STACK_OUTPUTS.serviceName, service.serviceName, 'ECS service name.');
    output(STACK_OUTPUTS.pipelineBranch, env.pipeline.branch, 'A push to this branch deploys this environment.');
    output(STACK_OUTPUTS.pipelineRepository, `${env.pipeline.owner}/${env.pipeline.repo}`, 'GitHub repository the pipeline watches.');
    output('connection_arn', pipeline.connectionArn, 'CodeStar connection to GitHub.');
    output(
      'connection_status_url',
      pipeline.connectionStatusUrl,
      'A new connection starts PENDING: open this page and choose "Update pending connection" to authorise GitHub.',
    );
    // Without a revision: the pipeline registers one per build, and an output
    // that moves with each would show as a change in every plan.
    output('migrate_task_definition', containers.migrateTaskDefinitionFamilyArn, 'Task definition family of the migrations; the pipeline runs a revision of it with each new image.');
  }
}
