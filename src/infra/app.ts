/**
 * Synthesis: Config → one `cdktf.out/stacks/<env>/cdk.tf.json` per environment.
 *
 * What cdktf 0.21's App does to an existing outdir (read from its source and
 * pinned by a test): it creates the outdir and `stacks/` when missing, creates
 * each stack folder, and overwrites `cdk.tf.json` and `manifest.json`. It
 * deletes nothing: `.terraform/` and `.terraform.lock.hcl` beside cdk.tf.json
 * survive, and a folder of a removed environment stays. (The cdktf CLI is a
 * different story; we never run it.)
 *
 * Determinism: cdktf writes JSON with sorted keys and we disable stack traces;
 * the environment variables that change cdktf's output (HCL instead of JSON,
 * injected context, another outdir) are held off during synthesis.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import cdktfPackage from 'cdktf/package.json' with { type: 'json' };
import { App, Construct } from './cdktf.js';
import type { Config } from '../config/index.js';
import { renderProblem } from '../config/problems.js';
import { parseConfigText } from '../config/validate.js';
import { environmentStacks, type EnvironmentStack } from './environmentStack.js';
import { StateBucketStack, type StateBucketStackProps } from './stateBucket.js';

export interface SynthesizedStack {
  /** Environment the stack belongs to. */
  readonly environment: string;
  /** The stack's name: the environment's, or `<env>.<copy>` for a blue/green copy. */
  readonly stack: string;
  /** Folder Terraform runs in: `<outdir>/stacks/<env>`. */
  readonly directory: string;
  /** The synthesized `cdk.tf.json`. */
  readonly file: string;
}

export interface SynthesizeOptions {
  /** Usually `<project>/cdktf.out`: the local state path assumes that layout. */
  readonly outdir: string;
}

/** Variables cdktf reads that would make the output depend on the caller's shell. */
const CDKTF_ENVIRONMENT = ['SYNTH_HCL_OUTPUT', 'CDKTF_CONTEXT_JSON', 'CDKTF_OUTDIR', 'CDKTF_TARGET_STACK_ID', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS'];

export function synthesizeApp(config: Config, options: SynthesizeOptions): { stacks: SynthesizedStack[] } {
  const outdir = path.resolve(options.outdir);
  // cdktf's App creates the outdir without `recursive`; a missing parent would throw.
  mkdirSync(outdir, { recursive: true });
  const stacks = withoutCdktfEnvironment(() => {
    const app = createApp(outdir);
    const built = addEnvironmentStacks(app, config);
    app.synth();
    return built;
  });
  return {
    stacks: stacks.map((stack) => {
      const directory = path.join(outdir, 'stacks', stack.node.id);
      return { environment: stack.environment, stack: stack.node.id, directory, file: path.join(directory, 'cdk.tf.json') };
    }),
  };
}

/**
 * The App both ecs-wizard and a generated project's main.ts synthesize with:
 * one definition, so `cdktf synth` of the project and `ecs-wizard synth`
 * write the same bytes. Without an outdir, the cdktf CLI's (CDKTF_OUTDIR) or
 * "cdktf.out".
 */
export function createApp(outdir?: string): App {
  return new App({ outdir: outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out', stackTraces: false, hclOutput: false });
}

/**
 * One stack per environment of the config, each named after its environment;
 * an environment with blue/green copies has its shared layer under its own
 * name and a stack per copy (`<env>.<copy>`).
 */
export function addEnvironmentStacks(app: App, config: Config): EnvironmentStack[] {
  return environmentStacks(app, config);
}

/** Validates ecs-wizard.json's text for main.ts, failing with every problem in one message. */
export function parseConfigOrThrow(text: string): Config {
  const result = parseConfigText(text);
  if (!result.ok) {
    throw new Error(`ecs-wizard.json is not valid:\n${result.problems.map((problem) => `  ${renderProblem(problem)}`).join('\n')}`);
  }
  return result.config;
}

/**
 * The same JSON text synthesizeApp writes, per stack (the environment's name,
 * or `<env>.<copy>`), without touching the disk: for tests and the benchmark.
 */
export function synthesizeToJson(config: Config): Record<string, string> {
  return withoutCdktfEnvironment(() => {
    // An App would create an outdir; a bare root with the context an App sets is enough for toTerraform().
    const root = new Construct(undefined as unknown as Construct, '');
    root.node.setContext('cdktfVersion', cdktfVersion());
    const result: Record<string, string> = {};
    for (const stack of environmentStacks(root, config)) {
      stack.prepareStack();
      stack.runAllValidations();
      result[stack.node.id] = stableStringify(stack.toTerraform()) ?? '';
    }
    return result;
  });
}

/** The JSON of the state bucket's own stack (`ecs-wizard backend bootstrap`), as cdktf writes a stack. */
export function synthesizeStateBucketStack(props: StateBucketStackProps): string {
  return withoutCdktfEnvironment(() => {
    const root = new Construct(undefined as unknown as Construct, '');
    root.node.setContext('cdktfVersion', cdktfVersion());
    const stack = new StateBucketStack(root, 'state-bucket', props);
    stack.prepareStack();
    stack.runAllValidations();
    return `${stableStringify(stack.toTerraform()) ?? ''}`;
  });
}

function withoutCdktfEnvironment<T>(run: () => T): T {
  const saved = CDKTF_ENVIRONMENT.map((name) => [name, process.env[name]] as const);
  for (const name of CDKTF_ENVIRONMENT) delete process.env[name];
  try {
    return run();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/** The version an App records in its context (and in manifest.json): that of the cdktf that runs. */
function cdktfVersion(): string {
  return cdktfPackage.version;
}

/**
 * JSON with keys sorted at every level and two-space indent, byte for byte as
 * cdktf writes it (json-stable-stringify 1.x, which also renders an empty
 * array or object across two lines).
 */
function stableStringify(value: unknown, level = 0): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const indent = `\n${'  '.repeat(level)}`;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((item) => inner + (stableStringify(item, level + 1) ?? 'null'));
    return `[${items.join(',')}${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .sort()
    .flatMap((key) => {
      const text = stableStringify(record[key], level + 1);
      return text === undefined ? [] : [`${inner}${JSON.stringify(key)}: ${text}`];
    });
  return `{${entries.join(',')}${indent}}`;
}
