/**
 * The first question when ecs-wizard.json exists: what to do with it.
 * Shared by the Ink start screen and plain mode.
 */
import type { Config } from '../config/index.js';
import type { Choice } from './types.js';

export type StartChoice =
  | { readonly kind: 'modify' | 'plan' | 'apply' | 'destroy'; readonly environment: string }
  | { readonly kind: 'add' };

const VERBS = {
  modify: ['Modify', 'change its answers, review the differences'],
  plan: ['Plan', 'show what Terraform would change; changes nothing'],
  apply: ['Apply', 'plan, show the changes, ask, then apply'],
  destroy: ['Destroy', 'plan the deletion of everything, ask, then destroy'],
} as const;

export function startChoices(config: Config): Choice[] {
  const perEnvironment = Object.keys(config.environments).flatMap((environment) =>
    (Object.keys(VERBS) as Array<keyof typeof VERBS>).map((kind) => ({
      value: `${kind}:${environment}`,
      label: `${VERBS[kind][0]} ${environment}`,
      hint: VERBS[kind][1],
    })),
  );
  return [...perEnvironment, { value: 'add', label: 'Add an environment', hint: 'another copy of the stack, e.g. staging' }];
}

export function parseStartChoice(value: string): StartChoice {
  if (value === 'add') return { kind: 'add' };
  const [kind, ...rest] = value.split(':');
  if (kind === 'modify' || kind === 'plan' || kind === 'apply' || kind === 'destroy') return { kind, environment: rest.join(':') };
  throw new Error(`unknown start choice ${value}`);
}
