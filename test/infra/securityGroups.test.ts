import { describe, expect, test } from 'vitest';
import { SecurityGroups } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const json = synthConstruct(
  (scope) => new SecurityGroups(scope, 'groups', { naming, vpcId: 'vpc-1', publicPorts: [80], containerPort: 3000, databasePort: 5432 }),
);

describe('SecurityGroups', () => {
  test('three named groups with no inline rules', () => {
    for (const [name, suffix] of [
      ['alb_security_group', 'alb'],
      ['tasks_security_group', 'tasks'],
      ['database_security_group', 'db'],
    ] as const) {
      const group = resource(json, 'aws_security_group', name);
      expect(group).toMatchObject({ name: `shop-production-${suffix}`, vpc_id: 'vpc-1' });
      expect(group['ingress']).toBeUndefined();
      expect(group['egress']).toBeUndefined();
    }
  });

  test('the internet reaches the load balancer on the listener port only', () => {
    const worldRules = Object.entries(json.resource['aws_vpc_security_group_ingress_rule']!).filter(
      ([, rule]) => rule['cidr_ipv4'] === '0.0.0.0/0',
    );
    expect(worldRules.map(([name]) => name)).toEqual(['alb_http_from_internet']);
    expect(resource(json, 'aws_vpc_security_group_ingress_rule', 'alb_http_from_internet')).toMatchObject({
      security_group_id: '${aws_security_group.alb_security_group.id}',
      ip_protocol: 'tcp',
      from_port: 80,
      to_port: 80,
    });
  });

  test('the load balancer sends only to the tasks, on the container port', () => {
    expect(Object.keys(json.resource['aws_vpc_security_group_egress_rule']!).filter((name) => name.startsWith('alb'))).toEqual([
      'alb_to_tasks',
    ]);
    expect(resource(json, 'aws_vpc_security_group_egress_rule', 'alb_to_tasks')).toMatchObject({
      security_group_id: '${aws_security_group.alb_security_group.id}',
      referenced_security_group_id: '${aws_security_group.tasks_security_group.id}',
      from_port: 3000,
      to_port: 3000,
    });
    expect(resource(json, 'aws_vpc_security_group_ingress_rule', 'tasks_from_alb')).toMatchObject({
      security_group_id: '${aws_security_group.tasks_security_group.id}',
      referenced_security_group_id: '${aws_security_group.alb_security_group.id}',
      from_port: 3000,
      to_port: 3000,
    });
  });

  test('the database admits the engine port from the tasks only', () => {
    const databaseRules = Object.values(json.resource['aws_vpc_security_group_ingress_rule']!).filter(
      (rule) => rule['security_group_id'] === '${aws_security_group.database_security_group.id}',
    );
    expect(databaseRules).toEqual([
      expect.objectContaining({
        referenced_security_group_id: '${aws_security_group.tasks_security_group.id}',
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
      }),
    ]);
  });
});
