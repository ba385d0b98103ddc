// Contexts and walks shared by the wizard, screen and plain-mode tests.
import { parseConfig, presetConfig, type Config } from '../../src/config/index.js';
import { createWizardState, wizardReducer, type WizardEvent, type WizardState } from '../../src/wizard/reducer.js';
import type { WizardContext, WizardDefaults } from '../../src/wizard/types.js';

export const DEFAULTS: WizardDefaults = {
  appName: 'shop',
  region: 'eu-west-1',
  branch: 'main',
  github: { owner: 'acme', repo: 'shop', branch: 'main' },
};

export const NEW: WizardContext = { mode: 'new', defaults: DEFAULTS };

/** A saved starter project, as cli.ts would hand it over after parseConfig. */
export function existingConfig(): Config {
  const input = presetConfig('starter', {
    appName: 'shop',
    environment: 'production',
    region: 'eu-west-1',
    github: { owner: 'acme', repo: 'shop', branch: 'main' },
  });
  const result = parseConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

export const modifyContext = (): WizardContext => ({ mode: 'modify', defaults: DEFAULTS, existing: existingConfig(), environment: 'production' });
export const addContext = (): WizardContext => ({ mode: 'add', defaults: DEFAULTS, existing: existingConfig() });

export function run(state: WizardState, ...events: WizardEvent[]): WizardState {
  return events.reduce(wizardReducer, state);
}

export function start(context: WizardContext = NEW): WizardState {
  return createWizardState(context);
}
