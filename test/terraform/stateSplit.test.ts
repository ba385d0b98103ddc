import { describe, expect, it } from 'vitest';
import { declaredAddresses, parseState, splitState, StateSplitError, type StateDocument, type StateResource } from '../../src/terraform/stateSplit.js';

const resource = (type: string, name: string, id: string, dependencies: string[] = []): StateResource => ({
  mode: 'managed',
  type,
  name,
  provider: 'provider["registry.terraform.io/hashicorp/aws"]',
  instances: [{ schema_version: 0, attributes: { id, arn: `arn:${id}` }, sensitive_attributes: [], private: 'eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==', dependencies }],
});

const source: StateDocument = {
  version: 4,
  terraform_version: '1.11.4',
  serial: 41,
  lineage: 'aaaa-source',
  outputs: { vpc_id: { value: 'vpc-1', type: 'string' }, alb_dns_name: { value: 'alb.example', type: 'string' } },
  resources: [
    resource('aws_vpc', 'vpc', 'vpc-1'),
    resource('aws_db_instance', 'database', 'db-1', ['aws_vpc.vpc']),
    resource('aws_lb', 'alb', 'lb-1', ['aws_vpc.vpc', 'aws_security_group.alb_security_group']),
    resource('aws_security_group', 'alb_security_group', 'sg-1', ['aws_vpc.vpc']),
    resource('aws_ecs_service', 'web', 'svc-1', ['aws_lb.alb']),
  ],
  check_results: null,
};
const request = {
  source,
  target: undefined,
  movedAddresses: ['aws_lb.alb', 'aws_security_group.alb_security_group', 'aws_ecs_service.web', 'aws_route53_record.alias_a'],
  keptAddresses: ['aws_vpc.vpc', 'aws_db_instance.database', 'aws_s3_bucket.artifacts'],
  keptOutputs: ['vpc_id'],
  newLineage: 'bbbb-copy',
};

describe('splitState', () => {
  it('moves the copy\'s resources as they are, and keeps the rest with the next serial', () => {
    const result = splitState(request);
    if (result.kind !== 'split') throw new Error(result.kind);
    expect(result.moved).toEqual(['aws_ecs_service.web', 'aws_lb.alb', 'aws_security_group.alb_security_group']);
    expect(result.source).toMatchObject({ serial: 42, lineage: 'aaaa-source', outputs: { vpc_id: source.outputs!['vpc_id'] } });
    expect(result.source.outputs).not.toHaveProperty('alb_dns_name');
    expect(result.source.resources.map((r) => r.name)).toEqual(['vpc', 'database']);
    expect(result.target).toMatchObject({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'bbbb-copy', outputs: {}, check_results: null });
    // Every attribute and the provider's private data travel untouched.
    const moved = result.target.resources.find((r) => r.name === 'alb')!;
    const original = source.resources.find((r) => r.name === 'alb')!;
    expect(moved.instances[0]!.attributes).toEqual(original.instances[0]!.attributes);
    expect(moved.instances[0]!['private']).toBe(original.instances[0]!['private']);
    expect(moved.provider).toBe(original.provider);
  });

  it('keeps only dependencies each state holds', () => {
    const result = splitState(request);
    if (result.kind !== 'split') throw new Error(result.kind);
    const alb = result.target.resources.find((r) => r.name === 'alb')!;
    expect(alb.instances[0]!.dependencies).toEqual(['aws_security_group.alb_security_group']);
    const database = result.source.resources.find((r) => r.name === 'database')!;
    expect(database.instances[0]!.dependencies).toEqual(['aws_vpc.vpc']);
  });

  it('does not change the source document it was given', () => {
    const before = JSON.stringify(source);
    splitState(request);
    expect(JSON.stringify(source)).toBe(before);
  });

  it('refuses to leave a resource neither layer declares: a plan would delete it', () => {
    expect(() => splitState({ ...request, keptAddresses: ['aws_vpc.vpc'] })).toThrow(StateSplitError);
    expect(() => splitState({ ...request, keptAddresses: ['aws_vpc.vpc'] })).toThrow(/neither the shared layer nor the copy.*aws_db_instance\.database/);
  });

  it('moves into an existing empty state under its own lineage, which Terraform requires', () => {
    const target: StateDocument = { version: 4, serial: 7, lineage: 'cccc-old', resources: [], outputs: {} };
    const result = splitState({ ...request, target });
    if (result.kind !== 'split') throw new Error(result.kind);
    expect(result.target).toMatchObject({ serial: 8, lineage: 'cccc-old' });
  });

  it('resumes a split that pushed the copy and stopped: only the source is left to push', () => {
    const first = splitState(request);
    if (first.kind !== 'split') throw new Error(first.kind);
    const again = splitState({ ...request, target: first.target });
    expect(again).toMatchObject({ kind: 'resume', moved: first.moved, source: { serial: 42 } });
  });

  it('refuses a copy state that holds other objects', () => {
    const target: StateDocument = { version: 4, serial: 3, lineage: 'x', resources: [resource('aws_lb', 'alb', 'lb-OTHER')] };
    expect(() => splitState({ ...request, target })).toThrow(/already holds other resources/);
  });

  it('has nothing to do once the source holds none of the copy\'s resources', () => {
    const first = splitState(request);
    if (first.kind !== 'split') throw new Error(first.kind);
    expect(splitState({ ...request, source: first.source, target: first.target })).toEqual({ kind: 'done' });
  });
});

describe('parseState and declaredAddresses', () => {
  it('reads a pulled state, nothing for a backend without one, and refuses anything else', () => {
    expect(parseState('')).toBeUndefined();
    expect(parseState(JSON.stringify(source))?.serial).toBe(41);
    expect(() => parseState('{"version":3,"resources":[]}')).toThrow(/format version 4/);
    expect(() => parseState('nope')).toThrow(/not JSON/);
  });

  it('lists the managed resources a synthesized stack declares', () => {
    expect(declaredAddresses({ resource: { aws_lb: { alb: {} }, aws_route53_record: { alias_a: {}, alias_aaaa: {} } } })).toEqual([
      'aws_lb.alb',
      'aws_route53_record.alias_a',
      'aws_route53_record.alias_aaaa',
    ]);
  });
});
