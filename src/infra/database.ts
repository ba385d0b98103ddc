/**
 * The RDS instance of one environment, with the defaults scanners check:
 * encrypted storage, a password RDS generates and keeps in Secrets Manager
 * (never in Terraform state or config), no public address, a final snapshot
 * on destroy, retained backups and minor version upgrades.
 */
import { Construct } from './cdktf.js';
import type { IResolvable } from 'cdktf';
import { DbSubnetGroup } from './aws.js';
import { DbInstance } from './aws.js';
import { stableId, type Naming } from './naming.js';

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
  /** Master user name; its password lives in Secrets Manager. */
  readonly username: string;
}

export class Database extends Construct {
  /** Host name the app connects to. */
  readonly address: string;
  /** Port the app connects to. */
  readonly port: number;
  /** Database name. */
  readonly databaseName: string;
  /** Master user name. */
  readonly username: string;
  /** ARN of the Secrets Manager secret RDS manages; its JSON has `username` and `password`. */
  readonly masterUserSecretArn: string;
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
    const instance = stableId(
      new DbInstance(this, 'instance', {
        identifier: naming.name('db'),
        engine: props.engine,
        engineVersion: props.engineVersion,
        instanceClass: props.instanceClass,
        port: props.port,
        dbName: props.databaseName,
        username: props.username,
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
        deletionProtection: props.deletionProtection,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: props.finalSnapshotIdentifier,
      }),
      'database',
    );
    this.address = instance.address;
    this.port = props.port;
    this.databaseName = props.databaseName;
    this.username = props.username;
    this.masterUserSecretArn = instance.masterUserSecret.get(0).secretArn;
    this.identifier = instance.identifier;
  }
}
