/**
 * What a plan means for the people using the app, said before it is applied:
 * a domain arriving or leaving, a service replaced (and whether requests keep
 * being served meanwhile), a task definition that goes live only with the
 * next release. Pure: the plan's changes and a few facts of the config in,
 * sentences out.
 */
import type { PlanSummary, ResourceChangeSummary } from './planReader.js';

export interface PlanFacts {
  /** The environment's domain name after this plan, if it has one. */
  readonly domain?: string;
  /** How releases are deployed after this plan. */
  readonly strategy?: 'rolling' | 'blueGreen';
  /** The branch whose pushes deploy. */
  readonly branch?: string;
}

const is = (change: ResourceChangeSummary, type: string, name?: string) => change.type === type && (name === undefined || change.name === name);

export function planNotes(summary: Pick<PlanSummary, 'changes'>, facts: PlanFacts = {}): string[] {
  const notes: string[] = [];
  const changes = summary.changes.filter((change) => change.mode === 'managed' && change.action !== 'no-op' && change.action !== 'read');
  const created = (type: string, name?: string) => changes.some((change) => change.action === 'create' && is(change, type, name));
  const deleted = (type: string, name?: string) => changes.some((change) => change.action === 'delete' && is(change, type, name));
  const replaced = changes.filter((change) => change.action === 'replace');

  if (created('aws_lb_listener', 'https') && facts.domain) {
    const certificate = created('aws_acm_certificate')
      ? 'a new certificate, validated by a DNS record in your zone (the apply waits until ACM issues it, usually a few minutes)'
      : 'your existing certificate';
    const records = created('aws_route53_record', 'alias_a') ? ', and A and AAAA ALIAS records point the name at the load balancer' : '';
    notes.push(
      `Adds https://${facts.domain}: HTTPS on 443 with ${certificate}; HTTP on 80 then answers with a redirect to HTTPS${records}. The rest changes in place: nothing is replaced, the app keeps serving.`,
    );
  }
  if (deleted('aws_lb_listener', 'https')) {
    const records = deleted('aws_route53_record', 'alias_a') ? ' and its ALIAS records are removed, so the name stops pointing at the load balancer' : '';
    notes.push(
      `Removes HTTPS: the listener on 443${records}; HTTP on 80 serves the app again on the load balancer's own name. Nothing else is replaced.`,
    );
  }
  for (const change of replaced.filter((entry) => is(entry, 'aws_ecs_service'))) {
    const why = change.changedAttributes.includes('deployment_controller') || change.replacePaths.some((path) => path.startsWith('deployment_controller'))
      ? 'its deployment controller changes (rolling ↔ blue/green through CodeDeploy), which AWS cannot change on a running service'
      : change.reasonText ?? 'an attribute that cannot change in place changes';
    notes.push(
      change.replaceOrder === 'create-first'
        ? `${change.address} is replaced because ${why}. The new service is created under a new name and its tasks registered in the same target group before the old service is removed, so requests keep being served throughout.`
        : `${change.address} is replaced because ${why}, and the old service is removed first: the app does not answer until the new tasks are healthy.`,
    );
  }
  const newRevision = changes.some(
    (change) => is(change, 'aws_ecs_task_definition', 'web') && (change.action === 'create' || change.action === 'replace' || change.action === 'update'),
  );
  const serviceNew = changes.some((change) => is(change, 'aws_ecs_service') && (change.action === 'create' || change.action === 'replace'));
  if (facts.strategy === 'blueGreen' && newRevision && !serviceNew) {
    notes.push(
      `With blue/green releases CodeDeploy owns the running task set: this new task definition goes live with the next deployment (the next push to ${facts.branch ?? 'the branch'}, or "Release change" in CodePipeline), tested and shifted like any release.`,
    );
  }
  return notes;
}
