import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rereadProject, saveAnswers } from '../../src/app/project.js';
import { parseConfig, presetConfig, type Config } from '../../src/config/index.js';
import { saveConfigFile } from '../../src/project/configFile.js';
import { LOCK_PATH } from '../../src/project/lock.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

function starter(): Config {
  const parsed = parseConfig(presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const edit = (config: Config, change: (env: Config['environments'][string]) => void): Config => {
  const copy = structuredClone(config);
  change(copy.environments.production!);
  return copy;
};

describe('saveAnswers: the wizard saves holding the project lock', () => {
  it('waits for a run holding the project, then puts the answers on top of what that run saved', async () => {
    const dir = makeTmpDir('ecs-wizard-answers-');
    const configPath = path.join(dir, 'ecs-wizard.json');
    const started = starter();
    await saveConfigFile(configPath, started);
    // Another run (a live process) holds the project, as an apply does.
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    mkdirSync(path.join(dir, '.ecs-wizard'), { recursive: true });
    writeFileSync(path.join(dir, LOCK_PATH), `${JSON.stringify({ version: 1, token: 'a1b2c3d4e5f6', pid: holder.pid, host: hostname(), command: 'apply', startedAt: '2026-12-01T09:00:00.000Z' })}\n`);
    const said: string[] = [];
    let written: Config | undefined;
    const saving = saveAnswers({
      options: { dir },
      started,
      answers: edit(started, (env) => (env.logRetentionDays = 90)),
      say: (message) => said.push(message),
      then: async (config) => (written = config),
    });
    for (let i = 0; i < 200 && said.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(said[0]).toMatch(/^Waiting: .*ecs-wizard apply \(PID \d+/);
    // What that run saves before it ends (its --set), while the wizard waits.
    await saveConfigFile(configPath, edit(started, (env) => (env.service.maxCount = 3)));
    expect(written).toBeUndefined();
    holder.kill('SIGKILL');
    const result = await saving;
    expect(result.merged).toBe(true);
    expect(result.saved).toBe(true);
    const onDisk = JSON.parse(readFileSync(configPath, 'utf8')).environments.production;
    expect({ maxCount: onDisk.service.maxCount, logRetentionDays: onDisk.logRetentionDays }).toEqual({ maxCount: 3, logRetentionDays: 90 });
    // The generate step ran under the same lock, from the merged config; the run that follows reads the file again.
    expect(written?.environments.production?.service.maxCount).toBe(3);
    expect(result.project.source).toMatchObject({ sets: [] });
    // Read again by the run that follows (under its lock), the file is what the wizard saved: no "changed" warning.
    expect((await rereadProject(result.project)).changed).toBe(false);
  });

  it('answers that no longer fit the file as it is now: a ConfigError, nothing written', async () => {
    const dir = makeTmpDir('ecs-wizard-answers-');
    const configPath = path.join(dir, 'ecs-wizard.json');
    const started = starter();
    // Another run lowered the maximum to 1 while the wizard raised the minimum to 2.
    await saveConfigFile(configPath, edit(started, (env) => ((env.service.minCount = 1), (env.service.maxCount = 1), (env.service.desiredCount = 1))));
    const before = readFileSync(configPath, 'utf8');
    const error = await saveAnswers({
      options: { dir },
      started,
      answers: edit(started, (env) => ((env.service.minCount = 2), (env.service.desiredCount = 2))),
      say: () => undefined,
      then: async () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConfigError', exitCode: 2 });
    expect((error as Error).message).toMatch(/changed while the wizard was open \(another run saved it\), and your answers do not fit it as it is now; nothing was written/);
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });
});
