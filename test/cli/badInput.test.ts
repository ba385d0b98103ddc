/**
 * Bad input across every command, through the built CLI in a pipe, as a
 * table: each row ends with the exit code the README promises, one sentence
 * that names the flag, field or path and the fix, no stack trace, nothing
 * written to the project and no Terraform run. Every row runs with --json,
 * so the same failure must also arrive as a `failure` event and `done`.
 *
 * Below the table: the failures a table cannot set up (a full disk, a folder
 * without write permission, a bug), what a --set becomes when the run fails
 * or succeeds, and the --json contract of synth and doctor.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, fakeEnv, makeProject, runCli, STARTER_SETS, stackDir, type CliResult } from '../helpers/cli.js';
import { makeTmpDir, REPO_ROOT } from '../helpers/fakeTerraformHarness.js';

beforeAll(async () => {
  await ensureBuilt();
  await makeProject();
}, 240_000);

interface JsonEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** Every file and folder under `dir` with its content hash and mode: what "nothing written" compares. */
function snapshot(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry);
      const stat = lstatSync(full);
      const key = path.relative(dir, full);
      if (stat.isDirectory()) {
        found[key] = `dir ${stat.mode}`;
        if (entry !== '.git') walk(full);
      } else {
        found[key] = `${stat.mode} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk(dir);
  return found;
}

function jsonEvents(stdout: string): JsonEvent[] {
  const lines = stdout.split('\n');
  expect(lines.pop(), 'stdout ends with a newline').toBe('');
  return lines.map((line) => JSON.parse(line) as JsonEvent);
}

const STACK_TRACE = /^\s+at .+[:(]\d+:\d+\)?$|^(Type|Reference|Range|Syntax)Error\b|^\s*Error: /m;

/** The contract every failure keeps, in text and in JSON. */
function expectFailure(run: CliResult, exitCode: number, says: RegExp): JsonEvent {
  expect(run.exitCode, `${run.stderr}\n${run.stdout}`).toBe(exitCode);
  expect(run.stderr, run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stdout).not.toMatch(STACK_TRACE);
  const events = jsonEvents(run.stdout);
  const [failure, done] = events.slice(-2);
  expect(failure?.type, run.stdout).toBe('failure');
  expect(done).toMatchObject({ type: 'done', exitCode });
  expect(events.filter((event) => event.type === 'done')).toHaveLength(1);
  const said = [String(failure!['message']), ...((failure!['problems'] as string[] | undefined) ?? [])];
  expect(said.some((line) => says.test(line)), `${says} in:\n${said.join('\n')}`).toBe(true);
  // The same sentence on stderr, on a line of its own.
  expect(run.stderr.split('\n'), run.stderr).toContain(`✖ ${String(failure!['message'])}`);
  // One sentence per line: the message itself never runs over several lines.
  expect(String(failure!['message'])).not.toContain('\n');
  return failure!;
}

type Where = 'project' | 'empty';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** A copy of the starter project (default), or an empty folder. */
  readonly in?: Where;
  /** Changes the folder before the run (and before the snapshot). Returns extra arguments. */
  readonly setup?: (dir: string) => string[] | void;
  readonly env?: Record<string, string>;
  readonly exit?: number;
  /** The failure's message, or one of its problem lines, matches this. */
  readonly says: RegExp;
}

const ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/API_URL';
const git = (dir: string, ...args: string[]): void => void execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
const configFile = (dir: string) => path.join(dir, 'ecs-wizard.json');
const writeConfig = (text: string) => (dir: string) => writeFileSync(configFile(dir), text);

const CASES: Case[] = [
  // The command line itself.
  { name: 'a bluegreen step without its word', args: ['bluegreen'], says: /^"bluegreen" needs a subcommand: start, switch, rollback, finish\. Run "ecs-wizard bluegreen --help"\.$/ },
  { name: '--weight that is no percent', args: ['bluegreen', 'switch', '--weight', 'most'], says: /^--weight "most": the new copy's share of the traffic is a whole percent from 1 to 100, e\.g\. --weight 10/ },
  { name: '--weight with another step', args: ['bluegreen', 'finish', '--weight', '10'], says: /^--weight does not go with "bluegreen finish"/ },
  { name: 'an unknown command', args: ['deploy'], says: /^unknown command "deploy"; commands: synth, plan, apply, destroy, env, backend, outputs, cost, diagram, doctor, bluegreen\. Run "ecs-wizard --help"\.$/ },
  { name: 'an unknown option', args: ['plan', '--yess'], says: /^Unknown option '--yess'.*Run "ecs-wizard --help" for the options\.$/ },
  { name: 'an argument a command does not take', args: ['synth', 'now'], says: /^synth takes no arguments, got "now"\. Run "ecs-wizard synth --help"\.$/ },
  { name: '--set with doctor, which only reads', args: ['doctor', '--set', 'app.cpu=512'], says: /^--set does not go with "doctor", which takes --dir, .*--terraform\. Run "ecs-wizard doctor --help"\.$/ },
  { name: '--preset with outputs', args: ['outputs', '--preset', 'starter'], says: /^--preset does not go with "outputs"/ },
  { name: '--set with destroy, which acts on the saved file', args: ['destroy', '--yes', '--set', 'app.cpu=512'], says: /^--set does not go with "destroy"/ },
  { name: 'terraform arguments with synth', args: ['synth', '--', '-refresh=false'], says: /^"synth" runs no Terraform plan: arguments after -- \("-refresh=false"\) go with plan, apply or destroy\.$/ },
  { name: '--allow-replace with a word', args: ['apply', '--yes', '--allow-replace', 'database'], says: /^--allow-replace "database": not a resource address\. Give the address the data guard names, e\.g\. --allow-replace aws_db_instance\.database\.$/ },
  { name: '--allow-replace with a shell line', args: ['apply', '--yes', '--allow-replace', 'aws_db_instance.db; rm -rf /'], says: /^--allow-replace "aws_db_instance\.db; rm -rf \/": not a resource address/ },
  { name: '--env that is no environment name', args: ['plan', '--env', 'Prod!'], says: /^--env "Prod!" is not an environment name: 2 to 10 lower-case letters/ },
  { name: '--env __proto__', args: ['apply', '--yes', '--env', '__proto__'], says: /^--env "__proto__" is not an environment name/ },
  { name: 'an unknown preset', args: ['plan', '--preset', 'huge'], says: /^--preset: is not a preset; choose one of starter, production \(found "huge"\)$/ },
  { name: 'no command and no terminal', args: [], says: /^no terminal to ask questions in\. Run a command/ },
  { name: 'a --set without a value', args: ['synth', '--set', 'app.cpu'], says: /^app\.cpu: a --set takes path=value, e\.g\. --set / },

  // --set, typed and checked by the schema.
  { name: '--set __proto__.x=1', args: ['synth', '--set', '__proto__.x=1'], says: /^__proto__: "__proto__" is not a setting and cannot be one; keys here: \$schema, version, app, environments, backend$/ },
  { name: '--set constructor=1', args: ['synth', '--set', 'constructor=1'], says: /^constructor: "constructor" is not a setting and cannot be one/ },
  { name: '--set app.toString=1', args: ['synth', '--set', 'app.toString=1'], says: /^app\.toString: unknown key "toString"; keys here: name, containerPort/ },
  { name: 'a word for a number', args: ['plan', '--set', 'app.cpu=lots'], says: /^app\.cpu: expects a number, e\.g\. 256 \(found "lots"\)$/ },
  { name: 'yes for a boolean', args: ['apply', '--yes', '--set', 'environments.production.database.multiAz=yes'], says: /^environments\.production\.database\.multiAz: expects true or false \(found "yes"\)$/ },
  { name: 'a tag key AWS reserves', args: ['synth', '--set', 'environments.production.tags.aws:team=x'], says: /^environments\.production\.tags\.aws:team: tag keys starting with "aws:" are reserved by AWS/ },
  { name: 'a tag ecs-wizard sets itself', args: ['synth', '--set', 'environments.production.tags.managed-by=me'], says: /^environments\.production\.tags\.managed-by: "managed-by" is set by ecs-wizard on every resource and would override yours; choose another key/ },
  {
    name: 'a name both plain and secret',
    args: ['synth', '--set', 'environments.production.variables={"API_URL":"https://x"}', '--set', `environments.production.secrets={"API_URL":"${ARN}"}`],
    says: /^environments\.production\.variables\.API_URL: "API_URL" is also in environments\.production\.secrets; a variable is plain or secret, not both: remove one \(found "https:\/\/x"\)$/,
  },
  { name: 'a value of 500 characters is cut in the message', args: ['synth', '--set', `app.name=${'x'.repeat(500)}`], says: /^app\.name: the app name is at most 16 characters .*found "x{78}…\)$/ },

  // --env.
  { name: 'synth --env of no environment (it used to synthesize another)', args: ['synth', '--env', 'staging'], says: /^--env "staging" is not an environment of this project; choose one of production, or add it with --env staging --preset starter/ },
  { name: 'plan --env of no environment', args: ['plan', '--env', 'staging'], says: /^--env "staging" is not an environment of this project; choose one of production/ },
  { name: 'outputs --env of no environment', args: ['outputs', '--env', 'staging'], says: /^--env "staging" is not an environment of this project/ },
  { name: 'destroy --env of no environment', args: ['destroy', '--yes', '--env', 'staging'], says: /^--env "staging" is not an environment of this project/ },

  // Files and folders.
  ...(['synth', 'plan', 'doctor', 'outputs'] as const).map(
    (command): Case => ({
      name: `${command}: a folder named ecs-wizard.json`,
      args: [command],
      in: 'empty',
      setup: (dir) => void mkdirSync(configFile(dir)),
      says: /^\/.*\/ecs-wizard\.json is a folder, not a file: move it away \(ecs-wizard keeps its settings in that file\), or point --config at the config file\.$/,
    }),
  ),
  {
    name: '--config naming a folder',
    args: ['synth'],
    setup: (dir) => {
      mkdirSync(path.join(dir, 'settings'));
      return ['--config', path.join(dir, 'settings')];
    },
    says: /^--config ".*settings" is a folder, not a file: point --config at the config file, e\.g\. --config .*settings\/ecs-wizard\.json\.$/,
  },
  ...(['synth', 'apply', 'doctor'] as const).map(
    (command): Case => ({
      name: `${command} --dir naming a file`,
      args: [command],
      setup: (dir) => ['--dir', path.join(dir, 'main.ts')],
      says: /^--dir ".*main\.ts" is a file, not a folder: point --dir at the project folder \(a missing one is created\)\.$/,
    }),
  ),
  {
    name: 'a JSON syntax error: line and column',
    args: ['plan'],
    setup: writeConfig('{\n  "version": 1,\n  "app": { "name": "shop" },\n}\n'),
    says: /^ecs-wizard\.json: is not valid JSON: line 4, column 1: a comma before "}": remove the trailing comma$/,
  },
  {
    name: 'merge conflict markers',
    args: ['synth'],
    setup: (dir) => writeFileSync(configFile(dir), `<<<<<<< HEAD\n${readFileSync(configFile(dir), 'utf8')}`),
    says: /^ecs-wizard\.json: is not valid JSON: line 1, column 1: expected a value/,
  },
  {
    name: 'a current file without "version" (it used to be migrated as version 0)',
    args: ['synth'],
    setup: (dir) => {
      const { version: _gone, ...rest } = JSON.parse(readFileSync(configFile(dir), 'utf8')) as Record<string, unknown>;
      writeFileSync(configFile(dir), JSON.stringify(rest, null, 2));
    },
    says: /^version: "version" is missing: add "version": 2 at the top of the file$/,
  },

  // A new project and no GitHub repository to deploy: why, and the exact --set lines.
  {
    name: 'no git repository',
    args: ['synth'],
    in: 'empty',
    says: /^environments\.production\.pipeline: no GitHub repository to deploy from: \/.* is not inside a git repository\. Name it with --set environments\.production\.pipeline\.owner=OWNER --set environments\.production\.pipeline\.repo=REPO$/,
  },
  { name: 'a repository without origin', args: ['synth'], in: 'empty', setup: (dir) => git(dir, 'init', '-q'), says: /no GitHub repository to deploy from: the git repository has no "origin" remote\. Name it with --set / },
  {
    name: 'a GitLab origin',
    args: ['plan'],
    in: 'empty',
    setup: (dir) => {
      git(dir, 'init', '-q');
      git(dir, 'remote', 'add', 'origin', 'https://gitlab.com/acme/shop.git');
    },
    says: /no GitHub repository to deploy from: origin is https:\/\/gitlab\.com\/acme\/shop\.git, which is not on github\.com \(the pipeline deploys from GitHub; GitLab and GitHub Enterprise are not supported\)\. Name it with --set /,
  },
  {
    name: 'a GitHub Enterprise origin',
    args: ['synth'],
    in: 'empty',
    setup: (dir) => {
      git(dir, 'init', '-q');
      git(dir, 'remote', 'add', 'origin', 'git@github.acme.internal:shop/web.git');
    },
    says: /origin is git@github\.acme\.internal:shop\/web\.git, which is not on github\.com/,
  },
  { name: 'no git at all', args: ['synth'], in: 'empty', env: { PATH: '/nonexistent' }, says: /no GitHub repository to deploy from: git is not installed \(or not on PATH\)/ },
];

describe.concurrent('bad input, every command: the exit code, one sentence with the path and the fix, no stack trace, nothing written', () => {
  for (const row of CASES) {
    it(row.name, async () => {
      const dir = row.in === 'empty' ? path.join(makeTmpDir('ecs-wizard-bad-'), 'shop') : await makeProject();
      if (row.in === 'empty') mkdirSync(dir);
      const extra = row.setup?.(dir) ?? [];
      const before = snapshot(dir);
      const argsLog = path.join(dir, '..', 'terraform-args.log');
      const separator = row.args.indexOf('--');
      const own = separator === -1 ? [...row.args] : row.args.slice(0, separator);
      const tail = separator === -1 ? [] : row.args.slice(separator);
      const run = await runCli([...own, ...extra, '--json', ...tail], { cwd: dir, env: fakeEnv({ argsLog }, row.env ?? {}) });
      expectFailure(run, row.exit ?? 2, row.says);
      expect(snapshot(dir)).toEqual(before);
      // Terraform was never started (the fake logs every call, `version` included).
      expect(existsSync(argsLog)).toBe(false);
    });
  }
});

const FAULTY_FS = path.join(REPO_ROOT, 'test', 'helpers', 'faultyFs.mjs');
const faulty = (fault: string, extra: Record<string, string> = {}) => fakeEnv({}, { NODE_OPTIONS: `--import=${FAULTY_FS}`, ECS_WIZARD_FAULT: fault, ...extra });

describe.concurrent('what the file system and bugs do', () => {
  it('a full disk (ENOSPC): exit 1, the path, "free some space"; ecs-wizard.json kept', async () => {
    const project = await makeProject();
    const config = readFileSync(configFile(project), 'utf8');
    const run = await runCli(['synth', '--json', '--set', 'environments.production.service.maxCount=3'], { cwd: project, env: faulty('ENOSPC:write:cdk.tf.json') });
    const failure = expectFailure(run, 1, /^cannot write \/.*cdk\.tf\.json.*: the disk is full\. Free some space, then run the same command again\.$/);
    expect(failure['next']).toBeUndefined();
    expect(readFileSync(configFile(project), 'utf8')).toBe(config);
    // The staged copies and the write's journal went with the failure: nothing half-written is left.
    expect(Object.keys(snapshot(project)).filter((file) => file.endsWith('.ecs-wizard-tmp') || file.endsWith('write-journal.json'))).toEqual([]);
  });

  it('a folder without write permission (EACCES from the kernel): exit 2, the folder and the fix, nothing written', async () => {
    const project = await makeProject();
    const asRoot = process.getuid?.() === 0;
    // Root may write anywhere: run the CLI as nobody on root's project instead, so the refusal is real.
    const user = asRoot ? { uid: 65534, gid: 65534 } : undefined;
    if (!asRoot) chmodSync(project, 0o555);
    const tmp = makeTmpDir('ecs-wizard-nobody-home-');
    if (asRoot) chownSync(tmp, 65534, 65534);
    const before = snapshot(project);
    try {
      const run = await runCli(['synth', '--json', '--set', 'environments.production.service.maxCount=3'], {
        cwd: project,
        env: cleanEnv({ HOME: tmp, TMPDIR: tmp }),
        ...(user ? { user } : {}),
      });
      expectFailure(run, 2, /^cannot (create a temporary folder in|create the folder|open|write) \/.*: permission denied\. Make it writable for you \(ls -ld \/.*; chown or chmod\), or run from a folder you own with --dir\.$/);
      expect(snapshot(project)).toEqual(before);
    } finally {
      if (!asRoot) chmodSync(project, 0o755);
    }
  });

  it('a bug: "internal error", exit 1, the --debug hint, no stack trace; --debug shows it', async () => {
    const project = await makeProject();
    const env = faulty('TypeError:read:generated.json');
    const run = await runCli(['synth', '--json'], { cwd: project, env });
    const failure = expectFailure(run, 1, /^ecs-wizard hit an internal error: Cannot read properties of undefined \(reading 'injected'\)/);
    expect(failure['next']).toBe('Run the same command again with --debug to see where it happened, and report it with that output.');
    expect(failure['stack']).toBeUndefined();

    const debug = await runCli(['synth', '--debug'], { cwd: project, env });
    expect(debug.exitCode).toBe(1);
    expect(debug.stderr).toMatch(/^TypeError: Cannot read properties of undefined/m);
    expect(debug.stderr).toMatch(/^\s+at .*faultyFs\.mjs/m);
  });
});

describe('a --set is saved only when its command succeeds (synth saves: that is its job)', () => {
  it('apply --yes --set …engine=mysql blocked by the data guard: exit 3, ecs-wizard.json and the generated stack as they were, and it says so', async () => {
    const project = await makeProject();
    const config = readFileSync(configFile(project), 'utf8');
    const stack = readFileSync(path.join(stackDir(project), 'cdk.tf.json'), 'utf8');
    const sets = ['--set', 'environments.production.database.engine=mysql', '--set', 'environments.production.database.engineVersion=8.4'];
    const run = await runCli(['apply', '--yes', '--json', ...sets], {
      cwd: project,
      env: fakeEnv({ speed: 2000, scenarios: { plan: 'plan-replace', show: 'show-plan-replace', apply: 'apply-replace' } }),
    });
    expectFailure(run, 3, /^Blocked by the data guard: /);
    expect(readFileSync(configFile(project), 'utf8')).toBe(config);
    // The generated project follows the saved file again.
    expect(readFileSync(path.join(stackDir(project), 'cdk.tf.json'), 'utf8')).toBe(stack);
    const said =
      '--set environments.production.database.engine=mysql, --set environments.production.database.engineVersion=8.4: not saved: the run failed; ecs-wizard.json is as it was.';
    expect(run.stderr).toContain(`⚠ ${said}`);
    expect(jsonEvents(run.stdout)).toContainEqual({ type: 'config', path: configFile(project), saved: false, message: expect.stringContaining(said) });
  });

  it('plan --set that succeeds: saved, and it says so', async () => {
    const project = await makeProject();
    const run = await runCli(['plan', '--json', '--set', 'environments.production.service.maxCount=3'], { cwd: project, env: fakeEnv({ speed: 2000 }) });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(configFile(project), 'utf8')).environments.production.service.maxCount).toBe(3);
    expect(run.stderr).toContain('✔ --set environments.production.service.maxCount=3: saved to ecs-wizard.json\n');
    const events = jsonEvents(run.stdout);
    expect(events.find((event) => event.type === 'config')).toMatchObject({ saved: true });
    expect(events.at(-1)).toMatchObject({ type: 'done', exitCode: 0 });
  });

  it('a new project made by a failing apply is not saved either', async () => {
    const dir = path.join(makeTmpDir('ecs-wizard-newfail-'), 'shop');
    mkdirSync(dir);
    const run = await runCli(['apply', '--yes', ...STARTER_SETS], { cwd: dir, env: fakeEnv({ speed: 2000, scenarios: { apply: 'apply-unreachable' } }) });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(existsSync(configFile(dir))).toBe(false);
    expect(run.stderr).toMatch(/⚠ the new project \(starter preset\), --set .*: not saved: the run failed; ecs-wizard\.json was not written\./);
  });
});

describe('--json: one contract for every command', () => {
  it('synth: config, synth and done events', async () => {
    const dir = path.join(makeTmpDir('ecs-wizard-synthjson-'), 'shop');
    mkdirSync(dir);
    const run = await runCli(['synth', '--json', ...STARTER_SETS], { cwd: dir, env: cleanEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    const events = jsonEvents(run.stdout);
    expect(events.map((event) => event.type)).toEqual(['config', 'synth', 'done']);
    expect(events[1]).toMatchObject({ dir, environments: ['production'], written: expect.arrayContaining(['main.ts', 'cdktf.out/stacks/production/cdk.tf.json']) });
    expect(events[2]).toEqual({ type: 'done', exitCode: 0, summary: 'Synthesized cdktf.out/stacks/production' });
  });

  it('doctor: one check event per check, then failure and done when one fails', async () => {
    const project = await makeProject();
    const run = await runCli(['doctor', '--json'], { cwd: project, env: fakeEnv({}, { HOME: makeTmpDir('ecs-wizard-doctor-home-'), TF_CLI_CONFIG_FILE: path.join(REPO_ROOT, 'nowhere.tfrc') }) });
    const events = jsonEvents(run.stdout);
    const checks = events.filter((event) => event.type === 'check');
    expect(checks.map((check) => check['name'])).toEqual(expect.arrayContaining(['Config', 'Terraform', 'AWS provider', 'AWS credentials (production)', 'Git remote']));
    expect(checks.find((check) => check['name'] === 'AWS credentials (production)')).toMatchObject({ status: 'fail', fix: expect.stringContaining('aws configure') });
    expectFailure(run, 1, /^(\d+ checks|a check) failed: .*AWS credentials \(production\)/);
  });

  it('diagram: one diagram event carrying the drawing, then done; with --out, the event names the file instead', async () => {
    const project = await makeProject();
    const text = await runCli(['diagram'], { cwd: project, env: cleanEnv() });
    expect(text.exitCode, text.stderr).toBe(0);
    const run = await runCli(['diagram', '--json'], { cwd: project, env: cleanEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    const events = jsonEvents(run.stdout);
    expect(events.map((event) => event.type)).toEqual(['diagram', 'done']);
    expect(events[0]).toEqual({ type: 'diagram', environment: 'production', format: 'text', content: text.stdout });
    expect(events[1]).toEqual({ type: 'done', exitCode: 0, summary: 'text drawing of production' });

    const out = path.join(project, 'architecture.svg');
    const toFile = await runCli(['diagram', '--json', '--out', out], { cwd: project, env: cleanEnv() });
    expect(toFile.exitCode, toFile.stderr).toBe(0);
    const written = jsonEvents(toFile.stdout);
    expect(written.map((event) => event.type)).toEqual(['diagram', 'done']);
    expect(written[0]).toEqual({ type: 'diagram', environment: 'production', format: 'svg', file: out });
    expect(readFileSync(out, 'utf8')).toMatch(/^<svg /);
    expect(toFile.stderr).toContain(`✔ ${out} (svg, production)`);
  });
});

describe('inputs that used to fail and are fine', () => {
  it('a byte-order mark at the start of ecs-wizard.json', async () => {
    const project = await makeProject();
    writeFileSync(configFile(project), `\uFEFF${readFileSync(configFile(project), 'utf8')}`);
    const run = await runCli(['synth'], { cwd: project, env: cleanEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
  });

  it("at the root of an app with its own package.json, the app's origin remote names the repository", async () => {
    const app = path.join(makeTmpDir('ecs-wizard-approot-'), 'shop');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "shop" }\n');
    git(app, 'init', '-q', '-b', 'trunk');
    git(app, 'remote', 'add', 'origin', 'git@github.com:acme/shop-web.git');
    const run = await runCli(['synth'], { cwd: app, env: cleanEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    const config = JSON.parse(readFileSync(path.join(app, 'infra', 'ecs-wizard.json'), 'utf8'));
    expect(config.environments.production.pipeline).toMatchObject({ owner: 'acme', repo: 'shop-web', branch: 'trunk' });
  });
});
