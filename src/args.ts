/**
 * Command-line parsing with node:util only: `--help` and `--version` must not
 * pay for loading React, zod or cdktf.
 */
import { parseArgs } from 'node:util';

export const COMMANDS = ['synth', 'plan', 'apply', 'destroy', 'outputs', 'doctor'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  readonly command?: Command;
  /** `--dir` as given; undefined lets projectDir() choose. */
  readonly dir?: string;
  readonly config?: string;
  readonly preset?: string;
  readonly env?: string;
  readonly sets: string[];
  /** Addresses whose replacement or deletion the user accepts (`--allow-replace`). */
  readonly allowReplace: string[];
  readonly terraform?: string;
  readonly yes: boolean;
  readonly json: boolean;
  readonly plain: boolean;
  readonly force: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Everything after `--`, handed to Terraform untouched. */
  readonly terraformArgs: string[];
}

export class UsageError extends Error {}

export function parseCli(argv: readonly string[]): CliOptions {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? [...argv] : argv.slice(0, separator);
  const terraformArgs = separator === -1 ? [] : argv.slice(separator + 1);
  let parsed;
  try {
    parsed = parseArgs({
      args: own,
      allowPositionals: true,
      strict: true,
      options: {
        dir: { type: 'string', short: 'C' },
        config: { type: 'string', short: 'c' },
        preset: { type: 'string' },
        env: { type: 'string', short: 'e' },
        set: { type: 'string', multiple: true },
        'allow-replace': { type: 'string', multiple: true },
        terraform: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        json: { type: 'boolean' },
        plain: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // node:util words these well ("Unknown option '--foo'"); add the way out.
    throw new UsageError(`${(error as Error).message}. Run "ecs-wizard --help" for the options.`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(`expected at most one command, got "${positionals.join(' ')}". Run "ecs-wizard --help".`);
  }
  const word = positionals[0];
  if (word !== undefined && !(COMMANDS as readonly string[]).includes(word)) {
    throw new UsageError(`unknown command "${word}"; commands: ${COMMANDS.join(', ')}. Run "ecs-wizard --help".`);
  }
  return {
    ...(word !== undefined ? { command: word as Command } : {}),
    ...(values.dir !== undefined ? { dir: values.dir } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.preset !== undefined ? { preset: values.preset } : {}),
    ...(values.env !== undefined ? { env: values.env } : {}),
    sets: values.set ?? [],
    allowReplace: values['allow-replace'] ?? [],
    ...(values.terraform !== undefined ? { terraform: values.terraform } : {}),
    yes: values.yes ?? false,
    json: values.json ?? false,
    plain: values.plain ?? false,
    force: values.force ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    terraformArgs,
  };
}

export const EXIT = {
  ok: 0,
  terraform: 1,
  usage: 2,
  blocked: 3,
  interrupted: 130,
} as const;

export const HELP = `ecs-wizard: a production-grade Docker app on AWS ECS Fargate, without hand-writing Terraform.

Usage
  npx ecs-wizard                  the wizard: new project, or change, plan, apply or destroy one
  npx ecs-wizard [command] [options] [-- terraform plan flags]

Commands
  synth               Write the CDK-for-Terraform project and cdktf.out/ from ecs-wizard.json
                      (creates ecs-wizard.json from a preset when there is none)
  plan                synth, terraform init (when needed) and plan; prints the grouped summary
  apply               plan, check for data loss, then apply exactly the reviewed plan
  destroy             plan the destroy, show what blocks it, then destroy the environment
  outputs             Print the stack outputs (load balancer URL, ECR URL...); sensitive ones masked
  doctor              Check Terraform, the provider source, AWS credentials and the git remote

Options
  -C, --dir DIR              Project folder (default: the current folder, or infra/ inside an app
                             that has its own package.json)
  -c, --config FILE          Config file (default: DIR/ecs-wizard.json)
      --preset NAME          starter | production: starting point for a new project or environment
  -e, --env NAME             Environment to act on (default: the only one; "production" when new)
      --set PATH=VALUE       Change one setting, typed by the schema (repeatable)
  -y, --yes                  Approve the plan without a prompt (never approves losing data)
      --allow-replace ADDR   Accept the replacement or deletion of this stateful resource (repeatable)
      --json                 Write one JSON event per line on stdout (progress stays on stderr)
      --plain                One question per line and a line-by-line run, for screen readers and
                             terminals that cannot redraw (automatic when TERM=dumb)
      --terraform PATH       Terraform binary (default: $ECS_WIZARD_TERRAFORM, terraform, then tofu)
      --force                Overwrite generated files even when they were edited by hand
  -h, --help                 Show this help
  -v, --version              Show the version

Headless mode
  With --yes, without a terminal, or with CI set, ecs-wizard never prompts: a decision it
  needs comes from a flag (--yes, --allow-replace) or the run stops naming that flag.
  Arguments after -- go to terraform plan untouched: ecs-wizard plan -- -refresh=false

Examples
  npx ecs-wizard synth --preset starter --set environments.production.region=eu-west-1 \\
      --set environments.production.pipeline.owner=acme --set environments.production.pipeline.repo=shop
  npx ecs-wizard plan --set environments.production.database.instanceClass=db.t4g.small
  npx ecs-wizard --yes                      # synth, init, plan and apply from ecs-wizard.json
  npx ecs-wizard apply --yes --allow-replace aws_db_instance.database
  npx ecs-wizard destroy --env staging --yes --allow-replace aws_db_instance.database
  npx ecs-wizard outputs --json

Exit codes
  0 success   1 Terraform or AWS failure   2 usage or configuration error
  3 blocked by the data guard   130 interrupted
`;
