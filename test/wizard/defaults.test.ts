import { describe, expect, it } from 'vitest';
import { parseGitHubRemote, readWizardDefaults, sanitizeAppName, type GitResult, type RunGit } from '../../src/wizard/defaults.js';

describe('parseGitHubRemote', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'acme', 'shop'],
    ['https://github.com/acme/shop', 'acme', 'shop'],
    ['https://github.com/acme/shop/', 'acme', 'shop'],
    ['https://token@github.com/acme/shop.git', 'acme', 'shop'],
    ['https://user:secret@github.com/Acme-Org/my.site.git', 'Acme-Org', 'my.site'],
    ['git@github.com:acme/shop.git', 'acme', 'shop'],
    ['git@github.com:acme/shop', 'acme', 'shop'],
    ['ssh://git@github.com/acme/shop.git', 'acme', 'shop'],
    ['ssh://git@github.com:22/acme/shop.git', 'acme', 'shop'],
    ['git://github.com/acme/shop.git', 'acme', 'shop'],
    ['  git@github.com:acme/shop.git\n', 'acme', 'shop'],
  ])('reads %s', (url, owner, repo) => {
    expect(parseGitHubRemote(url)).toEqual({ owner, repo });
  });

  it.each(['https://gitlab.com/acme/shop.git', 'git@bitbucket.org:acme/shop.git', 'https://github.com/acme', '/srv/git/shop.git', ''])(
    'ignores %s',
    (url) => {
      expect(parseGitHubRemote(url)).toBeUndefined();
    },
  );
});

describe('sanitizeAppName', () => {
  it.each([
    ['shop', 'shop'],
    ['My_Shop.API', 'my-shop-api'],
    ['2024-invoices', 'invoices'],
    ['ecs-wizard-example-project', 'ecs-wizard'],
    ['averyveryverylongsinglename', 'averyveryverylon'],
    ['---', 'app'],
    ['x', 'app'],
    ['Übersicht', 'bersicht'],
  ])('%s → %s', (folder, name) => {
    expect(sanitizeAppName(folder)).toBe(name);
    expect(name).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    expect(name.length).toBeLessThanOrEqual(16);
  });
});

describe('readWizardDefaults', () => {
  // A git that knows these commands; any other fails as a missing git would.
  const git =
    (answers: Record<string, string | GitResult | undefined>, calls: string[] = []): RunGit =>
    async (args) => {
      calls.push(args.join(' '));
      const answer = answers[args.join(' ')];
      if (answer === undefined) return { ok: false, missing: true };
      return typeof answer === 'string' ? { ok: true, output: answer } : answer;
    };

  it('takes owner, repo and branch from a GitHub remote', async () => {
    const defaults = await readWizardDefaults({
      dir: '/home/me/Shop Front',
      env: { AWS_REGION: 'eu-central-1' },
      runGit: git({ 'remote get-url origin': 'git@github.com:acme/shop-front.git', 'branch --show-current': 'trunk' }),
    });
    expect(defaults).toEqual({
      appName: 'shop-front',
      region: 'eu-central-1',
      branch: 'trunk',
      github: { owner: 'acme', repo: 'shop-front', branch: 'trunk' },
    });
  });

  it('leaves GitHub empty without a remote, and falls back on region and branch', async () => {
    const defaults = await readWizardDefaults({ dir: '/tmp/blog', env: { AWS_REGION: 'mars-north-1' }, runGit: git({}) });
    expect(defaults).toEqual({
      appName: 'blog',
      region: 'us-east-1',
      branch: 'main',
      noGitHub: 'git is not installed (or not on PATH), so the origin remote cannot be read',
    });
  });

  it('ignores a remote on another host', async () => {
    const defaults = await readWizardDefaults({
      dir: '/tmp/blog',
      env: { AWS_DEFAULT_REGION: 'ap-southeast-2' },
      runGit: git({ 'remote get-url origin': 'https://gitlab.com/acme/blog.git', 'branch --show-current': '' }),
    });
    expect(defaults.github).toBeUndefined();
    expect(defaults.noGitHub).toBe(
      'origin is https://gitlab.com/acme/blog.git, which is not on github.com (the pipeline deploys from GitHub; GitLab and GitHub Enterprise are not supported)',
    );
    expect(defaults.region).toBe('ap-southeast-2');
    expect(defaults.branch).toBe('main');
  });

  it("says why there is no GitHub repository from git's first two answers, without more git before the first frame", async () => {
    const fatal = { ok: false, missing: false, code: 128 } as const;
    const cases: Array<[Record<string, string | GitResult>, string, number]> = [
      // Not a repository: both commands fail fatally (the folder named is /tmp/blog's nearest existing one).
      [{ 'remote get-url origin': fatal, 'branch --show-current': fatal }, '/tmp is not inside a git repository', 2],
      // A repository without origin: git remote says so with exit code 2.
      [{ 'remote get-url origin': { ok: false, missing: false, code: 2 }, 'branch --show-current': 'main' }, 'the git repository has no "origin" remote', 2],
      // Any other failure: git is asked whether this is a repository at all.
      [{ 'remote get-url origin': { ok: false, missing: false, code: 1 }, 'branch --show-current': 'main', 'rev-parse --is-inside-work-tree': 'true' }, 'the git repository has no "origin" remote', 3],
      [{ 'remote get-url origin': { ok: false, missing: false, code: 1 }, 'branch --show-current': fatal, 'rev-parse --is-inside-work-tree': fatal }, '/tmp is not inside a git repository', 3],
    ];
    for (const [answers, reason, processes] of cases) {
      const calls: string[] = [];
      const defaults = await readWizardDefaults({ dir: '/tmp/blog', env: {}, runGit: git(answers, calls) });
      expect(defaults.noGitHub).toBe(reason);
      expect(calls).toHaveLength(processes);
    }
  });

  it('reads why with git itself: a folder outside any repository, a repository without origin', async () => {
    const { mkdtemp, mkdir } = await import('node:fs/promises');
    const { execFileSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(join(tmpdir(), 'wizard-nogit-'));
    // A ceiling stops git's search for a repository above the temporary folder.
    const env = { ...process.env, GIT_CEILING_DIRECTORIES: root };
    const saved = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = root;
    try {
      const plain = join(root, 'plain');
      await mkdir(plain);
      expect((await readWizardDefaults({ dir: plain, env: {} })).noGitHub).toBe(`${plain} is not inside a git repository`);
      const repo = join(root, 'repo');
      execFileSync('git', ['init', '-q', repo], { env });
      expect((await readWizardDefaults({ dir: repo, env: {} })).noGitHub).toBe('the git repository has no "origin" remote');
    } finally {
      if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = saved;
    }
  });

  it('reads a real repository with git itself', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { execFileSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'wizard-git-'));
    execFileSync('git', ['init', '-q', '-b', 'release', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'https://github.com/acme/real.git']);
    const defaults = await readWizardDefaults({ dir, env: {} });
    expect(defaults.github).toEqual({ owner: 'acme', repo: 'real', branch: 'release' });
  });
});
