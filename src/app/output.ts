/**
 * What a command tells the person and the scripts running it. Every command
 * reports through one `Output`: readable lines on stderr (the task lines
 * themselves come from listr2's simple renderer), and with --json one JSON
 * object per line on stdout, ending with `done`. Views only subscribe;
 * neither spawns anything.
 *
 * The `--json` contract (documented in the README): every line is an object
 * with a `type`. The engine's run events (task, terraform, plan, guard,
 * warning, config, failure, outputs, stopping, done), plus `synth` (what the
 * project write did), `check` (one doctor check), `cost` and `diagram`.
 */
import { join, relative } from 'node:path';
import { EXIT } from '../errors.js';
import type { RunEvent, RunListener } from '../tasks/runEvents.js';
import { guardLines, planLines } from '../tasks/planText.js';
import type { PlanCost } from '../cost/planCost.js';
import type { costEvent } from '../cost/format.js';
import { renderOutputValue } from '../tasks/outputsText.js';

/** One check of `ecs-wizard doctor`. */
export interface CheckEvent {
  readonly type: 'check';
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
  readonly fix?: string;
}

/** What `synth` (or the synth step) wrote: the stacks and every file that changed. */
export interface SynthEvent {
  readonly type: 'synth';
  /** The project folder, absolute. */
  readonly dir: string;
  readonly environments: readonly string[];
  /** Paths relative to the project folder; empty when everything was up to date. */
  readonly written: readonly string[];
}

/**
 * `ecs-wizard diagram`: the drawing of one environment, carried whole as
 * `content`, or with --out the file it was written to instead.
 */
export type DiagramEvent = {
  readonly type: 'diagram';
  readonly environment: string;
  readonly format: 'text' | 'svg' | 'mermaid';
} & ({ readonly content: string } | { readonly file: string });

/** `ecs-wizard cost --json`: the estimate, exactly as the README documents it (src/cost/format.ts). */
export type CostEvent = ReturnType<typeof costEvent>;

/** What `--version` and `--help` print, as events under --json. */
export type AboutEvent =
  | { readonly type: 'version'; readonly version: string }
  | { readonly type: 'help'; readonly command: string | null; readonly text: string };
export type CliEvent = RunEvent | CheckEvent | SynthEvent | CostEvent | DiagramEvent | AboutEvent;
export type CliListener = (event: CliEvent) => void;

export interface ReporterOptions {
  /** Show stack traces (--debug). */
  readonly debug?: boolean;
}

export function textReporter(out: NodeJS.WritableStream, options: ReporterOptions = {}): CliListener {
  const write = (lines: readonly string[]) => {
    for (const line of lines) out.write(`${line}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'plan':
        write(planLines(event.summary, event.environment, event.destroy, event.cost));
        break;
      case 'guard':
        write(guardLines(event.result));
        break;
      case 'warning':
        write([`⚠ ${event.message}`]);
        break;
      case 'config':
        write([`${event.saved ? '✔' : '⚠'} ${event.message}`]);
        break;
      case 'stopping':
        write([
          event.escalated
            ? '✖ Second interrupt: killing Terraform now. Its state may not be saved and the lock may stay held.'
            : '… Stopping safely: Terraform finishes what is in flight, saves state and releases its lock. Press Ctrl-C again within 5 s to kill it (may lose state).',
        ]);
        break;
      case 'failure':
        write([
          `✖ ${event.message}`,
          ...(event.problems ?? []).map((problem) => `  ✖ ${problem}`),
          ...(event.logFile ? [`  Full log: ${event.logFile}`] : []),
          ...(event.next ? [`  Next: ${event.next}`] : []),
          ...(options.debug && event.stack ? [event.stack] : []),
        ]);
        break;
      case 'outputs':
        write(['Outputs:', ...event.outputs.map((output) => `  ${output.name} = ${renderOutputValue(output)}`)]);
        break;
      case 'check':
        write([`${CHECK_ICON[event.status]} ${event.name}: ${event.detail}`, ...(event.fix ? [`    fix: ${event.fix}`] : [])]);
        break;
      case 'diagram':
        // The drawing itself goes to stdout (Output.result); a file written is said here.
        if ('file' in event) write([`✔ ${event.file} (${event.format}, ${event.environment})`]);
        break;
      case 'synth':
        write(event.written.map((file) => `✔ ${relative(process.cwd(), join(event.dir, file))}`));
        break;
      case 'done':
        if (event.exitCode === EXIT.ok && event.summary) write([`✔ ${event.summary}`]);
        break;
      default:
        break;
    }
  };
}

const CHECK_ICON: Record<CheckEvent['status'], string> = { ok: '✔', warn: '⚠', fail: '✖' };

/**
 * The `--json` stream. Plan summaries are sent as counts and changes, never
 * raw values; a failure's stack only under --debug.
 */
export function jsonReporter(out: NodeJS.WritableStream, options: ReporterOptions = {}): CliListener {
  return (event) => {
    out.write(`${JSON.stringify(toJson(event, options))}\n`);
  };
}

function toJson(event: CliEvent, options: ReporterOptions): unknown {
  if (event.type === 'failure' && !options.debug && event.stack) {
    const { stack: _hidden, ...rest } = event;
    return rest;
  }
  if (event.type === 'plan') {
    const { summary } = event;
    return {
      type: 'plan',
      environment: event.environment,
      destroy: event.destroy,
      hasChanges: summary.hasChanges,
      totals: summary.totals,
      components: summary.components.map((component) => ({ component: component.component, counts: component.counts })),
      changes: summary.changes
        .filter((change) => change.action !== 'no-op')
        .map((change) => ({
          address: change.address,
          action: change.action,
          component: change.component,
          reason: change.reasonText ?? null,
          replacePaths: change.replacePaths,
        })),
      drift: summary.drift.map((drift) => ({ address: drift.address, action: drift.action })),
      ...(event.cost ? { cost: planCostJson(event.cost) } : {}),
    };
  }
  return event;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** The plan's cost in --json: the monthly change, and the estimate once applied. */
function planCostJson(cost: PlanCost) {
  return {
    currency: cost.after.currency,
    priceDate: cost.after.priceDate,
    change: { min: cents(cost.min), max: cents(cost.max) },
    monthly: { min: cents(cost.after.monthly.min), max: cents(cost.after.monthly.max) },
    unknown: cost.unknown,
  };
}

export function fanOut(...listeners: CliListener[]): CliListener {
  return (event) => {
    for (const listener of listeners) listener(event);
  };
}

/**
 * Where one command reports. `emit` tells every view (the text lines on
 * stderr and, with --json, the JSON stream). A command whose result is its
 * output (doctor's checks, the stack outputs) prints that result with
 * `result`: its own text on stdout, or with --json the event instead.
 */
export interface Output {
  readonly json: boolean;
  readonly debug: boolean;
  readonly emit: CliListener;
  /** The run events alone, for the engine. */
  readonly run: RunListener;
  result(event: CliEvent, text: readonly string[]): void;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export function createOutput(
  options: { readonly json: boolean; readonly debug: boolean },
  streams: { readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Output {
  const text = textReporter(streams.stderr, options);
  const json = options.json ? jsonReporter(streams.stdout, options) : undefined;
  const emit: CliListener = json ? fanOut(text, json) : text;
  return {
    json: options.json,
    debug: options.debug,
    emit,
    run: emit,
    result(event, lines) {
      if (json) json(event);
      else for (const line of lines) streams.stdout.write(`${line}\n`);
    },
    stdout: streams.stdout,
    stderr: streams.stderr,
  };
}

/**
 * A reader that goes away (`ecs-wizard apply --json | head`, a CI log
 * collector that dies) makes our next write fail with EPIPE. Unhandled, that
 * kills ecs-wizard mid-apply, and with it the reading end of Terraform's
 * stdout: Terraform's next line then kills Terraform before it saves state.
 * Drop what can no longer be shown and keep going; the log file has it all.
 */
export function surviveClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').includes(ignoreOutputError)) stream.on('error', ignoreOutputError);
  }
}
function ignoreOutputError(): void {}
