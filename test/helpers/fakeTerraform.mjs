#!/usr/bin/env node
/**
 * A fake `terraform` 1.11.4 for tests. It replays real recordings (made by the
 * real binary, see the README beside each fixtures folder) with their timing,
 * and behaves like Terraform where tests depend on it:
 *
 *   version [-json]              reports 1.11.4
 *   init                         replays `init`
 *   plan [-destroy] [-out=FILE]  replays `plan-create` / `plan-destroy`; -out writes a plan
 *                                marker FILE; -detailed-exitcode exits 2 when the recording
 *                                has changes
 *   show -json FILE              prints the `show-<plan scenario>.json` matching the plan
 *                                that wrote FILE (default show-plan-create)
 *   apply FILE | -auto-approve   replays `apply-success`; refuses a missing/stale plan file and,
 *                                like the real one under -json, an apply with neither
 *   destroy -auto-approve        replays `destroy-success`
 *   validate -json               prints `validate-ok`
 *   output -json                 prints the outputs of ./terraform.tfstate (`{}` without one)
 *
 * Flags are checked like Terraform's Go flag parser does: unknown flags and
 * flags after a positional argument are errors, so a runner bug that adds a
 * flag a subcommand lacks fails here as it would for real.
 *
 * State: after a successful apply/destroy it writes ./terraform.tfstate (serial + 1,
 * previous copy to terraform.tfstate.backup), with the resources the recording
 * completed and its outputs. A failed or interrupted run leaves state untouched
 * (the real one may write partial state; tests of "state not damaged" rely on this).
 *
 * Signals: the first SIGINT (or SIGTERM) prints Terraform's "Interrupt received ...
 * Gracefully shutting down..." lines, stops the replay, waits FAKE_TF_SHUTDOWN_MS,
 * prints "Error: execution halted" and exits 1, exactly as apply-sigint.jsonl shows.
 * A second one prints "Two interrupts received" and exits 1 at once.
 *
 * Environment:
 *   FAKE_TF_DIR            recordings folders, joined by the path delimiter. Default: this
 *                          repo's test/fixtures/terraform, then ../shared/fixtures/terraform-1.11.4
 *   FAKE_TF_SCENARIO       recording for the command whose name it starts with
 *                          (apply-unreachable → apply, plan-replace → plan, init-... → init)
 *   FAKE_TF_SCENARIO_<CMD> recording for one command (INIT, PLAN, APPLY, DESTROY, SHOW,
 *                          VALIDATE, OUTPUT), overriding the above
 *   FAKE_TF_SPEED          divides recorded gaps (default 1 = real time; tests use 100+)
 *   FAKE_TF_MAX_GAP_MS     caps any single gap after scaling
 *   FAKE_TF_EXIT_CODE      forces the exit code (otherwise derived from the recording)
 *   FAKE_TF_EXIT_CODE_<CMD> forces the exit code of one command (PLAN, APPLY...), overriding the above
 *   FAKE_TF_SIGNAL_LOG     file that gets one line per signal received, e.g. `SIGINT`
 *   FAKE_TF_ARGS_LOG       file that gets one JSON line per invocation: argv, cwd, selected env
 *   FAKE_TF_ECHO_ENV       extra env var names to include in FAKE_TF_ARGS_LOG (comma-separated)
 *   FAKE_TF_IGNORE_SIGINT  1 = record SIGINT/SIGTERM but keep going (a stuck terraform)
 *   FAKE_TF_SHUTDOWN_MS    time the graceful stop takes (default 100)
 *   FAKE_TF_HOLD_MS        stay running this long after the replay before exiting
 *   FAKE_TF_HOLD_FILE      apply/destroy only: after the replay, stay running until this
 *                          file exists (a test releases it once it has done what needs
 *                          the run in progress; no race with the machine's load). An
 *                          interrupt while held stops gracefully, like one mid-replay.
 *   FAKE_TF_VERSION        version to report (default 1.11.4)
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const env = process.env;
const VERSION = env.FAKE_TF_VERSION || '1.11.4';
const SPEED = Math.max(Number(env.FAKE_TF_SPEED) || 1, 0.0001);
const MAX_GAP = env.FAKE_TF_MAX_GAP_MS ? Number(env.FAKE_TF_MAX_GAP_MS) : Infinity;
const SHUTDOWN_MS = env.FAKE_TF_SHUTDOWN_MS ? Number(env.FAKE_TF_SHUTDOWN_MS) : 100;
const HOLD_MS = Number(env.FAKE_TF_HOLD_MS) || 0;
const HOLD_FILE = env.FAKE_TF_HOLD_FILE || '';
const DIRS = (env.FAKE_TF_DIR || [
  path.join(repoRoot, 'test', 'fixtures', 'terraform'),
  path.resolve(repoRoot, '..', 'shared', 'fixtures', 'terraform-1.11.4'),
].join(path.delimiter)).split(path.delimiter).filter(Boolean);

// ---- flags, as Terraform 1.11's subcommands define them (`terraform <cmd> -help`)
const VALUE_FLAGS = new Set(['var', 'var-file', 'target', 'replace', 'out', 'state', 'state-out', 'backup',
  'lock-timeout', 'parallelism', 'backend-config', 'plugin-dir', 'lockfile', 'from-module', 'test-directory',
  'generate-config-out', 'chdir']);
const COMMON_OP = ['json', 'input', 'no-color', 'lock', 'lock-timeout', 'var', 'var-file', 'target', 'replace',
  'parallelism', 'compact-warnings', 'refresh', 'refresh-only', 'state'];
const COMMANDS = {
  version: { flags: ['json'], positional: 0 },
  init: { flags: ['json', 'input', 'no-color', 'backend', 'backend-config', 'force-copy', 'from-module', 'get',
    'lock', 'lock-timeout', 'plugin-dir', 'reconfigure', 'migrate-state', 'upgrade', 'lockfile',
    'ignore-remote-version', 'test-directory'], positional: 0 },
  plan: { flags: [...COMMON_OP, 'destroy', 'detailed-exitcode', 'out', 'generate-config-out'], positional: 0 },
  apply: { flags: [...COMMON_OP, 'auto-approve', 'backup', 'state-out', 'destroy'], positional: 1 },
  destroy: { flags: [...COMMON_OP, 'auto-approve', 'backup', 'state-out'], positional: 0 },
  validate: { flags: ['json', 'no-color', 'no-tests', 'test-directory'], positional: 0 },
  output: { flags: ['json', 'no-color', 'raw', 'state'], positional: 1 },
  show: { flags: ['json', 'no-color'], positional: 1 },
};

const argv = process.argv.slice(2);
let cwd = process.cwd();
while (argv[0]?.startsWith('-chdir=')) cwd = path.resolve(cwd, argv.shift().slice('-chdir='.length));
if (argv[0] === '-version' || argv[0] === '--version' || argv[0] === '-v') argv[0] = 'version';
const command = argv[0];

logInvocation();

// ---- signals: recorded first, always
let interrupted = false;
let signalsReceived = 0;
let onInterrupt = () => finish(130); // before an operation starts: just stop
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (env.FAKE_TF_SIGNAL_LOG) appendFileSync(env.FAKE_TF_SIGNAL_LOG, `${sig}\n`);
    if (sig === 'SIGHUP') return finish(1);
    if (env.FAKE_TF_IGNORE_SIGINT === '1') return;
    signalsReceived++;
    if (signalsReceived === 1) onInterrupt();
    else {
      emit(uiLine('error', 'Error: Two interrupts received. Exiting immediately. Note that data loss may have occurred.',
        { diagnostic: { severity: 'error', summary: 'Two interrupts received. Exiting immediately. Note that data loss may have occurred.', detail: '' }, type: 'diagnostic' }));
      finish(1);
    }
  });
}

const spec = COMMANDS[command];
if (!spec) {
  process.stderr.write(`Terraform has no command named "${command ?? ''}" (fake terraform supports: ${Object.keys(COMMANDS).join(', ')}).\n`);
  finish(1);
} else {
  const parsed = parseFlags(argv.slice(1), spec);
  if (parsed) await run(command, parsed);
}

async function run(cmd, { flags, positional }) {
  switch (cmd) {
    case 'version':
      if (flags.json) emit(JSON.stringify({ terraform_version: VERSION, platform: 'linux_amd64', provider_selections: {}, terraform_outdated: false }, null, 2));
      else emit(`Terraform v${VERSION}\non linux_amd64`);
      return finish(0);
    case 'init': {
      const code = await replay(scenario('init', 'init'), { operation: false });
      if (code === 0) writeFileSync(path.join(cwd, '.terraform.lock.hcl'), '# fake terraform lock file\n', { flag: 'a' });
      return finish(code);
    }
    case 'plan': {
      const name = scenario('plan', flags.destroy ? 'plan-destroy' : 'plan-create');
      const lines = readRecording(name);
      const changes = recordingHasChanges(lines);
      let code = await replay(name, { operation: true, lines });
      if (code === 0 && flags.out) {
        writeFileSync(path.resolve(cwd, flags.out), JSON.stringify({
          fake_terraform_plan: 1, plan_scenario: name, destroy: Boolean(flags.destroy), state_serial: readState()?.serial ?? null,
        }));
      }
      if (code === 0 && flags['detailed-exitcode'] && changes) code = 2;
      return finish(code);
    }
    case 'show': {
      if (!flags.json) return usageError('the fake terraform only serves `show -json`');
      if (positional.length === 0) {
        emit(JSON.stringify({ format_version: '1.0' }));
        return finish(0);
      }
      const marker = readPlanMarker(positional[0], { stderr: true });
      if (!marker) return finish(1);
      const fallback = findRecording(`show-${marker.plan_scenario}`) ? `show-${marker.plan_scenario}` : 'show-plan-create';
      emit(readFileSync(findRecording(scenario('show', fallback)), 'utf8').trimEnd());
      return finish(0);
    }
    case 'apply':
    case 'destroy': {
      const planFile = positional[0];
      if (planFile !== undefined) {
        const marker = readPlanMarker(planFile);
        if (!marker) return finish(1);
        if ((readState()?.serial ?? null) !== marker.state_serial) {
          return diagnosticExit('Saved plan is stale', 'The given plan file can no longer be applied because the state was changed by another operation after the plan was created.');
        }
      } else if (flags.json && !flags['auto-approve']) {
        return diagnosticExit('Plan file or auto-approve required', 'Terraform cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.');
      }
      const name = cmd === 'destroy' ? scenario('destroy', 'destroy-success') : scenario('apply', 'apply-success');
      const lines = readRecording(name);
      const code = await replay(name, { operation: true, lines });
      if (code === 0 && !interrupted) writeStateAfter(lines, cmd === 'destroy');
      return finish(code);
    }
    case 'validate': {
      const file = findRecording(scenario('validate', 'validate-ok'));
      const text = readFileSync(file, 'utf8');
      emit(text.trimEnd());
      return finish(JSON.parse(text).valid ? 0 : 1);
    }
    case 'output': {
      const state = readState();
      const outputs = Object.fromEntries(Object.entries(state?.outputs ?? {})
        .filter(([name]) => positional.length === 0 || name === positional[0])
        .map(([name, o]) => [name, { sensitive: Boolean(o.sensitive), type: o.type, value: o.value }]));
      if (env.FAKE_TF_SCENARIO_OUTPUT) emit(readFileSync(findRecording(env.FAKE_TF_SCENARIO_OUTPUT), 'utf8').trimEnd());
      else emit(JSON.stringify(outputs, null, 2));
      return finish(0);
    }
  }
}

// ---- replay

/** Replays a recording with its timing; resolves to the exit code it implies. */
function replay(name, { operation, lines = readRecording(name) }) {
  return new Promise((resolve) => {
    let i = 0;
    let timer;
    const start = Date.now();
    const first = lines.map(timestampOf).find((t) => t !== undefined);
    let lastTarget = 0;
    // Time taken out by FAKE_TF_MAX_GAP_MS: later lines move up by as much,
    // so one long pause is shortened rather than every gap after it stretched.
    let removed = 0;
    const done = (code) => {
      clearTimeout(timer);
      const forced = env[`FAKE_TF_EXIT_CODE_${String(command).toUpperCase()}`] ?? env.FAKE_TF_EXIT_CODE;
      resolve(forced !== undefined ? Number(forced) : code);
    };
    if (operation) {
      onInterrupt = () => {
        interrupted = true;
        clearTimeout(timer);
        emit(uiLine('info', 'Stopping operation...', { type: 'log' }));
        emit(uiLine('info', '\nInterrupt received.\nPlease wait for Terraform to exit or data loss may occur.\nGracefully shutting down...\n', { type: 'log' }));
        timer = setTimeout(() => {
          const halted = { diagnostic: { severity: 'error', summary: 'execution halted', detail: '' }, type: 'diagnostic' };
          emit(uiLine('error', 'Error: execution halted', halted));
          emit(uiLine('error', 'Error: execution halted', halted));
          done(1);
        }, SHUTDOWN_MS);
      };
    }
    const next = () => {
      if (interrupted) return;
      if (i >= lines.length) {
        const code = recordingHasErrors(lines) ? 1 : 0;
        if (HOLD_FILE && (command === 'apply' || command === 'destroy')) {
          const held = () => {
            if (interrupted) return;
            if (existsSync(HOLD_FILE)) done(code);
            else timer = setTimeout(held, 20);
          };
          held();
        } else if (HOLD_MS > 0) timer = setTimeout(() => done(code), HOLD_MS);
        else done(code);
        return;
      }
      const line = lines[i++];
      emit(line);
      const t = timestampOf(lines[i] ?? '');
      if (t !== undefined && first !== undefined) {
        const natural = (t - first) / SPEED - removed;
        const target = Math.max(lastTarget, Math.min(natural, lastTarget + MAX_GAP));
        removed += Math.max(0, natural - target);
        lastTarget = target;
        timer = setTimeout(next, Math.max(0, start + target - Date.now()));
      } else {
        timer = setTimeout(next, 0);
      }
    };
    next();
  });
}

function timestampOf(line) {
  const m = /"@timestamp":"([^"]+)"/.exec(line);
  if (!m) return undefined;
  const t = Date.parse(m[1]);
  return Number.isNaN(t) ? undefined : t;
}

function parseJsonLine(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function recordingHasErrors(lines) {
  return lines.some((l) => parseJsonLine(l)?.diagnostic?.severity === 'error');
}

/** What `plan -detailed-exitcode` would call "changes": any resource or output change. */
function recordingHasChanges(lines) {
  return lines.map(parseJsonLine).some((e) => {
    if (!e) return false;
    if (e.type === 'planned_change') return e.change?.action !== 'noop';
    if (e.type === 'change_summary') return (e.changes.add + e.changes.change + e.changes.remove + (e.changes.import ?? 0)) > 0;
    if (e.type === 'outputs') return Object.values(e.outputs ?? {}).some((o) => o.action && o.action !== 'noop');
    return false;
  });
}

// ---- recordings, plan markers, state

function scenario(cmd, fallback) {
  const specific = env[`FAKE_TF_SCENARIO_${cmd.toUpperCase()}`];
  if (specific) return specific;
  const general = env.FAKE_TF_SCENARIO;
  if (general && (general === cmd || general.startsWith(`${cmd}-`))) return general;
  return fallback;
}

/** `apply-success` → apply-success.jsonl (or .json) in the first folder that has it. */
function findRecording(name) {
  const files = /\.(jsonl?|txt)$/.test(name) ? [name] : [`${name}.jsonl`, `${name}.json`];
  for (const dir of DIRS) {
    for (const f of files) if (existsSync(path.join(dir, f))) return path.join(dir, f);
  }
  return undefined;
}

function readRecording(name) {
  const file = findRecording(name);
  if (!file) {
    process.stderr.write(`fake terraform: no recording "${name}" in ${DIRS.join(', ')}\n`);
    finish(97);
    return [];
  }
  return readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l, idx, all) => l !== '' || idx < all.length - 1);
}

/**
 * Reads a plan marker written by `plan -out`. Errors go where the real one puts
 * them: a JSON diagnostic on stdout for apply, a boxed (coloured) message on
 * stderr for `show -json`, which has no JSON error view.
 */
function readPlanMarker(file, { stderr = false } = {}) {
  const full = path.resolve(cwd, file);
  let marker;
  try {
    marker = JSON.parse(readFileSync(full, 'utf8'));
  } catch {
    marker = undefined;
  }
  if (!marker || marker.fake_terraform_plan !== 1) {
    if (stderr) {
      process.stderr.write([
        '\u001b[31m╷\u001b[0m\u001b[0m',
        '\u001b[31m│\u001b[0m \u001b[0m\u001b[1m\u001b[31mError: \u001b[0m\u001b[0m\u001b[1mFailed to read the given file as a state or plan file\u001b[0m',
        '\u001b[31m│\u001b[0m \u001b[0m',
        `\u001b[31m│\u001b[0m \u001b[0m\u001b[0mState read error: Error loading statefile: open ${file}: no such file`,
        '\u001b[31m│\u001b[0m \u001b[0mor directory',
        '\u001b[31m╵\u001b[0m\u001b[0m',
        '',
      ].join('\n'));
    } else {
      diagnosticLine(`Failed to load "${file}" as a plan file`, `Error: couldn't load the provided path as either a local plan file (open ${file}: no such file or directory) or a saved cloud plan`);
    }
    return undefined;
  }
  return marker;
}

function readState() {
  try {
    return JSON.parse(readFileSync(path.join(cwd, 'terraform.tfstate'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The state a successful apply/destroy of this recording leaves. */
function writeStateAfter(lines, destroy) {
  const file = path.join(cwd, 'terraform.tfstate');
  const previous = readState();
  if (existsSync(file)) copyFileSync(file, path.join(cwd, 'terraform.tfstate.backup'));
  const resources = new Map((previous?.resources ?? []).map((r) => [`${r.type}.${r.name}`, r]));
  let outputs = destroy ? {} : { ...(previous?.outputs ?? {}) };
  const recordedValues = (() => {
    const f = findRecording('output.json');
    try { return f ? JSON.parse(readFileSync(f, 'utf8')) : {}; } catch { return {}; }
  })();
  for (const e of lines.map(parseJsonLine)) {
    if (e?.type === 'apply_complete') {
      const r = e.hook.resource;
      if (e.hook.action === 'delete') resources.delete(r.addr);
      else resources.set(r.addr, { mode: 'managed', type: r.resource_type, name: r.resource_name,
        provider: `provider["registry.terraform.io/hashicorp/${r.implied_provider}"]`,
        instances: [{ schema_version: 0, attributes: { id: e.hook.id_value ?? r.addr }, sensitive_attributes: [] }] });
    }
    if (e?.type === 'outputs' && !destroy) {
      outputs = Object.fromEntries(Object.entries(e.outputs).map(([name, o]) => [name, {
        value: o.sensitive ? (recordedValues[name]?.value ?? `fake-sensitive-${name}`) : o.value,
        type: o.type ?? 'string', ...(o.sensitive ? { sensitive: true } : {}),
      }]));
    }
  }
  writeFileSync(file, `${JSON.stringify({
    version: 4, terraform_version: VERSION, serial: (previous?.serial ?? 0) + 1,
    lineage: previous?.lineage ?? 'fake-lineage-0000', outputs, resources: [...resources.values()], check_results: null,
  }, null, 2)}\n`);
}

// ---- output helpers

const WAIT = new Int32Array(new SharedArrayBuffer(4));

/**
 * Prints a line the way Terraform does: whole, before anything else happens.
 * process.stdout.write to a pipe or socket may queue what the reader has not
 * taken yet, and process.exit() drops that queue (a large `show -json` came
 * out cut short under load), so write to the descriptor until all is taken.
 */
function emit(line) {
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if (error.code === 'EPIPE') return; // the reader is gone, as for Terraform
      if (error.code !== 'EAGAIN') throw error;
      Atomics.wait(WAIT, 0, 0, 5); // the reader is slow: let it catch up
    }
  }
}

function uiLine(level, message, rest) {
  return JSON.stringify({ '@level': level, '@message': message, '@module': 'terraform.ui', '@timestamp': new Date().toISOString().replace('Z', '000Z'), ...rest });
}

function diagnosticLine(summary, detail) {
  emit(uiLine('error', `Error: ${summary}`, { diagnostic: { severity: 'error', summary, detail }, type: 'diagnostic' }));
}

function diagnosticExit(summary, detail) {
  emit(uiLine('info', `Terraform ${VERSION}`, { terraform: VERSION, type: 'version', ui: '1.2' }));
  diagnosticLine(summary, detail);
  return finish(1);
}

function usageError(message) {
  process.stderr.write(`Error parsing command-line flags: ${message}\n\nFor more help on using this command, run:\n  terraform ${command} -help\n`);
  return finish(1);
}

/** Go's flag package: flags first, `-name`, `-name=value` or `-name value` for non-booleans. */
function parseFlags(args, { flags: allowed, positional: maxPositional }) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (positional.length > 0 || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    if (!allowed.includes(name)) {
      usageError(`flag provided but not defined: -${name}`);
      return undefined;
    }
    let value = eq === -1 ? true : body.slice(eq + 1);
    if (eq === -1 && VALUE_FLAGS.has(name)) value = args[++i];
    if (value === 'false') value = false;
    flags[name] = value;
  }
  if (positional.length > maxPositional) {
    usageError(`Too many command line arguments: ${positional.join(' ')}`);
    return undefined;
  }
  return { flags, positional };
}

function logInvocation() {
  if (!env.FAKE_TF_ARGS_LOG) return;
  const names = ['TF_IN_AUTOMATION', 'TF_CLI_CONFIG_FILE', 'AWS_PROFILE', 'AWS_REGION', 'CHECKPOINT_DISABLE',
    ...(env.FAKE_TF_ECHO_ENV ?? '').split(',').filter(Boolean)];
  const shown = Object.fromEntries(names.filter((n) => n in env).map((n) => [n, env[n]]));
  appendFileSync(env.FAKE_TF_ARGS_LOG, `${JSON.stringify({ argv: process.argv.slice(2), cwd, env: shown })}\n`);
}

function finish(code) {
  // Nothing printed is lost: emit() hands every byte to the descriptor first.
  process.exit(code);
}
