/**
 * Validation as the schema sees it: build the file the answers describe, run
 * parseConfig, and hang each problem on the question that can fix it. The
 * messages shown are the schema's own.
 */
import { configSchema, issueMessage, parseConfig, type Problem } from '../config/index.js';
import { schemaAt } from '../config/schemaWalk.js';
import { buildConfig, configPath, environmentKey, toConfigValue } from './answers.js';
import { QUESTIONS } from './questions.js';
import type { AnswerValue, Answers, FieldId, Question, WizardContext } from './types.js';

export interface WizardIssues {
  /** The first problem of each question that has one. */
  readonly fields: Partial<Record<FieldId, string>>;
  /** Problems no question can fix (a hand-edited part of the file). */
  readonly other: readonly Problem[];
}

const byLength = [...QUESTIONS].map((entry) => entry.id).sort((a, b) => b.length - a.length);

/** The question that owns a problem at this dotted config path. */
export function fieldForPath(path: string, key: string): FieldId | undefined {
  const prefix = `environments.${key}.`;
  let local: string;
  if (path.startsWith('app.')) local = path;
  else if (path.startsWith(prefix)) local = `env.${path.slice(prefix.length)}`;
  else if (path === `environments.${key}`) return 'wizard.environment';
  else return undefined;
  // Explicit subnets come from a hand-edited file: their count follows the
  // zones and their ranges the VPC, so those are the answers that fix them.
  if (/^env\.network\.(public|private)Subnets$/.test(local)) return 'env.availabilityZones';
  if (/^env\.network\.(public|private)Subnets\./.test(local)) return 'env.network.vpcCidr';
  if (local.startsWith('env.service.desiredCount')) return 'env.service.minCount';
  return byLength.find((id) => local === id || local.startsWith(`${id}.`));
}

/** The schema's own rule for environment names (the record's key). */
function environmentNameProblem(name: string): string | undefined {
  const result = configSchema.shape.environments.keyType.safeParse(name, { error: issueMessage });
  return result.success ? undefined : result.error.issues[0]?.message;
}

function placeholderKey(context: WizardContext): string {
  const taken = Object.keys(context.existing?.environments ?? {});
  return ['pending', 'pending-env', 'pending-new'].find((name) => !taken.includes(name)) ?? 'pending-x';
}

export function validateAnswers(answers: Answers, context: WizardContext): WizardIssues {
  const fields: Partial<Record<FieldId, string>> = {};
  const other: Problem[] = [];
  const name = environmentKey(answers, context);
  let nameProblem = environmentNameProblem(name);
  if (!nameProblem && context.mode === 'add' && context.existing && name in context.existing.environments) {
    nameProblem = `an environment named "${name}" already exists; choose another name, or modify it from the start menu`;
  }
  if (nameProblem) fields['wizard.environment'] = nameProblem;
  // While the name is unusable, check everything else under a stand-in name.
  const key = nameProblem ? placeholderKey(context) : name;
  const result = parseConfig(buildConfig(answers, context, key));
  if (result.ok) return { fields, other };
  for (const problem of result.problems) {
    const field = fieldForPath(problem.path, key);
    if (field === undefined) other.push(problem);
    else fields[field] ??= problem.message;
  }
  return { fields, other };
}

/**
 * The schema's verdict on one answer by itself, without the rules that tie
 * it to other answers. Plain mode checks this as each answer is typed, so
 * "minimum 3" is not refused only because the maximum, asked next, is still 2;
 * the rules across answers are checked when the step is complete.
 */
export function ownProblem(entry: Question, value: AnswerValue): string | undefined {
  if (entry.id === 'wizard.environment') return environmentNameProblem(String(value));
  if (entry.blankAllowed && typeof value === 'string' && value.trim() === '') return undefined;
  const path = configPath(entry.id, 'production');
  const schema = path ? schemaAt(configSchema, path) : undefined;
  if (!schema) return undefined;
  const result = schema.safeParse(toConfigValue(entry, value), { error: issueMessage });
  return result.success ? undefined : result.error.issues[0]?.message;
}
