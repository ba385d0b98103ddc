/**
 * The task graph with fakes: no process, no network. Recorded Terraform
 * output drives each step; what matters here is the order of the work, what
 * runs and what never runs, and the exit code each outcome maps to.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig, presetConfig, type Config } from '../../src/config/index.js';
import { headlessDecider } from '../../src/headless/decider.js';
import { DESTROY_VARIABLES } from '../../src/infra/contract.js';
import type { Decider, DecisionRequest } from '../../src/tasks/decisions.js';
import { RunFailure } from '../../src/tasks/failures.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import { readRunRecord } from '../../src/tasks/runRecord.js';
import { STOPPED_SAFELY } from '../../src/tasks/terraformStep.js';
import { callTrail, editedPlan, makeHarness, noChangesPlan, taskTrail, yesDecider } from '../helpers/engineHarness.js';
import { readFixtureJson } from '../helpers/fakeTerraformHarness.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const of = <T extends RunEvent['type']>(events: readonly RunEvent[], type: T) =>
  events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);

/** A decider that records what it was asked and answers yes. */
function recordingDecider(answer: Decider = yesDecider): Decider & { asked: DecisionRequest[] } {
  const asked: DecisionRequest[] = [];
  return {
    asked,
    decide: async (request, task) => {
      asked.push(request);
      return answer.decide(request, task);
    },
  };
}

const PLAN_FILE = '<dir>/.ecs-wizard/plans/production.tfplan';

describe('apply: synth → init → plan → guard → approve → apply → outputs', () => {
  it('runs every task in order and applies exactly the plan file it showed', async () => {
    const h = makeHarness();
    const decider = recordingDecider();
    const run = await h.run({ command: 'apply', decider });

    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events)).toEqual([
      'synth:running', 'synth:done',
      'init:running', 'init:done',
      'plan:running', 'plan:done',
      'guard:running', 'guard:done',
      'approve:running', 'approve:done',
      'apply:running', 'apply:done',
      'outputs:running', 'outputs:done',
      // Run without a service wait (as --no-service-wait): see the wait's own tests.
      'wait:running', 'wait:skipped',
    ]);
    expect(callTrail(h)).toEqual(['init', `plan -out=${PLAN_FILE} -detailed-exitcode`, `apply ${PLAN_FILE}`]);
    // Only creates: the plan's own events say everything, no show -json.
    expect(h.shows).toEqual([]);
    expect(h.synthCount).toBe(1);
    // One question, about this plan.
    expect(decider.asked.map((r) => r.kind)).toEqual(['approve-plan']);
    // Terraform's own events reach the views, labelled with the step.
    const tf = of(run.events, 'terraform');
    expect(new Set(tf.map((e) => e.command))).toEqual(new Set(['init', 'plan', 'apply']));
    expect(tf.some((e) => e.command === 'apply' && e.event.type === 'apply_complete')).toBe(true);
    // The run's outcome, then the outputs with the secret masked.
    const outputs = of(run.events, 'outputs')[0]!.outputs;
    expect(outputs).toEqual([
      { name: 'app_release', sensitive: false, type: 'string', value: 'v1' },
      { name: 'db_password', sensitive: true, type: 'string', value: '(sensitive value)' },
    ]);
    expect(run.events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: 'Applied: 6 added, 0 changed, 0 replaced, 0 destroyed.' });
    expect(JSON.stringify(run.events)).not.toContain('hunter2');
    expect(await readRunRecord(h.dir, 'production')).toMatchObject({ command: 'apply', status: 'succeeded' });
  });

  it('passes the arguments after -- to terraform plan, after its own', async () => {
    const h = makeHarness();
    await h.run({ command: 'apply', decider: yesDecider, terraformArgs: ['-refresh=false', '-target=aws_vpc.vpc'] });
    expect(callTrail(h)[1]).toBe(`plan -out=${PLAN_FILE} -detailed-exitcode -refresh=false -target=aws_vpc.vpc`);
  });

  it('skips init on the second run when nothing it depends on changed, and runs it again when the CLI config changes', async () => {
    const h = makeHarness();
    await h.run({ command: 'plan', decider: yesDecider });
    const second = await h.run({ command: 'plan', decider: yesDecider });
    const init = of(second.events, 'task').filter((e) => e.id === 'init');
    expect(init.map((e) => e.state)).toEqual(['running', 'skipped']);
    expect(init[1]!.detail).toBe('terraform init: providers and backend unchanged');
    expect(callTrail(h).filter((c) => c === 'init')).toHaveLength(1);

    vi.stubEnv('TF_CLI_CONFIG_FILE', '/elsewhere/mirror.tfrc');
    await h.run({ command: 'plan', decider: yesDecider });
    expect(callTrail(h).filter((c) => c === 'init')).toHaveLength(2);
  });

  it('with no changes: approve and apply are skipped, nothing is applied, outputs are still read', async () => {
    const h = makeHarness({ plan: { recording: 'plan-nochanges.jsonl' }, show: noChangesPlan() });
    const decider = recordingDecider();
    const run = await h.run({ command: 'apply', decider });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events)).toContain('approve:skipped');
    expect(taskTrail(run.events)).toContain('apply:skipped');
    expect(decider.asked).toEqual([]);
    expect(callTrail(h).some((c) => c.startsWith('apply'))).toBe(false);
    expect(h.outputReads).toBe(1);
    expect(run.events.at(-1)).toMatchObject({ type: 'done', exitCode: 0, summary: 'No changes.' });
    // Nothing was applied: no record of an apply.
    expect(await readRunRecord(h.dir, 'production')).toBeUndefined();
  });

  it('a rejected approval ends with exit 2 and the reason naming --yes; nothing is applied', async () => {
    const h = makeHarness();
    const run = await h.run({ command: 'apply', decider: headlessDecider({ yes: false, allowReplace: [] }) });
    expect(run.exitCode).toBe(2);
    expect(taskTrail(run.events).slice(-2)).toEqual(['approve:running', 'approve:failed']);
    expect(of(run.events, 'failure')[0]!.message).toContain('pass --yes');
    expect(callTrail(h).some((c) => c.startsWith('apply'))).toBe(false);
    expect(run.events.at(-1)).toMatchObject({ type: 'done', exitCode: 2 });
  });

  it('a "no" without an exit code from the front-end maps to 2 for an approval', async () => {
    const h = makeHarness();
    const run = await h.run({ command: 'apply', decider: { decide: async () => ({ approved: false, reason: 'Cancelled.' }) } });
    expect([run.exitCode, run.failure?.message]).toEqual([2, 'Cancelled.']);
  });

  it('a synth failure stops everything before Terraform runs', async () => {
    const h = makeHarness();
    Object.assign(h.deps, { synthesize: () => Promise.reject(new RunFailure('regeneration stopped, nothing was written', 2)) });
    const run = await h.run({ command: 'apply', decider: yesDecider });
    expect(run.exitCode).toBe(2);
    expect(taskTrail(run.events)).toEqual(['synth:running', 'synth:failed']);
    expect(h.calls).toEqual([]);
  });
});

describe("the plan's notes speak of the config the run holds under the lock", () => {
  const configWith = (domain?: { name: string; hostedZoneId: string }): Config => {
    const input = presetConfig('starter', { appName: 'demo', environment: 'production', region: 'eu-west-1', github: { owner: 'acme', repo: 'shop' } });
    if (domain) Object.assign(input.environments.production!, { domain });
    const parsed = parseConfig(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.config;
  };
  // The plan adds the HTTPS listener: the note names the domain the config gives.
  const https = (() => {
    const source = readFixtureJson('show-plan-create.json') as { resource_changes: Array<Record<string, any>> };
    const template = source.resource_changes.find((rc) => rc['mode'] === 'managed')!;
    source.resource_changes.push({ ...template, address: 'aws_lb_listener.https', type: 'aws_lb_listener', name: 'https', change: { ...template['change'], actions: ['create'], before: null } });
    return { name: 'show-plan-https', json: source };
  })();

  it('a run that waited and read ecs-wizard.json again (a domain added meanwhile) explains the plan with the file as it is now', async () => {
    // A plan with a replacement: its summary comes from `show -json`, where the listener is.
    const h = makeHarness({ plan: { recording: 'plan-data-replace.jsonl' }, show: https });
    const before = configWith();
    const now = configWith({ name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' });
    const run = await h.run({ command: 'plan', decider: yesDecider, config: before, configNow: () => now });
    expect(run.exitCode, run.failure?.message).toBe(0);
    const plans = run.events.flatMap((event) => (event.type === 'plan' ? [event.summary] : []));
    expect(plans.map((plan) => plan.changes.map((c) => c.address))).toEqual([expect.arrayContaining(['aws_lb_listener.https'])]);
    expect(plans.flatMap((plan) => plan.notes ?? []).filter((note) => note.startsWith('Adds https://'))).toEqual([expect.stringMatching(/^Adds https:\/\/shop\.example\.com: HTTPS on 443/)]);
  });
});

describe('the data guard', () => {
  const replace = { plan: { recording: 'plan-replace.jsonl' }, show: 'show-plan-replace.json' } as const;

  it('blocks a replacement of the database under --yes: exit 3, message names --allow-replace ADDRESS, nothing applied', async () => {
    const h = makeHarness(replace);
    const run = await h.run({ command: 'apply', decider: headlessDecider({ yes: true, allowReplace: [] }) });
    expect(run.exitCode).toBe(3);
    expect(taskTrail(run.events).slice(-2)).toEqual(['guard:running', 'guard:failed']);
    // A replacement needs the plan document: which attribute forces it.
    expect(h.shows).toEqual(['show-plan-replace.json']);
    const guard = of(run.events, 'guard')[0]!.result;
    expect(guard.blocked.map((f) => f.address)).toEqual(['aws_db_instance.db', 'aws_ecr_repository.orphan']);
    const failure = of(run.events, 'failure')[0]!;
    expect(failure.message).toContain('Blocked by the data guard: aws_db_instance.db, aws_ecr_repository.orphan would lose data');
    expect(failure.message).toMatch(/run again with --allow-replace aws_db_instance\.db --allow-replace aws_ecr_repository\.orphan$/);
    expect(callTrail(h).some((c) => c.startsWith('apply'))).toBe(false);
    expect(run.events.at(-1)).toMatchObject({ type: 'done', exitCode: 3 });
  });

  it('asks about each blocked resource, by name, before any approval', async () => {
    const h = makeHarness(replace);
    const decider = recordingDecider();
    await h.run({ command: 'apply', decider });
    expect(decider.asked.map((r) => (r.kind === 'allow-data-loss' ? `${r.kind}:${r.finding.address}` : r.kind))).toEqual([
      'allow-data-loss:aws_db_instance.db',
      'allow-data-loss:aws_ecr_repository.orphan',
      'approve-plan',
    ]);
  });

  it('the allow-list clears exactly the named resources, and then the plan is applied', async () => {
    const h = makeHarness(replace);
    const decider = recordingDecider(headlessDecider({ yes: true, allowReplace: [] }));
    const allow = ['aws_db_instance.db', 'aws_ecr_repository.orphan'];
    const run = await h.run({ command: 'apply', decider, allowReplace: allow });
    expect(run.exitCode).toBe(0);
    expect(decider.asked.map((r) => r.kind)).toEqual(['approve-plan']);
    const guard = of(run.events, 'guard')[0]!.result;
    expect([guard.ok, guard.allowed.map((f) => f.address)]).toEqual([true, allow]);
    expect(callTrail(h).at(-1)).toBe(`apply ${PLAN_FILE}`);
  });

  it('allowing one of two leaves the other blocked', async () => {
    const h = makeHarness(replace);
    const run = await h.run({ command: 'apply', decider: headlessDecider({ yes: true, allowReplace: [] }), allowReplace: ['aws_db_instance.db'] });
    expect(run.exitCode).toBe(3);
    expect(run.failure?.message).toMatch(/To accept it, run again with --allow-replace aws_ecr_repository\.orphan$/);
  });

  it('warns about an --allow-replace that matches nothing at risk', async () => {
    const h = makeHarness();
    const run = await h.run({ command: 'apply', decider: yesDecider, allowReplace: ['aws_db_instance.typo'] });
    expect(run.exitCode).toBe(0);
    expect(of(run.events, 'warning').map((w) => w.message)).toContain('--allow-replace aws_db_instance.typo matches nothing this plan deletes or replaces.');
  });

  it('`plan` never blocks: it reports what apply will ask for, and exits 0', async () => {
    const h = makeHarness(replace);
    const decider = recordingDecider();
    const run = await h.run({ command: 'plan', decider });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events)).toEqual(['synth:running', 'synth:done', 'init:running', 'init:done', 'plan:running', 'plan:done', 'guard:running', 'guard:done']);
    expect(decider.asked).toEqual([]);
    expect(of(run.events, 'guard')[0]!.result.blocked).toHaveLength(2);
    expect(run.events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: 'Plan: 0 to add, 1 to change, 1 to replace, 1 to destroy.' });
  });
});

describe('failures and interrupts', () => {
  it('a failed apply: exit 1, each error with its resource, the log, the next step; recorded as failed', async () => {
    const h = makeHarness({ apply: { recording: 'apply-unreachable.jsonl' } });
    const run = await h.run({ command: 'apply', decider: yesDecider });
    expect(run.exitCode).toBe(1);
    const failure = of(run.events, 'failure')[0]!;
    expect(failure.message).toMatch(/^terraform apply failed:\n {2}aws_ecs_cluster\.cluster: creating ECS Cluster \(demo\): .*connection refused\n {2}aws_vpc\.vpc: creating EC2 VPC: /);
    expect(failure.diagnostics.map((d) => d.address)).toEqual(['aws_ecs_cluster.cluster', 'aws_vpc.vpc']);
    const applyCall = h.calls.find((c) => c.args[0] === 'apply')!;
    expect(failure.logFile).toBe(applyCall.logFile);
    expect(failure.logFile).toMatch(/\.ecs-wizard\/logs\/2026-11-26T09-30-00-000Z-production-apply\.jsonl$/);
    expect(failure.next).toMatch(/^Fix the cause above and run again/);
    // The outputs of a failed apply are not read.
    expect(taskTrail(run.events).some((t) => t.startsWith('outputs'))).toBe(false);
    expect(await readRunRecord(h.dir, 'production')).toMatchObject({ command: 'apply', status: 'failed', logFile: applyCall.logFile });
  });

  it('the next run says the last apply failed before planning again', async () => {
    const h = makeHarness({ apply: { recording: 'apply-unreachable.jsonl' } });
    await h.run({ command: 'apply', decider: yesDecider });
    const next = await h.run({ command: 'plan', decider: yesDecider });
    const warning = of(next.events, 'warning')[0]!;
    expect(warning.message).toMatch(/^The last apply \(started 2026-11-26T09:30:00.000Z\) failed\. This plan shows what is left to do\. Log: .*-production-apply\.jsonl$/);
    // Said before the plan ran.
    const planStart = next.events.findIndex((e) => e.type === 'terraform' && e.command === 'plan');
    expect(next.events.indexOf(warning)).toBeLessThan(planStart);
  });

  it('a state lock left by a dead run: the failure gives the exact force-unlock command', async () => {
    const h = makeHarness({
      plan: {
        diagnostics: [{ severity: 'error', summary: 'Error acquiring the state lock', detail: 'Lock Info:\n  ID:        0b4c7f2a-1111-2222-3333-444455556666\n  Path: x' }],
      },
    });
    const run = await h.run({ command: 'plan', decider: yesDecider });
    expect(run.exitCode).toBe(1);
    expect(of(run.events, 'failure')[0]!.next).toContain(`terraform -chdir=${h.stackDir} force-unlock 0b4c7f2a-1111-2222-3333-444455556666`);
  });

  it('Ctrl-C during apply: one graceful stop, exit 130, "stopped safely", recorded as interrupted', async () => {
    const h = makeHarness({ apply: { hang: true } });
    const run = await h.run({
      command: 'apply',
      decider: yesDecider,
      onEvent: (event, interrupts) => {
        if (event.type === 'terraform' && event.event.type === 'apply_start') interrupts.interrupt();
      },
    });
    expect(run.exitCode).toBe(130);
    expect(of(run.events, 'stopping')).toEqual([{ type: 'stopping', escalated: false }]);
    const failure = of(run.events, 'failure')[0]!;
    expect(failure.message).toBe(STOPPED_SAFELY);
    expect(failure.next).toBe('Run the same command again to continue.');
    expect(run.events.at(-1)).toMatchObject({ type: 'done', exitCode: 130 });
    expect(await readRunRecord(h.dir, 'production')).toMatchObject({ status: 'interrupted' });
    const next = await h.run({ command: 'plan', decider: yesDecider });
    expect(of(next.events, 'warning')[0]!.message).toMatch(/^The last apply \(started .*\) was interrupted\./);
  });

  it('after a Ctrl-C mid-create, the next run keeps what AWS made (untaint) before it plans', async () => {
    // Found applying our stack for real: Terraform cancels the creates in flight,
    // saves the load balancer and the database TAINTED, and the next plan
    // replaced them (the database behind the data guard: `apply --yes` stopped).
    const h = makeHarness({ apply: { hang: true } });
    let creating = '';
    const run = await h.run({
      command: 'apply',
      decider: yesDecider,
      onEvent: (event, interrupts) => {
        if (event.type === 'terraform' && event.event.type === 'apply_start') {
          creating = event.event.address;
          interrupts.interrupt();
        }
      },
    });
    expect(run.exitCode).toBe(130);
    expect(creating).not.toBe('');
    expect(await readRunRecord(h.dir, 'production')).toMatchObject({ status: 'interrupted', unfinishedCreates: [creating] });

    const next = await h.run({ command: 'plan', decider: yesDecider });
    const untaints = h.calls.filter((call) => call.args[0] === 'untaint');
    expect(untaints.map((call) => call.args)).toEqual([['untaint', '-allow-missing', creating]]);
    // Before the plan that reads the state.
    const lastPlan = h.calls.filter((call) => call.args[0] === 'plan').at(-1)!;
    expect(h.calls.indexOf(untaints[0]!)).toBeLessThan(h.calls.indexOf(lastPlan));
    expect(of(next.events, 'warning').map((w) => w.message)).toContainEqual(expect.stringMatching(new RegExp(`^Kept what the interrupted apply was creating: ${creating.replace(/[.[\]]/g, '\\$&')}\\.`)));
  });

  it('a failed (not interrupted) apply leaves tainted resources to the plan: nothing is untainted', async () => {
    const h = makeHarness({ apply: { diagnostics: [{ severity: 'error', summary: 'creating ELBv2 Load Balancer: ValidationError', detail: '' }] } });
    expect((await h.run({ command: 'apply', decider: yesDecider })).exitCode).toBe(1);
    expect((await readRunRecord(h.dir, 'production'))?.unfinishedCreates).toBeUndefined();
    await h.run({ command: 'plan', decider: yesDecider });
    expect(h.calls.filter((call) => call.args[0] === 'untaint')).toEqual([]);
  });

  it('a second Ctrl-C escalates: exit 130 and a warning that state may be lost', async () => {
    const h = makeHarness({ apply: { hang: true } });
    const run = await h.run({
      command: 'apply',
      decider: yesDecider,
      onEvent: (event, interrupts) => {
        if (event.type === 'terraform' && event.event.type === 'apply_start') {
          interrupts.interrupt();
          interrupts.interrupt();
        }
      },
    });
    expect(run.exitCode).toBe(130);
    expect(of(run.events, 'stopping').map((e) => e.escalated)).toEqual([false, true]);
    expect(run.failure?.message).toBe('Terraform was killed during apply: its state may not be saved and its lock may still be held.');
    // The next run must not claim Terraform saved its state.
    expect(await readRunRecord(h.dir, 'production')).toMatchObject({ status: 'killed' });
    const next = await h.run({ command: 'plan', decider: yesDecider });
    const warning = of(next.events, 'warning')[0]!.message;
    expect(warning).toMatch(/^The last apply \(started .*\) was stopped by force: Terraform may not have saved its state/);
    expect(warning).not.toContain('Terraform saved what it finished');
  });

  it('Ctrl-C during the plan: exit 130 and nothing applied', async () => {
    const h = makeHarness({ plan: { hang: true } });
    const run = await h.run({
      command: 'apply',
      decider: yesDecider,
      onEvent: (event, interrupts) => {
        if (event.type === 'terraform' && event.command === 'plan') interrupts.interrupt();
      },
    });
    expect(run.exitCode).toBe(130);
    expect(taskTrail(run.events).slice(-2)).toEqual(['plan:running', 'plan:failed']);
    expect(h.calls.map((c) => c.args[0])).toEqual(['init', 'plan']);
    // Nothing was applied, so there is nothing to warn about next time.
    expect(await readRunRecord(h.dir, 'production')).toBeUndefined();
  });

  it('Ctrl-C before Terraform starts: it is never started', async () => {
    const h = makeHarness();
    const run = await h.run({
      command: 'apply',
      decider: yesDecider,
      onEvent: (event, interrupts) => {
        if (event.type === 'task' && event.id === 'synth' && event.state === 'done') interrupts.interrupt();
      },
    });
    expect(run.exitCode).toBe(130);
    expect(h.calls).toEqual([]);
  });
});

describe('destroy: plan -destroy → checks → confirm → prepare → destroy', () => {
  const allow = ['aws_db_instance.db', 'aws_ecr_repository.orphan'];

  it('runs the checks, asks once, prepares the database with -target and both variables, re-plans, then destroys', async () => {
    const h = makeHarness();
    const decider = recordingDecider(headlessDecider({ yes: true, allowReplace: allow }));
    const run = await h.run({ command: 'destroy', decider, allowReplace: allow, terraformArgs: ['-refresh=false'] });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events)).toEqual([
      'synth:running', 'synth:done',
      'init:running', 'init:done',
      'plan:running', 'plan:done',
      'checks:running', 'checks:done',
      'confirm:running', 'confirm:done',
      'prepare:running', 'prepare:done',
      'destroy:running', 'destroy:done',
    ]);
    const snapshot = 'demo-db-final-20261126t093000';
    const vars = `-var=${DESTROY_VARIABLES.deletionProtection}=false -var=${DESTROY_VARIABLES.finalSnapshotIdentifier}=${snapshot}`;
    const prepareFile = '<dir>/.ecs-wizard/plans/production-prepare.tfplan';
    expect(callTrail(h)).toEqual([
      'init',
      `plan -destroy -out=${PLAN_FILE} -detailed-exitcode -refresh=false`,
      `plan -target=aws_db_instance.db ${vars} -out=${prepareFile}`,
      `apply ${prepareFile}`,
      `plan -destroy ${vars} -out=${PLAN_FILE} -refresh=false`,
      `apply ${PLAN_FILE}`,
    ]);
    expect(h.shows).toEqual(['show-plan-destroy.json', 'show-plan-destroy.json']);
    expect(decider.asked.map((r) => r.kind)).toEqual(['confirm-destroy']);
    const confirm = decider.asked[0]!;
    expect(confirm.kind === 'confirm-destroy' && confirm.blockers).toEqual([
      'aws_ecr_repository.orphan has force_delete off: AWS refuses to delete it while it holds images. Delete the images first.',
    ]);
    // What blocks the destroy is shown before the question.
    const warnings = of(run.events, 'warning').map((w) => w.message);
    expect(warnings.some((w) => w.startsWith('aws_ecr_repository.orphan has force_delete off'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('aws_db_instance.db: a final snapshot is taken first'))).toBe(true);
    expect(of(run.events, 'plan').map((p) => p.destroy)).toEqual([true, true]);
    expect(run.events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: 'Destroyed 7 resources.' });
    expect(await readRunRecord(h.dir, 'production')).toMatchObject({ command: 'destroy', status: 'succeeded' });
  });

  it('without confirmation nothing is prepared or destroyed: exit 3 naming --yes and each stateful address', async () => {
    const h = makeHarness();
    const run = await h.run({ command: 'destroy', decider: headlessDecider({ yes: false, allowReplace: [] }) });
    expect(run.exitCode).toBe(3);
    expect(run.failure?.message).toMatch(/run again with: --yes --allow-replace aws_db_instance\.db --allow-replace aws_ecr_repository\.orphan$/);
    expect(taskTrail(run.events).slice(-2)).toEqual(['confirm:running', 'confirm:failed']);
    expect(callTrail(h)).toEqual(['init', `plan -destroy -out=${PLAN_FILE} -detailed-exitcode`]);
  });

  it('--yes alone never destroys data', async () => {
    const h = makeHarness();
    const run = await h.run({ command: 'destroy', decider: headlessDecider({ yes: true, allowReplace: [] }) });
    expect(run.exitCode).toBe(3);
    expect(h.calls.some((c) => c.args[0] === 'apply')).toBe(false);
  });

  it.each([
    ['one resource fewer', editedPlan('destroy-minus-vpc', 'show-plan-destroy.json', (a) => (a === 'aws_vpc.vpc' ? [] : undefined))],
    ['the vpc no longer deleted', editedPlan('destroy-keeps-vpc', 'show-plan-destroy.json', (a) => (a === 'aws_vpc.vpc' ? ['update'] : undefined))],
  ])('stops without destroying when the plan changed while the database was prepared (%s)', async (_, replanned) => {
    const h = makeHarness({ destroyShow: ['show-plan-destroy.json', replanned] });
    const run = await h.run({ command: 'destroy', decider: headlessDecider({ yes: true, allowReplace: allow }), allowReplace: allow });
    expect(run.exitCode).toBe(1);
    expect(run.failure?.message).toMatch(/^The destroy plan changed while the database was prepared; nothing was destroyed\./);
    expect(callTrail(h).at(-1)).toMatch(/^plan -destroy /);
    expect(taskTrail(run.events).some((t) => t.startsWith('destroy:'))).toBe(false);
  });

  it('turns a protected load balancer\'s deletion protection off with the database, only after the confirmation', async () => {
    const withLb = (() => {
      const source = editedPlan('destroy-with-lb', 'show-plan-destroy.json', () => undefined) as { name: string; json: { resource_changes: unknown[] } };
      const vpc = (source.json.resource_changes as Array<Record<string, any>>).find((rc) => rc['address'] === 'aws_vpc.vpc')!;
      source.json.resource_changes.push({ ...vpc, address: 'aws_lb.alb', type: 'aws_lb', name: 'alb', change: { ...vpc['change'], before: { enable_deletion_protection: true } } });
      return source;
    })();
    const h = makeHarness({ destroyShow: withLb });
    const decider = recordingDecider(headlessDecider({ yes: true, allowReplace: allow }));
    const run = await h.run({ command: 'destroy', decider, allowReplace: allow });
    expect(run.exitCode).toBe(0);
    const confirm = decider.asked[0]!;
    expect(confirm.kind === 'confirm-destroy' && confirm.blockers).toContain(
      'aws_lb.alb has deletion protection on: it is turned off only after you confirm the destroy.',
    );
    const snapshot = 'demo-db-final-20261126t093000';
    const vars = `-var=${DESTROY_VARIABLES.deletionProtection}=false -var=${DESTROY_VARIABLES.finalSnapshotIdentifier}=${snapshot} -var=${DESTROY_VARIABLES.loadBalancerDeletionProtection}=false`;
    expect(callTrail(h)).toEqual([
      'init',
      `plan -destroy -out=${PLAN_FILE} -detailed-exitcode`,
      `plan -target=aws_db_instance.db -target=aws_lb.alb ${vars} -out=<dir>/.ecs-wizard/plans/production-prepare.tfplan`,
      'apply <dir>/.ecs-wizard/plans/production-prepare.tfplan',
      // The state is as the first destroy plan read it, moments ago, with the
      // prepared resources just written: the second plan does not read every
      // resource again.
      `plan -destroy -refresh=false ${vars} -out=${PLAN_FILE}`,
      `apply ${PLAN_FILE}`,
    ]);
  });

  it('env remove (removeAfterDestroy) drops the environment only once it is destroyed: never after a refusal', async () => {
    let removed = 0;
    const removeAfterDestroy = async () => {
      removed++;
      return 'Removed production from ecs-wizard.json.';
    };
    const refused = await makeHarness().run({ command: 'destroy', decider: headlessDecider({ yes: false, allowReplace: [] }), removeAfterDestroy });
    expect(refused.exitCode).toBe(3);
    expect(removed).toBe(0);
    const run = await makeHarness().run({ command: 'destroy', decider: headlessDecider({ yes: true, allowReplace: allow }), allowReplace: allow, removeAfterDestroy });
    expect(run.exitCode).toBe(0);
    expect(removed).toBe(1);
    expect(taskTrail(run.events).slice(-4)).toEqual(['destroy:running', 'destroy:done', 'remove:running', 'remove:done']);
    expect(run.events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: 'Destroyed 7 resources. Removed production from ecs-wizard.json.' });
  });

  it('a destroy without a database skips the preparation', async () => {
    const noDb = editedPlan('destroy-no-db', 'show-plan-destroy.json', (a) => (a === 'aws_db_instance.db' ? [] : undefined));
    const h = makeHarness({ destroyShow: noDb });
    const run = await h.run({ command: 'destroy', decider: headlessDecider({ yes: true, allowReplace: ['aws_ecr_repository.orphan'] }), allowReplace: ['aws_ecr_repository.orphan'] });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events)).toContain('prepare:skipped');
    expect(callTrail(h)).toEqual(['init', `plan -destroy -out=${PLAN_FILE} -detailed-exitcode`, `apply ${PLAN_FILE}`]);
  });

  it('nothing to destroy: no question, nothing applied', async () => {
    const h = makeHarness({ destroyPlan: { recording: 'plan-nochanges.jsonl' }, destroyShow: noChangesPlan() });
    const decider = recordingDecider();
    const run = await h.run({ command: 'destroy', decider });
    expect(run.exitCode).toBe(0);
    expect(decider.asked).toEqual([]);
    expect(h.calls.some((c) => c.args[0] === 'apply')).toBe(false);
  });
});

describe('log files', () => {
  it('names every step’s log under .ecs-wizard/logs with time, environment and command', async () => {
    const h = makeHarness();
    await h.run({ command: 'apply', decider: yesDecider });
    for (const call of h.calls) {
      expect(path.dirname(call.logFile)).toBe(path.join(h.dir, '.ecs-wizard', 'logs'));
      expect(path.basename(call.logFile)).toBe(`2026-11-26T09-30-00-000Z-production-${call.args[0]}.jsonl`);
    }
    expect(existsSync(path.join(h.stackDir, '.terraform', 'ecs-wizard-init.json'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(h.dir, '.ecs-wizard', 'runs', 'production.json'), 'utf8')).logFile).toBe(
      h.calls.find((c) => c.args[0] === 'apply')!.logFile,
    );
  });
});

describe('destroy: the task definition revisions the pipeline registered go after it', () => {
  const allow = ['aws_db_instance.db', 'aws_ecr_repository.orphan'];
  const yes = headlessDecider({ yes: true, allowReplace: allow });
  const arn = (revision: string) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/${revision}`;
  // Terraform's own revision (:2 of web) it deregisters itself; the others are the pipeline's.
  const REVISIONS = [
    'shop-staging-web:1', 'shop-staging-web:2', 'shop-staging-web:3', 'shop-staging-migrate:1', 'shop-staging-migrate:2',
    // Listed by familyPrefix shop-staging-web, not of the stack: kept.
    'shop-staging-web-worker:1',
    // Another environment's.
    'shop-production-web:4',
  ].map(arn);
  const withFamilies = (json: Record<string, any>) => ({
    ...json,
    resource: {
      ...json['resource'],
      aws_ecs_task_definition: { web: { family: 'shop-staging-web', track_latest: true }, migrate: { family: 'shop-staging-migrate', track_latest: true } },
    },
  });
  const target = { region: 'eu-west-1', endpoint: 'http://127.0.0.1:4599' };
  const harness = (script: Parameters<typeof makeHarness>[0] = {}) => {
    const h = makeHarness({ stack: withFamilies, revisions: REVISIONS, ...script });
    // The revision Terraform tracked (track_latest) is INACTIVE already: its destroy deregistered it.
    h.revisionStatus.set(arn('shop-staging-web:3'), 'INACTIVE');
    return h;
  };
  const noDb = editedPlan('destroy-no-db', 'show-plan-destroy.json', (a) => (a === 'aws_db_instance.db' ? [] : undefined));
  const statuses = (h: ReturnType<typeof makeHarness>) => Object.fromEntries([...h.revisionStatus].map(([key, status]) => [key.split('/').pop(), status]));

  it('after a successful destroy, deregisters then deletes every ACTIVE revision of exactly the stack\'s families, in its AWS, as a task of the run', async () => {
    const h = harness();
    const run = await h.run({ command: 'destroy', decider: yes, allowReplace: allow, revisionCleanup: { target } });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events).slice(-4)).toEqual(['destroy:running', 'destroy:done', 'revisions:running', 'revisions:done']);
    expect(h.revisionTargets).toEqual([target]);
    expect(h.revisionCalls).toEqual([
      'list shop-staging-migrate',
      'list shop-staging-web',
      'deregister shop-staging-migrate:1',
      'deregister shop-staging-migrate:2',
      'deregister shop-staging-web:1',
      'deregister shop-staging-web:2',
      'delete shop-staging-migrate:1,shop-staging-migrate:2,shop-staging-web:1,shop-staging-web:2',
    ]);
    expect(statuses(h)).toEqual({
      'shop-staging-web:1': 'DELETE_IN_PROGRESS',
      'shop-staging-web:2': 'DELETE_IN_PROGRESS',
      'shop-staging-web:3': 'INACTIVE',
      'shop-staging-migrate:1': 'DELETE_IN_PROGRESS',
      'shop-staging-migrate:2': 'DELETE_IN_PROGRESS',
      'shop-staging-web-worker:1': 'ACTIVE',
      'shop-production-web:4': 'ACTIVE',
    });
    const said = 'Deregistered and deleted 4 task definition revisions the pipeline had registered (shop-staging-migrate:1, shop-staging-migrate:2, shop-staging-web:1, shop-staging-web:2)';
    // --json reads the task's outcome in its done event; the run's summary says it too.
    expect(of(run.events, 'task').find((e) => e.id === 'revisions' && e.state === 'done')).toMatchObject({
      title: 'Deregister the task definition revisions the pipeline registered',
      detail: said,
    });
    expect(run.events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: `Destroyed 7 resources. ${said}.` });
    expect(of(run.events, 'warning').some((w) => w.message.includes('task definition'))).toBe(false);
  });

  it('env remove: the revisions go before the environment (and its stack folder, where the families are read) is removed', async () => {
    const h = harness();
    const run = await h.run({
      command: 'destroy',
      decider: yes,
      allowReplace: allow,
      revisionCleanup: { target },
      removeAfterDestroy: async () => 'Removed production from ecs-wizard.json.',
    });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events).slice(-4)).toEqual(['revisions:running', 'revisions:done', 'remove:running', 'remove:done']);
    expect(run.events.at(-1)).toMatchObject({ type: 'done', summary: expect.stringMatching(/^Destroyed 7 resources\. Deregistered and deleted 4 .*\. Removed production from ecs-wizard\.json\.$/) });
  });

  it('never after a refused, failed or interrupted destroy, nor when nothing was destroyed, nor for plan and apply', async () => {
    const refused = harness();
    expect((await refused.run({ command: 'destroy', decider: headlessDecider({ yes: false, allowReplace: [] }), revisionCleanup: { target } })).exitCode).toBe(3);

    const failed = harness({ destroyShow: noDb, apply: { diagnostics: [{ severity: 'error', summary: 'DependencyViolation', detail: 'the subnet is in use' }] } });
    const failedRun = await failed.run({ command: 'destroy', decider: yes, allowReplace: allow, revisionCleanup: { target } });
    expect(failedRun.exitCode).toBe(1);
    expect(taskTrail(failedRun.events).slice(-2)).toEqual(['destroy:running', 'destroy:failed']);

    const interrupted = harness({ destroyShow: noDb, apply: { hang: true } });
    const interruptedRun = await interrupted.run({
      command: 'destroy',
      decider: yes,
      allowReplace: allow,
      revisionCleanup: { target },
      onEvent: (event, interrupts) => {
        if (event.type === 'terraform' && event.event.type === 'apply_start') interrupts.interrupt();
      },
    });
    expect(interruptedRun.exitCode).toBe(130);

    const nothing = harness({ destroyPlan: { recording: 'plan-nochanges.jsonl' }, destroyShow: noChangesPlan() });
    const nothingRun = await nothing.run({ command: 'destroy', decider: yes, revisionCleanup: { target } });
    expect(nothingRun.exitCode).toBe(0);
    expect(taskTrail(nothingRun.events).slice(-2)).toEqual(['revisions:running', 'revisions:skipped']);

    const plan = harness();
    await plan.run({ command: 'plan', decider: yes, revisionCleanup: { target } });
    const apply = harness();
    await apply.run({ command: 'apply', decider: yes, revisionCleanup: { target } });

    for (const h of [refused, failed, interrupted, nothing, plan, apply]) {
      expect(h.revisionTargets).toEqual([]);
      expect(h.revisionCalls).toEqual([]);
      expect(Object.values(statuses(h)).filter((status) => status !== 'ACTIVE')).toEqual(['INACTIVE']);
    }
  });

  it('a cleanup that fails is a warning naming the families and the AWS CLI commands: the destroy stays a success (exit 0)', async () => {
    const h = harness();
    const run = await h.run({
      command: 'destroy',
      decider: yes,
      allowReplace: allow,
      revisionCleanup: { target: { region: 'eu-west-1', profile: 'ops' } },
      removeAfterDestroy: async () => 'Removed production from ecs-wizard.json.',
    });
    expect(run.exitCode).toBe(0);
    const noCredentials = harness({ revisionFailure: { list: new Error('Could not load credentials from any providers') } });
    const failed = await noCredentials.run({
      command: 'destroy',
      decider: yes,
      allowReplace: allow,
      revisionCleanup: { target: { region: 'eu-west-1', profile: 'ops' } },
      removeAfterDestroy: async () => 'Removed production from ecs-wizard.json.',
    });
    expect(failed.exitCode).toBe(0);
    expect(failed.failure).toBeUndefined();
    const warning = of(failed.events, 'warning').map((w) => w.message).find((m) => m.includes('task definition'));
    expect(warning).toBe(
      'Could not deregister the task definition revisions of shop-staging-migrate, shop-staging-web: Could not load credentials from any providers. The destroy is complete. ' +
        'Finish by hand with: aws ecs list-task-definitions --region eu-west-1 --profile ops --family-prefix shop-staging-migrate --status ACTIVE; ' +
        'aws ecs list-task-definitions --region eu-west-1 --profile ops --family-prefix shop-staging-web --status ACTIVE; ' +
        'then for each FAMILY:REVISION of exactly those families: aws ecs deregister-task-definition --region eu-west-1 --profile ops --task-definition FAMILY:REVISION',
    );
    // The run goes on: env remove still drops the environment; the destroy's record says it succeeded.
    expect(taskTrail(failed.events).slice(-4)).toEqual(['revisions:running', 'revisions:skipped', 'remove:running', 'remove:done']);
    expect(failed.events.at(-1)).toEqual({ type: 'done', exitCode: 0, summary: 'Destroyed 7 resources. Removed production from ecs-wizard.json.' });
    expect(await readRunRecord(noCredentials.dir, 'production')).toMatchObject({ command: 'destroy', status: 'succeeded' });
  });

  it('stopped part-way, it names what it deregistered and gives the exact command for each revision left', async () => {
    const h = harness({ revisionFailure: { deregisterAfter: 1, deregister: new Error('ThrottlingException: Rate exceeded') } });
    const run = await h.run({ command: 'destroy', decider: yes, allowReplace: allow, revisionCleanup: { target } });
    expect(run.exitCode).toBe(0);
    const warning = of(run.events, 'warning').map((w) => w.message).find((m) => m.includes('task definition'))!;
    expect(warning).toContain('Could not deregister the task definition revisions of shop-staging-migrate, shop-staging-web (deregistered shop-staging-migrate:1 before it stopped): ThrottlingException: Rate exceeded.');
    expect(warning).toContain(
      'Finish by hand with: aws ecs deregister-task-definition --region eu-west-1 --endpoint-url http://127.0.0.1:4599 --task-definition shop-staging-migrate:2; ' +
        'aws ecs deregister-task-definition --region eu-west-1 --endpoint-url http://127.0.0.1:4599 --task-definition shop-staging-web:1; ' +
        'aws ecs deregister-task-definition --region eu-west-1 --endpoint-url http://127.0.0.1:4599 --task-definition shop-staging-web:2',
    );
    expect(h.revisionCalls.some((call) => call.startsWith('delete'))).toBe(false);
  });

  it('when ECS will not delete them, they stay INACTIVE (what AWS shows after deregistering) and the run says so, without a warning', async () => {
    const h = harness({ revisionFailure: { delete: new Error('UnknownOperationException') } });
    const run = await h.run({ command: 'destroy', decider: yes, allowReplace: allow, revisionCleanup: { target } });
    expect(run.exitCode).toBe(0);
    expect(statuses(h)['shop-staging-web:1']).toBe('INACTIVE');
    expect(run.events.at(-1)).toMatchObject({
      summary:
        'Destroyed 7 resources. Deregistered 4 task definition revisions the pipeline had registered (shop-staging-migrate:1, shop-staging-migrate:2, shop-staging-web:1, shop-staging-web:2); ' +
        'ECS did not delete them, so they stay INACTIVE (DeleteTaskDefinitions: UnknownOperationException).',
    });
    expect(of(run.events, 'warning').some((w) => w.message.includes('task definition'))).toBe(false);
  });

  it('a stack without task definitions asks nothing of AWS', async () => {
    const h = makeHarness({ revisions: REVISIONS });
    const run = await h.run({ command: 'destroy', decider: yes, allowReplace: allow, revisionCleanup: { target } });
    expect(run.exitCode).toBe(0);
    expect(taskTrail(run.events).slice(-2)).toEqual(['revisions:running', 'revisions:skipped']);
    expect(h.revisionTargets).toEqual([]);
  });
});
