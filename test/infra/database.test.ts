import { describe, expect, test } from 'vitest';
import { TerraformOutput } from 'cdktf';
import { Database } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const props = {
  naming,
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupId: 'sg-db',
  engine: 'postgres' as const,
  engineVersion: '16',
  port: 5432,
  instanceClass: 'db.t4g.micro',
  allocatedStorage: 20,
  maxAllocatedStorage: 100,
  multiAz: false,
  backupRetentionDays: 7,
  deletionProtection: false,
  finalSnapshotIdentifier: 'shop-production-final',
  databaseName: 'shop',
  username: 'app',
};

describe('Database', () => {
  test('a subnet group over the private subnets', () => {
    const json = synthConstruct((scope) => new Database(scope, 'database', props));
    expect(resource(json, 'aws_db_subnet_group', 'database_subnet_group')).toMatchObject({
      name: 'shop-production-db',
      subnet_ids: ['subnet-a', 'subnet-b'],
    });
  });

  test('encrypted, private, RDS-managed password, final snapshot, backups, minor upgrades', () => {
    const json = synthConstruct((scope) => new Database(scope, 'database', props));
    const db = resource(json, 'aws_db_instance', 'database');
    expect(db).toMatchObject({
      identifier: 'shop-production-db',
      engine: 'postgres',
      engine_version: '16',
      instance_class: 'db.t4g.micro',
      port: 5432,
      db_name: 'shop',
      username: 'app',
      manage_master_user_password: true,
      storage_encrypted: true,
      publicly_accessible: false,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'shop-production-final',
      backup_retention_period: 7,
      auto_minor_version_upgrade: true,
      allocated_storage: 20,
      max_allocated_storage: 100,
      multi_az: false,
      deletion_protection: false,
      db_subnet_group_name: '${aws_db_subnet_group.database_subnet_group.name}',
      vpc_security_group_ids: ['sg-db'],
    });
    // A password attribute would put the secret in config and state.
    expect(db['password']).toBeUndefined();
  });

  test('multiAz and deletionProtection pass through, as do mysql settings', () => {
    const json = synthConstruct(
      (scope) =>
        new Database(scope, 'database', { ...props, engine: 'mysql', engineVersion: '8.0', port: 3306, multiAz: true, deletionProtection: true }),
    );
    expect(resource(json, 'aws_db_instance', 'database')).toMatchObject({
      engine: 'mysql',
      engine_version: '8.0',
      port: 3306,
      multi_az: true,
      deletion_protection: true,
    });
  });

  test('exposes the host and the managed secret for the app', () => {
    const json = synthConstruct((scope) => {
      const database = new Database(scope, 'database', props);
      new TerraformOutput(scope, 'secret', { value: database.masterUserSecretArn });
      new TerraformOutput(scope, 'host', { value: database.address });
    });
    expect(json.output?.['secret']?.value).toBe('${aws_db_instance.database.master_user_secret[0].secret_arn}');
    expect(json.output?.['host']?.value).toBe('${aws_db_instance.database.address}');
  });
});
