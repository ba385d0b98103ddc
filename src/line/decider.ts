/**
 * Line mode's answers, asked one line at a time on the terminal that listr2's
 * simple renderer writes its lines to: nothing redraws, so a prompt needs no
 * turn of its own. Data loss and destroy are confirmed by typing the exact
 * name, as in the full-screen run view, and none of these questions can be
 * answered ahead: what was typed before the question appeared is dropped.
 */
import { confirmationWord, declined, type Decider, type Decision, type DecisionRequest } from '../tasks/decisions.js';
import { EXIT } from '../errors.js';
import { isPromptCancel, type Prompts } from './prompts.js';

/**
 * The question. What it is about is on the lines just above: the run prints
 * the plan, the guard's findings and what blocks a destroy as they come.
 */
export function decisionText(request: DecisionRequest): string {
  switch (request.kind) {
    case 'approve-plan':
      return `Apply these changes to ${request.environment}?`;
    case 'allow-data-loss':
      return `Type ${request.finding.address} to accept losing it (Enter on an empty line keeps it and stops)`;
    case 'confirm-destroy':
      return `Type ${request.environment} to destroy it (Enter on an empty line cancels)`;
  }
}

const HELP: Readonly<Record<DecisionRequest['kind'], string>> = {
  'approve-plan': 'y applies the plan shown above, exactly as reviewed; n or Enter changes nothing.',
  'allow-data-loss': 'Terraform destroys this resource and creates a new, empty one: its data is lost. Type its address exactly to allow it.',
  'confirm-destroy': 'Every resource of the environment listed above is deleted. Type the environment name exactly to go ahead.',
};

export function lineDecider(prompts: Prompts): Decider {
  return {
    async decide(request): Promise<Decision> {
      try {
        return await ask(prompts, request);
      } catch (error) {
        // Ctrl-C at a prompt. Nothing ran yet.
        if (isPromptCancel(error)) return { approved: false, reason: 'Cancelled at the prompt; nothing was changed.', exitCode: EXIT.interrupted };
        throw error;
      }
    },
  };
}

async function ask(prompts: Prompts, request: DecisionRequest): Promise<Decision> {
  const word = confirmationWord(request);
  const help = HELP[request.kind];
  if (word === undefined) {
    const yes = await prompts.confirm({ message: decisionText(request), default: false, help, fresh: true });
    return yes ? { approved: true } : declined(request);
  }
  let kept = false;
  await prompts.input({
    message: decisionText(request),
    help,
    fresh: true,
    // A near miss confirms nothing and asks again; an empty line is the way out.
    validate: (typed) => {
      if (typed === '') return (kept = true);
      return typed === word || `"${typed}" is not ${word}: nothing was confirmed. Type it exactly, or Enter on an empty line.`;
    },
  });
  return kept ? declined(request) : { approved: true };
}
