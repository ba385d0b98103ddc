/**
 * Every command of the CLI: its words, its options and the front-end that
 * runs it, loaded only when it runs (so `--help` loads none of them).
 *
 * To add one: a CommandSpec entry here (a subcommand is just a longer name,
 * `backend bootstrap`), options of its own under `options` (their values
 * arrive in `CliOptions.flags`), and a `run` that imports its module. Its
 * failures are thrown as CliErrors (src/errors.ts); the CLI reports them.
 * A command that succeeds emits its result and a `done` event on `output`.
 */
import type { CliOptions, CommandSpec } from './args.js';
import type { Output } from './app/output.js';
import { EXIT, type ExitCode } from './errors.js';
import { listenForStop, STOPPED } from './app/stopRequests.js';
import type { EngineCommand } from './tasks/engine.js';

export interface Command extends CommandSpec {
  /** Loads what runs the command, and runs it. */
  readonly run: (options: CliOptions, output: Output) => Promise<ExitCode>;
}

/** The variables that say "this runs under CI": the two Ink reads (through is-in-ci). */
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/** A variable set to "", "0" or "false" clears CI: `CI= npx ecs-wizard` is how a shell says "not CI" for one command. */
const clearsCi = (value: string) => value === '' || value === '0' || value === 'false';

export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return CI_VARIABLES.some((name) => env[name] !== undefined && !clearsCi(env[name]));
}

/**
 * Ink decides once, when it loads, whether it runs under CI, and then prints
 * only its last frame, at exit: a wizard it thinks runs in CI looks hung.
 * It counts any value but "0" and "false", so an empty CI is CI to Ink and
 * not to us. Outside CI, the empty variables are removed before Ink loads
 * (and before the children we start see them), so Ink draws what we chose.
 */
export function agreeOnCi(env: NodeJS.ProcessEnv = process.env): void {
  if (isCi(env)) return;
  for (const name of CI_VARIABLES) if (env[name] === '') delete env[name];
}

/**
 * No prompt may ever be shown when --yes or --json is given, when stdin or
 * stdout is not a terminal, or under CI (where Ink would also print only its
 * last frame). A JSON stream owns stdout, so it never shares it with Ink.
 */
export function isHeadless(options: Pick<CliOptions, 'yes'> & { json?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return options.yes || options.json === true || !process.stdin.isTTY || !process.stdout.isTTY || isCi(env);
}

/** plan, apply and destroy: headless, or the run view at a terminal. */
async function runEngineCommand(options: CliOptions, output: Output, command: EngineCommand): Promise<ExitCode> {
  if (isHeadless(options)) {
    const { runHeadless } = await import('./headless/run.js');
    return runHeadless(options, command, output);
  }
  const { runInteractiveCommand } = await import('./interactive.js');
  return runInteractiveCommand(options, command);
}

/** The options of every command that takes the project lock. */
const LOCK_OPTIONS = ['no-wait', 'lock-timeout'] as const;
const PLAN_OPTIONS = ['preset', 'env', 'set', 'yes', 'allow-replace', 'terraform', 'force', ...LOCK_OPTIONS] as const;

/** Options of every command that applies. */
export const APPLY_OPTIONS = {
  'no-service-wait': { type: 'boolean', help: 'Do not wait (at most 10 minutes) for the service to be stable after the apply' },
} as const;

export const COMMANDS: readonly Command[] = [
  {
    name: 'synth',
    summary: 'Write the CDK-for-Terraform project and cdktf.out/ from ecs-wizard.json\n(creates ecs-wizard.json from a preset when there is none)',
    uses: ['preset', 'env', 'set', 'force', ...LOCK_OPTIONS],
    run: async (options, output) => (await import('./headless/synth.js')).runSynth(options, output),
  },
  {
    name: 'plan',
    summary: 'synth, terraform init (when needed) and plan; prints the grouped summary',
    uses: PLAN_OPTIONS,
    terraformArgs: true,
    run: (options, output) => runEngineCommand(options, output, 'plan'),
  },
  {
    name: 'apply',
    summary: 'plan, check for data loss, apply exactly the reviewed plan, then wait for the service',
    uses: PLAN_OPTIONS,
    options: APPLY_OPTIONS,
    terraformArgs: true,
    run: (options, output) => runEngineCommand(options, output, 'apply'),
  },
  {
    name: 'destroy',
    summary: 'plan the destroy, show what blocks it, then destroy the environment',
    // A destroy acts on the saved file: a --set or --preset would change what it destroys.
    uses: ['env', 'yes', 'allow-replace', 'terraform', 'force', ...LOCK_OPTIONS],
    terraformArgs: true,
    run: (options, output) => runEngineCommand(options, output, 'destroy'),
  },
  {
    name: 'env remove',
    summary: 'Destroy an environment (--env NAME), then drop it from ecs-wizard.json;\nits state is kept',
    uses: ['env', 'yes', 'allow-replace', 'terraform', 'force'],
    terraformArgs: true,
    run: (options, output) => runEngineCommand(options, output, 'destroy'),
  },
  {
    name: 'backend bootstrap',
    summary: 'Create the S3 bucket for shared state (versioned, encrypted, TLS only) from a\nsmall stack of its own, and write "backend" into ecs-wizard.json',
    uses: ['env', 'yes', 'terraform', ...LOCK_OPTIONS],
    run: async (options, output) => (await import('./headless/backend.js')).runBackendBootstrap(options, output),
  },
  {
    name: 'outputs',
    summary: 'Print the stack outputs (load balancer URL, ECR URL...); sensitive ones masked',
    uses: ['env', 'terraform', ...LOCK_OPTIONS],
    run: async (options, output) => (await import('./headless/outputs.js')).runOutputs(options, output),
  },
  {
    name: 'cost',
    summary: 'The monthly estimate of an environment, line by line with its assumptions\n(offline, from a dated price table; --json for one "cost" event)',
    uses: ['preset', 'env', 'set'],
    run: async (options, output) => (await import('./headless/cost.js')).runCost(options, output),
  },
  {
    name: 'diagram',
    summary: 'Draw the environment from its synthesized stack (synth also writes architecture.svg)',
    uses: ['preset', 'env', 'set'],
    options: {
      format: { type: 'string', value: 'FORMAT', help: 'text (80 columns, the default), svg or mermaid' },
      out: { type: 'string', short: 'o', value: 'FILE', help: 'Write the drawing to FILE instead of stdout' },
    },
    run: async (options, output) => (await import('./headless/diagram.js')).runDiagram(options, output),
  },
  {
    name: 'doctor',
    summary: 'Check Terraform, the provider source, AWS credentials and the git remote',
    uses: ['terraform'],
    run: async (options, output) => (await import('./headless/doctor.js')).runDoctor(options, output),
  },
  ...(
    [
      ['start', "A second copy of the environment's serving layer beside the live one, from ecs-wizard.json as\nit is now, with no traffic (needs a domain)"],
      ['switch', 'Move traffic to the new copy once it answers healthy: all of it, or --weight N percent'],
      ['rollback', 'Move all traffic back to the live copy, in one step'],
      ['finish', 'Destroy the copy with no traffic; the shared network and data are never in that plan'],
    ] as const
  ).map(
    ([word, summary]): Command => ({
      name: `bluegreen ${word}`,
      summary,
      // A step acts on the saved file: its copies are what it moves between.
      uses: ['env', 'yes', 'allow-replace', 'terraform', 'force'],
      ...(word === 'switch' ? { options: { weight: { type: 'string', value: 'N', help: 'Percent of the traffic for the new copy, 1 to 100 (default: all of it)' } } } : {}),
      run: async (options, output) => {
        // A bad --weight is refused before Terraform is even looked for.
        (await import('./app/engine.js')).weightOf(options.flags['weight']);
        return runEngineCommand(options, output, `bluegreen ${word}`);
      },
    }),
  ),
];

/** `npx ecs-wizard` with no command: the wizard at a terminal, or with --yes the whole flow headless. */
export async function runWithoutCommand(options: CliOptions, output: Output): Promise<ExitCode> {
  if (options.yes) {
    const { runHeadless } = await import('./headless/run.js');
    return runHeadless(options, 'apply', output);
  }
  if (isHeadless(options)) {
    const { UsageError } = await import('./errors.js');
    throw new UsageError(
      'no terminal to ask questions in. Run a command (ecs-wizard synth | plan | apply, see --help), or --yes to synth, plan and apply from ecs-wizard.json.',
    );
  }
  // Before the wizard's code loads: a Ctrl-C from here on cancels it cleanly (see stopRequests.ts).
  const stop = listenForStop();
  let flow;
  try {
    flow = await stop.before(import('./interactive.js'));
  } catch (error) {
    stop.dispose();
    throw error;
  }
  if (flow === STOPPED) {
    stop.dispose();
    return EXIT.interrupted;
  }
  return flow.runWizardFlow(options, output, stop);
}
