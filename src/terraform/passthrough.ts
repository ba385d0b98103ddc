/**
 * What a user may pass to Terraform through ecs-wizard, and what not.
 *
 * The promise is that what is applied is exactly the plan that was reviewed:
 * ecs-wizard plans to its own file, reads it, guards it, then applies that
 * file. Arguments after `--` (and TF_CLI_ARGS_*) reach `terraform plan`; a
 * few of Terraform's flags would quietly break the promise (Go's flag parser
 * lets a later `-out` win over ours, so an older plan file is applied), so
 * only flags whose effect shows in the plan itself are passed on.
 *
 * No imports: the command-line parser checks this before loading anything.
 */

function flagName(arg: string): string {
  const eq = arg.indexOf('=');
  return (eq === -1 ? arg : arg.slice(0, eq)).replace(/^--/, '-');
}

/**
 * Flags a user may hand to `terraform plan` after `--`: each changes what is
 * planned, and the plan shows it, so what is reviewed is still what is
 * applied. `value` flags take the next argument when written without `=`.
 */
const PASSABLE_PLAN_FLAGS: Readonly<Record<string, 'value' | 'boolean'>> = {
  var: 'value',
  'var-file': 'value',
  target: 'value',
  replace: 'value',
  parallelism: 'value',
  'lock-timeout': 'value',
  refresh: 'boolean',
  'refresh-only': 'boolean',
  'compact-warnings': 'boolean',
};

/** Flags `apply PLANFILE` may get from TF_CLI_ARGS_apply: none of them changes what is applied. */
const PASSABLE_APPLY_FLAGS: Readonly<Record<string, 'value' | 'boolean'>> = {
  parallelism: 'value',
  'lock-timeout': 'value',
  'compact-warnings': 'boolean',
};

const OWN_FLAG = 'ecs-wizard sets it itself, to read Terraform’s output';
const STATE_FLAG = 'it chooses another state to plan or apply against than the one the backend in ecs-wizard.json names, so the plan reviewed and the state it is applied to could differ';
const BACKEND_FLAG = 'backend settings belong to terraform init and to "backend" in ecs-wizard.json';

/** Why each flag that could make the applied plan differ from the reviewed one is refused. */
const REFUSED: Readonly<Record<string, string>> = {
  out: 'ecs-wizard writes the plan to its own file and applies exactly that file; another -out would leave an older, unreviewed plan to be applied',
  state: STATE_FLAG,
  'state-out': STATE_FLAG,
  backup: STATE_FLAG,
  chdir: 'ecs-wizard runs Terraform in the environment’s stack folder itself; another folder would plan another configuration',
  backend: BACKEND_FLAG,
  'backend-config': BACKEND_FLAG,
  reconfigure: BACKEND_FLAG,
  'migrate-state': BACKEND_FLAG,
  'force-copy': BACKEND_FLAG,
  lock: 'ecs-wizard always holds the state lock, so that no other run changes the state between the plan and its apply',
  destroy: 'run "ecs-wizard destroy", which plans the destroy, shows what blocks it and asks for the environment’s name',
  'auto-approve': 'approving is ecs-wizard’s job (--yes), and it only ever applies the plan file it reviewed',
  'generate-config-out': 'it writes configuration files into the generated project, which ecs-wizard owns',
  json: OWN_FLAG,
  input: OWN_FLAG,
  'no-color': OWN_FLAG,
  'detailed-exitcode': OWN_FLAG,
};

/**
 * Arguments (after `--`, or from TF_CLI_ARGS_*) that must not reach
 * Terraform because they could make the plan that is applied differ from the
 * one reviewed: one sentence per refused argument, naming it. Empty when all
 * are fine. `for`: `plan` for what goes to `terraform plan`, `apply` for
 * TF_CLI_ARGS_apply (which reaches `terraform apply PLANFILE`).
 */
export function refusedTerraformArgs(args: readonly string[], target: 'plan' | 'apply' = 'plan'): string[] {
  const passable = target === 'plan' ? PASSABLE_PLAN_FLAGS : PASSABLE_APPLY_FLAGS;
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      problems.push(
        `"${arg}" is not a flag: terraform ${target} gets no file or folder from ecs-wizard’s command line (the plan file is ecs-wizard’s to choose, so that the plan applied is the one reviewed).`,
      );
      continue;
    }
    const name = flagName(arg).replace(/^-/, '');
    const kind = passable[name];
    if (kind === 'value' && !arg.includes('=')) {
      if (i + 1 >= args.length) {
        problems.push(`"${arg}" needs a value, e.g. ${arg}=${name === 'target' || name === 'replace' ? 'aws_ecs_service.service' : '…'}.`);
      }
      i++; // its value
      continue;
    }
    if (kind) continue;
    const reason = REFUSED[name] ?? (name.startsWith('backend') ? BACKEND_FLAG : undefined);
    problems.push(
      reason
        ? `"${arg}" is refused: ${reason}.`
        : `"${arg}" is not a flag ecs-wizard passes to terraform ${target}; it passes ${Object.keys(passable)
            .map((flag) => `-${flag}`)
            .join(', ')}.`,
    );
  }
  return problems;
}

/**
 * TF_CLI_ARGS and TF_CLI_ARGS_<command> add arguments to every run of a
 * command, unseen on ecs-wizard's command line. Those that could change which
 * plan is written or applied are refused as they would be after `--`;
 * TF_CLI_ARGS itself reaches every command (version, show, output…), none of
 * which takes the same flags, so it must be empty.
 */
export function refusedTerraformEnvironment(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const general = env['TF_CLI_ARGS']?.trim();
  if (general) {
    problems.push(
      `TF_CLI_ARGS is set ("${general}"): it adds arguments to every Terraform command ecs-wizard runs (version, init, plan, show, apply, output), which could change which plan is applied. Unset it; plan flags go after -- (ecs-wizard plan -- -refresh=false).`,
    );
  }
  for (const [variable, target] of [
    ['TF_CLI_ARGS_plan', 'plan'],
    ['TF_CLI_ARGS_apply', 'apply'],
  ] as const) {
    const value = env[variable]?.trim();
    if (!value) continue;
    for (const problem of refusedTerraformArgs(splitShellWords(value), target)) {
      problems.push(`${variable} is set ("${value}"): ${problem} Unset it${target === 'plan' ? ', or give the allowed flags after --' : ''}.`);
    }
  }
  return problems;
}

/** Words of a command line as Terraform splits TF_CLI_ARGS: spaces, with '…' and "…" quoting. */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      started = true;
    } else if (/\s/.test(ch)) {
      if (started || current) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started || current) words.push(current);
  return words;
}
