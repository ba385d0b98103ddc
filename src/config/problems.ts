/**
 * Turns validation failures into one message per problem that names the
 * path, the bad value and a valid example, so a person (or CI log reader)
 * can fix the file without opening the docs.
 */
import type { z } from 'zod';
import { presetConfig } from './presets.js';
import { SECRET_NAME_PATTERN, configSchema } from './schema.js';
import { keysOf, schemaAt } from './schemaWalk.js';

export interface Problem {
  /** Dotted path, e.g. "environments.production.database.instanceClass"; "" for the whole file. */
  readonly path: string;
  readonly message: string;
  /** The value found there, when there was one. */
  readonly value?: unknown;
  /** A value that would be valid there. */
  readonly example?: unknown;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

const reference = presetConfig('starter', {
  appName: 'shop',
  environment: 'production',
  region: 'eu-west-1',
  github: { owner: 'acme', repo: 'shop' },
}) as Record<string, unknown>;

/**
 * The value at the same place in a valid config, environment names mapped to
 * "production". A short list of plain values is an example only of a shape
 * (`lists`, for a wrong type): its items may not suit the user's region.
 */
export function exampleAt(path: ReadonlyArray<PropertyKey>, lists = false): unknown {
  let current: unknown = reference;
  path.forEach((segment, index) => {
    const key = index === 1 && path[0] === 'environments' ? 'production' : String(segment);
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  });
  if (lists && Array.isArray(current) && current.length > 0 && current.every((item) => item === null || typeof item !== 'object')) {
    return current;
  }
  return current !== null && typeof current === 'object' ? undefined : current;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return current;
}

/** Closest known key by edit distance, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

const SUGGESTS = /(e\.g\.|valid:|choose one of|zones there|did you mean|is one of|one of "|is "|is \d)/;

/** What a value of each JSON type is called in a message. */
const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object of names and values',
  literal: 'a fixed value',
  null: 'null',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const plural = (count: number | bigint, one: string, many: string) => `${count} ${Number(count) === 1 ? one : many}`;

/**
 * Our sentence for each kind of problem zod finds where the schema gave no
 * message of its own: "must be a number, not text" instead of zod's
 * "Invalid input: expected number, received string". Passed to every parse
 * of the config (validate.ts), so no raw zod wording ever reaches a person.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return `must be ${expected}, not ${typeOf(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `needs at least ${plural(issue.minimum, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(issue.minimum, 'item', 'items')}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `is at most ${plural(issue.maximum, 'character', 'characters')} long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `has at most ${plural(issue.maximum, 'item', 'items')}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'has characters or a form that is not allowed here' : `is not a valid ${issue.format}`;
    case 'invalid_union':
      return 'does not match any of the forms allowed here';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_key':
      return 'is not a valid name here';
    case 'invalid_element':
      return 'holds a value that is not allowed here';
    default:
      return undefined;
  }
}

export function problemsFromZod(error: z.ZodError, input: unknown): Problem[] {
  const problems: Problem[] = [];
  // zod still runs length checks on a value of the wrong type ("eu-west-1a"
  // for the zone list also fails "at most 6"): the type is the one problem.
  const wrongType = new Set(error.issues.filter((issue) => issue.code === 'invalid_type').map((issue) => formatPath(issue.path)));
  for (const issue of error.issues) {
    if (issue.code !== 'invalid_type' && wrongType.has(formatPath(issue.path))) continue;
    if (issue.code === 'unrecognized_keys') {
      const known = keysOf(schemaAt(configSchema, issue.path.map(String)) ?? configSchema) ?? [];
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        problems.push({
          path: formatPath([...issue.path, key]),
          message: suggestion
            ? `unknown key "${shorten(key)}"; did you mean "${suggestion}"?`
            : `unknown key "${shorten(key)}"; keys here: ${known.join(', ')}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A bad name (of an environment, a variable): the key is the bad value,
      // and the key schema's own messages say what a good one looks like.
      problems.push({
        path: formatPath(issue.path),
        message: issue.issues.map((inner) => inner.message).join('; '),
        value: String(issue.path[issue.path.length - 1]),
      });
      continue;
    }
    const found = valueAt(input, issue.path);
    // Never echo what may be a credential into a terminal or CI log: the value
    // of a secret-looking name, or a non-ARN pasted into "secrets".
    const last = issue.path[issue.path.length - 1];
    const sensitive = typeof last === 'string' && (SECRET_NAME_PATTERN.test(last) || issue.path[issue.path.length - 2] === 'secrets');
    const value = sensitive && typeof found === 'string' ? undefined : found;
    // A message that already lists what is valid needs no generic example.
    const example = SUGGESTS.test(issue.message) ? undefined : exampleAt(issue.path, issue.code === 'invalid_type');
    problems.push({
      path: formatPath(issue.path),
      message: found === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message,
      ...(value !== undefined ? { value } : {}),
      ...(example !== undefined && example !== value ? { example } : {}),
    });
  }
  return problems;
}

/** At most 80 characters of something a person wrote, for a message. */
export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line per problem: `path: message (found X; e.g. Y)`; what the user wrote is cut at 80 characters. */
export function renderProblem(problem: Problem): string {
  const where = problem.path === '' ? 'ecs-wizard.json' : problem.path.split('.').map((segment) => shorten(segment)).join('.');
  const details: string[] = [];
  if (problem.value !== undefined) details.push(`found ${shorten(JSON.stringify(problem.value) ?? String(problem.value))}`);
  if (problem.example !== undefined) details.push(`e.g. ${JSON.stringify(problem.example)}`);
  return `${where}: ${problem.message}${details.length ? ` (${details.join('; ')})` : ''}`;
}
