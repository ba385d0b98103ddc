/**
 * Line mode's answers: asked one at a time through listr2's inquirer prompt
 * adapter, so the prompt takes its turn in listr2's own renderer instead of
 * fighting it for the terminal. Data loss and destroy are confirmed by typing
 * the exact name, as in the full-screen wizard.
 */
import { confirm, input } from '@inquirer/prompts';
import { ListrInquirerPromptAdapter } from '@listr2/prompt-adapter-inquirer';
import type { ListrTaskWrapper } from 'listr2';
import { confirmationWord, type Decider, type Decision, type DecisionRequest } from '../tasks/decisions.js';
import { guardLines, planLines } from '../tasks/planText.js';
import { guardPlan } from '../terraform/guard.js';

type PromptTask = ListrTaskWrapper<unknown, never, never>;

/** What the person reads before answering. */
export function decisionText(request: DecisionRequest): string {
  switch (request.kind) {
    case 'approve-plan':
      return [...planLines(request.summary, request.environment), `Apply these changes to ${request.environment}?`].join('\n');
    case 'allow-data-loss':
      return `${request.finding.reason}\nType ${request.finding.address} to accept losing it, or anything else to stop:`;
    case 'confirm-destroy':
      return [
        ...planLines(request.summary, request.environment, true),
        ...guardLines(guardPlan(request.summary)),
        ...request.blockers.map((blocker) => `  ! ${blocker}`),
        `Type ${request.environment} to destroy it, or anything else to stop:`,
      ].join('\n');
  }
}

export function lineDecider(): Decider {
  return {
    async decide(request, task): Promise<Decision> {
      try {
        return await ask(request, task as PromptTask);
      } catch (error) {
        // Ctrl-C at a prompt: inquirer rejects with ExitPromptError. Nothing ran yet.
        if ((error as Error).name === 'ExitPromptError') return { approved: false, reason: 'Cancelled at the prompt; nothing was changed.', exitCode: 130 };
        throw error;
      }
    },
  };
}

async function ask(request: DecisionRequest, task: PromptTask): Promise<Decision> {
  const prompt = task.prompt(ListrInquirerPromptAdapter);
  const word = confirmationWord(request);
  if (word === undefined) {
    const yes = await prompt.run(confirm, { message: decisionText(request), default: false });
    return yes ? { approved: true } : { approved: false, reason: 'You did not approve the plan; nothing was applied.', exitCode: 0 };
  }
  const typed = await prompt.run(input, { message: decisionText(request) });
  return typed.trim() === word
    ? { approved: true }
    : { approved: false, reason: `"${typed.trim()}" is not "${word}"; nothing was changed.`, exitCode: request.kind === 'allow-data-loss' ? 3 : 0 };
}
