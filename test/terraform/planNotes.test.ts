import { describe, expect, it } from 'vitest';
import { findTrafficRisks, guardPlan } from '../../src/terraform/guard.js';
import { planNotes } from '../../src/terraform/planNotes.js';
import { componentOf } from '../../src/terraform/components.js';
import { resourceChange } from '../helpers/planChanges.js';

const change = resourceChange;

const addDomain = [
  change('aws_acm_certificate.certificate', 'create'),
  change('aws_route53_record.certificate_validation_record', 'create'),
  change('aws_acm_certificate_validation.certificate_validation', 'create'),
  change('aws_lb_listener.https', 'create'),
  change('aws_route53_record.alias_a', 'create'),
  change('aws_route53_record.alias_aaaa', 'create'),
  change('aws_lb_listener.http', 'update'),
  change('aws_vpc_security_group_ingress_rule.alb_https_from_internet', 'create'),
];

describe('planNotes', () => {
  it('explains a domain added to an existing environment: in place, nothing replaced', () => {
    const [note] = planNotes({ changes: addDomain }, { domain: 'shop.example.com', strategy: 'rolling' });
    expect(note).toMatch(/^Adds https:\/\/shop\.example\.com: HTTPS on 443 with a new certificate, validated by a DNS record/);
    expect(note).toContain('HTTP on 80 then answers with a redirect to HTTPS');
    expect(note).toContain('A and AAAA ALIAS records');
    expect(note).toContain('nothing is replaced');
  });

  it('says so when an existing certificate is used', () => {
    const [note] = planNotes({ changes: addDomain.filter((c) => !c.type.startsWith('aws_acm')) }, { domain: 'shop.example.com' });
    expect(note).toContain('with your existing certificate');
  });

  it('explains a domain removed', () => {
    const removed = [change('aws_lb_listener.https', 'delete'), change('aws_route53_record.alias_a', 'delete'), change('aws_lb_listener.http', 'update')];
    expect(planNotes({ changes: removed })).toEqual([
      "Removes HTTPS: the listener on 443 and its ALIAS records are removed, so the name stops pointing at the load balancer; HTTP on 80 serves the app again on the load balancer's own name. Nothing else is replaced.",
    ]);
  });

  it('explains a service replaced by a change of deployment controller, and that traffic keeps flowing', () => {
    const notes = planNotes({
      changes: [change('aws_ecs_service.web', 'replace', { replaceOrder: 'create-first', changedAttributes: ['deployment_controller', 'name'] })],
    });
    expect(notes).toEqual([
      'aws_ecs_service.web is replaced because its deployment controller changes (rolling ↔ blue/green through CodeDeploy), which AWS cannot change on a running service. The new service is created under a new name and its tasks registered in the same target group before the old service is removed, so requests keep being served throughout.',
    ]);
    expect(planNotes({ changes: [change('aws_ecs_service.web', 'replace', { replaceOrder: 'delete-first' })] })[0]).toContain('the app does not answer until the new tasks are healthy');
  });

  it('says when a blue/green environment\'s new task definition goes live', () => {
    const notes = planNotes({ changes: [change('aws_ecs_task_definition.web', 'create')] }, { strategy: 'blueGreen', branch: 'main' });
    expect(notes[0]).toContain('goes live with the next deployment (the next push to main');
    expect(planNotes({ changes: [change('aws_ecs_task_definition.web', 'create')] }, { strategy: 'rolling' })).toEqual([]);
  });

  it('has nothing to say about an ordinary plan', () => {
    expect(planNotes({ changes: [change('aws_db_instance.database', 'update')] }, { domain: 'shop.example.com' })).toEqual([]);
  });
});

describe('the guard on traffic', () => {
  it('blocks a serving resource destroyed before its replacement exists, like data loss', () => {
    const result = guardPlan({ changes: [change('aws_ecs_service.web', 'replace', { replaceOrder: 'delete-first' })] });
    expect(result.ok).toBe(false);
    expect(result.blocked[0]!.reason).toBe("aws_ecs_service.web will be replaced, the old one destroyed first: the app does not answer until the new service's tasks are healthy.");
    expect(guardPlan({ changes: [change('aws_ecs_service.web', 'replace', { replaceOrder: 'delete-first' })] }, ['aws_ecs_service.web']).ok).toBe(true);
  });

  it('lets a replacement created first through, and says why traffic keeps flowing', () => {
    const result = guardPlan({ changes: [change('aws_ecs_service.web', 'replace', { replaceOrder: 'create-first' })] });
    expect(result.ok).toBe(true);
    expect(result.traffic).toEqual(['aws_ecs_service.web will be replaced, the new one created first: traffic keeps being served while it moves over.']);
    expect(findTrafficRisks([change('aws_lb_listener.http', 'update')])).toEqual({ findings: [], notices: [] });
  });
});

describe('components of the new resources', () => {
  it('groups the domain with the load balancer and the release machinery with the pipeline', () => {
    expect(componentOf('aws_acm_certificate', 'certificate')).toBe('loadBalancer');
    expect(componentOf('aws_route53_record', 'alias_a')).toBe('loadBalancer');
    expect(componentOf('aws_codedeploy_deployment_group', 'deploy_group')).toBe('pipeline');
    expect(componentOf('aws_cloudwatch_metric_alarm', 'deploy_target_5xx')).toBe('pipeline');
    expect(componentOf('aws_cloudwatch_metric_alarm', 'cpu_high')).toBe('scaling');
    expect(componentOf('aws_iam_role', 'codedeploy_role')).toBe('pipeline');
  });
});
