import { describe, expect, it } from 'vitest';
import { applyAllowList, findDataRisks, guardPlan, isStatefulType } from '../../src/terraform/guard.js';
import { readPlan, type ResourceChangeSummary } from '../../src/terraform/planReader.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';
import { resourceChange } from '../helpers/planChanges.js';

describe('guard on show-plan-replace.json', () => {
  const plan = readPlan(readFixtureJson('show-plan-replace.json'));

  it('blocks the database replacement and the orphan repository delete, with reasons', () => {
    const result = guardPlan(plan);
    expect(result.ok).toBe(false);
    expect(result.blocked.map((f) => [f.address, f.action, f.type])).toEqual([
      ['aws_db_instance.db', 'replace', 'aws_db_instance'],
      ['aws_ecr_repository.orphan', 'delete', 'aws_ecr_repository'],
    ]);
    const [db, ecr] = result.blocked;
    expect(db?.replacePaths).toEqual(['engine']);
    expect(db?.reason).toBe(
      'aws_db_instance.db will be replaced because some changed attributes cannot be updated in place ' +
        '(changing engine forces it): Terraform destroys it and creates a new, empty one. ' +
        'Lost: the database and all its data (unless a final snapshot is taken).',
    );
    expect(ecr?.reason).toBe(
      'aws_ecr_repository.orphan will be deleted because it was removed from the configuration. ' +
        'Lost: the image repository and every image in it.',
    );
    // The update of the subnet group is not about data: not blocked.
    expect(result.blocked.some((f) => f.address === 'aws_db_subnet_group.db_subnets')).toBe(false);
  });

  it('allowing one address clears exactly that one', () => {
    const result = guardPlan(plan, ['aws_db_instance.db']);
    expect(result.ok).toBe(false);
    expect(result.blocked.map((f) => f.address)).toEqual(['aws_ecr_repository.orphan']);
    expect(result.allowed.map((f) => f.address)).toEqual(['aws_db_instance.db']);
    expect(result.unusedAllowances).toEqual([]);
  });

  it('allowing both clears the plan', () => {
    const result = guardPlan(plan, [' aws_ecr_repository.orphan ', 'aws_db_instance.db']);
    expect(result).toMatchObject({ ok: true, blocked: [] });
    expect(result.allowed).toHaveLength(2);
  });

  it('only exact addresses count; near misses are reported as unused', () => {
    const result = guardPlan(plan, ['aws_db_instance.*', 'aws_db_instance', 'module.x.aws_db_instance.db', 'aws_db_instance.db[0]', '']);
    expect(result.blocked).toHaveLength(2);
    expect(result.unusedAllowances).toEqual(['aws_db_instance', 'aws_db_instance.*', 'aws_db_instance.db[0]', 'module.x.aws_db_instance.db']);
  });
});

describe('guard on the other recorded plans', () => {
  it('a first create blocks nothing', () => {
    expect(guardPlan(readPlan(readFixtureJson('show-plan-create.json')))).toEqual({
      blocked: [],
      allowed: [],
      unusedAllowances: [],
      ok: true,
    });
  });

  it('a destroy plan blocks the database and the repository, not the network', () => {
    const result = guardPlan(readPlan(readFixtureJson('show-plan-destroy.json')));
    expect(result.blocked.map((f) => [f.address, f.action])).toEqual([
      ['aws_db_instance.db', 'delete'],
      ['aws_ecr_repository.orphan', 'delete'],
    ]);
  });
});

describe('findDataRisks', () => {
  const change = (over: Partial<ResourceChangeSummary>): ResourceChangeSummary => resourceChange(over.address ?? 'x.y', over.action ?? 'delete', over);

  it('covers each stateful type named in the design', () => {
    for (const type of [
      'aws_db_instance',
      'aws_rds_cluster',
      'aws_ecr_repository',
      'aws_s3_bucket',
      'aws_secretsmanager_secret',
      'aws_route53_zone',
      'aws_cloudwatch_log_group',
      'aws_efs_file_system',
      'aws_dynamodb_table',
    ]) {
      expect(isStatefulType(type), type).toBe(true);
    }
    expect(isStatefulType('aws_vpc')).toBe(false);
    expect(isStatefulType('aws_ecs_service')).toBe(false);
  });

  it('ignores creates, updates, forgets, no-ops, data sources and stateless types', () => {
    const findings = findDataRisks([
      change({ address: 'aws_s3_bucket.a', type: 'aws_s3_bucket', action: 'create' }),
      change({ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', action: 'update' }),
      change({ address: 'aws_s3_bucket.c', type: 'aws_s3_bucket', action: 'forget' }),
      change({ address: 'aws_s3_bucket.d', type: 'aws_s3_bucket', action: 'no-op' }),
      change({ address: 'data.aws_s3_bucket.e', type: 'aws_s3_bucket', action: 'delete', mode: 'data' }),
      change({ address: 'aws_vpc.f', type: 'aws_vpc', action: 'delete' }),
    ]);
    expect(findings).toEqual([]);
  });

  it('explains a create-before-destroy replacement and a deposed delete', () => {
    const findings = findDataRisks([
      change({ address: 'aws_s3_bucket.artifacts', type: 'aws_s3_bucket', action: 'replace', replaceOrder: 'create-first', reasonText: 'a replacement was requested (-replace)' }),
      change({ address: 'aws_cloudwatch_log_group.app', type: 'aws_cloudwatch_log_group', action: 'delete', deposed: 'abcd1234' }),
    ]);
    expect(findings.map((f) => f.reason)).toEqual([
      'aws_cloudwatch_log_group.app (deposed object abcd1234) will be deleted. Lost: the log group and all logs in it.',
      'aws_s3_bucket.artifacts will be replaced because a replacement was requested (-replace): Terraform creates a new one, then destroys the old one. Lost: the S3 bucket and every object in it (pipeline artifacts included).',
    ]);
  });

  it('applyAllowList with no list blocks everything found', () => {
    const findings = findDataRisks([change({ address: 'aws_route53_zone.main', type: 'aws_route53_zone' })]);
    expect(applyAllowList(findings)).toMatchObject({ ok: false, blocked: [{ address: 'aws_route53_zone.main' }] });
  });
});
