/**
 * The flags ecs-wizard adds to each Terraform subcommand, and nothing else.
 *
 * Terraform parses flags with Go's `flag` package: flags must come right after
 * the subcommand, before any positional argument (`apply -json plan.tfplan`,
 * never `apply plan.tfplan -json`), and a flag a subcommand does not define is
 * a hard error. Hence one exact list per subcommand, checked against
 * `terraform <cmd> -help` of 1.11:
 *
 * - plan, apply, destroy, refresh: `-json -input=false -no-color`
 * - init: `-input=false -no-color`, plus `-json` where supported (Terraform
 *   >= 1.9, OpenTofu >= 1.7); init's JSON is partial even then, and the parser
 *   copes with its plain lines.
 * - validate, output, show, version: `-json` only (they take no `-input`, and
 *   their JSON documents carry no colour).
 * - import: `-input=false -no-color` (it has no JSON view).
 * - anything else (state, force-unlock, providers, workspace, fmt...) is passed
 *   through untouched.
 */
import { supportsInitJson, type TerraformBinary } from './binary.js';

const AUTOMATION = ['-json', '-input=false', '-no-color'] as const;

const FLAGS: Readonly<Record<string, readonly string[]>> = {
  init: AUTOMATION,
  plan: AUTOMATION,
  apply: AUTOMATION,
  destroy: AUTOMATION,
  refresh: AUTOMATION,
  validate: ['-json'],
  output: ['-json'],
  show: ['-json'],
  version: ['-json'],
  import: ['-input=false', '-no-color'],
};

/** Index of the subcommand: the first argument that is not a global flag such as `-chdir=DIR`. */
export function subcommandIndex(args: readonly string[]): number {
  return args.findIndex((arg) => !arg.startsWith('-'));
}

export function subcommandOf(args: readonly string[]): string | undefined {
  const i = subcommandIndex(args);
  return i === -1 ? undefined : args[i];
}

/**
 * `args` with the automation flags inserted right after the subcommand. A flag
 * the caller already gave (by name: `-input=true` counts as `-input`) is not
 * added again, so callers can override a default deliberately.
 */
export function withAutomationFlags(
  args: readonly string[],
  binary?: Pick<TerraformBinary, 'flavor' | 'version'>,
): string[] {
  const i = subcommandIndex(args);
  if (i === -1) return [...args];
  const sub = args[i] ?? '';
  let flags = FLAGS[sub] ?? [];
  // Without a known version, assume a modern binary: findTerraform() enforces
  // >= 1.6, and only init's -json depends on more than that.
  if (sub === 'init' && binary && !supportsInitJson(binary)) flags = flags.filter((f) => f !== '-json');
  const given = new Set(args.slice(i + 1).map(flagName));
  const extra = flags.filter((f) => !given.has(flagName(f)));
  return [...args.slice(0, i + 1), ...extra, ...args.slice(i + 1)];
}

function flagName(arg: string): string {
  const eq = arg.indexOf('=');
  return (eq === -1 ? arg : arg.slice(0, eq)).replace(/^--/, '-');
}

/** Is `-detailed-exitcode` among the arguments (exit 2 then means "changes", not failure)? */
export function hasDetailedExitCode(args: readonly string[]): boolean {
  return args.some((a) => flagName(a) === '-detailed-exitcode');
}

/**
 * Arguments safe to write to a log: values of `-var` and `-backend-config`
 * may be passwords or access keys, so only their names are kept.
 */
export function redactArgs(args: readonly string[]): string[] {
  const secretFlags = new Set(['-var', '-backend-config']);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const name = flagName(arg);
    if (secretFlags.has(name)) {
      if (arg.includes('=')) {
        out.push(`${name}=${redactAssignment(arg.slice(arg.indexOf('=') + 1))}`);
      } else {
        out.push(arg);
        const next = args[i + 1];
        if (next !== undefined) {
          out.push(redactAssignment(next));
          i++;
        }
      }
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** `name=value` → `name=(redacted)`; a bare value (a backend config file path) is kept. */
function redactAssignment(value: string): string {
  const eq = value.indexOf('=');
  return eq === -1 ? value : `${value.slice(0, eq)}=(redacted)`;
}
