/**
 * The files the user owns, through the built CLI: ecs-wizard.json left
 * byte-identical by a synth that changes nothing, its mode and its symbolic
 * link kept by one that does; a damaged .ecs-wizard/generated.json named
 * with the way out (no stack trace), and rebuilt by --force.
 */
import { chmodSync, lstatSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fakeEnv, makeProject, runCli } from '../helpers/cli.js';

beforeAll(async () => {
  await ensureBuilt();
  await makeProject();
});

const CLASS = '--set=environments.production.database.instanceClass=db.t4g.small';

describe('ecs-wizard.json', () => {
  it('synth with nothing changed leaves the user’s formatting byte for byte, and says everything is up to date', async () => {
    const project = await makeProject();
    const file = path.join(project, 'ecs-wizard.json');
    // Their own style: tabs, and the keys in another order.
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const { environments, ...rest } = parsed;
    const theirs = `${JSON.stringify({ environments, ...rest }, null, '\t')}\n`;
    writeFileSync(file, theirs);
    chmodSync(file, 0o640);
    const run = await runCli(['synth'], { cwd: project, env: fakeEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('✔ Everything is up to date');
    expect(readFileSync(file, 'utf8')).toBe(theirs);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('640');
  });

  it('a change keeps mode 640, and a symbolic link stays a link with its target rewritten', async () => {
    const project = await makeProject();
    const file = path.join(project, 'ecs-wizard.json');
    const target = path.join(project, 'config', 'infra.json');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(target));
    renameSync(file, target);
    chmodSync(target, 0o640);
    symlinkSync(path.join('config', 'infra.json'), file);
    const run = await runCli(['synth', CLASS], { cwd: project, env: fakeEnv() });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('db.t4g.small');
    expect((statSync(target).mode & 0o777).toString(8)).toBe('640');
  });
});

describe('a damaged .ecs-wizard/generated.json', () => {
  it('a merge conflict in it: exit 2, the file and the way out named, no stack trace; --force rebuilds it', async () => {
    const project = await makeProject();
    const manifest = path.join(project, '.ecs-wizard', 'generated.json');
    const lines = readFileSync(manifest, 'utf8').split('\n');
    writeFileSync(manifest, [...lines.slice(0, 3), '<<<<<<< HEAD', lines[3], '=======', lines[3], '>>>>>>> theirs', ...lines.slice(4)].join('\n'));

    for (const args of [['synth', CLASS], ['plan', CLASS]]) {
      const run = await runCli(args, { cwd: project, env: fakeEnv() });
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${manifest} is damaged: it holds merge conflict markers (line 4); nothing was written.`);
      expect(run.stderr).toContain('run again with --force to rebuild it');
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(readFileSync(path.join(project, 'cdktf.out', 'stacks', 'production', 'cdk.tf.json'), 'utf8')).not.toContain('db.t4g.small');
    }

    const forced = await runCli(['synth', CLASS, '--force'], { cwd: project, env: fakeEnv() });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(manifest, 'utf8')).files).toHaveProperty(['cdktf.out/stacks/production/cdk.tf.json']);
    const again = await runCli(['synth'], { cwd: project, env: fakeEnv() });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('✔ Everything is up to date');
  });
});
