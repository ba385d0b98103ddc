/**
 * Answers a new project starts with, read from where the user already is:
 * the folder's name, the AWS region of their shell, the GitHub remote and
 * branch of the repository.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { appFolder } from '../project/projectDir.js';
import { findRegion } from '../config/regions.js';
import type { GitHubDefaults, WizardDefaults } from './types.js';

const MAX_APP_NAME = 16;

/**
 * The folder's name as an app name the schema accepts: lower-case, dashes for
 * anything else, starting with a letter, whole words kept when it is too long
 * ("ecs-wizard-example-project" → "ecs-wizard").
 */
export function sanitizeAppName(folder: string): string {
  const words = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .split('-')
    .filter(Boolean);
  let name = words.join('-');
  while (name.length > MAX_APP_NAME && words.length > 1) {
    words.pop();
    name = words.join('-');
  }
  name = name.slice(0, MAX_APP_NAME).replace(/-+$/, '');
  return name.length >= 2 ? name : 'app';
}

const GITHUB_REMOTE = /^(?:(?:https?|ssh|git):\/\/)?(?:[^@/]+@)?(?:www\.)?github\.com(?::\d+(?=\/))?[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/i;

/** owner/repo from an https, ssh or scp-like GitHub remote URL; undefined for any other host. */
export function parseGitHubRemote(url: string): { owner: string; repo: string } | undefined {
  const match = GITHUB_REMOTE.exec(url.trim());
  if (!match) return undefined;
  return { owner: match[1]!, repo: match[2]! };
}

/** What git printed; or that it failed: not installed, or the exit code it gave. */
export type GitResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly missing: boolean; readonly code?: number };

/** Runs git in the project folder. */
export type RunGit = (args: readonly string[]) => Promise<GitResult>;

async function defaultRunGit(dir: string, args: readonly string[]): Promise<GitResult> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...args], { timeout: 3000 }, (error, stdout) => {
      if (!error) return resolve({ ok: true, output: stdout.trim() });
      const { code } = error as NodeJS.ErrnoException & { code?: number | string };
      resolve(code === 'ENOENT' ? { ok: false, missing: true } : { ok: false, missing: false, ...(typeof code === 'number' ? { code } : {}) });
    });
  });
}

const outputOf = (result: GitResult) => (result.ok ? result.output : undefined);

/**
 * Where to ask git: the project folder, or its nearest existing parent. A new
 * project's infra/ folder does not exist yet, and git refuses a missing
 * folder; the app's own repository is its parent.
 */
export function gitFolder(dir: string): string {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(current) && statSync(current).isDirectory()) return current;
    if (dirname(current) === current) return current;
  }
}

/**
 * Why no GitHub repository was found, for the message that asks for one. The
 * two answers git already gave mostly tell (git's own exit codes: 2 for no
 * such remote, 128 when the folder is not a repository); only an odd failure
 * costs one more git process before the first frame.
 */
async function whyNoGitHub(runGit: RunGit, dir: string, remote: GitResult, branch: GitResult): Promise<string> {
  if (remote.ok) {
    return `origin is ${remote.output.length > 80 ? `${remote.output.slice(0, 79)}…` : remote.output}, which is not on github.com (the pipeline deploys from GitHub; GitLab and GitHub Enterprise are not supported)`;
  }
  if (remote.missing) return 'git is not installed (or not on PATH), so the origin remote cannot be read';
  const noOrigin = 'the git repository has no "origin" remote';
  if (remote.code === 2) return noOrigin;
  const outside = `${dir} is not inside a git repository`;
  if (remote.code === 128 && !branch.ok) return outside;
  return (await runGit(['rev-parse', '--is-inside-work-tree'])).ok ? noOrigin : outside;
}

export interface DefaultsOptions {
  readonly dir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly runGit?: RunGit;
}

export async function readWizardDefaults(options: DefaultsOptions): Promise<WizardDefaults> {
  const env = options.env ?? process.env;
  const runGit = options.runGit ?? ((args) => defaultRunGit(gitFolder(options.dir), args));
  const [remote, current] = await Promise.all([runGit(['remote', 'get-url', 'origin']), runGit(['branch', '--show-current'])]);
  // Detached HEAD prints nothing: fall back to the schema's default branch.
  const branch = outputOf(current) || 'main';
  const parsed = remote.ok ? parseGitHubRemote(remote.output) : undefined;
  const github: GitHubDefaults | undefined = parsed ? { ...parsed, branch } : undefined;
  const shellRegion = [env.AWS_REGION, env.AWS_DEFAULT_REGION].find((code) => code !== undefined && findRegion(code) !== undefined);
  return {
    // In an app's infra/ folder, the app is the folder above.
    appName: sanitizeAppName(basename(appFolder(options.dir))),
    region: shellRegion ?? 'us-east-1',
    branch,
    ...(github ? { github } : { noGitHub: await whyNoGitHub(runGit, gitFolder(options.dir), remote, current) }),
  };
}
