/** One resource change as the plan reader summarizes it, for tests of what reads plans (the guard, the plan notes). */
import { componentOf } from '../../src/terraform/components.js';
import type { ResourceChangeSummary } from '../../src/terraform/planReader.js';

/** A change of `address` (`type.name`, or `data.type.name`); `extra` overrides any field. */
export function resourceChange(address: string, action: ResourceChangeSummary['action'] = 'delete', extra: Partial<ResourceChangeSummary> = {}): ResourceChangeSummary {
  const data = address.startsWith('data.');
  const [type = '', name = ''] = (data ? address.slice('data.'.length) : address).split('.');
  return {
    address,
    previousAddress: undefined,
    moduleAddress: undefined,
    mode: data ? 'data' : 'managed',
    type,
    name,
    providerName: 'registry.terraform.io/hashicorp/aws',
    component: componentOf(type, name),
    action,
    actions: action === 'replace' ? ['delete', 'create'] : [action],
    replaceOrder: undefined,
    actionReason: undefined,
    reasonText: undefined,
    replacePaths: [],
    changedAttributes: [],
    before: null,
    after: null,
    importing: false,
    deposed: undefined,
    ...extra,
  };
}
