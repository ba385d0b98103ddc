/**
 * `ecs-wizard doctor`: what this machine needs before a plan can work, and
 * the fix for whatever is missing. Exit 0 when nothing fails, 1 otherwise.
 * On stdout one line per check; with --json one `check` event per check.
 */
import { execFile } from 'node:child_process';
import type { CliOptions } from '../args.js';
import type { Output } from '../app/output.js';
import { projectPaths } from '../app/project.js';
import { renderProblem } from '../config/problems.js';
import { CliError, EXIT, type ExitCode } from '../errors.js';
import { loadConfigFile } from '../project/configFile.js';
import { gitFolder } from '../wizard/defaults.js';
import { defaultHome, runChecks, type CheckResult } from './doctorChecks.js';

function gitRemote(dir: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', ['-C', gitFolder(dir), 'remote', 'get-url', 'origin'], { timeout: 3000 }, (error, stdout) => done(error ? undefined : stdout.trim()));
  });
}

async function registryReachable(): Promise<boolean> {
  try {
    const response = await fetch('https://registry.terraform.io/.well-known/terraform.json', { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

const ICON: Record<CheckResult['status'], string> = { ok: '✔', warn: '⚠', fail: '✖' };

export async function runDoctor(options: CliOptions, output: Output): Promise<ExitCode> {
  const { dir, configPath } = projectPaths(options);
  const loaded = await loadConfigFile(configPath);
  const configCheck: CheckResult =
    loaded.kind === 'invalid'
      ? { name: 'Config', status: 'fail', detail: `${loaded.path} has problems: ${loaded.problems.map(renderProblem).join('; ')}`, fix: 'fix each problem it names' }
      : loaded.kind === 'missing'
        ? { name: 'Config', status: 'warn', detail: `no ecs-wizard.json in ${dir}`, fix: 'run "npx ecs-wizard" to create one' }
        : { name: 'Config', status: 'ok', detail: `${loaded.path}: ${Object.keys(loaded.config.environments).join(', ')}` };
  const results = [
    configCheck,
    ...(await runChecks({
      env: process.env,
      home: defaultHome(),
      ...(options.terraform ? { terraformPath: options.terraform } : {}),
      ...(loaded.kind === 'loaded' ? { config: loaded.config } : {}),
      gitRemote: await gitRemote(dir),
      registryReachable,
    })),
  ];
  for (const result of results) {
    const lines =
      result === configCheck
        ? loaded.kind === 'invalid'
          ? [`✖ ${loaded.path} has problems:`, ...loaded.problems.map((problem) => `    ${renderProblem(problem)}`)]
          : [`${ICON[result.status]} ${result.detail}${result.fix ? `: ${result.fix}` : ''}`]
        : [`${ICON[result.status]} ${result.name}: ${result.detail}`, ...(result.fix ? [`    fix: ${result.fix}`] : [])];
    output.result({ type: 'check', name: result.name, status: result.status, detail: result.detail, ...(result.fix ? { fix: result.fix } : {}) }, lines);
  }
  const failed = results.filter((result) => result.status === 'fail');
  if (failed.length) {
    throw new CliError(`${failed.length === 1 ? 'a check failed' : `${failed.length} checks failed`}: ${failed.map((result) => result.name).join(', ')}.`, EXIT.failure, {
      next: 'Do what each ✖ line says after "fix:", then run ecs-wizard doctor again.',
    });
  }
  const warned = results.filter((result) => result.status === 'warn').length;
  output.emit({ type: 'done', exitCode: EXIT.ok, summary: `Every check passed${warned ? ` (${warned} ${warned === 1 ? 'warning' : 'warnings'})` : ''}.` });
  return EXIT.ok;
}
