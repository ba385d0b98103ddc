/**
 * Turns lines of `terraform ... -json` output into typed events.
 *
 * The contract that everything above relies on: `parseEventLine` never throws
 * and never drops a line. Whatever it does not understand (a plain-text line,
 * valid JSON of an unknown type, a known type with a body it cannot read)
 * becomes a `log` event carrying Terraform's own `@message`, so the user still
 * sees it and the run goes on.
 */
import { StringDecoder } from 'node:string_decoder';
import type {
  Diagnostic,
  DiagnosticPosition,
  DiagnosticRange,
  DiagnosticSnippet,
  EventBase,
  HookAction,
  LogEvent,
  LogLevel,
  OutputInfo,
  PlannedAction,
  ResourceRef,
  TerraformEvent,
} from './events.js';

type Json = Record<string, unknown>;

const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['trace', 'debug', 'info', 'warn', 'error']);
const PLANNED_ACTIONS: ReadonlySet<string> = new Set<PlannedAction>([
  'noop',
  'create',
  'read',
  'update',
  'replace',
  'delete',
  'move',
  'import',
  'remove',
]);
const HOOK_ACTIONS: ReadonlySet<string> = new Set<HookAction>([
  'noop',
  'create',
  'read',
  'update',
  'delete',
  'replace',
  'import',
  'remove',
]);

// Colour and cursor sequences. init prints some plain lines in colour even when
// asked for JSON; the log file keeps them, the event message does not.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

export interface ParseOptions {
  /** Level given to a line that is not JSON. Stdout text is `info`; a caller may pass `error` for stderr. */
  readonly textLevel?: LogLevel;
}

/** Parses one line (without its newline). Never throws. */
export function parseEventLine(line: string, options: ParseOptions = {}): TerraformEvent {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return textLine(line, options);
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return textLine(line, options);
  }
  if (!isObject(value)) return textLine(line, options);
  try {
    return fromJson(value);
  } catch {
    // fromJson checks every field it reads and should not throw. Should a bug
    // make it, the line still becomes a log event: a parser bug must never
    // take a running apply down with it.
    return other(value, base(value));
  }
}

function textLine(line: string, options: ParseOptions): LogEvent {
  return {
    type: 'log',
    source: 'text',
    level: options.textLevel ?? 'info',
    message: stripAnsi(line.replace(/\r$/, '')),
    timestamp: undefined,
  };
}

function base(json: Json): EventBase {
  const level = json['@level'];
  return {
    level: typeof level === 'string' && LEVELS.has(level) ? (level as LogLevel) : 'info',
    message: str(json['@message']) ?? '',
    timestamp: str(json['@timestamp']),
  };
}

/** A JSON line we do not model, or a modelled type whose body is malformed. */
function other(json: Json, b: EventBase): LogEvent {
  const type = str(json['type']);
  const hook = obj(json['hook']);
  const address = hook ? resourceRef(hook['resource'])?.address : undefined;
  return {
    type: 'log',
    source: type === 'log' ? 'terraform' : 'other',
    ...b,
    ...(type !== undefined && type !== 'log' ? { originalType: type } : {}),
    ...(address !== undefined ? { address } : {}),
  };
}

function fromJson(json: Json): TerraformEvent {
  const b = base(json);
  switch (json['type']) {
    case 'version': {
      const terraform = str(json['terraform']);
      const ui = str(json['ui']);
      if (terraform === undefined || ui === undefined) return other(json, b);
      return { type: 'version', ...b, terraform, ui };
    }
    case 'diagnostic': {
      const diagnostic = parseDiagnostic(json['diagnostic'], b.level);
      return diagnostic ? { type: 'diagnostic', ...b, diagnostic } : other(json, b);
    }
    case 'planned_change':
    case 'resource_drift': {
      const change = obj(json['change']);
      const resource = change ? resourceRef(change['resource']) : undefined;
      const action = change ? str(change['action']) : undefined;
      if (!change || !resource || action === undefined || !PLANNED_ACTIONS.has(action)) return other(json, b);
      const reason = str(change['reason']);
      const previousAddress = resourceRef(change['previous_resource'])?.address;
      return {
        type: json['type'],
        ...b,
        address: resource.address,
        resource,
        action: action as PlannedAction,
        ...(reason !== undefined ? { reason } : {}),
        ...(previousAddress !== undefined ? { previousAddress } : {}),
      };
    }
    case 'change_summary': {
      const changes = obj(json['changes']);
      const operation = changes ? str(changes['operation']) : undefined;
      if (!changes || (operation !== 'plan' && operation !== 'apply' && operation !== 'destroy')) {
        return other(json, b);
      }
      return {
        type: 'change_summary',
        ...b,
        add: num(changes['add']) ?? 0,
        change: num(changes['change']) ?? 0,
        import: num(changes['import']) ?? 0,
        remove: num(changes['remove']) ?? 0,
        operation,
      };
    }
    case 'apply_start':
    case 'apply_progress':
    case 'apply_complete':
    case 'apply_errored': {
      const hook = obj(json['hook']);
      const resource = hook ? resourceRef(hook['resource']) : undefined;
      const action = hook ? str(hook['action']) : undefined;
      if (!hook || !resource || action === undefined || !HOOK_ACTIONS.has(action)) return other(json, b);
      const common = { ...b, address: resource.address, resource, action: action as HookAction };
      const ids = idFields(hook);
      const elapsedSeconds = num(hook['elapsed_seconds']) ?? 0;
      switch (json['type']) {
        case 'apply_start':
          return { type: 'apply_start', ...common, ...ids };
        case 'apply_progress':
          return { type: 'apply_progress', ...common, elapsedSeconds };
        case 'apply_complete':
          return { type: 'apply_complete', ...common, elapsedSeconds, ...ids };
        default:
          return { type: 'apply_errored', ...common, elapsedSeconds };
      }
    }
    case 'refresh_start':
    case 'refresh_complete': {
      const hook = obj(json['hook']);
      const resource = hook ? resourceRef(hook['resource']) : undefined;
      if (!hook || !resource) return other(json, b);
      return { type: json['type'], ...b, address: resource.address, resource, ...idFields(hook) };
    }
    case 'outputs': {
      const outputs = obj(json['outputs']);
      if (!outputs) return other(json, b);
      const parsed: Record<string, OutputInfo> = {};
      for (const [name, raw] of Object.entries(outputs)) {
        const o = obj(raw) ?? {};
        // Anything not explicitly marked non-sensitive is treated as sensitive:
        // a missing flag must never leak a value.
        const sensitive = o['sensitive'] !== false;
        const action = str(o['action']);
        parsed[name] = {
          sensitive,
          ...(action !== undefined ? { action } : {}),
          ...('type' in o ? { type: o['type'] } : {}),
          ...(!sensitive && 'value' in o ? { value: o['value'] } : {}),
        };
      }
      return { type: 'outputs', ...b, outputs: parsed };
    }
    case 'init_output': {
      const messageCode = str(json['message_code']);
      if (messageCode === undefined) return other(json, b);
      return { type: 'init_output', ...b, messageCode };
    }
    default:
      // `log`, provision_*, ephemeral_*, test_*, and whatever a future
      // Terraform adds: keep the message, say what it was.
      return other(json, b);
  }
}

function idFields(hook: Json): { idKey?: string; idValue?: string } {
  const idKey = str(hook['id_key']);
  const idValue = str(hook['id_value']);
  return { ...(idKey !== undefined ? { idKey } : {}), ...(idValue !== undefined ? { idValue } : {}) };
}

function resourceRef(value: unknown): ResourceRef | undefined {
  const r = obj(value);
  if (!r) return undefined;
  const address = str(r['addr']);
  if (address === undefined) return undefined;
  const key = r['resource_key'];
  return {
    address,
    module: str(r['module']) ?? '',
    resource: str(r['resource']) ?? address,
    resourceType: str(r['resource_type']) ?? '',
    resourceName: str(r['resource_name']) ?? '',
    resourceKey: typeof key === 'string' || typeof key === 'number' ? key : null,
    impliedProvider: str(r['implied_provider']) ?? '',
  };
}

/** Reads a diagnostic object, as found in UI lines and in `validate -json`. */
export function parseDiagnostic(value: unknown, level: LogLevel = 'error'): Diagnostic | undefined {
  const d = obj(value);
  if (!d) return undefined;
  const summary = str(d['summary']);
  if (summary === undefined) return undefined;
  const severityRaw = str(d['severity']);
  const severity =
    severityRaw === 'error' || severityRaw === 'warning' ? severityRaw : level === 'error' ? 'error' : 'warning';
  const address = str(d['address']);
  const range = parseRange(d['range']);
  const snippet = parseSnippet(d['snippet']);
  return {
    severity,
    summary,
    detail: str(d['detail']) ?? '',
    ...(address !== undefined ? { address } : {}),
    ...(range ? { range } : {}),
    ...(snippet ? { snippet } : {}),
  };
}

function parsePosition(value: unknown): DiagnosticPosition | undefined {
  const p = obj(value);
  if (!p) return undefined;
  return { line: num(p['line']) ?? 0, column: num(p['column']) ?? 0, byte: num(p['byte']) ?? 0 };
}

function parseRange(value: unknown): DiagnosticRange | undefined {
  const r = obj(value);
  if (!r) return undefined;
  const filename = str(r['filename']);
  const start = parsePosition(r['start']);
  const end = parsePosition(r['end']);
  if (filename === undefined || !start || !end) return undefined;
  return { filename, start, end };
}

function parseSnippet(value: unknown): DiagnosticSnippet | undefined {
  const s = obj(value);
  if (!s) return undefined;
  const values = Array.isArray(s['values'])
    ? s['values'].flatMap((v) => {
        const o = obj(v);
        const traversal = o ? str(o['traversal']) : undefined;
        const statement = o ? str(o['statement']) : undefined;
        return traversal !== undefined && statement !== undefined ? [{ traversal, statement }] : [];
      })
    : [];
  return {
    context: str(s['context']) ?? null,
    code: str(s['code']) ?? '',
    startLine: num(s['start_line']) ?? 0,
    highlightStartOffset: num(s['highlight_start_offset']) ?? 0,
    highlightEndOffset: num(s['highlight_end_offset']) ?? 0,
    values,
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: unknown): Json | undefined {
  return isObject(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Splits a byte or text stream into lines, for a child's stdout.
 *
 * - A chunk may end anywhere: mid-line, mid-`\r\n`, mid-UTF-8 character.
 * - `\n` ends a line; one `\r` before it is dropped (Windows line ends).
 *   A lone `\r` inside a line is kept: Terraform does not redraw lines in
 *   -json mode, and the log must stay faithful.
 * - `end()` returns the last line even without a final newline.
 * - Cost is linear in the input, even for one very long line split over many
 *   chunks (`show -json` of a big plan can be megabytes on one line).
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending: string[] = [];

  /** Feeds a chunk; returns the lines it completed. */
  push(chunk: Buffer | Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(Buffer.from(chunk));
    const lines: string[] = [];
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      this.pending.push(text.slice(start, newline));
      lines.push(dropCr(this.pending.join('')));
      this.pending = [];
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.pending.push(text.slice(start));
    return lines;
  }

  /** Flushes what is left: a last line without newline, or nothing. */
  end(): string[] {
    const rest = this.decoder.end();
    if (rest) this.pending.push(rest);
    const last = this.pending.join('');
    this.pending = [];
    return last.length > 0 ? [dropCr(last)] : [];
  }
}

function dropCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Lines of an async byte/text stream (a Readable, or any async iterable of chunks). */
export async function* readLines(stream: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const splitter = new LineSplitter();
  for await (const chunk of stream) yield* splitter.push(chunk);
  yield* splitter.end();
}

/** Parses a whole recording or log file: one event per line, blank lines skipped. */
export function parseEventLines(text: string): TerraformEvent[] {
  const splitter = new LineSplitter();
  const lines = [...splitter.push(text), ...splitter.end()];
  return lines.filter((line) => line.trim() !== '').map((line) => parseEventLine(line));
}
