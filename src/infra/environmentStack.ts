/**
 * The Terraform stacks of one environment. This is the only file that reads
 * the Config: it turns answers into construct props.
 *
 * Most environments are ONE stack holding their network, database, ECS and
 * pipeline, so environments are independent states. An environment that
 * adopted blue/green copies of its infrastructure (`copies` in
 * ecs-wizard.json) is several: its own stack keeps the shared layer
 * (network, database, images, pipeline, certificate, the weighted DNS
 * records), and each copy of the serving layer (load balancer, listeners,
 * security groups of the load balancer and the tasks, cluster, service, task
 * definitions, roles, autoscaling, CodeDeploy, logs) is a stack, and a state,
 * of its own. The same constructs build both forms at the same addresses, so
 * an environment moves from one to the other by moving state, never by
 * replacing an object.
 *
 * Between the stacks there is no data source (a plan must run offline): a
 * copy reads the shared layer's outputs from variables the engine fills
 * from the shared state, and the shared layer reads its copies' load
 * balancers and services from variables filled from the copies' states
 * (contract.ts: SHARED_VALUES_FILE, COPY_VALUES_FILE, COPY_VALUE_SOURCES).
 */
import {
  copyStackName,
  copyVariable,
  DESTROY_VARIABLES,
  INITIAL_IMAGE_TAG_VARIABLE,
  NO_IMAGE_TAG,
  STACK_OUTPUTS,
  environmentLayout,
  recordAddresses,
  type CopyLayout,
  type CopyValue,
  type EnvironmentLayout,
} from './contract.js';
import { Construct, DefaultTokenResolver, Fn, StringConcat, TerraformElement, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Tokenization } from './cdktf.js';
import { ENGINE_PORTS, subnetLayout, type Config, type EnvironmentConfig } from '../config/index.js';
import { Naming, stableId } from './naming.js';
import { EnvironmentProvider } from './provider.js';
import { StateBackend } from './backend.js';
import { Networking } from './networking.js';
import { DatabaseSecurityGroup, SecurityGroups } from './securityGroups.js';
import { Database } from './database.js';
import { databaseSetup } from './databaseSetup.js';
import { ImageRepository } from './imageRepository.js';
import { Containers, secretReference, WEB_CONTAINER, type SecretReference } from './containers.js';
import { FlowLogs } from './flowLogs.js';
import { LoadBalancer } from './loadBalancer.js';
import { Listeners, HTTP_PORT, HTTPS_PORT } from './listeners.js';
import { Certificate } from './certificate.js';
import { AliasRecords } from './aliasRecords.js';
import { BlueGreenDeployment } from './codeDeploy.js';
import { Service } from './service.js';
import { Autoscaling } from './autoscaling.js';
import { Pipeline, type CodeDeployTarget } from './pipeline.js';

/**
 * The app's own database user; the master user (from the config) is only for
 * the setup step. A database made before version 2 of the config has the
 * master user `app`, so its app user takes another name.
 */
const DATABASE_USER = 'app';
const appUsername = (masterUsername: string) => (masterUsername === DATABASE_USER ? `${DATABASE_USER}_user` : DATABASE_USER);

export { DESTROY_VARIABLES };

type SplitLayout = Extract<EnvironmentLayout, { kind: 'split' }>;

/** Which stack of its environment a stack is. */
export type StackRole =
  | { readonly kind: 'single' }
  | { readonly kind: 'shared'; readonly layout: SplitLayout }
  | { readonly kind: 'copy'; readonly layout: SplitLayout; readonly copy: CopyLayout };

/** What the serving layer uses of the shared layer: resources of the same stack, or a copy's variables. */
interface SharedValues {
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly databaseSecurityGroupId: string;
  readonly databaseAddress: string;
  readonly databaseMasterSecretArn: string;
  readonly databaseAppSecretArn: string;
  readonly repositoryUrl: string;
  readonly repositoryArn: string;
  readonly certificateArn?: string;
}

/** What the pipeline and the records use of a serving layer. */
interface ServingValues {
  readonly albDnsName: string;
  readonly albZoneId: string;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly serviceName: string;
  readonly serviceArn: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly tasksSecurityGroupId: string;
  readonly migrateTaskDefinitionFamily: string;
  readonly migrateTaskDefinitionFamilyArn: string;
  readonly webTaskDefinitionFamily: string;
  readonly scalableTargetArn: string;
  readonly imageTagParameterName: string;
  readonly imageTagParameterArn: string;
  readonly codeDeploy?: CodeDeployTarget;
}

/**
 * The shared layer's outputs a copy reads, each the name of the copy's
 * variable too; `list` ones are lists of strings.
 */
const SHARED_FOR_COPIES = {
  vpc_id: 'string',
  public_subnet_ids: 'list',
  private_subnet_ids: 'list',
  database_security_group_id: 'string',
  database_address: 'string',
  database_master_secret_arn: 'string',
  database_app_secret_arn: 'string',
  repository_url: 'string',
  repository_arn: 'string',
  certificate_arn: 'string',
} as const;

export class EnvironmentStack extends TerraformStack {
  /** The environment this stack holds (all of it, its shared layer, or one copy). */
  readonly environment: string;
  readonly role: StackRole;

  constructor(scope: Construct, config: Config, environment: string, role: StackRole = { kind: 'single' }) {
    const name = role.kind === 'copy' ? role.copy.stack : environment;
    super(scope, name);
    const env: EnvironmentConfig | undefined = config.environments[environment];
    if (!env) throw new Error(`no environment "${environment}" in the config`);
    this.environment = environment;
    this.role = role;
    this.build(config, env, environment, name, role);
    this.built = new Set(terraformElements(this));
  }

  /**
   * cdktf's prepareStack resolves every element of the stack once before the
   * synthesis proper, only to find references to another stack's resources
   * and add the output and remote state each needs. The stacks this class
   * builds never reference one another: a copy and its shared layer exchange
   * values through variables (there is no data source between states). For
   * the elements it built, that pass finds nothing, and it cost about 80 ms
   * per environment: it is skipped. Elements added to the stack afterwards
   * (a user's, in an extended main.ts) still get it, and so does everything
   * when the app holds a stack of the user's own, whose resources the user
   * may have wired into ours. test/infra/prepare.test.ts holds every config
   * shape to the JSON of cdktf's own prepareStack.
   */
  override prepareStack(): void {
    const stacks = this.node.root.node.findAll().filter((construct) => TerraformStack.isStack(construct));
    if (stacks.some((stack) => !(stack instanceof EnvironmentStack))) {
      super.prepareStack();
      return;
    }
    this.ensureBackendExists();
    for (const element of terraformElements(this)) {
      if (!this.built.has(element)) Tokenization.resolve(element.toTerraform(), { scope: this, preparing: true, resolver: PREPARING_RESOLVER });
    }
  }

  private readonly built: ReadonlySet<TerraformElement>;

  private build(config: Config, env: EnvironmentConfig, environment: string, name: string, role: StackRole): void {
    const { app } = config;
    const naming = new Naming(app.name, environment, role.kind === 'copy' ? role.copy.copy : undefined);

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
        ? { type: 'local', environment: name }
        : { ...config.backend, environment: name, profile: env.awsProfile, endpoint: env.endpoint },
    );

    const shared = role.kind === 'copy' ? this.sharedFromVariables(env) : this.sharedLayer(config, env, naming);
    const built = role.kind === 'shared' ? undefined : this.servingLayer(config, env, naming, shared);
    const serving = built?.values;

    if (role.kind === 'copy') {
      this.copyOutputs(env, serving!);
      return;
    }
    // The account, for trust policies: from an ARN of the stack, so a plan needs no AWS call.
    const accountId =
      built?.accountId ?? stableId(new TerraformLocal(this, 'account-id', Fn.element(Fn.split(':', shared.repositoryArn), 4)), 'account_id').asString;
    if (env.network.flowLogs) {
      new FlowLogs(this, 'flow-logs', { naming, vpcId: shared.vpcId!, retentionDays: env.logRetentionDays, accountId });
    }
    // Single: the one serving layer; shared: each copy through its variables.
    const copies = role.kind === 'shared' ? role.layout.copies.filter((entry) => entry.routed) : [];
    const active = role.kind === 'shared' ? activeCopy(role.layout) : undefined;
    const target = serving ?? this.servingFromVariables(active!, env, app.containerPort);
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
      repositoryUrl: shared.repositoryUrl,
      repositoryArn: shared.repositoryArn,
      clusterName: target.clusterName,
      clusterArn: target.clusterArn,
      serviceName: target.serviceName,
      serviceArn: target.serviceArn,
      containerName: WEB_CONTAINER,
      migrateTaskDefinitionFamily: target.migrateTaskDefinitionFamily,
      migrateTaskDefinitionFamilyArn: target.migrateTaskDefinitionFamilyArn,
      webTaskDefinitionFamily: target.webTaskDefinitionFamily,
      imageTagParameterName: target.imageTagParameterName,
      imageTagParameterArn: target.imageTagParameterArn,
      databaseAppSecretArn: shared.databaseAppSecretArn,
      minCount: env.service.minCount,
      maxCount: env.service.maxCount,
      scalableTargetArn: target.scalableTargetArn,
      accountId,
      taskRoleArns: [target.executionRoleArn, target.taskRoleArn],
      subnetIds: shared.privateSubnetIds,
      securityGroupId: target.tasksSecurityGroupId,
      ...(target.codeDeploy ? { codeDeploy: target.codeDeploy } : {}),
    });
    if (env.domain) {
      const routes =
        role.kind === 'single'
          ? [{ copy: 'blue' as const, weight: 100, target: serving! }]
          : copies.map((entry) => ({ copy: entry.copy, weight: entry.weight, target: this.servingFromVariables(entry, env, app.containerPort, false) }));
      for (const route of routes) {
        // Blue's records keep the addresses an environment's records had before it had copies.
        const [a] = recordAddresses(route.copy);
        const suffix = a!.slice('aws_route53_record.alias_a'.length);
        new AliasRecords(this, `dns${suffix}`, {
          hostedZoneId: env.domain.hostedZoneId,
          name: env.domain.name,
          targetDnsName: route.target.albDnsName,
          targetZoneId: route.target.albZoneId,
          setIdentifier: route.copy,
          weight: route.weight,
          idSuffix: suffix,
        });
      }
    }
    this.environmentOutputs(env, shared, serving, pipeline);
  }

  /** Network, database, images and certificate: what every copy shares. */
  private sharedLayer(config: Config, env: EnvironmentConfig, naming: Naming): SharedValues & { readonly vpcId: string } {
    const { app } = config;
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
    const databaseGroup = new DatabaseSecurityGroup(this, 'database-security-group', { naming, vpcId: network.vpcId });
    const database = new Database(this, 'database', {
      naming,
      subnetIds: network.privateSubnetIds,
      securityGroupId: databaseGroup.id,
      engine: env.database.engine,
      engineVersion: env.database.engineVersion,
      port: ENGINE_PORTS[env.database.engine],
      instanceClass: env.database.instanceClass,
      allocatedStorage: env.database.allocatedStorage,
      maxAllocatedStorage: env.database.maxAllocatedStorage,
      multiAz: env.database.multiAz,
      backupRetentionDays: env.database.backupRetentionDays,
      deletionProtection: deletionProtection.booleanValue,
      finalSnapshotIdentifier: finalSnapshotIdentifier.stringValue,
      databaseName: databaseName(app.name),
      masterUsername: env.database.masterUsername,
      appUsername: appUsername(env.database.masterUsername),
      applyImmediately: env.database.applyChanges === 'immediately',
      logExports: env.database.logExports,
      logRetentionDays: env.logRetentionDays,
    });
    const images = new ImageRepository(this, 'images', { naming, keepImages: app.keepImages });
    const certificate = env.domain
      ? new Certificate(this, 'certificate', {
          naming,
          domainName: env.domain.name,
          hostedZoneId: env.domain.hostedZoneId,
          ...(env.domain.certificateArn ? { certificateArn: env.domain.certificateArn } : {}),
        })
      : undefined;
    return {
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      privateSubnetIds: network.privateSubnetIds,
      databaseSecurityGroupId: databaseGroup.id,
      databaseAddress: database.address,
      databaseMasterSecretArn: database.masterUserSecretArn,
      databaseAppSecretArn: database.appSecretArn,
      repositoryUrl: images.repositoryUrl,
      repositoryArn: images.repositoryArn,
      ...(certificate ? { certificateArn: certificate.arn } : {}),
    };
  }

  /** A copy's view of the shared layer: one variable per value, filled from the shared state's outputs. */
  private sharedFromVariables(env: EnvironmentConfig): SharedValues {
    const variable = (output: keyof typeof SHARED_FOR_COPIES) =>
      stableId(
        new TerraformVariable(this, output, {
          type: SHARED_FOR_COPIES[output] === 'list' ? 'list(string)' : 'string',
          description: `The shared layer's ${output.replace(/_/g, ' ')} (from its state; written by ecs-wizard before each plan).`,
        }),
        output,
      );
    return {
      vpcId: variable('vpc_id').stringValue,
      publicSubnetIds: variable('public_subnet_ids').listValue,
      privateSubnetIds: variable('private_subnet_ids').listValue,
      databaseSecurityGroupId: variable('database_security_group_id').stringValue,
      databaseAddress: variable('database_address').stringValue,
      databaseMasterSecretArn: variable('database_master_secret_arn').stringValue,
      databaseAppSecretArn: variable('database_app_secret_arn').stringValue,
      repositoryUrl: variable('repository_url').stringValue,
      repositoryArn: variable('repository_arn').stringValue,
      ...(env.domain ? { certificateArn: variable('certificate_arn').stringValue } : {}),
    };
  }

  /** The load balancer, the service and what runs it. */
  private servingLayer(config: Config, env: EnvironmentConfig, naming: Naming, shared: SharedValues): { values: ServingValues; accountId: string } {
    const { app } = config;
    const blueGreen = env.deployment.strategy === 'blueGreen';
    const https = shared.certificateArn !== undefined;
    const databasePort = ENGINE_PORTS[env.database.engine];
    // The listeners decide the test port; the security groups need it first.
    const testPort = blueGreen ? (https ? 8443 : 8080) : undefined;
    const groups = new SecurityGroups(this, 'security-groups', {
      naming,
      vpcId: shared.vpcId,
      publicPorts: https ? [HTTP_PORT, HTTPS_PORT] : [HTTP_PORT],
      ipv6: https,
      ...(testPort !== undefined ? { testPort, testCidrs: env.deployment.testCidrs } : {}),
      containerPort: app.containerPort,
      databasePort,
      databaseSecurityGroupId: shared.databaseSecurityGroupId,
    });
    const loadBalancerDeletionProtection = stableId(
      new TerraformVariable(this, DESTROY_VARIABLES.loadBalancerDeletionProtection, {
        type: 'bool',
        default: env.loadBalancer.deletionProtection,
        description: 'Refuse to delete the load balancer. The destroy flow sets it to false in a targeted apply first.',
      }),
      DESTROY_VARIABLES.loadBalancerDeletionProtection,
    );

    // The app logs in as its own user, whose password does not rotate by
    // itself (the master's does, every 7 days): see databaseSetup.ts.
    const appPassword: SecretReference = { valueFrom: shared.databaseAppSecretArn, resourceArn: shared.databaseAppSecretArn, store: 'secretsmanager' };
    const secrets: Record<string, SecretReference> = { DATABASE_PASSWORD: appPassword };
    for (const [name, secret] of Object.entries({ ...app.secrets, ...env.secrets })) secrets[name] = secretReference(secret);
    const connection = {
      DATABASE_HOST: shared.databaseAddress,
      DATABASE_PORT: String(databasePort),
      DATABASE_NAME: databaseName(app.name),
    };
    const setup = databaseSetup(env.database.engine, env.database.engineVersion);
    // A new copy starts with the image the live copy runs (the engine reads it from the live copy's state).
    const initialImageTag =
      this.role.kind === 'copy'
        ? stableId(
            new TerraformVariable(this, INITIAL_IMAGE_TAG_VARIABLE, {
              type: 'string',
              default: NO_IMAGE_TAG,
              description: "The image tag this copy starts with: the other copy's (written by ecs-wizard before each plan; ignored once created).",
            }),
            INITIAL_IMAGE_TAG_VARIABLE,
          ).stringValue
        : undefined;
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
        DATABASE_USER: appUsername(env.database.masterUsername),
        ...app.environment,
        ...env.variables,
      },
      secrets,
      repositoryUrl: shared.repositoryUrl,
      repositoryArn: shared.repositoryArn,
      logRetentionDays: env.logRetentionDays,
      containerInsights: env.containerInsights,
      readonlyRootFilesystem: app.readonlyRootFilesystem,
      ...(initialImageTag ? { initialImageTag } : {}),
      setup: {
        image: setup.image,
        script: setup.script,
        environment: { ...connection, DATABASE_MASTER_USER: env.database.masterUsername, DATABASE_USER: appUsername(env.database.masterUsername) },
        secrets: {
          // RDS keeps {"username","password"} in its managed secret; ECS picks the key.
          DATABASE_MASTER_PASSWORD: {
            valueFrom: `${shared.databaseMasterSecretArn}:password::`,
            resourceArn: shared.databaseMasterSecretArn,
            store: 'secretsmanager',
          },
          DATABASE_PASSWORD: appPassword,
        },
      },
    });
    const loadBalancer = new LoadBalancer(this, 'load-balancer', {
      naming,
      vpcId: shared.vpcId,
      vpcCidr: env.network.vpcCidr,
      subnetIds: shared.publicSubnetIds,
      securityGroupId: groups.loadBalancerSecurityGroupId,
      targetPort: app.containerPort,
      healthCheckPath: app.healthCheckPath,
      deletionProtection: loadBalancerDeletionProtection.booleanValue,
      dualStack: https,
      secondTargetGroup: blueGreen,
      ...(env.loadBalancer.accessLogs
        ? { accessLogs: { region: env.region, accountId: containers.accountId, retentionDays: env.logRetentionDays } }
        : {}),
    });
    const listeners = new Listeners(this, 'listeners', {
      loadBalancerArn: loadBalancer.arn,
      targetGroupArn: loadBalancer.targetGroupArn,
      ...(shared.certificateArn ? { certificateArn: shared.certificateArn } : {}),
      ...(blueGreen ? { testTargetGroupArn: loadBalancer.targetGroups[1]!.arn } : {}),
    });
    const service = new Service(this, 'service', {
      naming,
      clusterId: containers.clusterId,
      taskDefinitionArn: containers.webTaskDefinitionArn,
      desiredCount: env.service.desiredCount,
      imageTag: containers.imageTag,
      noImageTag: NO_IMAGE_TAG,
      subnetIds: shared.privateSubnetIds,
      securityGroupId: groups.tasksSecurityGroupId,
      targetGroupArn: loadBalancer.targetGroupArn,
      containerName: WEB_CONTAINER,
      containerPort: app.containerPort,
      strategy: env.deployment.strategy,
      dependsOn: listeners.dependables,
    });
    const autoscaling = new Autoscaling(this, 'autoscaling', {
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
    let codeDeploy: CodeDeployTarget | undefined;
    if (blueGreen) {
      const groupsOf = loadBalancer.targetGroups;
      const deploy = new BlueGreenDeployment(this, 'codedeploy', {
        naming,
        accountId: containers.accountId,
        clusterName: containers.clusterName,
        serviceName: service.serviceName,
        serviceArn: service.serviceArn,
        productionListenerArn: listeners.productionListenerArn,
        testListenerArn: listeners.testListenerArn!,
        targetGroupNames: [groupsOf[0]!.name, groupsOf[1]!.name],
        targetGroupArnSuffixes: [groupsOf[0]!.arnSuffix, groupsOf[1]!.arnSuffix],
        loadBalancerArnSuffix: loadBalancer.arnSuffix,
        deploymentConfigName: env.deployment.traffic,
        keepOldMinutes: env.deployment.keepOldMinutes,
        taskRoleArns: [containers.executionRoleArn, containers.taskRoleArn],
      });
      codeDeploy = {
        applicationName: deploy.applicationName,
        deploymentGroupName: deploy.deploymentGroupName,
        applicationArn: deploy.applicationArn,
        deploymentGroupArn: deploy.deploymentGroupArn,
        deploymentConfigArn: deploy.deploymentConfigArn,
        taskDefinitionFamily: containers.webTaskDefinitionFamily,
        containerPort: String(app.containerPort),
      };
    }
    return {
      accountId: containers.accountId,
      values: {
        albDnsName: loadBalancer.dnsName,
        albZoneId: loadBalancer.zoneId,
        clusterName: containers.clusterName,
        clusterArn: containers.clusterArn,
        serviceName: service.serviceName,
        serviceArn: service.serviceArn,
        executionRoleArn: containers.executionRoleArn,
        taskRoleArn: containers.taskRoleArn,
        tasksSecurityGroupId: groups.tasksSecurityGroupId,
        migrateTaskDefinitionFamily: containers.migrateTaskDefinitionFamily,
        migrateTaskDefinitionFamilyArn: containers.migrateTaskDefinitionFamilyArn,
        webTaskDefinitionFamily: containers.webTaskDefinitionFamily,
        scalableTargetArn: autoscaling.targetArn,
        imageTagParameterName: containers.imageTagParameterName,
        imageTagParameterArn: containers.imageTagParameterArn,
        ...(codeDeploy ? { codeDeploy } : {}),
      },
    };
  }

  /**
   * The shared layer's view of one copy: variables `copy_<copy>_<value>`,
   * filled from the copy's state. `all` for the copy the pipeline deploys
   * to; only the load balancer for the other one's records.
   */
  private servingFromVariables(entry: CopyLayout, env: EnvironmentConfig, containerPort: number, all = true): ServingValues {
    const variable = (value: CopyValue) => {
      const id = copyVariable(entry.copy, value);
      const existing = this.node.tryFindChild(id) as TerraformVariable | undefined;
      return (
        existing ??
        stableId(new TerraformVariable(this, id, { type: 'string', description: `Copy ${entry.copy}'s ${value.replace(/_/g, ' ')} (from its state; written by ecs-wizard before each plan).` }), id)
      ).stringValue;
    };
    const routing = { albDnsName: variable('alb_dns_name'), albZoneId: variable('alb_zone_id') };
    if (!all) return routing as ServingValues;
    const blueGreen = env.deployment.strategy === 'blueGreen';
    return {
      ...routing,
      clusterName: variable('cluster_name'),
      clusterArn: variable('cluster_arn'),
      serviceName: variable('service_name'),
      serviceArn: variable('service_arn'),
      executionRoleArn: variable('execution_role_arn'),
      taskRoleArn: variable('task_role_arn'),
      tasksSecurityGroupId: variable('tasks_security_group_id'),
      migrateTaskDefinitionFamily: variable('migrate_task_definition_family'),
      migrateTaskDefinitionFamilyArn: variable('migrate_task_definition_family_arn'),
      webTaskDefinitionFamily: variable('web_task_definition_family'),
      scalableTargetArn: variable('scalable_target_arn'),
      imageTagParameterName: variable('image_tag_parameter_name'),
      imageTagParameterArn: variable('image_tag_parameter_arn'),
      ...(blueGreen
        ? {
            codeDeploy: {
              applicationName: variable('codedeploy_app_name'),
              deploymentGroupName: variable('codedeploy_group_name'),
              applicationArn: variable('codedeploy_app_arn'),
              deploymentGroupArn: variable('codedeploy_group_arn'),
              // The configuration is the config's; its ARN is the application's account and region's.
              deploymentConfigArn: Fn.replace(
                variable('codedeploy_app_arn'),
                `:application:${variable('codedeploy_app_name')}`,
                `:deploymentconfig:${env.deployment.traffic}`,
              ),
              taskDefinitionFamily: variable('web_task_definition_family'),
              containerPort: String(containerPort),
            },
          }
        : {}),
    };
  }

  private output(id: string, value: unknown, description: string): void {
    stableId(new TerraformOutput(this, id, { value, description }), id);
  }

  /** The outputs of the environment's own stack: all of it, or its shared layer. */
  private environmentOutputs(env: EnvironmentConfig, shared: SharedValues, serving: ServingValues | undefined, pipeline: Pipeline): void {
    const url = env.domain ? `https://${env.domain.name}` : serving ? `http://${serving.albDnsName}` : undefined;
    if (serving) this.servingOutputs(env, serving);
    if (url) this.output(STACK_OUTPUTS.appUrl, url, env.domain ? 'The app, on its own name over HTTPS.' : 'The app, through the load balancer.');
    this.output('ecr_repository_url', shared.repositoryUrl, 'ECR repository the pipeline pushes images to.');
    this.output(STACK_OUTPUTS.pipelineBranch, env.pipeline.branch, 'A push to this branch deploys this environment.');
    this.output(STACK_OUTPUTS.pipelineRepository, `${env.pipeline.owner}/${env.pipeline.repo}`, 'GitHub repository the pipeline watches.');
    this.output('connection_arn', pipeline.connectionArn, 'CodeStar connection to GitHub.');
    this.output(
      STACK_OUTPUTS.connectionStatusUrl,
      pipeline.connectionStatusUrl,
      'A new connection starts PENDING: open this page and choose "Update pending connection" to authorise GitHub.',
    );
    if (this.role.kind === 'shared') {
      // What the copies read (their variables of the same names).
      const values: Record<keyof typeof SHARED_FOR_COPIES, unknown> = {
        vpc_id: shared.vpcId,
        public_subnet_ids: shared.publicSubnetIds,
        private_subnet_ids: shared.privateSubnetIds,
        database_security_group_id: shared.databaseSecurityGroupId,
        database_address: shared.databaseAddress,
        database_master_secret_arn: shared.databaseMasterSecretArn,
        database_app_secret_arn: shared.databaseAppSecretArn,
        repository_url: shared.repositoryUrl,
        repository_arn: shared.repositoryArn,
        certificate_arn: shared.certificateArn,
      };
      for (const [id, value] of Object.entries(values)) {
        if (value !== undefined) this.output(id, value, `For the copies of the serving layer: the shared ${id.replace(/_/g, ' ')}.`);
      }
    }
  }

  /** What a serving layer says of itself: its load balancer, cluster, service and migrations. */
  private servingOutputs(env: EnvironmentConfig, serving: ServingValues): void {
    const copy = this.role.kind === 'copy';
    this.output(
      'alb_dns_name',
      serving.albDnsName,
      copy
        ? "This copy's own load balancer: test it here before it gets traffic."
        : env.domain
          ? 'The load balancer; the ALIAS records of the domain point at it.'
          : 'Point your DNS record at this name with an ALIAS (or CNAME) record.',
    );
    this.output(STACK_OUTPUTS.clusterName, serving.clusterName, 'ECS cluster name.');
    this.output(STACK_OUTPUTS.serviceName, serving.serviceName, 'ECS service name.');
    // Without a revision: the pipeline registers one per build, and an output
    // that moves with each would show as a change in every plan.
    this.output(
      'migrate_task_definition',
      serving.migrateTaskDefinitionFamilyArn,
      'Task definition family of the migrations; the pipeline runs a revision of it with each new image.',
    );
  }

  /** The outputs of one copy: its own load balancer (to test it before it gets traffic) and service. */
  private copyOutputs(env: EnvironmentConfig, serving: ServingValues): void {
    this.servingOutputs(env, serving);
    this.output(
      STACK_OUTPUTS.appUrl,
      `${env.domain ? 'https' : 'http'}://${serving.albDnsName}`,
      'This copy, through its own load balancer (with a domain, send its name as Host).',
    );
  }
}

/** RDS database names are letters and digits only. */
function databaseName(app: string): string {
  return app.replace(/[^a-z0-9]/g, '');
}

/** The copy the pipeline deploys to: the next one once it has records, else the live one. */
function activeCopy(layout: SplitLayout): CopyLayout {
  return layout.copies.find((entry) => entry.role === 'next' && entry.routed) ?? layout.copies.find((entry) => entry.role === 'live')!;
}

/** Every stack of every environment: one each, or for an environment with copies its shared layer and each copy. */
const PREPARING_RESOLVER = new DefaultTokenResolver(new StringConcat());

/** The Terraform elements of a stack, as cdktf's prepareStack finds them: not those of a nested stack. */
function terraformElements(scope: Construct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(scope)) into.push(scope);
  for (const child of scope.node.children) if (!TerraformStack.isStack(child)) terraformElements(child, into);
  return into;
}

export function environmentStacks(scope: Construct, config: Config): EnvironmentStack[] {
  return Object.keys(config.environments).flatMap((environment) => {
    const layout = environmentLayout(environment, config.environments[environment]!.copies);
    if (layout.kind === 'single') return [new EnvironmentStack(scope, config, environment)];
    return [
      new EnvironmentStack(scope, config, environment, { kind: 'shared', layout }),
      ...layout.copies.map((copy) => new EnvironmentStack(scope, config, environment, { kind: 'copy', layout, copy })),
    ];
  });
}

export { copyStackName };
