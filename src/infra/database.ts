/**
 * The RDS instance of one environment, with the defaults scanners check:
 * encrypted storage, a password RDS generates and keeps in Secrets Manager
 * (never in Terraform state or config), no public address, a final snapshot
 * on destroy, retained backups, minor version upgrades and the engine's logs
 * in CloudWatch.
 *
 * Two users: the master user, whose password RDS manages and rotates, is
 * only for the setup step (see databaseSetup.ts); the app logs in as a user
 * of its own whose password lives in `appSecret` and does not rotate by
 * itself, so running tasks stay connected across the master's rotations.
 *
 * Changes apply immediately by default (`apply_immediately`): otherwise a new
 * instance class waits for the maintenance window while the run says
 * "Applied". A major version upgrade is allowed, because it only happens when
 * the config asks for it, and the plan review shows it as a risk first.
 */
import { Construct } from './cdktf.js';
import type { IResolvable } from 'cdktf';
import { CloudwatchLogGroup } from './aws.js';
import { DbSubnetGroup } from './aws.js';
import { DbInstance } from './aws.js';
import { SecretsmanagerSecret } from './aws.js';
import { stableId, type Naming } from './naming.js';

/** The engine logs worth keeping: errors and upgrades (postgres), errors and slow queries (mysql). */
export const LOG_EXPORTS: Readonly<Record<'postgres' | 'mysql', readonly string[]>> = {
  postgres: ['postgresql', 'upgrade'],
  mysql: ['error', 'slowquery'],
};

export interface DatabaseProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** Private subnets of the DB subnet group (at least two zones). */
  readonly subnetIds: readonly string[];
  /** The database's own security group. */
  readonly securityGroupId: string;
  /** `postgres` or `mysql`. */
  readonly engine: 'postgres' | 'mysql';
  /** Major engine version; RDS picks the minor and upgrades it. */
  readonly engineVersion: string;
  /** Port the engine listens on. */
  readonly port: number;
  /** RDS instance class, e.g. db.t4g.micro. */
  readonly instanceClass: string;
  /** Initial storage in GiB. */
  readonly allocatedStorage: number;
  /** Storage autoscaling ceiling in GiB. */
  readonly maxAllocatedStorage: number;
  /** A standby in a second zone. */
  readonly multiAz: boolean;
  /** Days of automated backups. */
  readonly backupRetentionDays: number;
  /** Refuse deletion; a token so the destroy flow can turn it off with a variable. */
  readonly deletionProtection: boolean | IResolvable;
  /** Name of the snapshot taken when the instance is destroyed. */
  readonly finalSnapshotIdentifier: string;
  /** Name of the database created in the instance. */
  readonly databaseName: string;
  /** Master user name; RDS keeps and rotates its password in Secrets Manager. */
  readonly masterUsername: string;
  /** The app's own user name; its password is in `appSecretArn`. */
  readonly appUsername: string;
  /** Apply changes now (true) or in the next maintenance window. */
  readonly applyImmediately: boolean;
  /** Export the engine's logs to CloudWatch Logs, kept `logRetentionDays`. */
  readonly logExports: boolean;
  /** Days CloudWatch keeps the exported logs. */
  readonly logRetentionDays: number;
}

export class Database extends Construct {
  /** Host name the app connects to. */
  readonly address: string;
  /** Port the app connects to. */
  readonly port: number;
  /** Database name. */
  readonly databaseName: string;
  /** Master user name (for the setup step only). */
  readonly masterUsername: string;
  /** The app's user name. */
  readonly appUsername: string;
  /** ARN of the Secrets Manager secret RDS manages; its JSON has `username` and `password`. */
  readonly masterUserSecretArn: string;
  /** ARN of the secret holding the app user's password (a plain string; the pipeline fills it once). */
  readonly appSecretArn: string;
  /** RDS instance identifier. */
  readonly identifier: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { naming } = props;
    const subnetGroup = stableId(
      new DbSubnetGroup(this, 'subnet-group', {
        name: naming.name('db'),
        description: `Private subnets of ${naming.prefix}`,
        subnetIds: [...props.subnetIds],
      }),
      'database_subnet_group',
    );
    // RDS writes exported logs to /aws/rds/instance/<id>/<log>; creating the
    // groups first gives them a retention (RDS would create them without).
    const exports = props.logExports ? LOG_EXPORTS[props.engine] : [];
    const logGroups = exports.map((log) =>
      stableId(
        new CloudwatchLogGroup(this, `log-group-${log}`, {
          name: `/aws/rds/instance/${naming.name('db')}/${log}`,
          retentionInDays: props.logRetentionDays,
        }),
        `database_log_group_${log}`,
      ),
    );
    const appSecret = stableId(
      new SecretsmanagerSecret(this, 'app-secret', {
        name: naming.name('db-app'),
        description: `Password of the app's own database user in ${naming.prefix}; the pipeline sets it once`,
        // Deleted with the environment at once, so the same name can be used
        // again; a restored snapshot gets its password from the setup step.
        recoveryWindowInDays: 0,
      }),
      'database_app',
    );
    const instance = stableId(
      new DbInstance(this, 'instance', {
        identifier: naming.name('db'),
        engine: props.engine,
        engineVersion: props.engineVersion,
        instanceClass: props.instanceClass,
        port: props.port,
        dbName: props.databaseName,
        username: props.masterUsername,
        manageMasterUserPassword: true,
        allocatedStorage: props.allocatedStorage,
        maxAllocatedStorage: props.maxAllocatedStorage,
        storageType: 'gp3',
        storageEncrypted: true,
        multiAz: props.multiAz,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [props.securityGroupId],
        publiclyAccessible: false,
        backupRetentionPeriod: props.backupRetentionDays,
        copyTagsToSnapshot: true,
        // Keep automated backups after a destroy: the last line of defence.
        deleteAutomatedBackups: false,
        autoMinorVersionUpgrade: true,
        applyImmediately: props.applyImmediately,
        allowMajorVersionUpgrade: true,
        enabledCloudwatchLogsExports: [...exports],
        ...(logGroups.length ? { dependsOn: logGroups } : {}),
        deletionProtection: props.deletionProtection,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: props.finalSnapshotIdentifier,
      }),
      'database',
    );
    this.address = instance.address;
    this.port = props.port;
    this.databaseName = props.databaseName;
    this.masterUsername = props.masterUsername;
    this.appUsername = props.appUsername;
    this.masterUserSecretArn = instance.masterUserSecret.get(0).secretArn;
    this.appSecretArn = appSecret.arn;
    this.identifier = instance.identifier;
  }
}
