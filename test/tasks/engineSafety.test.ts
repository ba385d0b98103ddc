/**
 * What the engine refuses to do, whatever the front-end: apply a plan other
 * than the one reviewed, believe a Terraform whose exit code and events
 * disagree, or run beside another run in the same project.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessDecider } from '../../src/headless/decider.js';
import { LOCK_PATH } from '../../src/project/lock.js';
import type { Decider } from '../../src/tasks/decisions.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import { readRunRecord } from '../../src/tasks/runRecord.js';
import { callTrail, makeHarness, yesDecider } from '../helpers/engineHarness.js';

const of = <T extends RunEvent['type']>(events: readonly RunEvent[], type: T) =>
  events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
const failureOf = (events: readonly RunEvent[]) => of(events, 'failure')[0];
const yes = headlessDecider({ yes: true, allowReplace: [] });

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not us, to hold a lock in a test. */
function liveProcess(): number {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

function writeLock(dir: string, pid: number, extra: Record<string, unknown> = {}): void {
  mkdirSync(path.join(dir, '.ecs-wizard'), { recursive: true });
  const info = { version: 1, token: 'a1b2c3d4e5f6', pid, host: hostname(), command: 'apply', startedAt: '2026-11-26T09:00:00.000Z', ...extra };
  writeFileSync(path.join(dir, LOCK_PATH), `${JSON.stringify(info)}\n`);
}

describe('the arguments for terraform plan', () => {
  it('-out after -- is refused before anything runs: exit 2, the argument named, nothing synthesized', async () => {
    const h = makeHarness();
    const { exitCode, events } = await h.run({ command: 'apply', decider: yesDecider, terraformArgs: ['-refresh=false', '-out=/tmp/other.tfplan'] });
    expect(exitCode).toBe(2);
    expect(failureOf(events)?.message).toBe('Refused, nothing was run:');
    expect(failureOf(events)?.problems?.[0]).toContain('"-out=/tmp/other.tfplan" is refused: ecs-wizard writes the plan to its own file');
    expect(h.calls).toEqual([]);
    expect(h.synthCount).toBe(0);
  });

  it('TF_CLI_ARGS_plan and TF_CLI_ARGS are checked too', async () => {
    const h = makeHarness();
    const { exitCode, events } = await h.run({ command: 'plan', decider: yesDecider, deps: { env: { TF_CLI_ARGS_plan: '-lock=false', TF_CLI_ARGS: '-no-color' } } });
    expect(exitCode).toBe(2);
    const problems = failureOf(events)?.problems ?? [];
    expect(problems.some((p) => p.includes('TF_CLI_ARGS_plan is set ("-lock=false"): "-lock=false" is refused'))).toBe(true);
    expect(problems.some((p) => p.startsWith('TF_CLI_ARGS is set ("-no-color")'))).toBe(true);
    expect(h.calls).toEqual([]);
  });
});

describe('the plan file applied is the one reviewed', () => {
  it('a plan file changed between the review and the apply is not applied: exit 1, it says why', async () => {
    const h = makeHarness();
    const tamper: Decider = {
      async decide(request) {
        // While the person reads the plan, something rewrites the plan file.
        if (request.kind === 'approve-plan') writeFileSync(path.join(h.dir, '.ecs-wizard', 'plans', 'production.tfplan'), 'another plan');
        return { approved: true };
      },
    };
    const { exitCode, events } = await h.run({ command: 'apply', decider: tamper });
    expect(exitCode).toBe(1);
    expect(failureOf(events)?.message).toBe(
      `The plan file ${path.join(h.dir, '.ecs-wizard', 'plans', 'production.tfplan')} changed after it was reviewed, so it is not the plan you approved; nothing was applied.`,
    );
    expect(callTrail(h).map((c) => c.split(' ')[0])).toEqual(['init', 'plan']);
  });

  it('a plan file changed while show -json read it is caught before the guard', async () => {
    const h = makeHarness({ plan: { recording: 'plan-replace.jsonl' }, show: 'show-plan-replace.json' });
    const showPlanJson = h.deps.showPlanJson;
    const { exitCode, events } = await h.run({
      command: 'apply',
      decider: yes,
      deps: {
        showPlanJson: async (options) => {
          const json = await showPlanJson(options);
          writeFileSync(options.planFile, 'swapped');
          return json;
        },
      },
    });
    expect(exitCode).toBe(1);
    expect(failureOf(events)?.message).toContain('changed after it was reviewed');
    expect(of(events, 'guard')).toEqual([]);
  });

  it('a plan that "succeeds" without writing its file: exit 1, and an older plan file left on disk is never applied', async () => {
    const h = makeHarness({ plan: { recording: 'plan-create.jsonl', writesPlan: false } });
    const planFile = path.join(h.dir, '.ecs-wizard', 'plans', 'production.tfplan');
    mkdirSync(path.dirname(planFile), { recursive: true });
    writeFileSync(planFile, 'a plan from an earlier run');
    const { exitCode, events } = await h.run({ command: 'apply', decider: yesDecider });
    expect(exitCode).toBe(1);
    expect(failureOf(events)?.message).toBe(`terraform plan reported success but wrote no plan file (${planFile}), so there is nothing reviewed to apply.`);
    expect(existsSync(planFile)).toBe(false);
    expect(callTrail(h).some((c) => c.startsWith('apply'))).toBe(false);
  });
});

describe('an exit code the events contradict is a failure, never "no changes"', () => {
  it.each([
    ['plan exits 2 ("changes") with events that show none', { plan: { recording: 'plan-nochanges.jsonl', exitCode: 2 } }, 'terraform plan cannot be trusted: it exited with code 2 ("the plan has changes") but its events show no change at all'],
    ['plan exits 0 ("no changes") with a summary that counts 6', { plan: { recording: 'plan-create.jsonl', exitCode: 0 } }, 'it exited with code 0 ("no changes") but its summary counts changes (6 to add'],
    ['plan exits 0 with an error', { plan: { recording: 'apply-unreachable.jsonl', exitCode: 0 } }, 'terraform plan cannot be trusted: it exited with code 0 but reported 2 errors'],
    ['init exits 0 with an error', { init: { recording: 'init-registry-unreachable.jsonl', exitCode: 0 } }, 'terraform init cannot be trusted: it exited with code 0 but reported an error'],
  ])('%s: exit 1 naming the log, nothing applied', async (_name, script, message) => {
    const h = makeHarness(script);
    const { exitCode, events } = await h.run({ command: 'apply', decider: yesDecider });
    expect(exitCode).toBe(1);
    const failure = failureOf(events)!;
    expect(failure.message).toContain(message);
    expect(failure.message).toContain(`the whole output is in ${failure.logFile}`);
    expect(failure.logFile).toMatch(/\.ecs-wizard\/logs\/.+\.jsonl$/);
    expect(callTrail(h).some((c) => c.startsWith('apply'))).toBe(false);
    expect(of(events, 'done')).toEqual([expect.objectContaining({ exitCode: 1 })]);
  });

  it('an apply that fails after finishing a resource tells finish it applied part of the plan; one that fails first, nothing', async () => {
    const outcomes: unknown[] = [];
    const finish = async (outcome: unknown) => void outcomes.push(outcome);
    const partly = await makeHarness({ apply: { recording: 'apply-partial.jsonl' } }).run({ command: 'apply', decider: yesDecider, deps: { finish } });
    expect(partly.exitCode).toBe(1);
    const nothing = await makeHarness({ apply: { recording: 'apply-unreachable.jsonl' } }).run({ command: 'apply', decider: yesDecider, deps: { finish } });
    expect(nothing.exitCode).toBe(1);
    expect(outcomes).toEqual([
      { succeeded: false, declined: false, applied: 'partly' },
      { succeeded: false, declined: false },
    ]);
  });

  it('an apply that exits 0 although resources failed is a failure, recorded as failed', async () => {
    const h = makeHarness({ apply: { recording: 'apply-unreachable.jsonl', exitCode: 0 } });
    const { exitCode, events } = await h.run({ command: 'apply', decider: yesDecider });
    expect(exitCode).toBe(1);
    expect(failureOf(events)?.message).toContain('terraform apply cannot be trusted: it exited with code 0 but reported 2 errors');
    expect((await readRunRecord(h.dir, 'production'))?.status).toBe('failed');
    expect(of(events, 'done')[0]?.summary).not.toMatch(/^Applied/);
  });
});

describe('a Terraform that prints its human output instead of the JSON UI', () => {
  // plan-human.txt: the real binary's plan of the data stack, run without -json.
  it.each([
    ['plan prints text and exits 2 ("changes")', { plan: { recording: 'plan-human.txt', exitCode: 2 } }, 'plan'],
    ['plan prints text and exits 0 ("no changes"), no event to read', { plan: { recording: 'plan-human.txt', exitCode: 0 } }, 'plan'],
    ['apply prints text and exits 0', { apply: { recording: 'plan-human.txt', exitCode: 0 } }, 'apply'],
  ] as const)('%s: exit 1 naming the log, never "no changes"', async (_name, script, step) => {
    const h = makeHarness(script);
    const { exitCode, events } = await h.run({ command: 'apply', decider: yesDecider });
    expect(exitCode).toBe(1);
    const failure = failureOf(events)!;
    expect(failure.message).toMatch(
      new RegExp(`^terraform ${step} cannot be trusted: its output is not Terraform's JSON UI \\(no "version" line; it printed "terraform_data\\.app: Refreshing state`),
    );
    expect(failure.message).toContain(`the whole output is in ${failure.logFile}`);
    expect(failure.logFile).toMatch(new RegExp(`\\.ecs-wizard/logs/.+-${step}\\.jsonl$`));
    const said = JSON.stringify(events.filter((event) => event.type !== 'terraform'));
    expect(said).not.toMatch(/no changes/i);
    expect(of(events, 'done')).toEqual([expect.objectContaining({ exitCode: 1 })]);
    if (step === 'plan') expect(callTrail(h).some((c) => c.startsWith('apply'))).toBe(false);
    else expect((await readRunRecord(h.dir, 'production'))?.status).toBe('failed');
  });
});

describe('the project lock', () => {
  it('held by another live run: --no-wait stops at once with exit 2, naming its command and PID; nothing runs', async () => {
    const h = makeHarness();
    const pid = liveProcess();
    writeLock(h.dir, pid);
    const { exitCode, events } = await h.run({ command: 'plan', decider: yesDecider, lockTimeoutMs: 0 });
    expect(exitCode).toBe(2);
    expect(failureOf(events)?.message).toBe(
      `The project is in use: another ecs-wizard run holds this project: ecs-wizard apply (PID ${pid}, started 2026-11-26T09:00:00.000Z), and --no-wait says not to wait. Nothing was done.`,
    );
    expect(h.synthCount).toBe(0);
    expect(h.calls).toEqual([]);
    // Their lock is theirs: untouched.
    expect(JSON.parse(readFileSync(path.join(h.dir, LOCK_PATH), 'utf8')).pid).toBe(pid);
  });

  it('without --no-wait: says it waits and for whom, then runs once the other run ends', async () => {
    const h = makeHarness();
    const child = spawn('sleep', ['0.4'], { stdio: 'ignore' });
    children.push(child);
    writeLock(h.dir, child.pid!);
    const { exitCode, events } = await h.run({ command: 'plan', decider: yesDecider });
    expect(exitCode).toBe(0);
    const waiting = of(events, 'warning').map((w) => w.message);
    expect(waiting[0]).toBe(
      `Waiting: another ecs-wizard run holds this project: ecs-wizard apply (PID ${child.pid}, started 2026-11-26T09:00:00.000Z). This run goes on when it ends (Ctrl-C stops waiting; --no-wait stops at once).`,
    );
    // The holder died without releasing it: taken over, and said.
    expect(waiting[1]).toContain(`The ecs-wizard apply started 2026-11-26T09:00:00.000Z (PID ${child.pid}) ended without releasing the project lock`);
    expect(h.synthCount).toBe(1);
    expect(existsSync(path.join(h.dir, LOCK_PATH))).toBe(false);
  });

  it('Ctrl-C while waiting: exit 130, nothing done', async () => {
    const h = makeHarness();
    writeLock(h.dir, liveProcess());
    const { exitCode, events } = await h.run({
      command: 'apply',
      decider: yesDecider,
      onEvent: (event, interrupts) => {
        if (event.type === 'warning' && event.message.startsWith('Waiting')) setTimeout(() => interrupts.interrupt(), 50);
      },
    });
    expect(exitCode).toBe(130);
    expect(failureOf(events)?.message).toBe('Stopped while waiting for the other ecs-wizard run; nothing was done.');
    expect(h.calls).toEqual([]);
  });

  it('records the running Terraform in the lock while a step runs, and removes the lock at the end', async () => {
    const h = makeHarness({ apply: { hang: true } });
    const seen: unknown[] = [];
    const { exitCode } = await h.run({
      command: 'apply',
      decider: yesDecider,
      onEvent: (event, interrupts) => {
        if (event.type === 'terraform' && event.command === 'apply' && event.event.type === 'apply_start') {
          seen.push(JSON.parse(readFileSync(path.join(h.dir, LOCK_PATH), 'utf8')));
          interrupts.interrupt();
        }
      },
    });
    expect(exitCode).toBe(130);
    expect(seen).toEqual([
      expect.objectContaining({ pid: process.pid, command: 'apply', terraform: expect.objectContaining({ pid: 4242, command: 'apply', logFile: expect.stringContaining('-production-apply.jsonl') }) }),
    ]);
    expect(existsSync(path.join(h.dir, LOCK_PATH))).toBe(false);
  });
});
