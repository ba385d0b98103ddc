/**
 * The Ink run view end to end: a project written by the built CLI, the real
 * engine, runner and synth, and a fake `terraform` replaying recordings,
 * driven with keys as a person would (Enter to approve, Ctrl-C to stop, a key
 * to leave the done screen).
 */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { render, Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { synthesizeFor } from '../../src/app/engine.js';
import { resolveProject } from '../../src/app/project.js';
import { COMMANDS } from '../../src/commands.js';
import type { EngineDeps } from '../../src/tasks/engine.js';
import { realEngineDeps } from '../../src/tasks/engineDeps.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import type { TerraformBinary } from '../../src/terraform/binary.js';
import { stripAnsi } from '../../src/terraform/parser.js';
import { runInInk } from '../../src/tui/runInInk.js';
import { FAKE_TERRAFORM, fakeTerraformEnv, readArgsLog, readSignalLog, type FakeTerraformSettings } from '../helpers/fakeTerraformHarness.js';
import { makeProject } from '../helpers/cli.js';
import { FakeStdin, FakeStdout } from '../helpers/ink.js';
import { until } from './frames.js';

const BINARY: TerraformBinary = { path: FAKE_TERRAFORM, flavor: 'terraform', version: '1.11.4', platform: 'linux_amd64', source: 'option', skipped: [] };

/** A fresh copy of a starter project made by the built CLI: no state, no init yet. */
const project = makeProject;

/**
 * The real collaborators, with the fake terraform's settings in Terraform's
 * environment; `apply` may get its own (to hold it open for a Ctrl-C).
 */
async function depsFor(dir: string, settings: FakeTerraformSettings, applySettings: Partial<FakeTerraformSettings> = {}): Promise<EngineDeps> {
  const options = parseCli(['apply', '--dir', dir], COMMANDS);
  // The synth step reports file by file; under Ink nothing may write to the terminal but Ink.
  const quiet = new PassThrough().resume();
  const resolved = await resolveProject(options);
  const real = realEngineDeps(synthesizeFor(resolved, options, quiet));
  const env = fakeTerraformEnv(settings);
  const applyEnv = fakeTerraformEnv({ ...settings, ...applySettings });
  return {
    ...real,
    startTerraform: (o) => real.startTerraform({ ...o, env: { ...o.env, ...(o.args[0] === 'apply' ? applyEnv : env) } }),
    showPlanJson: (o) => real.showPlanJson({ ...o, env: { ...o.env, ...env } }),
    readOutputs: (o) => real.readOutputs({ ...o, env: { ...o.env, ...env } }),
  };
}

/**
 * Mounts the run on fake streams; `text()` is everything Ink wrote, without
 * escapes. With `afterWizard`, the run continues in an Ink app already
 * mounted on those streams, as it does after the wizard.
 */
function start(dir: string, deps: EngineDeps, options: { afterWizard?: boolean } = {}) {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout(80, 24);
  const stderr = new FakeStdout(80, 24);
  const streams = {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  };
  // What startWizard leaves mounted: its last frame, Ctrl-C left to the app.
  const instance = options.afterWizard ? render(<Text>✓ production: apply</Text>, { ...streams, exitOnCtrlC: false, patchConsole: false }) : undefined;
  const events: RunEvent[] = [];
  let exitCode: number | undefined;
  const run = runInInk({
    engine: { dir, environment: 'production', command: 'apply', binary: BINARY, terraformArgs: [], allowReplace: [], deps },
    ...(instance ? { instance } : streams),
    onEvent: (event) => events.push(event),
    branch: 'main',
  }).then((code) => (exitCode = code));
  const text = () => stripAnsi(stdout.frames.join(''));
  const shows = (expected: string, timeoutMs = 20_000) => until(() => text().includes(expected), `"${expected}" on screen; it shows:\n${text().slice(-2_000)}`, timeoutMs);
  return { stdin, stdout, stderr, events, run, text, shows, exitCode: () => exitCode };
}

describe('runInInk with a fake terraform', () => {
  it('applies after Enter at the confirm bar, shows the outputs, and exits 0 on a key', async () => {
    const dir = await project();
    // The plan apply-success was recorded with, so the pane is seeded with exactly what applies.
    const ui = start(dir, await depsFor(dir, { scenarios: { plan: 'plan-data-create' } }));
    await ui.shows('? Apply these changes to production?');
    expect(ui.text()).toContain('Plan for production: 2 to add, 0 to change, 0 to replace, 0 to destroy');
    expect(ui.text()).toMatch(/✔ terraform init\s+\d/);
    ui.stdin.write('\r');
    await ui.shows('any key exit');
    const text = ui.text();
    expect(text).toMatch(/✔ \+ create\s+terraform_data\.secret/);
    expect(text).toMatch(/✔ \+ create\s+terraform_data\.app/);
    expect(text).toContain('✔ Applied: 2 added, 0 changed, 0 replaced, 0 destroyed.');
    expect(text).toMatch(/app_release\s+v1/);
    expect(text).toMatch(/db_password\s+\(sensitive value\)/);
    expect(text).not.toContain('hunter2');
    // Still on screen until a key: the run has not returned.
    expect(ui.exitCode()).toBeUndefined();
    ui.stdin.write('q');
    await ui.run;
    expect(ui.exitCode()).toBe(0);
    expect(ui.events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: 'Applied: 2 added, 0 changed, 0 replaced, 0 destroyed.' });
  });

  it('shows a failed apply with its errors and log file, and exits 1', async () => {
    const dir = await project();
    const ui = start(dir, await depsFor(dir, { scenarios: { apply: 'apply-unreachable' } }));
    await ui.shows('? Apply these changes to production?');
    ui.stdin.write('y');
    await ui.shows('✖ Failed (exit code 1)');
    const text = ui.text();
    expect(text).toMatch(/✖ \+ create\s+aws_vpc\.vpc\s+failed after 24s/);
    expect(text.replace(/\s+/g, ' ')).toContain('creating EC2 VPC: operation error EC2: CreateVpc, exceeded maximum number of attempts');
    // A long path wraps at 80 columns: compare without the line breaks.
    expect(text.replace(/\s+/g, '')).toMatch(/Fulllog:\/tmp\/[^│]*\/shop\/\.ecs-wizard\/logs\/[^│]*-production-apply\.jsonl/);
    expect(text.replace(/\s+/g, ' ')).toContain('Next: Fix the cause above and run again');
    ui.stdin.write(' ');
    await ui.run;
    expect(ui.exitCode()).toBe(1);
  });

  it('stops safely on Ctrl-C during the apply: one SIGINT, "stopping safely" shown, exit 130', async () => {
    const dir = await project();
    const signalLog = path.join(dir, 'signals.log');
    // apply replays its recording, then stays running until it is stopped.
    const ui = start(dir, await depsFor(dir, { scenarios: { plan: 'plan-data-create' }, signalLog }, { holdMs: 60_000 }));
    await ui.shows('? Apply these changes to production?');
    ui.stdin.write('\r');
    await ui.shows('2/2 done');
    expect(ui.exitCode()).toBeUndefined();
    ui.stdin.write('\u0003');
    await ui.shows('Stopping safely…');
    await ui.shows('■ Stopped (exit code 130)');
    expect(ui.text().replace(/\s+/g, ' ')).toContain('■ Stopped safely: Terraform finished what was in flight, saved its state and released its lock.');
    expect(ui.text()).toMatch(/■ terraform apply\s+\d/);
    expect(readSignalLog(signalLog)).toEqual(['SIGINT']);
    ui.stdin.write('\r');
    await ui.run;
    expect(ui.exitCode()).toBe(130);
    expect(ui.events.filter((event) => event.type === 'stopping')).toEqual([{ type: 'stopping', escalated: false }]);
  });

  it('kills a stuck Terraform on a second Ctrl-C, with the warning, and still exits 130', async () => {
    const dir = await project();
    const signalLog = path.join(dir, 'signals.log');
    // An apply that records SIGINT but does not stop: only the second Ctrl-C ends it.
    const ui = start(dir, await depsFor(dir, { scenarios: { plan: 'plan-data-create' }, signalLog }, { holdMs: 60_000, ignoreSigint: true }));
    await ui.shows('? Apply these changes to production?');
    ui.stdin.write('\r');
    await ui.shows('2/2 done');
    ui.stdin.write('\u0003');
    await ui.shows('Stopping safely…');
    await until(() => readSignalLog(signalLog).length === 1, 'the SIGINT to reach terraform');
    ui.stdin.write('\u0003');
    await ui.shows('✖ Killing Terraform now: its state may not be saved and its lock may stay held.');
    await ui.shows('■ Stopped (exit code 130)');
    expect(ui.text().replace(/\s+/g, ' ')).toContain('Terraform was killed during apply: its state may not be saved and its lock may still be held.');
    // Exactly one SIGINT ever: the second Ctrl-C is a SIGKILL, never a second SIGINT.
    expect(readSignalLog(signalLog)).toEqual(['SIGINT']);
    ui.stdin.write('\r');
    await ui.run;
    expect(ui.exitCode()).toBe(130);
    expect(ui.events.filter((event) => event.type === 'stopping').map((event) => event.type === 'stopping' && event.escalated)).toEqual([false, true]);
  });

  it('continues in the wizard\'s Ink instance; Ctrl-C at the question answers "no", nothing runs, exit 130', async () => {
    const dir = await project();
    const argsLog = path.join(dir, 'args.log');
    const ui = start(dir, await depsFor(dir, { argsLog }), { afterWizard: true });
    await ui.shows('? Apply these changes to production?');
    // One Ink app on the terminal: the wizard's frame, then the run in its place.
    expect(ui.text().indexOf('✓ production: apply')).toBeLessThan(ui.text().indexOf('ecs-wizard · applying production'));
    ui.stdin.write('\u0003');
    await ui.shows('■ Stopped (exit code 130)');
    expect(ui.text().replace(/\s+/g, ' ')).toContain('Stopped at your request before anything was changed.');
    ui.stdin.write('x');
    await ui.run;
    expect(ui.exitCode()).toBe(130);
    expect(readArgsLog(argsLog).map((call) => call.argv[0])).not.toContain('apply');
  });
});
