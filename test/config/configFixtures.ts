/** Shared inputs for the config tests: a minimal valid file and helpers to break it. */
import { expect } from 'vitest';
import { parseConfig, renderProblem, type ConfigInput, type Problem } from '../../src/config/index.js';

/** The smallest file the schema accepts: everything else comes from defaults. */
export function minimalConfig(): ConfigInput {
  return {
    version: 2,
    app: { name: 'shop' },
    environments: {
      production: {
        region: 'eu-west-1',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        pipeline: { owner: 'acme', repo: 'shop' },
      },
    },
  };
}

type Loose = Record<string, any>;

/** A minimal config with `edit` applied to a loose (untyped) copy, for bad input. */
export function configWith(edit: (config: Loose & { env: Loose }) => void): unknown {
  const config = structuredClone(minimalConfig()) as Loose;
  const env = config.environments.production as Loose;
  edit(Object.assign(config, { env }));
  delete config.env;
  return config;
}

/** Parses input that must fail and returns its problems. */
export function problemsOf(input: unknown): Problem[] {
  const result = parseConfig(input);
  if (result.ok) throw new Error(`expected problems, but the config parsed: ${JSON.stringify(input)}`);
  return result.problems;
}

/** The one problem at `path` (fails when there is none or several). */
export function problemAt(problems: readonly Problem[], path: string): Problem {
  const found = problems.filter((problem) => problem.path === path);
  expect(found, `problems at ${path} in:\n${problems.map(renderProblem).join('\n')}`).toHaveLength(1);
  return found[0]!;
}

/** Words that show a message tells the reader what would be valid. */
export const SHOWS_VALID = /e\.g\.|valid:|choose one of|zones there|did you mean|keys here|such as|one of|move it to|is \d+, \d+|is "[^"]+" or "|at least \d|at most \d|from \d+ to \d+/;

/**
 * The contract for a problem: its rendered line names the path, the
 * bad value (when there is one) and a valid example or the valid choices.
 */
export function expectActionable(problem: Problem): void {
  const line = renderProblem(problem);
  expect(line.startsWith(problem.path === '' ? 'ecs-wizard.json: ' : `${problem.path}: `), line).toBe(true);
  if (problem.value !== undefined) expect(line, line).toContain(JSON.stringify(problem.value));
  expect(problem.example !== undefined || SHOWS_VALID.test(problem.message), `no example or choices in: ${line}`).toBe(true);
}
