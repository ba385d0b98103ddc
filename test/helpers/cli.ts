/**
 * Runs the BUILT command line (`node bin/ecs-wizard.js`) as a user or a CI job
 * would: a child process with no terminal, stdin closed, and the fake
 * terraform (test/helpers/fakeTerraform.mjs) found through
 * ECS_WIZARD_TERRAFORM.
 *
 * dist/ is built at most once per test run, and only when it is missing or
 * older than src/ or scripts/: the first test file to need it builds under a lock folder,
 * the others wait for it. A stamp file records when the last build started,
 * so edits made during a build are picked up by the next. The build never
 * empties dist/: it writes beside it and renames the new files in (see
 * scripts/build.mjs), so a CLI a test started earlier keeps running.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FAKE_TERRAFORM, fakeTerraformEnv, makeTmpDir, REPO_ROOT, type FakeTerraformSettings } from './fakeTerraformHarness.js';

export const CLI = path.join(REPO_ROOT, 'bin', 'ecs-wizard.js');
const DIST_ENTRY = path.join(REPO_ROOT, 'dist', 'ecs-wizard.js');
// Outside dist/, which holds only what the package ships.
const CACHE = path.join(REPO_ROOT, 'node_modules', '.cache', 'ecs-wizard-tests');
const LOCK = path.join(CACHE, 'build-lock');
const STAMP = path.join(CACHE, 'build-stamp');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|tsx|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function distIsFresh(): boolean {
  if (!existsSync(DIST_ENTRY) || !existsSync(STAMP)) return false;
  // The build's own scripts (bundle options, plugins) count as much as the source.
  const newest = Math.max(newestMtime(path.join(REPO_ROOT, 'src')), newestMtime(path.join(REPO_ROOT, 'scripts')));
  return statSync(STAMP).mtimeMs >= newest;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let built: Promise<void> | undefined;

/** Builds dist/ (scripts/build.mjs: tsc's type check, the CLI and library bundles, the schema) unless it is newer than src/. */
export function ensureBuilt(): Promise<void> {
  built ??= (async () => {
    for (let waited = 0; !distIsFresh(); waited += 250) {
      mkdirSync(path.dirname(LOCK), { recursive: true });
      let owner = false;
      try {
        mkdirSync(LOCK);
        owner = true;
      } catch {
        // Another test file is building; a lock older than 3 minutes is from a dead run.
        if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
        if (waited > 240_000) throw new Error('Timed out waiting for another test file to build dist/.');
        await sleep(250);
        continue;
      }
      try {
        if (distIsFresh()) return;
        const startedAt = new Date();
        try {
          execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
        } catch (error) {
          const out = `${String((error as { stdout?: Buffer }).stdout ?? '')}${String((error as { stderr?: Buffer }).stderr ?? '')}`;
          throw new Error(`npm run build failed; the CLI cannot be tested:\n${out.slice(0, 4000)}`);
        }
        writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
        utimesSync(STAMP, startedAt, startedAt);
        return;
      } finally {
        if (owner) rmSync(LOCK, { recursive: true, force: true });
      }
    }
  })();
  return built;
}

export interface CliResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** Environment variables that would make a run depend on the machine it runs on. */
const SCRUBBED = /^(ECS_WIZARD_|TF_|FAKE_TF_|AWS_|CI$|GITHUB_ACTIONS$|FORCE_COLOR$|NO_COLOR$)/;

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!SCRUBBED.test(key)) env[key] = value;
  env['NO_COLOR'] = '1';
  env['CHECKPOINT_DISABLE'] = '1';
  // No machine's AWS either: the SDK calls of a run (the service wait, the task definitions'
  // cleanup after a destroy) must never find a real account's keys or instance role from a test.
  env['AWS_SHARED_CREDENTIALS_FILE'] = '/nonexistent/ecs-wizard-test/credentials';
  env['AWS_CONFIG_FILE'] = '/nonexistent/ecs-wizard-test/config';
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** The environment for a run against the fake terraform. */
export function fakeEnv(settings: FakeTerraformSettings = {}, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return cleanEnv({ ECS_WIZARD_TERRAFORM: FAKE_TERRAFORM, ...fakeTerraformEnv(settings), ...extra });
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once `predicate` holds for what was printed (checked on every chunk). */
  waitFor(predicate: (out: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>;
  readonly result: Promise<CliResult>;
}

/**
 * Starts `node bin/ecs-wizard.js ARGS` with no terminal: stdin is a pipe closed
 * at once (or, with `keepStdinOpen`, left open and silent, so a prompt would
 * hang until the timeout kills it), stdout and stderr are pipes. With `group`,
 * it leads its own process group, so a test can signal the group as a
 * terminal's Ctrl-C does.
 */
export function startCli(
  args: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    group?: boolean;
    keepStdinOpen?: boolean;
    timeoutMs?: number;
    /** Run as this user (needs root): the kernel's own permission checks, for tests that run as root. */
    user?: { uid: number; gid: number };
  },
): RunningCli {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: options.group ?? false,
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  if (!options.keepStdinOpen) child.stdin!.end();
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const check = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    check();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    check();
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timeout);
      child.stdin!.destroy();
      check();
      resolve({ exitCode, signal, stdout, stderr, durationMs: Date.now() - started });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor(predicate, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const waiter = () => {
          if (!predicate({ stdout, stderr })) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`Timed out waiting for the CLI's output.\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
        }, timeoutMs);
        waiters.add(waiter);
        void result.then(() => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          if (predicate({ stdout, stderr })) resolve();
          else reject(new Error(`The CLI exited before the expected output.\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
        });
        waiter();
      });
    },
    result,
  };
}

export function runCli(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number; user?: { uid: number; gid: number } },
): Promise<CliResult> {
  return startCli(args, options).result;
}

/** The settings every test project starts from, as the brief for issue 3 gives them. */
export const STARTER_SETS = [
  '--preset',
  'starter',
  '--set',
  'environments.production.region=eu-west-1',
  '--set',
  'environments.production.pipeline.owner=acme',
  '--set',
  'environments.production.pipeline.repo=shop',
] as const;

let template: Promise<string> | undefined;

/**
 * A fresh project folder named `shop`, made by `ecs-wizard synth` with the
 * starter preset. The synth runs once per test file; each call copies it.
 */
export async function makeProject(): Promise<string> {
  template ??= (async () => {
    await ensureBuilt();
    const dir = path.join(makeTmpDir('ecs-wizard-cli-template-'), 'shop');
    mkdirSync(dir);
    const synth = await runCli(['synth', ...STARTER_SETS], { cwd: dir, env: cleanEnv() });
    if (synth.exitCode !== 0) throw new Error(`ecs-wizard synth failed (${synth.exitCode}):\n${synth.stderr}`);
    return dir;
  })();
  const source = await template;
  const dir = path.join(makeTmpDir('ecs-wizard-cli-'), 'shop');
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** The stack folder of an environment, where Terraform runs. */
export function stackDir(project: string, environment = 'production'): string {
  return path.join(project, 'cdktf.out', 'stacks', environment);
}
