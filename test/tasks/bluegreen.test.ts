/**
 * The bluegreen steps as sequences of the engine's tasks, with Terraform
 * faked per stack folder: which stacks each step plans and applies, in what
 * order, what it saves in ecs-wizard.json and when, and what it refuses.
 * The real Terraform and AWS side is proven on the emulator
 * (test/emulator/bluegreen.test.ts); the state move with the real Terraform in
 * adoption.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/config/index.js';
import { recordAddresses, stackDirectory } from '../../src/infra/contract.js';
import type { Decider } from '../../src/tasks/decisions.js';
import type { EngineCommand, EngineDeps, EngineOptions } from '../../src/tasks/engine.js';
import { withCopies, writeSharedValues } from '../../src/tasks/bluegreen.js';
import { buildEngine, runEngine } from '../../src/tasks/run.js';
import { createInterruptController } from '../../src/tasks/interrupts.js';
import type { RunEvent } from '../../src/tasks/runEvents.js';
import type { ProbeRequest, ProbeResult } from '../../src/tasks/healthProbe.js';
import type { StackOutput } from '../../src/terraform/jsonCommands.js';
import { parseEventLines } from '../../src/terraform/parser.js';
import type { RunTerraformOptions, TerraformProcess } from '../../src/terraform/runner.js';
import type { StateDocument } from '../../src/terraform/stateSplit.js';
import { BINARY, NOW, yesDecider } from '../helpers/engineHarness.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';
import { presetFixture } from '../helpers/infraSynth.js';

const DOMAIN = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };

/** What each stack "declares": enough for the steps to read (records, variables, addresses). */
function stackJson(config: Config, stack: string) {
  const env = config.environments.production!;
  if (stack === 'production' && env.copies) {
    const routed = [env.copies.live, ...(env.copies.next && env.copies.nextWeight !== undefined ? [env.copies.next] : [])];
    return {
      resource: { aws_vpc: { vpc: {} }, aws_db_instance: { database: {} }, aws_route53_record: Object.fromEntries(routed.flatMap((copy) => recordAddresses(copy).map((a) => [a.split('.')[1], {}]))) },
      variable: Object.fromEntries(routed.flatMap((copy) => [[`copy_${copy}_alb_dns_name`, {}], [`copy_${copy}_alb_zone_id`, {}]])),
      output: { vpc_id: {} },
    };
  }
  if (stack === 'production') return { resource: { aws_vpc: { vpc: {} }, aws_db_instance: { database: {} }, aws_lb: { alb: {} }, aws_route53_record: { alias_a: {}, alias_aaaa: {} } } };
  return { resource: { aws_lb: { alb: {} }, aws_ecs_service: { web: {} }, aws_cloudwatch_log_group: { web_log_group: {} } }, variable: { vpc_id: {} } };
}

const planned = (address: string, action: string) => {
  const [type, name] = address.split('.');
  return JSON.stringify({ '@level': 'info', '@message': `${address}: Plan to ${action}`, type: 'planned_change', change: { resource: { addr: address, module: '', resource: address, implied_provider: 'aws', resource_type: type, resource_name: name, resource_key: null }, action } });
};
const summary = (count: number, operation = 'plan') =>
  JSON.stringify({ '@level': 'info', '@message': 'Plan', type: 'change_summary', changes: { add: count, change: 0, import: 0, remove: 0, operation } });

interface World {
  readonly dir: string;
  config: Config;
  readonly saved: Config[];
  readonly calls: string[];
  /** Resources in each stack's state, by stack name. */
  readonly states: Map<string, string[]>;
  probe: ProbeResult;
  readonly probes: ProbeRequest[];
}

function world(edit: (env: Config['environments'][string]) => void = () => {}): World {
  const config = presetFixture('starter', (_, env) => {
    env.domain = DOMAIN;
  });
  edit(config.environments.production!);
  const parsed = parseConfig(config);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return {
    dir: makeTmpDir('ecs-wizard-bluegreen-'),
    config: parsed.config,
    saved: [],
    calls: [],
    states: new Map([['production', ['aws_vpc.vpc', 'aws_db_instance.database', 'aws_lb.alb', 'aws_ecs_service.web']]]),
    probe: { healthy: true, attempts: 3, last: 'HTTP 200' },
    probes: [],
  };
}

const stackOf = (w: World, cwd: string) => path.relative(path.join(w.dir, 'cdktf.out', 'stacks'), cwd);

function deps(w: World): EngineDeps {
  let synthesized: Config = w.config;
  const startTerraform = (options: RunTerraformOptions): TerraformProcess => {
    const stack = stackOf(w, options.cwd);
    const args = options.args.map((arg) => arg.split(w.dir).join('<dir>'));
    w.calls.push(`${stack}: ${args.filter((arg) => !arg.startsWith('-out=') && arg !== '-detailed-exitcode').join(' ')}`);
    const [command] = options.args;
    // What Terraform's JSON UI prints first (the engine trusts nothing else).
    const lines: string[] = [JSON.stringify({ '@level': 'info', '@message': 'Terraform 1.11.4', '@module': 'terraform.ui', terraform: '1.11.4', type: 'version', ui: '1.2' })];
    if (command === 'plan') {
      const out = options.args.find((arg) => arg.startsWith('-out='))?.slice('-out='.length);
      if (out) writeFileSync(out, `fake plan of ${stack}\n`);
      const targets = options.args.filter((arg) => arg.startsWith('-target=')).map((arg) => arg.slice('-target='.length));
      const declared = Object.entries(stackJson(synthesized, stack).resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
      const changed = options.args.includes('-destroy') ? (w.states.get(stack) ?? []) : targets.length ? targets : declared;
      for (const address of changed) lines.push(planned(address, options.args.includes('-destroy') ? 'delete' : 'update'));
      lines.push(summary(changed.length));
    }
    if (command === 'apply') {
      // An applied copy holds what it declares; a destroyed one nothing.
      const destroying = w.calls.some((call) => call.startsWith(`${stack}: plan -destroy`));
      lines.push(summary(0, destroying ? 'destroy' : 'apply'));
      if (destroying) w.states.set(stack, []);
      else if (stack !== 'production') w.states.set(stack, ['aws_lb.alb', 'aws_ecs_service.web']);
    }
    if (command === 'init') writeFileSync(path.join(options.cwd, '.terraform.lock.hcl'), '# fake\n');
    for (const event of parseEventLines(lines.join('\n'))) options.onEvent?.(event);
    const exitCode = command === 'plan' && lines.length > 2 ? 2 : 0;
    return {
      pid: 1,
      interrupt: () => undefined,
      escalate: () => undefined,
      result: Promise.resolve({ args: options.args, exitCode, signal: null, interrupted: false, escalated: false, ok: true, changes: command === 'plan' ? exitCode === 2 : undefined, logFile: options.logFile, diagnostics: [], errors: [], durationMs: 1, logWriteError: undefined, handlerError: undefined }),
    };
  };
  const pullState: NonNullable<EngineDeps['pullState']> = async (options) => {
    const stack = stackOf(w, options.cwd);
    const addresses = w.states.get(stack);
    if (!addresses) return undefined;
    return {
      version: 4,
      serial: 1,
      lineage: stack,
      outputs: {},
      resources: addresses.map((address) => ({
        mode: 'managed' as const,
        type: address.split('.')[0]!,
        name: address.split('.')[1]!,
        instances: [{ attributes: { id: `${stack}-${address}`, dns_name: `${stack}.elb.example`, zone_id: 'ZELB' } }],
      })),
    } satisfies StateDocument;
  };
  return {
    synthesize: async (config) => {
      synthesized = config ?? w.config;
      w.calls.push(`synth: ${JSON.stringify(synthesized.environments.production!.copies ?? null)}`);
      const env = synthesized.environments.production!;
      const stacks = ['production', ...(env.copies ? [env.copies.live, ...(env.copies.next ? [env.copies.next] : [])].map((copy) => `production.${copy}`) : [])];
      for (const stack of stacks) {
        mkdirSync(path.join(w.dir, stackDirectory(stack)), { recursive: true });
        writeFileSync(path.join(w.dir, stackDirectory(stack), 'cdk.tf.json'), JSON.stringify({ terraform: {}, ...stackJson(synthesized, stack) }));
      }
    },
    saveConfig: async (config) => {
      w.saved.push(config);
      w.config = config;
    },
    startTerraform,
    showPlanJson: async ({ planFile }) => {
      const stack = path.basename(planFile, '.tfplan');
      return {
        format_version: '1.2',
        resource_changes: (w.states.get(stack) ?? []).map((address) => ({
          address,
          mode: 'managed',
          type: address.split('.')[0],
          name: address.split('.')[1],
          change: { actions: ['delete'], before: {}, after: null },
        })),
      };
    },
    readOutputs: async (options): Promise<StackOutput[]> => {
      const stack = stackOf(w, options.cwd);
      if (stack === 'production') return [{ name: 'vpc_id', sensitive: false, type: 'string', value: 'vpc-1' }];
      return [{ name: 'alb_dns_name', sensitive: false, type: 'string', value: `${stack}.elb.example` }];
    },
    pullState,
    adoption: {
      pullState,
      pushState: async (options) => {
        const stack = stackOf(w, options.cwd);
        w.calls.push(`${stack}: state push`);
        w.states.set(stack, options.state.resources.map((resource) => `${resource.type}.${resource.name}`));
      },
      backUpState: async () => path.join(w.dir, '.ecs-wizard', 'backups', 'backup.tfstate'),
    },
    probeHealth: async (request) => {
      w.probes.push(request);
      return w.probe;
    },
    now: () => NOW,
    // No service wait in these runs (no serviceWait option): never called.
    serviceReader: async () => {
      throw new Error('no service wait expected');
    },
    taskDefinitions: async () => {
      throw new Error('no task definition cleanup expected');
    },
    sleep: async () => {},
  };
}

async function run(w: World, command: EngineCommand, options: { weight?: number; decider?: Decider; allowReplace?: string[] } = {}) {
  const events: RunEvent[] = [];
  const interrupts = createInterruptController((event) => events.push(event));
  const result = await runEngine(
    {
      dir: w.dir,
      environment: 'production',
      command,
      binary: BINARY,
      terraformArgs: [],
      allowReplace: options.allowReplace ?? [],
      decider: options.decider ?? yesDecider,
      emit: (event) => events.push(event),
      signal: interrupts.signal,
      forceSignal: interrupts.forceSignal,
      deps: deps(w),
      config: w.config,
      ...(options.weight !== undefined ? { weight: options.weight } : {}),
    },
    { renderer: 'silent', fallbackRenderer: 'silent' },
  );
  const calls = [...w.calls];
  w.calls.length = 0;
  return { ...result, events, calls };
}

const copiesOf = (w: World) => w.config.environments.production!.copies;

describe('bluegreen start', () => {
  it('adopts the environment first: blue takes the serving layer\'s state, nothing else is applied to it', async () => {
    const w = world();
    const result = await run(w, 'bluegreen start');
    expect(result.exitCode, result.failure?.message).toBe(0);
    expect(result.calls).toEqual([
      'synth: {"live":"blue"}',
      'production: init',
      'production.blue: init',
      // The move: blue's state first, then the shared one without what moved.
      'production.blue: state push',
      'production: state push',
      'synth: {"live":"blue","next":"green"}',
      // Shared first (the records still only for blue), then green itself (an init already current is skipped)...
      'production: plan',
      'production: apply <dir>/.ecs-wizard/plans/production.tfplan',
      'production.green: init',
      'production.green: plan',
      'production.green: apply <dir>/.ecs-wizard/plans/production.green.tfplan',
      // ...then green's records, at weight 0.
      'synth: {"live":"blue","next":"green","nextWeight":0}',
      'production: plan',
      'production: apply <dir>/.ecs-wizard/plans/production.tfplan',
    ]);
    expect(w.states.get('production.blue')).toEqual(['aws_lb.alb', 'aws_ecs_service.web']);
    expect(w.states.get('production')).toEqual(['aws_vpc.vpc', 'aws_db_instance.database']);
    // Never a plan of blue: the live copy is left exactly as it runs.
    expect(result.calls.filter((call) => call.startsWith('production.blue: plan'))).toEqual([]);
    expect(w.saved.map((config) => config.environments.production!.copies)).toEqual([
      { live: 'blue' },
      { live: 'blue', next: 'green' },
      { live: 'blue', next: 'green', nextWeight: 0 },
    ]);
    expect(result.context.outcome).toContain('green is up beside blue with no traffic');
    // green reads the shared layer's values; the shared layer reads both copies' load balancers.
    expect(JSON.parse(readFileSync(path.join(w.dir, stackDirectory('production.green'), 'shared.auto.tfvars.json'), 'utf8'))).toEqual({ vpc_id: 'vpc-1' });
    expect(JSON.parse(readFileSync(path.join(w.dir, stackDirectory('production'), 'copies.auto.tfvars.json'), 'utf8'))).toEqual({
      copy_blue_alb_dns_name: 'production.blue.elb.example',
      copy_blue_alb_zone_id: 'ZELB',
      copy_green_alb_dns_name: 'production.green.elb.example',
      copy_green_alb_zone_id: 'ZELB',
    });
  });

  it('needs a domain, and says how to add one', async () => {
    const w = world((env) => delete env.domain);
    const result = await run(w, 'bluegreen start');
    expect(result.exitCode).toBe(2);
    expect(result.failure?.message).toContain('has no domain');
    expect(result.failure?.details.next).toContain('--set environments.production.domain.name=');
    expect(result.calls).toEqual([]);
  });

  it('refuses to start again once traffic moved', async () => {
    const w = world((env) => void (env.copies = { live: 'blue', next: 'green', nextWeight: 10 }));
    const result = await run(w, 'bluegreen start');
    expect(result.exitCode).toBe(2);
    expect(result.failure?.message).toContain('already half-way through a change');
  });

  it('a declined plan stops before anything of the copy is created, and says so', async () => {
    const w = world((env) => void (env.copies = { live: 'blue' }));
    w.states.set('production.blue', ['aws_lb.alb']);
    const no: Decider = { decide: async () => ({ approved: false, reason: 'not now', exitCode: 0 }) };
    const result = await run(w, 'bluegreen start', { decider: no });
    expect(result.calls.some((call) => call.startsWith('production.green'))).toBe(false);
    expect(result.calls.filter((call) => call.includes('apply'))).toEqual([]);
  });
});

describe('bluegreen switch and rollback', () => {
  const started = () => {
    const w = world((env) => void (env.copies = { live: 'blue', next: 'green', nextWeight: 0 }));
    w.states.set('production', ['aws_vpc.vpc']);
    w.states.set('production.blue', ['aws_lb.alb']);
    w.states.set('production.green', ['aws_lb.alb']);
    return w;
  };

  it('probes green under the domain\'s name, then moves only the records, in one plan', async () => {
    const w = started();
    const result = await run(w, 'bluegreen switch', { weight: 10 });
    expect(result.exitCode, result.failure?.message).toBe(0);
    expect(w.probes).toEqual([expect.objectContaining({ host: 'production.green.elb.example', domain: 'shop.example.com', path: '/health' })]);
    const records = [...recordAddresses('blue'), ...recordAddresses('green')].map((a) => `-target=${a}`).join(' ');
    expect(result.calls).toEqual([
      'synth: {"live":"blue","next":"green","nextWeight":10}',
      'production.green: init',
      'production: init',
      `production: plan ${records}`,
      'production: apply <dir>/.ecs-wizard/plans/production.tfplan',
    ]);
    expect(copiesOf(w)).toEqual({ live: 'blue', next: 'green', nextWeight: 10 });
    expect(result.context.outcome).toBe('green has 10% of the traffic, blue 90%. Next: ecs-wizard bluegreen switch --env production (all of it), or rollback.');
  });

  it('moves no traffic when green does not answer healthy', async () => {
    const w = started();
    w.probe = { healthy: false, attempts: 24, last: 'HTTP 503' };
    const result = await run(w, 'bluegreen switch');
    expect(result.exitCode).toBe(1);
    expect(result.failure?.message).toBe('green does not answer healthy (last answer: HTTP 503, after 24 tries): traffic was not moved');
    expect(result.calls.filter((call) => call.includes('plan') || call.includes('apply'))).toEqual([]);
    expect(w.saved).toEqual([]);
  });

  it('switch with no weight moves all of it; rollback brings it all back without probing', async () => {
    const w = started();
    expect((await run(w, 'bluegreen switch')).exitCode).toBe(0);
    expect(copiesOf(w)?.nextWeight).toBe(100);
    const back = await run(w, 'bluegreen rollback');
    expect(back.exitCode, back.failure?.message).toBe(0);
    expect(w.probes).toHaveLength(1);
    expect(copiesOf(w)).toEqual({ live: 'blue', next: 'green', nextWeight: 0 });
    expect(back.context.outcome).toContain('Rolled back: blue serves all traffic again');
  });

  it('refuses a switch with no change under way, and one before start finished', async () => {
    const none = await run(world(), 'bluegreen switch');
    expect(none.failure?.message).toBe('production has no blue/green change under way');
    const unfinished = await run(world((env) => void (env.copies = { live: 'blue', next: 'green' })), 'bluegreen switch');
    expect(unfinished.failure?.message).toContain('copy green is not up yet');
  });
});

describe('bluegreen finish', () => {
  it('retires blue once green has all the traffic: shared first (records, pipeline), then blue\'s own state', async () => {
    const w = world((env) => void (env.copies = { live: 'blue', next: 'green', nextWeight: 100 }));
    w.states.set('production', ['aws_vpc.vpc']);
    w.states.set('production.blue', ['aws_lb.alb', 'aws_ecs_service.web', 'aws_cloudwatch_log_group.web_log_group']);
    w.states.set('production.green', ['aws_lb.alb']);
    const result = await run(w, 'bluegreen finish', { allowReplace: ['aws_cloudwatch_log_group.web_log_group'] });
    expect(result.exitCode, result.failure?.message).toBe(0);
    expect(result.calls).toEqual([
      'synth: {"live":"blue","next":"green","nextWeight":100}',
      'synth: {"live":"green"}',
      'production: init',
      'production: plan',
      'production: apply <dir>/.ecs-wizard/plans/production.tfplan',
      'production.blue: init',
      'production.blue: plan -destroy',
      'production.blue: apply <dir>/.ecs-wizard/plans/production.blue.tfplan',
    ]);
    expect(w.states.get('production.blue')).toEqual([]);
    expect(copiesOf(w)).toEqual({ live: 'green' });
    expect(result.context.outcome).toBe('blue is retired; green serves all traffic and follows ecs-wizard.json from now on.');
  });

  it('after a rollback, abandons the change: green is destroyed and blue stays live', async () => {
    const w = world((env) => void (env.copies = { live: 'blue', next: 'green', nextWeight: 0 }));
    w.states.set('production.blue', ['aws_lb.alb']);
    w.states.set('production.green', ['aws_lb.alb']);
    const result = await run(w, 'bluegreen finish');
    expect(result.exitCode, result.failure?.message).toBe(0);
    expect(result.calls.filter((call) => call.includes('-destroy'))).toEqual(['production.green: plan -destroy']);
    expect(copiesOf(w)).toEqual({ live: 'blue' });
  });

  it('refuses while both copies share the traffic', async () => {
    const result = await run(world((env) => void (env.copies = { live: 'blue', next: 'green', nextWeight: 10 })), 'bluegreen finish');
    expect(result.exitCode).toBe(2);
    expect(result.failure?.message).toBe('green still shares the traffic with blue (10%/90%): only a copy with no traffic can be retired');
  });

  it('refuses a retiring copy\'s destroy that lists anything of the shared layer, before deleting anything', async () => {
    const w = world((env) => void (env.copies = { live: 'blue', next: 'green', nextWeight: 100 }));
    w.states.set('production.blue', ['aws_lb.alb', 'aws_db_instance.database']);
    w.states.set('production.green', ['aws_lb.alb']);
    const result = await run(w, 'bluegreen finish');
    expect(result.exitCode).toBe(3);
    expect(result.failure?.message).toBe('This destroy would delete what the copies share (aws_db_instance.database): nothing was destroyed.');
    expect(result.calls.filter((call) => call.startsWith('production.blue: apply'))).toEqual([]);
    expect(w.states.get('production.blue')).toContain('aws_db_instance.database');
  });
});

describe('apply of an environment with copies', () => {
  it('applies the shared layer, then only the copy that follows ecs-wizard.json', async () => {
    const w = world((env) => void (env.copies = { live: 'blue', next: 'green', nextWeight: 10 }));
    w.states.set('production.blue', ['aws_lb.alb']);
    w.states.set('production.green', ['aws_lb.alb']);
    const result = await run(w, 'apply');
    expect(result.exitCode, result.failure?.message).toBe(0);
    expect(result.calls).toEqual([
      'synth: {"live":"blue","next":"green","nextWeight":10}',
      'production.blue: init',
      'production.green: init',
      'production: init',
      'production: plan',
      'production: apply <dir>/.ecs-wizard/plans/production.tfplan',
      // green's folder was initialised to read its state: its own init is current.
      'production.green: plan',
      'production.green: apply <dir>/.ecs-wizard/plans/production.green.tfplan',
    ]);
    expect(result.events.filter((event) => event.type === 'plan').map((event) => event.type === 'plan' && event.environment)).toEqual(['production', 'production.green']);
  });
});

describe('the values a copy reads', () => {
  it("a new copy starts with the release the other copy runs (its image tag parameter), or with none before the first image", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-copy-values-'));
    try {
      mkdirSync(path.join(dir, stackDirectory('production.green')), { recursive: true });
      mkdirSync(path.join(dir, stackDirectory('production.blue'), '.terraform'), { recursive: true });
      writeFileSync(
        path.join(dir, stackDirectory('production.green'), 'cdk.tf.json'),
        JSON.stringify({ variable: { vpc_id: {}, initial_image_tag: { default: 'no-image-yet' }, load_balancer_deletion_protection: { default: false } } }),
      );
      let tag = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe';
      const asked: string[] = [];
      const options = {
        dir,
        binary: { path: '/fake/terraform' },
        environment: 'production',
        signal: new AbortController().signal,
        forceSignal: new AbortController().signal,
        deps: {
          now: () => NOW,
          readOutputs: async () => [{ name: 'vpc_id', sensitive: false, type: 'string', value: 'vpc-1' }],
          pullState: async ({ cwd }: { cwd: string }) => {
            asked.push(path.basename(cwd));
            return { version: 4, serial: 1, lineage: 'l', outputs: {}, resources: [{ mode: 'managed', type: 'aws_ssm_parameter', name: 'image_tag', instances: [{ attributes: { insecure_value: tag } }] }] };
          },
        },
      } as unknown as EngineOptions;
      const written = () => JSON.parse(readFileSync(path.join(dir, stackDirectory('production.green'), 'shared.auto.tfvars.json'), 'utf8'));
      await writeSharedValues(options, 'production', 'production.green');
      // The copy's own variables (with a default) are not asked of the shared layer.
      expect(written()).toEqual({ vpc_id: 'vpc-1', initial_image_tag: tag });
      expect(asked).toEqual(['production.blue']);
      tag = 'no-image-yet';
      await writeSharedValues(options, 'production', 'production.green');
      expect(written()).toEqual({ vpc_id: 'vpc-1' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('env remove of an environment with copies', () => {
  it('destroys every copy, then the shared layer, and drops the environment from the file once, last', () => {
    const w = world();
    const config = withCopies(w.config, 'production', { live: 'blue', next: 'green', nextWeight: 0 });
    const { tasks } = buildEngine({
      dir: w.dir,
      environment: 'production',
      command: 'destroy',
      config,
      binary: BINARY,
      terraformArgs: [],
      deps: deps(w),
      removeAfterDestroy: async () => 'removed',
    } as unknown as EngineOptions);
    const titles = tasks.map((task) => String(task.title));
    expect(titles.filter((title) => title.startsWith('Remove the environment'))).toHaveLength(1);
    expect(titles.at(-1)).toMatch(/^Remove the environment/);
    expect(titles.filter((title) => title.startsWith('terraform destroy'))).toEqual(['terraform destroy · green', 'terraform destroy · blue', 'terraform destroy · shared']);
  });
});
