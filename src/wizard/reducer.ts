/**
 * The wizard's reducer (src/wizard/machine.ts) with the schema's validation:
 * what plain mode and the tests drive. The Ink wizard builds the same one
 * once validation has loaded, after its first frame (src/hooks/useWizard.ts).
 */
import { wizardMachine } from './machine.js';
import { validateAnswers } from './validation.js';

export * from './machine.js';

export const wizardReducer = wizardMachine(validateAnswers);
