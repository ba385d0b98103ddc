/**
 * `ecs-wizard doctor`: what this machine needs before a plan can work, and
 * the fix for whatever is missing. Exit 0 when nothing fails, 1 otherwise.
 */
import { projectDir } from '../project/projectDir.js';
import { execFile } from 'node:child_process';
import { EXIT, type CliOptions } from '../args.js';
import { renderProblem } from '../config/problems.js';
import { configPathFor, loadConfigFile } from '../project/configFile.js';
import { defaultHome, runChecks, type CheckResult } from './doctorChecks.js';

function gitRemote(dir: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', ['-C', dir, 'remote', 'get-url', 'origin'], { timeout: 3000 }, (error, stdout) => done(error ? undefined : stdout.trim()));
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

export async function runDoctor(options: CliOptions): Promise<number> {
  const dir = projectDir(options.dir);
  const loaded = await loadConfigFile(configPathFor(dir, options.config));
  const out = process.stdout;
  if (loaded.kind === 'invalid') {
    out.write(`✖ ${loaded.path} has problems:\n`);
    for (const problem of loaded.problems) out.write(`    ${renderProblem(problem)}\n`);
  } else if (loaded.kind === 'missing') {
    out.write(`⚠ no ecs-wizard.json in ${dir}: run "npx ecs-wizard" to create one\n`);
  } else {
    out.write(`✔ ${loaded.path}: ${Object.keys(loaded.config.environments).join(', ')}\n`);
  }
  const results = await runChecks({
    env: process.env,
    home: defaultHome(),
    ...(options.terraform ? { terraformPath: options.terraform } : {}),
    ...(loaded.kind === 'loaded' ? { config: loaded.config } : {}),
    gitRemote: await gitRemote(dir),
    registryReachable,
  });
  for (const result of results) {
    out.write(`${ICON[result.status]} ${result.name}: ${result.detail}\n`);
    if (result.fix) out.write(`    fix: ${result.fix}\n`);
  }
  const failed = results.some((result) => result.status === 'fail') || loaded.kind === 'invalid';
  return failed ? EXIT.terraform : EXIT.ok;
}
