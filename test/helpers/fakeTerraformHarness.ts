/**
 * Where the Terraform recordings live, and how to drive the fake terraform
 * (test/helpers/fakeTerraform.mjs) from a test.
 *
 * Shared recordings sit beside the repository, in
 * ../shared/fixtures/terraform-1.11.4 (CI clones the repo with shared/ next to
 * it). Recordings this repo added (see test/fixtures/terraform/README.md) sit
 * in test/fixtures/terraform.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(here, '..', '..');
export const SHARED_FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'terraform-1.11.4');
export const REPO_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'terraform');
/** The fake `terraform` executable. Run it directly: it has a node shebang and the x bit. */
export const FAKE_TERRAFORM = path.join(here, 'fakeTerraform.mjs');

function requireSharedFixtures(): void {
  if (!existsSync(SHARED_FIXTURES)) {
    throw new Error(
      `Shared Terraform recordings not found at ${SHARED_FIXTURES}: clone the shared fixtures beside the repository.`,
    );
  }
}

/** Absolute path of a recording, looked up in this repo's fixtures, then the shared ones. */
export function fixturePath(name: string): string {
  const own = path.join(REPO_FIXTURES, name);
  if (existsSync(own)) return own;
  requireSharedFixtures();
  const shared = path.join(SHARED_FIXTURES, name);
  if (!existsSync(shared)) throw new Error(`No Terraform recording named ${name}`);
  return shared;
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFixture(name)) as unknown;
}

/** Every `*.jsonl` UI recording, shared and own, as `{ name, file }`. */
export function allEventRecordings(): { name: string; file: string }[] {
  requireSharedFixtures();
  const list = (dir: string): { name: string; file: string }[] =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => ({ name: f, file: path.join(dir, f) }));
  return [...list(SHARED_FIXTURES), ...list(REPO_FIXTURES)];
}

export function makeTmpDir(prefix = 'ecs-wizard-tf-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export type FakeCommand = 'init' | 'plan' | 'apply' | 'destroy' | 'show' | 'validate' | 'output';

export interface FakeTerraformSettings {
  /** FAKE_TF_SCENARIO: used by the command its name starts with (`apply-unreachable` → apply). */
  readonly scenario?: string;
  /** FAKE_TF_SCENARIO_<CMD>: one recording per command. */
  readonly scenarios?: Partial<Record<FakeCommand, string>>;
  /** Divides recorded gaps; default 200 keeps a 30 s recording at 150 ms. */
  readonly speed?: number;
  readonly maxGapMs?: number;
  readonly signalLog?: string;
  readonly argsLog?: string;
  readonly echoEnv?: readonly string[];
  readonly ignoreSigint?: boolean;
  readonly shutdownMs?: number;
  readonly holdMs?: number;
  /** FAKE_TF_HOLD_FILE: apply and destroy stay running after their replay until this file exists. */
  readonly holdFile?: string;
  readonly exitCode?: number;
  /** FAKE_TF_EXIT_CODE_<CMD>: the exit code of one command. */
  readonly exitCodes?: Partial<Record<FakeCommand, number>>;
}

/** Environment variables that configure the fake for one run. */
export function fakeTerraformEnv(settings: FakeTerraformSettings = {}): Record<string, string> {
  const env: Record<string, string> = {
    FAKE_TF_DIR: [REPO_FIXTURES, SHARED_FIXTURES].join(path.delimiter),
    FAKE_TF_SPEED: String(settings.speed ?? 200),
  };
  if (settings.scenario) env['FAKE_TF_SCENARIO'] = settings.scenario;
  for (const [cmd, name] of Object.entries(settings.scenarios ?? {})) {
    if (name) env[`FAKE_TF_SCENARIO_${cmd.toUpperCase()}`] = name;
  }
  if (settings.maxGapMs !== undefined) env['FAKE_TF_MAX_GAP_MS'] = String(settings.maxGapMs);
  if (settings.signalLog) env['FAKE_TF_SIGNAL_LOG'] = settings.signalLog;
  if (settings.argsLog) env['FAKE_TF_ARGS_LOG'] = settings.argsLog;
  if (settings.echoEnv) env['FAKE_TF_ECHO_ENV'] = settings.echoEnv.join(',');
  if (settings.ignoreSigint) env['FAKE_TF_IGNORE_SIGINT'] = '1';
  if (settings.shutdownMs !== undefined) env['FAKE_TF_SHUTDOWN_MS'] = String(settings.shutdownMs);
  if (settings.holdMs !== undefined) env['FAKE_TF_HOLD_MS'] = String(settings.holdMs);
  if (settings.holdFile) env['FAKE_TF_HOLD_FILE'] = settings.holdFile;
  if (settings.exitCode !== undefined) env['FAKE_TF_EXIT_CODE'] = String(settings.exitCode);
  for (const [cmd, code] of Object.entries(settings.exitCodes ?? {})) {
    if (code !== undefined) env[`FAKE_TF_EXIT_CODE_${cmd.toUpperCase()}`] = String(code);
  }
  return env;
}

/** Signals the fake recorded, in order (`['SIGINT']`). Empty if none or no log. */
export function readSignalLog(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

export interface FakeInvocation {
  readonly argv: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

/** Every invocation the fake recorded in its args log. */
export function readArgsLog(file: string): FakeInvocation[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FakeInvocation);
}
