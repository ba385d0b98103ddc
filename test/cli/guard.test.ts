/**
 * The data guard through the built CLI: a recorded plan that replaces the
 * database and deletes an image repository is blocked under --yes and runs
 * once each address is allowed; destroy needs --yes and every stateful
 * address, prepares the database, then destroys.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DESTROY_VARIABLES } from '../../src/infra/contract.js';
import { cleanEnv, ensureBuilt, fakeEnv, makeProject, runCli } from '../helpers/cli.js';
import { readArgsLog } from '../helpers/fakeTerraformHarness.js';

beforeAll(async () => {
  await ensureBuilt();
  await makeProject();
});

const SPEED = 2000;
const REPLACE = { plan: 'plan-replace', show: 'show-plan-replace', apply: 'apply-replace' } as const;
const ALLOW_BOTH = ['--allow-replace', 'aws_db_instance.db', '--allow-replace', 'aws_ecr_repository.orphan'];

describe('a replacement of data', () => {
  it('is blocked under --yes: exit 3, the message names --allow-replace ADDRESS, nothing applied', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['apply', '--yes'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog, scenarios: REPLACE }) });

    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toContain('  ± replace aws_db_instance.db (forced by engine): some changed attributes cannot be updated in place');
    expect(run.stderr).toContain('  ✖ aws_db_instance.db will be replaced because some changed attributes cannot be updated in place (changing engine forces it)');
    expect(run.stderr).toContain('  ✖ aws_ecr_repository.orphan will be deleted because it was removed from the configuration.');
    expect(run.stderr).toContain(
      '✖ Blocked by the data guard: aws_db_instance.db, aws_ecr_repository.orphan would lose data. To accept them, run again with --allow-replace aws_db_instance.db --allow-replace aws_ecr_repository.orphan',
    );
    expect(readArgsLog(argsLog).map((c) => c.argv[0])).not.toContain('apply');
  });

  it('runs once every address at risk is allowed by name', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['apply', '--yes', ...ALLOW_BOTH], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog, scenarios: REPLACE }) });

    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('  ✔ allowed by --allow-replace: aws_db_instance.db');
    expect(run.stderr).toContain('  ✔ allowed by --allow-replace: aws_ecr_repository.orphan');
    expect(run.stderr).toContain('✔ Applied: 0 added, 1 changed, 1 replaced, 1 destroyed.');
    expect(readArgsLog(argsLog).map((c) => c.argv[0])).toContain('apply');
  });
});

describe('arguments that would apply another plan than the one reviewed', () => {
  it('apply --yes -- -out=OTHER is refused with exit 2 naming it: no plan, no apply (a database-replacing plan left on disk stays unapplied)', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    // A plan that replaces the database, left in .ecs-wizard/plans/ by an earlier `plan`.
    const earlier = await runCli(['plan'], { cwd: project, env: fakeEnv({ speed: SPEED, scenarios: REPLACE }) });
    expect(earlier.exitCode, earlier.stderr).toBe(0);
    const other = path.join(project, '.ecs-wizard', 'plans', 'other.tfplan');
    const run = await runCli(['apply', '--yes', '--', `-out=${other}`], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog }) });

    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain(`"-out=${other}" is refused: ecs-wizard writes the plan to its own file and applies exactly that file`);
    expect(readArgsLog(argsLog).filter((c) => c.argv[0] === 'plan' || c.argv[0] === 'apply')).toEqual([]);
  });

  it.each([
    [['-state=other.tfstate'], '"-state=other.tfstate" is refused'],
    [['-lock=false'], '"-lock=false" is refused: ecs-wizard always holds the state lock'],
    [['old.tfplan'], '"old.tfplan" is not a flag'],
    [['-chdir=..'], '"-chdir=.." is refused'],
    [['-backend-config=bucket=x'], '"-backend-config=bucket=x" is refused'],
  ])('plan -- %j: exit 2, nothing run', async (args, message) => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['plan', '--', ...args], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog }) });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(readArgsLog(argsLog)).toEqual([]);
  });

  it('TF_CLI_ARGS_plan=-out=… in the environment is refused the same way', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['apply', '--yes'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog }, { TF_CLI_ARGS_plan: '-state=x.tfstate' }) });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain('TF_CLI_ARGS_plan is set ("-state=x.tfstate"): "-state=x.tfstate" is refused');
    expect(readArgsLog(argsLog).filter((c) => c.argv[0] === 'plan' || c.argv[0] === 'apply')).toEqual([]);
  });
});

describe('destroy', () => {
  const DESTROY = { apply: 'destroy-success' } as const;

  it('shows what will be deleted and what blocks it; without --yes and the stateful addresses: exit 3, nothing touched', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['destroy'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog, scenarios: DESTROY }) });

    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toContain('Destroy plan for production: 0 to add, 0 to change, 0 to replace, 7 to destroy');
    expect(run.stderr).toContain('⚠ aws_ecr_repository.orphan has force_delete off: AWS refuses to delete it while it holds images.');
    expect(run.stderr).toContain('⚠ aws_db_instance.db: a final snapshot is taken first, under a new unique name');
    expect(run.stderr).toContain(
      'To confirm without a terminal, run again with: --yes --allow-replace aws_db_instance.db --allow-replace aws_ecr_repository.orphan',
    );
    const calls = readArgsLog(argsLog).map((c) => c.argv);
    expect(calls.filter((a) => a[0] === 'plan')).toHaveLength(1);
    expect(calls.some((a) => a[0] === 'apply' || a.some((x) => x.startsWith('-target=')))).toBe(false);
  });

  it('with --yes and every stateful address: prepares the database (-target, both variables), re-plans, destroys', async () => {
    // Our own stack (the starter preset), as Terraform destroyed it against the emulator.
    const ours = { plan: 'plan-stack-destroy', apply: 'apply-stack-destroy' } as const;
    const stateful = [
      'aws_cloudwatch_log_group.build_log_group',
      'aws_cloudwatch_log_group.database_log_group_postgresql',
      'aws_cloudwatch_log_group.database_log_group_upgrade',
      'aws_cloudwatch_log_group.migrate_log_group',
      'aws_cloudwatch_log_group.web_log_group',
      'aws_db_instance.database',
      'aws_ecr_repository.repository',
      'aws_s3_bucket.artifacts',
      'aws_secretsmanager_secret.database_app',
    ];
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['destroy', '--yes', ...stateful.flatMap((address) => ['--allow-replace', address]), '--', '-refresh=false'], {
      cwd: project,
      env: fakeEnv({ speed: SPEED, argsLog, scenarios: ours }),
    });

    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('Destroy plan for production: 0 to add, 0 to change, 0 to replace, 67 to destroy');
    for (const address of stateful) expect(run.stderr).toContain(`  ✔ allowed by --allow-replace: ${address}`);
    expect(run.stderr).toContain('✔ Destroyed 67 resources.');
    // Then the task definition revisions the pipeline registered: this test has no AWS (cleanEnv), so
    // the cleanup fails, and that is a warning with the commands to finish by hand, never a failed destroy.
    expect(run.stderr).toContain(
      '⚠ Could not deregister the task definition revisions of shop-production-migrate, shop-production-web: Could not load credentials from any providers. The destroy is complete. Finish by hand with: aws ecs list-task-definitions --region eu-west-1 --family-prefix shop-production-migrate --status ACTIVE;',
    );
    const calls = readArgsLog(argsLog).map((c) => c.argv.filter((a) => !['-json', '-input=false', '-no-color'].includes(a)));
    const ops = calls.filter((a) => a[0] === 'plan' || a[0] === 'apply');
    const planFile = path.join(project, '.ecs-wizard', 'plans', 'production.tfplan');
    const prepareFile = path.join(project, '.ecs-wizard', 'plans', 'production-prepare.tfplan');
    expect(ops[0]).toEqual(['plan', '-destroy', `-out=${planFile}`, '-detailed-exitcode', '-refresh=false']);
    const prepare = ops[1]!;
    const snapshotVar = prepare.find((a) => a.startsWith(`-var=${DESTROY_VARIABLES.finalSnapshotIdentifier}=`));
    // The stack's final snapshot is "<app>-<env>-final"; the destroy makes it unique.
    expect(snapshotVar).toMatch(/^-var=database_final_snapshot_identifier=shop-production-final-\d{8}t\d{6}$/);
    expect(prepare).toEqual(['plan', '-target=aws_db_instance.database', `-var=${DESTROY_VARIABLES.deletionProtection}=false`, snapshotVar, `-out=${prepareFile}`]);
    expect(ops[2]).toEqual(['apply', prepareFile]);
    expect(ops[3]).toEqual(['plan', '-destroy', `-var=${DESTROY_VARIABLES.deletionProtection}=false`, snapshotVar, `-out=${planFile}`, '-refresh=false']);
    expect(ops[4]).toEqual(['apply', planFile]);
    expect(ops).toHaveLength(5);
  });

  it('env remove: a second environment is destroyed, then dropped from ecs-wizard.json (its state kept)', async () => {
    const project = await makeProject();
    // A new environment beside production: its own VPC range and branch.
    const added = await runCli(['synth', '--env', 'staging', '--preset', 'starter'], { cwd: project, env: cleanEnv() });
    expect(added.exitCode, added.stderr).toBe(0);
    const before = JSON.parse(readFileSync(path.join(project, 'ecs-wizard.json'), 'utf8'));
    expect(before.environments.staging.network.vpcCidr).toBe('10.1.0.0/16');
    expect(before.environments.staging.pipeline.branch).toBe('staging');
    expect(existsSync(path.join(project, 'cdktf.out', 'stacks', 'staging'))).toBe(true);

    const run = await runCli(['env', 'remove', '--env', 'staging', '--yes', ...ALLOW_BOTH], { cwd: project, env: fakeEnv({ speed: SPEED, scenarios: DESTROY }) });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('Removed staging from ecs-wizard.json and cdktf.out/stacks/staging; its state file .ecs-wizard/state/staging.tfstate is kept.');
    const after = JSON.parse(readFileSync(path.join(project, 'ecs-wizard.json'), 'utf8'));
    expect(Object.keys(after.environments)).toEqual(['production']);
    expect(after.environments.production).toEqual(before.environments.production);
    expect(existsSync(path.join(project, 'cdktf.out', 'stacks', 'staging'))).toBe(false);
  });

  it('env remove is refused, before anything runs, for the only environment', async () => {
    const project = await makeProject();
    const argsLog = path.join(project, '..', 'args.log');
    const run = await runCli(['env', 'remove', '--yes'], { cwd: project, env: fakeEnv({ speed: SPEED, argsLog, scenarios: DESTROY }) });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--env: is the only environment of this project, and a project needs one: destroy it with "ecs-wizard destroy", then delete ecs-wizard.json if you want to start over (found "production")');
    expect(readArgsLog(argsLog).filter((call) => call.argv[0] !== 'version')).toEqual([]);
  });
});
