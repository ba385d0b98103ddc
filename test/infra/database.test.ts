import { describe, expect, test } from 'vitest';
import { TerraformOutput } from 'cdktf';
import { Database, databaseSetup, type DatabaseProps } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const props: DatabaseProps = {
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
  masterUsername: 'dbadmin',
  appUsername: 'app',
  applyImmediately: true,
  logExports: true,
  logRetentionDays: 30,
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
      // The master user is for the setup step; the app has a user of its own.
      username: 'dbadmin',
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

  test('changes apply immediately unless the maintenance window is chosen', () => {
    // Without apply_immediately a class change waits for the window while the run says "Applied".
    const now = resource(synthConstruct((scope) => new Database(scope, 'database', props)), 'aws_db_instance', 'database');
    expect(now['apply_immediately']).toBe(true);
    const later = resource(synthConstruct((scope) => new Database(scope, 'database', { ...props, applyImmediately: false })), 'aws_db_instance', 'database');
    expect(later['apply_immediately']).toBe(false);
  });

  test('a major version change in the config is allowed to apply (the plan review shows it as a risk first)', () => {
    const db = resource(synthConstruct((scope) => new Database(scope, 'database', props)), 'aws_db_instance', 'database');
    expect(db['allow_major_version_upgrade']).toBe(true);
  });

  test('exports the engine logs into log groups it creates with a retention', () => {
    const json = synthConstruct((scope) => new Database(scope, 'database', props));
    const db = resource(json, 'aws_db_instance', 'database');
    expect(db['enabled_cloudwatch_logs_exports']).toEqual(['postgresql', 'upgrade']);
    expect(resource(json, 'aws_cloudwatch_log_group', 'database_log_group_postgresql')).toMatchObject({
      name: '/aws/rds/instance/shop-production-db/postgresql',
      retention_in_days: 30,
    });
    // Created first, so RDS does not create them without a retention.
    expect(db['depends_on']).toEqual(['aws_cloudwatch_log_group.database_log_group_postgresql', 'aws_cloudwatch_log_group.database_log_group_upgrade']);
    const mysql = synthConstruct((scope) => new Database(scope, 'database', { ...props, engine: 'mysql', engineVersion: '8.0', port: 3306 }));
    expect(resource(mysql, 'aws_db_instance', 'database')['enabled_cloudwatch_logs_exports']).toEqual(['error', 'slowquery']);
    const off = synthConstruct((scope) => new Database(scope, 'database', { ...props, logExports: false }));
    expect(resource(off, 'aws_db_instance', 'database')['enabled_cloudwatch_logs_exports']).toEqual([]);
    expect(off.resource['aws_cloudwatch_log_group']).toBeUndefined();
  });

  test("the app's own password lives in a secret of the stack, never in Terraform", () => {
    const json = synthConstruct((scope) => {
      const database = new Database(scope, 'database', props);
      new TerraformOutput(scope, 'app_secret', { value: database.appSecretArn });
    });
    expect(resource(json, 'aws_secretsmanager_secret', 'database_app')).toMatchObject({ name: 'shop-production-db-app', recovery_window_in_days: 0 });
    // No secret version: the value is set by the pipeline and never enters the state.
    expect(json.resource['aws_secretsmanager_secret_version']).toBeUndefined();
    expect(json.output?.['app_secret']?.value).toBe('${aws_secretsmanager_secret.database_app.arn}');
  });

  test('the setup step makes the app user exist, own the database and take the secret password, idempotently', () => {
    const postgres = databaseSetup('postgres', '16');
    expect(postgres.image).toBe('public.ecr.aws/docker/library/postgres:16-alpine');
    expect(postgres.script).toContain("WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user')\\gexec");
    expect(postgres.script).toContain(`ALTER ROLE :"app_user" WITH LOGIN PASSWORD :'app_password';`);
    expect(postgres.script).toContain('ALTER DATABASE :"db" OWNER TO :"app_user";');
    expect(postgres.script).toContain('PGSSLMODE=require');
    const mysql = databaseSetup('mysql', '8.4');
    expect(mysql.image).toBe('public.ecr.aws/docker/library/mysql:8.4');
    expect(mysql.script).toContain("CREATE USER IF NOT EXISTS '$DATABASE_USER'@'%'");
    expect(mysql.script).toContain("ALTER USER '$DATABASE_USER'@'%' IDENTIFIED BY '$APP_PASSWORD_SQL';");
    // Terraform would evaluate these: the script never has them.
    for (const setup of [postgres, mysql]) expect(setup.script).not.toMatch(/\$\{|%\{/);
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
