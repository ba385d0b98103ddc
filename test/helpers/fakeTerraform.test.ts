/**
 * The fake terraform itself: what it prints must reach a reader whole, even
 * one that reads slowly (a loaded machine), as Terraform's output does.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FAKE_TERRAFORM, fakeTerraformEnv, makeTmpDir, readFixture } from './fakeTerraformHarness.js';

it('show -json of a large plan reaches a slow reader whole', async () => {
  const dir = makeTmpDir('ecs-wizard-fake-show-');
  writeFileSync(path.join(dir, 'destroy.tfplan'), JSON.stringify({ fake_terraform_plan: 1, plan_scenario: 'plan-stack-destroy', destroy: true, state_serial: null }));
  const child = spawn(process.execPath, [FAKE_TERRAFORM, 'show', '-json', 'destroy.tfplan'], {
    cwd: dir,
    env: { ...process.env, ...fakeTerraformEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A reader that takes nothing for a while (a loaded machine): what does not
  // fit the socket's buffer must wait for it, not be dropped at exit.
  child.stdout.pause();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdout.resume();
  await new Promise((resolve) => child.stdout.once('end', resolve));
  expect(await exited).toBe(0);
  const printed = Buffer.concat(chunks).toString('utf8');
  expect(printed.length).toBe(readFixture('show-plan-stack-destroy.json').trimEnd().length + 1);
  expect(() => JSON.parse(printed)).not.toThrow();
});
