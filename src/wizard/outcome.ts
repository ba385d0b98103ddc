import { buildConfig, environmentKey } from './answers.js';
import type { WizardState } from './reducer.js';
import type { WizardAction, WizardOutcome } from './types.js';

/** What a finished walk hands to the CLI: the whole file, the environment, the action. */
export function outcomeOf(state: WizardState): WizardOutcome {
  return {
    kind: 'done',
    config: buildConfig(state.answers, state.context),
    environment: environmentKey(state.answers, state.context),
    action: state.answers['wizard.action'] as WizardAction,
  };
}
