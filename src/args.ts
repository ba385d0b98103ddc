/**
 * Command-line parsing with node:util only: `--help` and `--version` must not
 * pay for loading React, zod or cdktf.
 *
 * Commands are data (src/commands.ts): the words that name one (`synth`,
 * `backend bootstrap`), the shared options it takes, and options of its own.
 * Parsing knows every option of every command, then refuses one given to a
 * command that does not take it, so a flag is never silently ignored.
 */
import { parseArgs } from 'node:util';
import { quote, UsageError } from './errors.js';
import { refusedTerraformArgs } from './terraform/passthrough.js';

/** Options every command shares. */
export const GLOBAL_OPTIONS = {
  dir: { type: 'string', short: 'C', value: 'DIR', help: 'Project folder (default: the current folder, or infra/ inside an app\n                             that has its own package.json)' },
  config: { type: 'string', short: 'c', value: 'FILE', help: 'Config file (default: DIR/ecs-wizard.json)' },
  preset: { type: 'string', value: 'NAME', help: 'starter | production: starting point for a new project or environment' },
  env: { type: 'string', short: 'e', value: 'NAME', help: 'Environment to act on (default: the only one; "production" when new)' },
  set: { type: 'string', multiple: true, value: 'PATH=VALUE', help: 'Change one setting, typed by the schema (repeatable)' },
  yes: { type: 'boolean', short: 'y', help: 'Approve the plan without a prompt (never approves losing data)' },
  'allow-replace': { type: 'string', multiple: true, value: 'ADDR', help: 'Accept the replacement or deletion of this stateful resource (repeatable)' },
  json: { type: 'boolean', help: 'Write one JSON event per line on stdout (progress stays on stderr)' },
  plain: {
    type: 'boolean',
    help: 'One question per line and a line-by-line run, for screen readers and\n                             terminals that cannot redraw (automatic when TERM=dumb)',
  },
  terraform: { type: 'string', value: 'PATH', help: 'Terraform binary (default: $ECS_WIZARD_TERRAFORM, terraform, then tofu)' },
  force: { type: 'boolean', help: 'Overwrite generated files even when they were edited by hand' },
  'no-wait': { type: 'boolean', help: 'Stop (exit 2) instead of waiting when another run is using the project' },
  'lock-timeout': {
    type: 'string',
    value: 'TIME',
    help: 'Wait at most this long for another run using the project (90, 30s, 5m);\n                             default: as long as it takes',
  },
  debug: { type: 'boolean', help: 'Show the stack trace of a failure' },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
  version: { type: 'boolean', short: 'v', help: 'Show the version' },
} as const satisfies Record<string, OptionSpec>;

export type GlobalOption = keyof typeof GLOBAL_OPTIONS;

/** Shared options that mean the same to every command. */
export const UNIVERSAL_OPTIONS: readonly GlobalOption[] = ['dir', 'config', 'json', 'plain', 'debug', 'help', 'version'];

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's name in --help (`DIR`, `PATH=VALUE`). */
  readonly value?: string;
  readonly help: string;
}

export interface CommandSpec {
  /** The words that name it, space-separated: `synth`, `backend bootstrap`. */
  readonly name: string;
  /** One line (or a few) for --help. */
  readonly summary: string;
  /** Shared options it takes besides UNIVERSAL_OPTIONS. */
  readonly uses: readonly GlobalOption[];
  /** Options of this command alone; their values land in `CliOptions.flags`. */
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** Arguments after `--` go to Terraform. */
  readonly terraformArgs?: boolean;
}

export interface CliOptions {
  /** The command's name (`synth`, `backend bootstrap`); undefined for the wizard (or `--yes`). */
  readonly command?: string;
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
  readonly debug: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Everything after `--`, for `terraform plan` (refused when it could change which plan is applied). */
  readonly terraformArgs: string[];
  /**
   * How long to wait for another run that holds the project: undefined waits
   * as long as it takes, 0 not at all (`--no-wait`, or `--lock-timeout`).
   */
  readonly lockTimeoutMs?: number;
  /** The command's own options (CommandSpec.options), by long name; absent when not given. */
  readonly flags: Readonly<Record<string, string | boolean | readonly string[]>>;
}

/** The wizard, or with --yes the whole flow from the saved file: what runs without a command word. */
export const NO_COMMAND: CommandSpec = {
  name: '',
  summary: 'The wizard: new project, or change, plan, apply or destroy one',
  uses: ['preset', 'env', 'set', 'yes', 'allow-replace', 'terraform', 'force', 'no-wait', 'lock-timeout'],
  // `--yes` alone applies: it waits for the service as apply does.
  options: { 'no-service-wait': { type: 'boolean', help: 'Do not wait (at most 10 minutes) for the service to be stable after the apply' } },
  terraformArgs: true,
};

/** `aws_db_instance.database`, `module.x[0].aws_s3_bucket.logs["a"]`: what Terraform calls a resource address. */
const INDEX = String.raw`(?:\[(?:\d+|"[^"\\]*")\])?`;
const RESOURCE_ADDRESS = new RegExp(String.raw`^(?:module\.[A-Za-z_][A-Za-z0-9_-]*${INDEX}\.)*(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*${INDEX}$`);

export function isResourceAddress(text: string): boolean {
  return RESOURCE_ADDRESS.test(text);
}

const flagName = (name: string) => `--${name}`;

function optionTable(commands: readonly CommandSpec[]): Record<string, OptionSpec> {
  const table: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS };
  for (const command of commands) {
    for (const [name, spec] of Object.entries(command.options ?? {})) {
      const known = table[name];
      // One flag, one meaning: the parser reads every command's options at once.
      if (known && (known.type !== spec.type || Boolean(known.multiple) !== Boolean(spec.multiple) || known.short !== spec.short)) {
        throw new Error(`option --${name} of "${command.name}" clashes with another option of the same name`);
      }
      table[name] = spec;
    }
  }
  return table;
}

/** The command named by the leading words, longest name first. */
function findCommand(words: readonly string[], commands: readonly CommandSpec[]): { spec: CommandSpec; rest: string[] } {
  if (words.length === 0) return { spec: NO_COMMAND, rest: [] };
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const spec of byLength) {
    const name = spec.name.split(' ');
    if (name.every((word, index) => words[index] === word)) return { spec, rest: words.slice(name.length) };
  }
  const first = words[0]!;
  const group = commands.filter((spec) => spec.name.startsWith(`${first} `));
  if (group.length) {
    const subcommands = group.map((spec) => spec.name.slice(first.length + 1));
    if (words.length === 1) throw new UsageError(`"${first}" needs a subcommand: ${subcommands.join(', ')}. Run "ecs-wizard ${first} --help".`);
    throw new UsageError(`unknown ${first} command ${quote(words[1]!)}; ${first} commands: ${subcommands.join(', ')}. Run "ecs-wizard ${first} --help".`);
  }
  const names = [...new Set(commands.map((spec) => spec.name.split(' ')[0]!))];
  throw new UsageError(`unknown command ${quote(first)}; commands: ${names.join(', ')}. Run "ecs-wizard --help".`);
}

/** Parses argv against the commands (src/commands.ts gives the real ones). */
export function parseCli(argv: readonly string[], commands: readonly CommandSpec[]): CliOptions {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? [...argv] : argv.slice(0, separator);
  const terraformArgs = separator === -1 ? [] : argv.slice(separator + 1);
  const table = optionTable(commands);
  let parsed;
  try {
    parsed = parseArgs({
      args: own,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: Object.fromEntries(
        Object.entries(table).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
      ),
    });
  } catch (error) {
    // node:util words these well ("Unknown option '--foo'"); add the way out.
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}. Run "ecs-wizard --help" for the options.`);
  }
  const { values, positionals, tokens } = parsed;
  const help = values.help === true;
  const version = values.version === true;
  let spec: CommandSpec;
  try {
    const found = findCommand(positionals, commands);
    spec = found.spec;
    if (found.rest.length) {
      throw new UsageError(`${spec.name} takes no arguments, got ${found.rest.map(quote).join(' ')}. Run "ecs-wizard ${spec.name} --help".`);
    }
  } catch (error) {
    // `ecs-wizard backend --help` lists what backend can do.
    if (help && error instanceof UsageError && positionals.length > 0) return helpOnly(positionals[0]!);
    throw error;
  }
  const allowed = new Set<string>([...UNIVERSAL_OPTIONS, ...spec.uses, ...Object.keys(spec.options ?? {})]);
  if (!help && !version) {
    const given = [...new Set(tokens.filter((token) => token.kind === 'option').map((token) => token.name))];
    const stray = given.filter((name) => !allowed.has(name));
    if (stray.length) {
      const which = spec.name ? `"${spec.name}"` : 'the wizard';
      const takes = [...allowed].filter((name) => name !== 'help' && name !== 'version').map(flagName);
      throw new UsageError(
        `${stray.map(flagName).join(', ')} ${stray.length === 1 ? 'does' : 'do'} not go with ${which}, which takes ${takes.join(', ')}. Run "ecs-wizard ${spec.name ? `${spec.name} ` : ''}--help".`,
      );
    }
    if (separator !== -1 && !spec.terraformArgs) {
      throw new UsageError(`"${spec.name}" runs no Terraform plan: arguments after -- (${terraformArgs.map(quote).join(' ')}) go with plan, apply or destroy.`);
    }
    // What is applied is always the plan just reviewed: arguments after -- that
    // could choose another plan file, state or folder are refused, before anything runs.
    const refused = refusedTerraformArgs(terraformArgs);
    if (refused.length) throw new UsageError('arguments after -- for terraform plan are refused:', { problems: refused });
    if (values['no-wait'] === true && values['lock-timeout'] !== undefined) {
      throw new UsageError('--no-wait and --lock-timeout say different things: give one (--no-wait is --lock-timeout 0).');
    }
    const env = values.env;
    // The schema's environment names (config/schema.ts), checked here so `--env __proto__` never reaches an object.
    if (typeof env === 'string' && !/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/.test(env)) {
      throw new UsageError(
        `--env ${quote(env)} is not an environment name: 2 to 10 lower-case letters, digits and dashes, starting with a letter, e.g. --env staging.`,
      );
    }
    const badAddresses = ((values['allow-replace'] as string[] | undefined) ?? []).filter((address) => !isResourceAddress(address));
    if (badAddresses.length) {
      throw new UsageError(
        `--allow-replace ${badAddresses.map(quote).join(', ')}: not a resource address. Give the address the data guard names, e.g. --allow-replace aws_db_instance.database.`,
      );
    }
  }
  const string = (name: string) => (typeof values[name] === 'string' ? { [name]: values[name] as string } : {});
  const lockTimeoutMs =
    values['no-wait'] === true ? 0 : typeof values['lock-timeout'] === 'string' ? parseDuration(values['lock-timeout']) : undefined;
  const flags: Record<string, string | boolean | readonly string[]> = {};
  for (const name of Object.keys(spec.options ?? {})) {
    const value = values[name];
    if (value !== undefined) flags[name] = value as string | boolean | string[];
  }
  return {
    ...(spec.name ? { command: spec.name } : {}),
    ...string('dir'),
    ...string('config'),
    ...string('preset'),
    ...string('env'),
    sets: (values.set as string[] | undefined) ?? [],
    allowReplace: (values['allow-replace'] as string[] | undefined) ?? [],
    ...string('terraform'),
    yes: values.yes === true,
    json: values.json === true,
    plain: values.plain === true,
    force: values.force === true,
    debug: values.debug === true,
    help,
    version,
    terraformArgs,
    ...(lockTimeoutMs !== undefined ? { lockTimeoutMs } : {}),
    flags,
  };
}

/** `--lock-timeout`: `90` or `90s` seconds, `500ms`, `5m`, `1h`. */
function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--lock-timeout ${quote(text)} is not a duration: give seconds (90), or 500ms, 30s, 5m, 1h.`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's']!;
  return Math.round(Number(match[1]) * unit);
}

/** `ecs-wizard GROUP --help`: the options of a help request for a group of subcommands. */
function helpOnly(group: string): CliOptions {
  return {
    command: group,
    sets: [],
    allowReplace: [],
    yes: false,
    json: false,
    plain: false,
    force: false,
    debug: false,
    help: true,
    version: false,
    terraformArgs: [],
    flags: {},
  };
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const long = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${short}${long.padEnd(23)}${spec.help}`;
  });
}

function commandLines(commands: readonly CommandSpec[]): string[] {
  return commands.map((spec) => `  ${spec.name.padEnd(20)}${spec.summary.replace(/\n/g, `\n${' '.repeat(22)}`)}`);
}

/** The whole --help. */
export function helpText(commands: readonly CommandSpec[]): string {
  return `ecs-wizard: a production-grade Docker app on AWS ECS Fargate, without hand-writing Terraform.

Usage
  npx ecs-wizard                  the wizard: new project, or change, plan, apply or destroy one
  npx ecs-wizard [command] [options] [-- terraform plan flags]

Commands
${commandLines(commands).join('\n')}

Options
${optionLines(GLOBAL_OPTIONS).join('\n')}

Headless mode
  With --yes, without a terminal, or with CI set, ecs-wizard never prompts: a decision it
  needs comes from a flag (--yes, --allow-replace) or the run stops naming that flag.
  Arguments after -- go to terraform plan: -var, -var-file, -target, -replace, -refresh,
  -refresh-only, -parallelism, -lock-timeout, -compact-warnings (ecs-wizard plan -- -refresh=false).
  Flags that choose another plan file, state or folder (-out, -state, -chdir...) are refused.

One run per project
  Two runs in one project never overlap: the second waits, saying which run it waits for
  (--no-wait stops at once, --lock-timeout after a while, with exit 2).

Examples
  npx ecs-wizard synth --preset starter --set environments.production.region=eu-west-1 \\
      --set environments.production.pipeline.owner=acme --set environments.production.pipeline.repo=shop
  npx ecs-wizard plan --set environments.production.database.instanceClass=db.t4g.small
  npx ecs-wizard --yes                      # synth, init, plan and apply from ecs-wizard.json
  npx ecs-wizard apply --yes --allow-replace aws_db_instance.database
  npx ecs-wizard destroy --env staging --yes --allow-replace aws_db_instance.database
  npx ecs-wizard env remove --env staging   # destroy staging, then drop it from ecs-wizard.json
  npx ecs-wizard outputs --json

Exit codes
  0 success   1 Terraform or AWS failure   2 usage or configuration error
  3 blocked by the data guard   130 interrupted
`;
}

/** `ecs-wizard COMMAND --help`: what it does and every option it takes. */
export function commandHelp(name: string, commands: readonly CommandSpec[]): string {
  const matching = commands.filter((spec) => spec.name === name || spec.name.startsWith(`${name} `));
  if (matching.length === 0) return helpText(commands);
  const exact = matching.find((spec) => spec.name === name);
  if (!exact) {
    return `Usage\n  npx ecs-wizard ${name} <command> [options]\n\nCommands\n${commandLines(matching).join('\n')}\n\nRun "ecs-wizard ${name} <command> --help" for its options.\n`;
  }
  const shared = Object.fromEntries(
    [...exact.uses, ...UNIVERSAL_OPTIONS].filter((option, index, all) => all.indexOf(option) === index).map((option) => [option, GLOBAL_OPTIONS[option]]),
  );
  return [
    `Usage\n  npx ecs-wizard ${exact.name} [options]${exact.terraformArgs ? ' [-- terraform plan flags]' : ''}`,
    `\n${exact.summary}`,
    ...(exact.options && Object.keys(exact.options).length ? [`\nOptions of ${exact.name}\n${optionLines(exact.options).join('\n')}`] : []),
    `\nOptions\n${optionLines(shared).join('\n')}`,
    '',
  ].join('\n');
}
