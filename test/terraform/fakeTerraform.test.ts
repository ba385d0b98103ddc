/**
 * The fake terraform is test infrastructure other suites (CLI, tasks) rely
 * on: these pin the behaviour they may assume, directly, without the runner.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseEventLines } from '../../src/terraform/parser.js';
import { FAKE_TERRAFORM, fakeTerraformEnv, makeTmpDir, readSignalLog, type FakeTerraformSettings } from '../helpers/fakeTerraformHarness.js';

let dir: string;
let signalLog: string;

beforeEach(() => {
  dir = makeTmpDir();
  signalLog = path.join(dir, 'signals.log');
});

function tf(args: string[], settings: FakeTerraformSettings = {}) {
  return execa(FAKE_TERRAFORM, args, { cwd: dir, env: fakeTerraformEnv({ signalLog, ...settings }), reject: false });
}

describe('fake terraform', () => {
  it('answers version -json as 1.11.4', async () => {
    const r = await tf(['version', '-json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ terraform_version: '1.11.4', platform: 'linux_amd64' });
    expect(r.exitCode).toBe(0);
  });

  it('rejects flags a subcommand does not define, and flags after positionals, like Go flag parsing', async () => {
    const bad = await tf(['validate', '-json', '-input=false']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('flag provided but not defined: -input');
    const late = await tf(['apply', 'tfplan', '-json']);
    expect(late.exitCode).toBe(1);
    expect(late.stderr).toContain('Too many command line arguments');
  });

  it('refuses apply -json with neither a plan file nor -auto-approve, as the real one does', async () => {
    const r = await tf(['apply', '-json']);
    expect(r.exitCode).toBe(1);
    expect(parseEventLines(r.stdout).find((e) => e.type === 'diagnostic')).toMatchObject({
      diagnostic: { summary: 'Plan file or auto-approve required' },
    });
  });

  it('FAKE_TF_SCENARIO applies to the command it is named after only', async () => {
    const init = await tf(['init', '-json'], { scenario: 'apply-unreachable' });
    expect(parseEventLines(init.stdout).some((e) => e.type === 'init_output')).toBe(true);
    const apply = await tf(['apply', '-json', '-auto-approve'], { scenario: 'apply-unreachable' });
    expect(apply.exitCode).toBe(1);
    expect(parseEventLines(apply.stdout).filter((e) => e.type === 'apply_errored')).toHaveLength(2);
  });

  it('plan -out → apply FILE writes state with a backup; a second apply of the same plan is stale', async () => {
    expect((await tf(['plan', '-json', '-out=tfplan'])).exitCode).toBe(0);
    expect((await tf(['apply', '-json', 'tfplan'])).exitCode).toBe(0);
    const state = JSON.parse(readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')) as {
      serial: number;
      resources: { type: string; name: string }[];
      outputs: Record<string, { value: unknown; sensitive?: boolean }>;
    };
    expect(state.serial).toBe(1);
    expect(state.resources.map((r) => `${r.type}.${r.name}`).sort()).toEqual(['terraform_data.app', 'terraform_data.secret']);
    expect(state.outputs['app_release']?.value).toBe('v1');
    expect(state.outputs['db_password']?.sensitive).toBe(true);
    expect(existsSync(path.join(dir, 'terraform.tfstate.backup'))).toBe(false);

    const stale = await tf(['apply', '-json', 'tfplan']);
    expect(stale.exitCode).toBe(1);
    expect(stale.stdout).toContain('Saved plan is stale');

    expect((await tf(['apply', '-json', '-auto-approve'])).exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'terraform.tfstate.backup'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8'))).toMatchObject({ serial: 2 });
  });

  it('a second SIGINT makes it exit at once, as Terraform does ("Two interrupts received")', async () => {
    const child = execa(FAKE_TERRAFORM, ['apply', '-json', '-auto-approve'], {
      cwd: dir,
      env: fakeTerraformEnv({ signalLog, scenario: 'apply-unreachable', shutdownMs: 5000 }),
      reject: false,
      buffer: { stdout: true },
    });
    let sent = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!sent && chunk.toString().includes('"apply_start"')) {
        sent = true;
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGINT'), 50);
      }
    });
    const started = Date.now();
    const r = await child;
    expect(Date.now() - started).toBeLessThan(4000); // did not wait for the 5 s graceful stop
    expect(r.exitCode).toBe(1);
    expect(readSignalLog(signalLog)).toEqual(['SIGINT', 'SIGINT']);
    expect(String(r.stdout)).toContain('Gracefully shutting down');
    expect(String(r.stdout)).toContain('Two interrupts received');
  });
});
