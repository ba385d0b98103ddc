import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { engineOptions, serviceTarget } from '../../src/app/engine.js';
import { resolveProject, type ResolvedProject } from '../../src/app/project.js';
import { COMMANDS } from '../../src/commands.js';
import { parseConfig, presetConfig } from '../../src/config/index.js';

const binary = { path: '/usr/bin/terraform', version: '1.11.4', flavour: 'terraform' } as never;

function project(edit: (env: Record<string, unknown>) => void = () => {}): ResolvedProject {
  const input = presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
  edit(input.environments.production as Record<string, unknown>);
  const result = parseConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { dir: '/tmp/x', configPath: '/tmp/x/ecs-wizard.json', resolved: { ok: true, config: result.config, created: false } };
}
const cli = (...argv: string[]) => parseCli(argv, COMMANDS);

describe('engineOptions: the wait after apply', () => {
  it("reads the service where the environment's provider does: its region, profile and endpoint", () => {
    const options = engineOptions(project((env) => Object.assign(env, { awsProfile: 'prod', endpoint: 'http://127.0.0.1:4566' })), 'production', 'apply', binary, cli('apply'), process.stderr);
    expect(options.serviceWait).toEqual({ target: { region: 'eu-west-1', profile: 'prod', endpoint: 'http://127.0.0.1:4566' } });
    expect(engineOptions(project(), 'production', 'apply', binary, cli('apply'), process.stderr).serviceWait).toEqual({ target: { region: 'eu-west-1' } });
    expect(serviceTarget({ region: 'us-west-1' })).toEqual({ region: 'us-west-1' });
  });

  it('--no-service-wait leaves it out, with apply or --yes alone; other commands refuse it', () => {
    expect(engineOptions(project(), 'production', 'apply', binary, cli('apply', '--no-service-wait'), process.stderr).serviceWait).toBeUndefined();
    expect(cli('--yes', '--no-service-wait').flags['no-service-wait']).toBe(true);
    expect(() => cli('plan', '--no-service-wait')).toThrow(/--no-service-wait does not go with "plan"/);
  });
});

describe('engineOptions: the task definition revisions after a destroy', () => {
  it("deregisters them in the environment's AWS for destroy (env remove runs the same destroy), never for plan or apply", () => {
    const env = (e: Record<string, unknown>) => Object.assign(e, { awsProfile: 'prod', endpoint: 'http://127.0.0.1:4566' });
    const target = { region: 'eu-west-1', profile: 'prod', endpoint: 'http://127.0.0.1:4566' };
    expect(engineOptions(project(env), 'production', 'destroy', binary, cli('destroy'), process.stderr).revisionCleanup).toEqual({ target });
    expect(engineOptions(project(), 'production', 'destroy', binary, cli('destroy', '--no-wait'), process.stderr).revisionCleanup).toEqual({ target: { region: 'eu-west-1' } });
    expect(engineOptions(project(), 'production', 'apply', binary, cli('apply'), process.stderr).revisionCleanup).toBeUndefined();
    expect(engineOptions(project(), 'production', 'plan', binary, cli('plan'), process.stderr).revisionCleanup).toBeUndefined();
  });
});

describe('engineOptions: the config under the lock', () => {
  it('configNow gives the file as synth read it again (a run that waited), while config stays the one read before', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-config-now-'));
    try {
      const input = presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
      const file = path.join(dir, 'ecs-wizard.json');
      writeFileSync(file, `${JSON.stringify(input, null, 2)}\n`);
      const options = cli('plan', '--dir', dir);
      const started = await resolveProject(options);
      const engine = engineOptions(started, 'production', 'plan', binary, options, { write: () => true } as unknown as NodeJS.WritableStream);
      expect(engine.configNow?.()).toBe(engine.config);
      // Another run saves a domain while this one waits for the project lock.
      const domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
      writeFileSync(file, `${JSON.stringify({ ...input, environments: { production: { ...input.environments.production, domain } } }, null, 2)}\n`);
      await engine.deps.synthesize();
      expect(engine.config?.environments['production']?.domain).toBeUndefined();
      expect(engine.configNow?.()?.environments['production']?.domain).toMatchObject(domain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
