/**
 * The whole stack with a domain and each deployment strategy, for each
 * preset; and an environment with blue/green copies as the stacks it becomes
 * (its shared layer and a stack per copy), checked against the single stack
 * it was adopted from: same addresses, same names, nothing to replace.
 */
import { describe, expect, test } from 'vitest';
import type { Config, PresetName } from '../../src/config/index.js';
import { COPY_VALUE_SOURCES, parseCopyVariable } from '../../src/infra/contract.js';
import { addresses, ENV, presetFixture, resource, synthStack, type TerraformJson } from '../helpers/infraSynth.js';
import { parseTemplateJson, securityFindings, type PlanJson } from '../helpers/securityFindings.js';

const DOMAIN = 'shop.example.com';
const ZONE = 'Z0123456789ABCDEFGHIJ';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const PRESETS: PresetName[] = ['starter', 'production'];
type Domain = 'none' | 'created' | 'existing';
type Strategy = 'rolling' | 'blueGreen';

function fixture(preset: PresetName, domain: Domain, strategy: Strategy, more: (env: any) => void = () => {}): Config {
  return presetFixture(preset, (_, env) => {
    if (domain !== 'none') env.domain = { name: DOMAIN, hostedZoneId: ZONE, ...(domain === 'existing' ? { certificateArn: CERT } : {}) };
    env.deployment = { strategy };
    more(env);
  });
}

const of = (json: TerraformJson, type: string) => json.resource[type] ?? {};
const worldRules = (json: TerraformJson) =>
  Object.entries(of(json, 'aws_vpc_security_group_ingress_rule'))
    .filter(([, rule]) => rule['cidr_ipv4'] === '0.0.0.0/0' || rule['cidr_ipv6'] === '::/0')
    .map(([name, rule]) => `${name}:${rule['from_port']}:${rule['cidr_ipv4'] ?? rule['cidr_ipv6']}`)
    .sort();
const deployAction = (json: TerraformJson) => {
  const stages = resource(json, 'aws_codepipeline', 'pipeline')['stage'] as Array<{ name: string; action: Array<Record<string, any>> }>;
  return stages.find((stage) => stage.name === 'Deploy')!.action.find((action) => action['category'] === 'Deploy')!;
};
/** The plan's checks of role policies, on the synthesized policies (a plan reads the same text from the configuration). */
const policyFindings = (json: TerraformJson) => {
  const plan: PlanJson = {
    resource_changes: Object.entries(of(json, 'aws_iam_role_policy')).map(([name, body]) => ({
      address: `aws_iam_role_policy.${name}`,
      type: 'aws_iam_role_policy',
      change: { actions: ['create'], after: { policy: body['policy'] } },
    })),
  };
  return securityFindings(plan).map((finding) => `${finding.address}: ${finding.message}`);
};
const buildVariables = (json: TerraformJson) =>
  Object.fromEntries(
    (resource(json, 'aws_codebuild_project', 'build')['environment'].environment_variable as Array<{ name: string; value: string }>).map((entry) => [entry.name, entry.value]),
  );

describe.each(PRESETS)('EnvironmentStack with a domain and a strategy: %s', (preset) => {
  describe.each(['none', 'created', 'existing'] as Domain[])('domain %s', (domain) => {
    describe.each(['rolling', 'blueGreen'] as Strategy[])('%s', (strategy) => {
      const json = synthStack(fixture(preset, domain, strategy));
      const https = domain !== 'none';
      const blueGreen = strategy === 'blueGreen';

      test('no data source: the plan runs offline', () => {
        expect(json.data).toBeUndefined();
      });

      test('every role policy names a resource for each action that takes one, and none for those that take none', () => {
        expect(policyFindings(json)).toEqual([]);
      });

      test('the internet reaches the load balancer on 80, and 443 with a domain (over IPv6 too), nothing else', () => {
        const expected = https
          ? ['alb_http_from_internet:80:0.0.0.0/0', 'alb_http_from_internet_ipv6:80:::/0', 'alb_https_from_internet:443:0.0.0.0/0', 'alb_https_from_internet_ipv6:443:::/0']
          : ['alb_http_from_internet:80:0.0.0.0/0'];
        expect(worldRules(json)).toEqual(expected);
        for (const name of Object.keys(of(json, 'aws_vpc_security_group_ingress_rule')).filter((name) => name.endsWith('_from_internet') || name.endsWith('_ipv6'))) {
          expect(resource(json, 'aws_vpc_security_group_ingress_rule', name)['security_group_id']).toBe('${aws_security_group.alb_security_group.id}');
        }
        expect(resource(json, 'aws_lb', 'alb')['ip_address_type']).toBe(https ? 'dualstack' : 'ipv4');
      });

      test('the listeners: HTTPS on 443 and a 301 on 80 with a domain, plain HTTP without', () => {
        const listeners = of(json, 'aws_lb_listener');
        const http = listeners['http']!;
        expect(http['port']).toBe(80);
        if (https) {
          expect(http['default_action']).toEqual([{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }]);
          expect(listeners['https']).toMatchObject({
            port: 443,
            protocol: 'HTTPS',
            ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            certificate_arn: domain === 'existing' ? CERT : '${aws_acm_certificate_validation.certificate_validation.certificate_arn}',
            default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.web.arn}' }],
          });
        } else {
          expect(http['default_action']).toEqual([{ type: 'forward', target_group_arn: '${aws_lb_target_group.web.arn}' }]);
          expect(listeners['https']).toBeUndefined();
        }
        const test = listeners['test'];
        if (blueGreen) {
          expect(test).toMatchObject({ port: https ? 8443 : 8080, protocol: https ? 'HTTPS' : 'HTTP', default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.web2.arn}' }] });
          // CodeDeploy swaps the target groups of the production and test listeners.
          expect(test!['lifecycle']).toEqual({ ignore_changes: ['default_action'] });
          expect(listeners[https ? 'https' : 'http']!['lifecycle']).toEqual({ ignore_changes: ['default_action'] });
        } else {
          expect(test).toBeUndefined();
          for (const listener of Object.values(listeners)) expect(listener['lifecycle']).toBeUndefined();
        }
        // The service waits for every listener that uses its target groups.
        expect(resource(json, 'aws_ecs_service', 'web')['depends_on']).toEqual(Object.keys(listeners).map((name) => `aws_lb_listener.${name}`));
      });

      test('the certificate: created and validated by DNS in the zone, or the existing one, or none', () => {
        if (domain === 'created') {
          expect(resource(json, 'aws_acm_certificate', 'certificate')).toMatchObject({ domain_name: DOMAIN, validation_method: 'DNS' });
          expect(resource(json, 'aws_route53_record', 'certificate_validation_record')).toMatchObject({ zone_id: ZONE, allow_overwrite: true });
          expect(resource(json, 'aws_acm_certificate_validation', 'certificate_validation')).toMatchObject({
            certificate_arn: '${aws_acm_certificate.certificate.arn}',
            validation_record_fqdns: ['${aws_route53_record.certificate_validation_record.fqdn}'],
          });
        } else {
          expect(json.resource['aws_acm_certificate']).toBeUndefined();
          expect(json.resource['aws_acm_certificate_validation']).toBeUndefined();
        }
      });

      test('ALIAS A and AAAA records for the name, at the load balancer, evaluating target health; https:// in the outputs', () => {
        const records = Object.entries(of(json, 'aws_route53_record')).filter(([name]) => name.startsWith('alias_'));
        if (!https) {
          expect(records).toEqual([]);
          expect(json.output!['app_url']!.value).toBe('http://${aws_lb.alb.dns_name}');
          return;
        }
        expect(records.map(([name]) => name).sort()).toEqual(['alias_a', 'alias_aaaa']);
        for (const [name, record] of records) {
          const { '//': _, ...body } = record;
          expect(body).toEqual({
            zone_id: ZONE,
            name: DOMAIN,
            type: name === 'alias_a' ? 'A' : 'AAAA',
            set_identifier: 'blue',
            weighted_routing_policy: { weight: 100 },
            alias: { name: '${aws_lb.alb.dns_name}', zone_id: '${aws_lb.alb.zone_id}', evaluate_target_health: true },
          });
        }
        expect(json.output!['app_url']!.value).toBe(`https://${DOMAIN}`);
      });

      test('the service and the pipeline follow the strategy', () => {
        const service = resource(json, 'aws_ecs_service', 'web');
        const groups = Object.keys(of(json, 'aws_lb_target_group')).sort();
        const action = deployAction(json);
        if (!blueGreen) {
          expect(service['deployment_controller']).toBeUndefined();
          expect(service['deployment_circuit_breaker']).toEqual({ enable: true, rollback: true });
          expect(groups).toEqual(['web']);
          expect(json.resource['aws_codedeploy_app']).toBeUndefined();
          expect(action).toMatchObject({ provider: 'ECS', configuration: { FileName: 'imagedefinitions.json' } });
          expect(buildVariables(json)['CODEDEPLOY_FAMILIES']).toBeUndefined();
          return;
        }
        expect(service).toMatchObject({ name: 'shop-production-web-bg', deployment_controller: { type: 'CODE_DEPLOY' } });
        expect(groups).toEqual(['web', 'web2']);
        const group = resource(json, 'aws_codedeploy_deployment_group', 'deploy_group');
        expect(group).toMatchObject({
          app_name: '${aws_codedeploy_app.deploy.name}',
          deployment_config_name: 'CodeDeployDefault.ECSAllAtOnce',
          deployment_style: { deployment_option: 'WITH_TRAFFIC_CONTROL', deployment_type: 'BLUE_GREEN' },
          auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
          ecs_service: { cluster_name: '${aws_ecs_cluster.cluster.name}', service_name: '${aws_ecs_service.web.name}' },
          blue_green_deployment_config: { terminate_blue_instances_on_deployment_success: { action: 'TERMINATE', termination_wait_time_in_minutes: 5 } },
        });
        const pair = group['load_balancer_info'].target_group_pair_info;
        expect(pair.prod_traffic_route.listener_arns).toEqual([`\${aws_lb_listener.${https ? 'https' : 'http'}.arn}`]);
        expect(pair.test_traffic_route.listener_arns).toEqual(['${aws_lb_listener.test.arn}']);
        expect(pair.target_group).toEqual([{ name: '${aws_lb_target_group.web.name}' }, { name: '${aws_lb_target_group.web2.name}' }]);
        // Target 5xx, and unhealthy hosts in either target group.
        expect(group['alarm_configuration']).toEqual({
          enabled: true,
          alarms: ['deploy_target_5xx', 'deploy_unhealthy_1', 'deploy_unhealthy_2'].map((name) => `\${aws_cloudwatch_metric_alarm.${name}.alarm_name}`),
        });
        expect(resource(json, 'aws_cloudwatch_metric_alarm', 'deploy_target_5xx')).toMatchObject({ metric_name: 'HTTPCode_Target_5XX_Count', dimensions: { LoadBalancer: '${aws_lb.alb.arn_suffix}' } });
        expect(resource(json, 'aws_cloudwatch_metric_alarm', 'deploy_unhealthy_2')).toMatchObject({ metric_name: 'UnHealthyHostCount', dimensions: { TargetGroup: '${aws_lb_target_group.web2.arn_suffix}' } });
        expect(action).toMatchObject({
          provider: 'CodeDeployToECS',
          configuration: { TaskDefinitionTemplatePath: 'taskdef-1.json', AppSpecTemplatePath: 'appspec-1.yaml', Image1ContainerName: 'IMAGE1_NAME' },
        });
        expect(buildVariables(json)).toMatchObject({ CODEDEPLOY_FAMILIES: '${aws_ecs_task_definition.web.family}', CODEDEPLOY_PORTS: '3000' });
        // The test listener is closed to everyone unless deployment.testCidrs lists a range.
        expect(Object.keys(of(json, 'aws_vpc_security_group_ingress_rule')).filter((name) => name.startsWith('alb_test'))).toEqual([]);
      });
    });
  });
});

describe('EnvironmentStack: deployment settings reach CodeDeploy', () => {
  test('traffic, keepOldMinutes and testCidrs', () => {
    const json = synthStack(
      fixture('production', 'created', 'blueGreen', (env) => {
        env.deployment = { strategy: 'blueGreen', traffic: 'CodeDeployDefault.ECSCanary10Percent5Minutes', keepOldMinutes: 60, testCidrs: ['203.0.113.0/24', '198.51.100.7/32'] };
      }),
    );
    expect(resource(json, 'aws_codedeploy_deployment_group', 'deploy_group')).toMatchObject({
      deployment_config_name: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      blue_green_deployment_config: { terminate_blue_instances_on_deployment_success: { termination_wait_time_in_minutes: 60 } },
    });
    const tests = Object.entries(of(json, 'aws_vpc_security_group_ingress_rule')).filter(([name]) => name.startsWith('alb_test'));
    expect(tests.map(([, rule]) => [rule['cidr_ipv4'], rule['from_port'], rule['to_port']])).toEqual([
      ['203.0.113.0/24', 8443, 8443],
      ['198.51.100.7/32', 8443, 8443],
    ]);
  });
});

describe('EnvironmentStack: blue/green copies of the serving layer', () => {
  const single = synthStack(fixture('production', 'created', 'blueGreen'));
  const split = (copies: Record<string, unknown>) => {
    const config = fixture('production', 'created', 'blueGreen', (env) => {
      env.copies = copies;
    });
    return { shared: synthStack(config, ENV), blue: synthStack(config, `${ENV}.blue`), green: (() => {
      try {
        return synthStack(config, `${ENV}.green`);
      } catch {
        return undefined;
      }
    })() };
  };
  const during = split({ live: 'blue', next: 'green', nextWeight: 10 });

  test('adoption moves state only: the single stack\'s resources are the shared layer\'s and blue\'s, disjoint, at the same addresses', () => {
    const adopted = split({ live: 'blue' });
    const shared = addresses(adopted.shared);
    const blue = addresses(adopted.blue);
    expect(adopted.green).toBeUndefined();
    expect(shared.filter((address) => blue.includes(address))).toEqual([]);
    expect([...shared, ...blue].sort()).toEqual(addresses(single).sort());
  });

  test('blue keeps every name the environment had: nothing is renamed, so nothing is replaced', () => {
    const adopted = split({ live: 'blue' });
    const named = (json: TerraformJson) =>
      Object.fromEntries(
        addresses(json).flatMap((address) => {
          const [type, name] = address.split('.') as [string, string];
          const body = json.resource[type]![name]!;
          const value = body['name'] ?? body['identifier'] ?? body['family'] ?? body['alarm_name'] ?? body['deployment_group_name'];
          return value === undefined ? [] : [[address, value]];
        }),
      );
    expect({ ...named(adopted.shared), ...named(adopted.blue) }).toEqual(named(single));
  });

  test('the shared layer holds network, database, images, certificate, pipeline and records; a copy the serving layer', () => {
    const types = (json: TerraformJson) => new Set(Object.keys(json.resource));
    const shared = types(during.shared);
    for (const type of ['aws_vpc', 'aws_db_instance', 'aws_ecr_repository', 'aws_acm_certificate', 'aws_codepipeline', 'aws_route53_record']) expect(shared).toContain(type);
    for (const type of ['aws_lb', 'aws_ecs_service', 'aws_ecs_cluster', 'aws_codedeploy_app']) expect(shared).not.toContain(type);
    for (const copy of [during.blue, during.green!]) {
      const serving = types(copy);
      for (const type of ['aws_lb', 'aws_lb_listener', 'aws_ecs_service', 'aws_ecs_cluster', 'aws_ecs_task_definition', 'aws_appautoscaling_target', 'aws_codedeploy_app']) expect(serving).toContain(type);
      for (const type of ['aws_vpc', 'aws_subnet', 'aws_db_instance', 'aws_ecr_repository', 'aws_acm_certificate', 'aws_codepipeline', 'aws_route53_record']) expect(serving).not.toContain(type);
      expect(copy.data).toBeUndefined();
    }
    expect(during.shared.data).toBeUndefined();
  });

  test('green\'s names are its own, so both copies fit in one account', () => {
    expect(resource(during.green!, 'aws_lb', 'alb')['name']).toBe('shop-production-green-alb');
    expect(resource(during.green!, 'aws_ecs_cluster', 'cluster')['name']).toBe('shop-production-green-cluster');
    expect(resource(during.blue, 'aws_ecs_cluster', 'cluster')['name']).toBe('shop-production-cluster');
    // Each copy lets its own tasks into the shared database group.
    for (const copy of [during.blue, during.green!]) {
      expect(resource(copy, 'aws_vpc_security_group_ingress_rule', 'database_from_tasks')).toMatchObject({
        security_group_id: '${var.database_security_group_id}',
        referenced_security_group_id: '${aws_security_group.tasks_security_group.id}',
      });
    }
  });

  test('weighted records per copy in the shared layer, pointed at each copy\'s load balancer', () => {
    const records = of(during.shared, 'aws_route53_record');
    expect(records['alias_a']).toMatchObject({ set_identifier: 'blue', weighted_routing_policy: { weight: 90 }, alias: { name: '${var.copy_blue_alb_dns_name}', zone_id: '${var.copy_blue_alb_zone_id}' } });
    expect(records['alias_aaaa']).toMatchObject({ set_identifier: 'blue', weighted_routing_policy: { weight: 90 } });
    expect(records['alias_a_green']).toMatchObject({ set_identifier: 'green', weighted_routing_policy: { weight: 10 }, alias: { name: '${var.copy_green_alb_dns_name}' } });
    expect(records['alias_aaaa_green']).toMatchObject({ type: 'AAAA', set_identifier: 'green', weighted_routing_policy: { weight: 10 } });
    // A copy still being created has no records yet.
    const coming = split({ live: 'blue', next: 'green' });
    expect(Object.keys(of(coming.shared, 'aws_route53_record')).filter((name) => name.startsWith('alias_')).sort()).toEqual(['alias_a', 'alias_aaaa']);
  });

  test('the pipeline deploys to the copy that follows ecs-wizard.json: green once it has records', () => {
    expect(deployAction(during.shared)['configuration']).toMatchObject({ ApplicationName: '${var.copy_green_codedeploy_app_name}', DeploymentGroupName: '${var.copy_green_codedeploy_group_name}' });
    const coming = split({ live: 'blue', next: 'green' });
    expect(deployAction(coming.shared)['configuration']).toMatchObject({ ApplicationName: '${var.copy_blue_codedeploy_app_name}' });
  });

  test('the pipeline tags only the new revisions of the copy it deploys to, and watches only that copy\'s tasks', () => {
    const statements = Object.fromEntries(
      (parseTemplateJson(resource(during.shared, 'aws_iam_role_policy', 'pipeline_role_policy')['policy'])!['Statement'] as Array<Record<string, any>>).map((s) => [s['Sid'], s]),
    );
    expect(statements['TagDeployRevision']).toMatchObject({ Resource: '${local.deploy_task_definitions}', Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } } });
    expect(during.shared.locals?.['deploy_task_definitions']).toBe(
      '${replace(var.copy_green_cluster_arn, ":cluster/${var.copy_green_cluster_name}", ":task-definition/${var.copy_green_web_task_definition_family}")}:*',
    );
    expect(statements['WatchDeploy']).toMatchObject({ Action: 'ecs:ListTasks', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': '${var.copy_green_cluster_arn}' } } });
    expect(statements['WatchDeployTasks']).toMatchObject({ Action: 'ecs:DescribeTasks', Resource: '${local.cluster_task_arns}' });
    expect(during.shared.locals?.['cluster_task_arns']).toBe('${replace(var.copy_green_cluster_arn, ":cluster/", ":task/")}/*');
    // A rolling environment's copies too: the family is read from the copy's state either way.
    const rolling = synthStack(fixture('production', 'none', 'rolling', (env) => (env.copies = { live: 'blue' })), ENV);
    expect(rolling.locals?.['deploy_task_definitions']).toBe(
      '${replace(var.copy_blue_cluster_arn, ":cluster/${var.copy_blue_cluster_name}", ":task-definition/${var.copy_blue_web_task_definition_family}")}:*',
    );
  });

  test('Start raises the scalable target of the copy the pipeline deploys to, and only that one', () => {
    const statements = (json: TerraformJson) =>
      Object.fromEntries(
        (JSON.parse(resource(json, 'aws_iam_role_policy', 'start_role_policy')['policy']).Statement as Array<Record<string, any>>).map((s) => [s['Sid'], s]),
      );
    expect(statements(single)['StartService']).toMatchObject({
      Action: 'application-autoscaling:RegisterScalableTarget',
      Resource: '${aws_appautoscaling_target.autoscaling_target.arn}',
    });
    expect(statements(single)['ScaleService']!['Resource']).toBe('${aws_ecs_service.web.id}');
    expect(statements(during.shared)['StartService']!['Resource']).toBe('${var.copy_green_scalable_target_arn}');
    expect(statements(during.shared)['ScaleService']!['Resource']).toBe('${var.copy_green_service_arn}');
    expect(resource(during.shared, 'aws_codebuild_project', 'start')['service_role']).toBe('${aws_iam_role.start_role.arn}');
  });

  test('every value crossing between the stacks has a source: a shared output per copy variable, a state attribute per shared variable', () => {
    const sharedOutputs = Object.keys(during.shared.output ?? {});
    for (const copy of [during.blue, during.green!]) {
      // Those with a default are the copy's own (deletion protection for the destroy flow, the first image tag).
      const fromShared = Object.entries(copy.variable ?? {}).filter(([, declared]) => declared.default === undefined);
      expect(fromShared.length).toBeGreaterThan(5);
      for (const [variable] of fromShared) expect(sharedOutputs, `copy variable ${variable}`).toContain(variable);
    }
    const copyVariables = Object.keys(during.shared.variable ?? {}).flatMap((name) => {
      const parsed = parseCopyVariable(name);
      return parsed ? [parsed] : [];
    });
    expect(copyVariables.length).toBeGreaterThan(0);
    for (const { copy, output } of copyVariables) {
      const source = (COPY_VALUE_SOURCES as Record<string, { address: string; attribute: string }>)[output];
      expect(source, `no state source for copy_${copy}_${output}`).toBeDefined();
      const [type, name] = source!.address.split('.') as [string, string];
      expect(resource(copy === 'blue' ? during.blue : during.green!, type, name)).toBeDefined();
    }
  });

  test('the role policies of the shared layer and of each copy name their resources', () => {
    for (const json of [during.shared, during.blue, during.green!]) expect(policyFindings(json)).toEqual([]);
  });

  test('each copy has its own state', () => {
    const backends = [during.shared, during.blue, during.green!].map((json) => JSON.stringify(json.terraform?.['backend']));
    expect(new Set(backends).size).toBe(3);
  });
});
