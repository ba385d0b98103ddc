import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TerraformEvent } from '../../src/terraform/events.js';
import { operationKey } from '../../src/terraform/events.js';
import { LineSplitter, parseEventLine, parseEventLines, readLines } from '../../src/terraform/parser.js';
import { allEventRecordings, readFixture } from '../helpers/fakeTerraformHarness.js';

function countTypes(events: readonly TerraformEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) {
    const key = e.type === 'log' ? `log:${e.source}${e.originalType ? `:${e.originalType}` : ''}` : e.type;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

// Expected event types per recording, counted by hand from the files (grep -c).
// A change here means the parser changed how it reads real Terraform output.
const EXPECTED: Record<string, Record<string, number>> = {
  // Our own stack (the starter preset), applied against the emulator: test/fixtures/terraform/record-stack.mjs.
  'plan-stack-create.jsonl': { version: 1, planned_change: 67, change_summary: 1, outputs: 1 },
  'apply-stack.jsonl': { version: 1, planned_change: 67, apply_start: 67, apply_progress: 66, apply_complete: 67, change_summary: 1, outputs: 1 },
  'apply-stack-failed.jsonl': { version: 1, planned_change: 67, apply_start: 46, apply_progress: 2, apply_complete: 36, apply_errored: 10, diagnostic: 10 },
  'apply-stack-sigint.jsonl': { version: 1, planned_change: 67, apply_start: 52, apply_progress: 4, apply_complete: 50, apply_errored: 2, diagnostic: 6, 'log:terraform': 2 },
  'plan-stack-destroy.jsonl': { version: 1, refresh_start: 67, refresh_complete: 67, planned_change: 67, change_summary: 1, outputs: 1 },
  'apply-stack-destroy.jsonl': { version: 1, planned_change: 67, apply_start: 67, apply_progress: 7, apply_complete: 67, change_summary: 1, outputs: 1 },
  'apply-sigint.jsonl': {
    version: 1,
    planned_change: 6,
    change_summary: 1,
    outputs: 1,
    'log:terraform': 2,
    diagnostic: 2,
  },
  'apply-unreachable.jsonl': {
    version: 1,
    planned_change: 6,
    apply_start: 2,
    apply_progress: 4,
    apply_errored: 2,
    diagnostic: 2,
  },
  'init-registry-unreachable.jsonl': { version: 1, init_output: 2, 'log:terraform': 1, diagnostic: 1 },
  // init's JSON is partial in 1.11: three plain (coloured) lines sit among the JSON ones.
  'init.jsonl': { version: 1, init_output: 5, 'log:terraform': 3, 'log:text': 3, diagnostic: 1 },
  'plan-create.jsonl': { version: 1, planned_change: 6, change_summary: 1, outputs: 1 },
  'plan-destroy.jsonl': { version: 1, planned_change: 7, change_summary: 1 },
  'plan-replace.jsonl': { version: 1, planned_change: 3, change_summary: 1, outputs: 1 },
  // Recordings added by this repo (test/fixtures/terraform/record.sh).
  'plan-data-create.jsonl': { version: 1, planned_change: 2, change_summary: 1, outputs: 1 },
  'plan-hundred.jsonl': { version: 1, planned_change: 100, change_summary: 1 },
  'apply-hundred.jsonl': {
    version: 1,
    planned_change: 100,
    apply_start: 100,
    'log:other:provision_start': 100,
    'log:other:provision_progress': 100,
    'log:other:provision_complete': 100,
    apply_complete: 100,
    change_summary: 1,
    outputs: 1,
  },
  'apply-replace.jsonl': {
    version: 1,
    planned_change: 1,
    apply_start: 2,
    apply_complete: 2,
    apply_progress: 1,
    'log:other:provision_start': 1,
    'log:other:provision_progress': 3,
    'log:other:provision_complete': 1,
    change_summary: 1,
    outputs: 1,
  },
  'apply-success.jsonl': {
    version: 1,
    planned_change: 2,
    apply_start: 2,
    apply_complete: 2,
    apply_progress: 1,
    'log:other:provision_start': 1,
    'log:other:provision_progress': 3,
    'log:other:provision_complete': 1,
    change_summary: 1,
    outputs: 1,
  },
  'apply-partial.jsonl': {
    version: 1,
    planned_change: 2,
    apply_start: 2,
    apply_complete: 1,
    apply_errored: 1,
    'log:other:provision_start': 1,
    'log:other:provision_progress': 2,
    'log:other:provision_errored': 1,
    diagnostic: 1,
  },
  'destroy-success.jsonl': {
    version: 1,
    refresh_start: 2,
    refresh_complete: 2,
    planned_change: 2,
    change_summary: 2,
    outputs: 1,
    apply_start: 2,
    apply_complete: 2,
  },
  'plan-data-replace.jsonl': {
    version: 1,
    refresh_start: 2,
    refresh_complete: 2,
    planned_change: 1,
    change_summary: 1,
    outputs: 1,
  },
  'plan-nochanges.jsonl': { version: 1, refresh_start: 2, refresh_complete: 2, change_summary: 1, outputs: 1 },
};

describe('parseEventLine on every real recording', () => {
  const recordings = allEventRecordings();

  it('knows every recording (a new recording needs its expected counts here)', () => {
    expect(recordings.map((r) => r.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const { name, file } of recordings) {
    it(`${name}: every line parses to the expected event types`, () => {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').filter((l) => l !== '');
      // Each line on its own: no throw, always an event with a type and a message string.
      const events = lines.map((line) => parseEventLine(line));
      for (const e of events) {
        expect(typeof e.type).toBe('string');
        expect(typeof e.message).toBe('string');
      }
      expect(countTypes(events)).toEqual(EXPECTED[name]);
      expect(parseEventLines(text)).toEqual(events);
      // The first JSON line of every UI run is Terraform's version and UI 1.2.
      expect(events[0]).toMatchObject({ type: 'version', terraform: '1.11.4', ui: '1.2' });
      // Raw timestamps are kept exactly as printed.
      for (const [i, e] of events.entries()) {
        const raw = /"@timestamp":"([^"]+)"/.exec(lines[i] ?? '')?.[1];
        expect(e.timestamp).toBe(raw);
      }
    });
  }
});

describe('parseEventLine: what the events carry', () => {
  it('apply-unreachable: resource events keep address and action, diagnostics keep address, range and snippet', () => {
    const events = parseEventLines(readFixture('apply-unreachable.jsonl'));
    const starts = events.filter((e) => e.type === 'apply_start');
    expect(starts.map((e) => [e.address, e.action])).toEqual([
      ['aws_ecs_cluster.cluster', 'create'],
      ['aws_vpc.vpc', 'create'],
    ]);
    const progress = events.filter((e) => e.type === 'apply_progress');
    expect(progress.map((e) => e.elapsedSeconds)).toEqual([10, 10, 20, 20]);
    const errored = events.filter((e) => e.type === 'apply_errored');
    expect(errored.map((e) => [e.address, e.elapsedSeconds])).toEqual([
      ['aws_ecs_cluster.cluster', 23],
      ['aws_vpc.vpc', 24],
    ]);
    const diagnostics = events.flatMap((e) => (e.type === 'diagnostic' ? [e.diagnostic] : []));
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      address: 'aws_ecs_cluster.cluster',
      range: { filename: 'cdk.tf.json', start: { line: 85, column: 7, byte: 1992 } },
      snippet: { context: 'resource.aws_ecs_cluster.cluster', startLine: 85, highlightStartOffset: 6 },
    });
    expect(diagnostics[0]?.summary).toContain('connection refused');
    const planned = events.find((e) => e.type === 'planned_change');
    expect(planned).toMatchObject({
      address: 'aws_vpc.vpc',
      action: 'create',
      resource: { resourceType: 'aws_vpc', resourceName: 'vpc', module: '', resourceKey: null, impliedProvider: 'aws' },
    });
  });

  it('plan-replace: replace and orphan delete keep their reasons', () => {
    const changes = parseEventLines(readFixture('plan-replace.jsonl')).filter((e) => e.type === 'planned_change');
    expect(changes.map((e) => [e.address, e.action, e.reason])).toEqual([
      ['aws_ecr_repository.orphan', 'delete', 'delete_because_no_resource_config'],
      ['aws_db_subnet_group.db_subnets', 'update', undefined],
      ['aws_db_instance.db', 'replace', 'cannot_update'],
    ]);
    const summary = parseEventLines(readFixture('plan-replace.jsonl')).find((e) => e.type === 'change_summary');
    expect(summary).toMatchObject({ add: 1, change: 1, remove: 2, import: 0, operation: 'plan' });
  });

  it('apply-replace: a replacement applies as delete then create, distinct under operationKey', () => {
    const hooks = parseEventLines(readFixture('apply-replace.jsonl')).filter(
      (e) => e.type === 'apply_start' || e.type === 'apply_complete',
    );
    expect(hooks.map((e) => `${e.type} ${e.address} ${e.action}`)).toEqual([
      'apply_start terraform_data.app delete',
      'apply_complete terraform_data.app delete',
      'apply_start terraform_data.app create',
      'apply_complete terraform_data.app create',
    ]);
    const keys = new Set(hooks.map(operationKey));
    expect(keys.size).toBe(2);
    expect(hooks[0]).toMatchObject({ idKey: 'id', idValue: expect.any(String) });
  });

  it('provisioner lines become logs that remember their resource', () => {
    const logs = parseEventLines(readFixture('apply-success.jsonl')).filter(
      (e) => e.type === 'log' && e.originalType === 'provision_progress',
    );
    expect(logs.map((e) => (e.type === 'log' ? [e.address, e.message] : []))).toEqual([
      ['terraform_data.app', 'terraform_data.app: (local-exec): Executing: ["/bin/sh" "-c" "echo deploying v1; sleep 11; echo deployed"]'],
      ['terraform_data.app', 'terraform_data.app: (local-exec): deploying v1'],
      ['terraform_data.app', 'terraform_data.app: (local-exec): deployed'],
    ]);
  });

  it('outputs after apply keep non-sensitive values and never a sensitive one', () => {
    const outputs = parseEventLines(readFixture('apply-success.jsonl')).find((e) => e.type === 'outputs');
    expect(outputs).toMatchObject({
      outputs: {
        app_release: { sensitive: false, type: 'string', value: 'v1' },
        db_password: { sensitive: true, type: 'string' },
      },
    });
    expect(outputs?.type === 'outputs' && 'value' in (outputs.outputs['db_password'] ?? {})).toBe(false);
  });

  it('masks a sensitive output value even if Terraform sent one, and treats a missing flag as sensitive', () => {
    const line = JSON.stringify({
      '@level': 'info',
      '@message': 'Outputs: 3',
      '@timestamp': '2026-01-01T00:00:00Z',
      type: 'outputs',
      outputs: {
        pw: { sensitive: true, type: 'string', value: 'hunter2' },
        odd: { type: 'string', value: 'maybe-secret' },
        url: { sensitive: false, type: 'string', value: 'https://x' },
      },
    });
    const e = parseEventLine(line);
    expect(e).toEqual({
      type: 'outputs',
      level: 'info',
      message: 'Outputs: 3',
      timestamp: '2026-01-01T00:00:00Z',
      outputs: {
        pw: { sensitive: true, type: 'string' },
        odd: { sensitive: true, type: 'string' },
        url: { sensitive: false, type: 'string', value: 'https://x' },
      },
    });
    expect(JSON.stringify(e)).not.toContain('hunter2');
    expect(JSON.stringify(e)).not.toContain('maybe-secret');
  });

  it('init: plain coloured lines become text logs without escape codes', () => {
    const texts = parseEventLines(readFixture('init.jsonl')).filter((e) => e.type === 'log' && e.source === 'text');
    expect(texts.map((e) => e.message)).toEqual([
      '',
      'Successfully configured the backend "local"! Terraform will automatically',
      'use this backend unless the backend configuration changes.',
    ]);
    const codes = parseEventLines(readFixture('init.jsonl')).flatMap((e) => (e.type === 'init_output' ? [e.messageCode] : []));
    expect(codes).toContain('output_init_success_message');
  });

  it('refresh events carry the resource id', () => {
    const e = parseEventLines(readFixture('plan-nochanges.jsonl')).find((x) => x.type === 'refresh_start');
    expect(e).toMatchObject({ type: 'refresh_start', address: 'terraform_data.app', idKey: 'id' });
  });
});

describe('parseEventLine never throws', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['plain text', 'Error: something went wrong'],
    ['truncated JSON', '{"@level":"info","@message":"Plan: 1 to add'],
    ['JSON array', '[1,2,3]'],
    ['JSON string', '"hello"'],
    ['JSON null', 'null'],
    ['object without type', '{"@message":"hi"}'],
    ['unknown type', '{"@level":"info","@message":"from the future","type":"quantum_change"}'],
    ['planned_change without change', '{"@message":"x: Plan to create","type":"planned_change"}'],
    ['planned_change with unknown action', '{"@message":"x: Plan to frobnicate","type":"planned_change","change":{"resource":{"addr":"x.y"},"action":"frobnicate"}}'],
    ['apply_start with string hook', '{"@message":"m","type":"apply_start","hook":"oops"}'],
    ['diagnostic without body', '{"@level":"error","@message":"Error: boom","type":"diagnostic"}'],
    ['change_summary with bad operation', '{"@message":"m","type":"change_summary","changes":{"operation":"dance"}}'],
    ['outputs as array', '{"@message":"m","type":"outputs","outputs":[1]}'],
    ['weird level', '{"@level":"LOUD","@message":"m","type":"log"}'],
    ['CRLF line', '{"@level":"info","@message":"m","type":"log"}\r'],
    ['leading spaces', '   {"@level":"info","@message":"m","type":"log"}'],
    ['deeply nested junk', `{"type":"diagnostic","diagnostic":{"summary":"s","range":{"start":[]},"snippet":{"values":[null,1,{"traversal":1}]}}}`],
  ];
  for (const [label, line] of cases) {
    it(`${label} → an event, never an exception`, () => {
      const e = parseEventLine(line);
      expect(e.type).toBeDefined();
      expect(typeof e.message).toBe('string');
    });
  }

  it('lines it cannot model become logs keeping the message and naming the type', () => {
    expect(parseEventLine('Error: something went wrong')).toEqual({
      type: 'log',
      source: 'text',
      level: 'info',
      message: 'Error: something went wrong',
      timestamp: undefined,
    });
    expect(parseEventLine('{"@level":"warn","@message":"from the future","type":"quantum_change"}')).toMatchObject({
      type: 'log',
      source: 'other',
      originalType: 'quantum_change',
      level: 'warn',
      message: 'from the future',
    });
    expect(
      parseEventLine('{"@message":"x: Plan to frobnicate","type":"planned_change","change":{"resource":{"addr":"x.y"},"action":"frobnicate"}}'),
    ).toMatchObject({ type: 'log', source: 'other', originalType: 'planned_change', message: 'x: Plan to frobnicate' });
    expect(parseEventLine('{"@level":"LOUD","@message":"m","type":"log"}')).toMatchObject({ source: 'terraform', level: 'info' });
    expect(parseEventLine('oops', { textLevel: 'error' })).toMatchObject({ level: 'error' });
  });

  it('a diagnostic with a broken range keeps summary and drops the range', () => {
    const e = parseEventLine(
      '{"@level":"error","type":"diagnostic","diagnostic":{"severity":"error","summary":"s","range":{"start":[]},"snippet":{"values":[null,{"traversal":"var.x","statement":"is 1"}]}}}',
    );
    expect(e).toMatchObject({ type: 'diagnostic', diagnostic: { summary: 's', detail: '', snippet: { values: [{ traversal: 'var.x', statement: 'is 1' }] } } });
    expect(e.type === 'diagnostic' && e.diagnostic.range).toBeUndefined();
  });
});

describe('LineSplitter', () => {
  const split = (chunks: (string | Buffer)[]): string[] => {
    const s = new LineSplitter();
    return [...chunks.flatMap((c) => s.push(c)), ...s.end()];
  };

  it('joins a line split across chunks', () => {
    expect(split(['{"a":', '1}\n{"b"', ':2}\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('emits complete lines as soon as their newline arrives', () => {
    const s = new LineSplitter();
    expect(s.push('one\ntw')).toEqual(['one']);
    expect(s.push('o')).toEqual([]);
    expect(s.push('\nthree')).toEqual(['two']);
    expect(s.end()).toEqual(['three']);
    expect(s.end()).toEqual([]);
  });

  it('handles \\r\\n, including a \\r and \\n in different chunks', () => {
    expect(split(['a\r\nb\r', '\nc\r\n'])).toEqual(['a', 'b', 'c']);
  });

  it('keeps a lone \\r inside a line and empty lines between newlines', () => {
    expect(split(['a\rb\n\n\nc'])).toEqual(['a\rb', '', '', 'c']);
  });

  it('does not split a UTF-8 character cut between chunks', () => {
    const bytes = Buffer.from('héllo → wörld\n', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b])); // one byte per chunk
    expect(split(chunks)).toEqual(['héllo → wörld']);
  });

  it('returns nothing for no input and the last line without newline', () => {
    expect(split([])).toEqual([]);
    expect(split(['', ''])).toEqual([]);
    expect(split(['last'])).toEqual(['last']);
  });

  it('stays linear on a very long line fed in small chunks', () => {
    const long = 'x'.repeat(4_000_000);
    const chunks: string[] = [];
    for (let i = 0; i < long.length; i += 1024) chunks.push(long.slice(i, i + 1024));
    const started = performance.now();
    const lines = split([...chunks, '\n']);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.length).toBe(4_000_000);
  });

  it('readLines reads a stream of a whole recording, byte-chunked at odd sizes', async () => {
    const text = readFixture('apply-unreachable.jsonl').replace(/\n/g, '\r\n');
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 37) chunks.push(bytes.subarray(i, i + 37));
    const lines: string[] = [];
    for await (const line of readLines(Readable.from(chunks))) lines.push(line);
    expect(lines).toEqual(readFixture('apply-unreachable.jsonl').split('\n').filter(Boolean));
  });
});

describe('parser throughput', () => {
  it('parses 100,000 recorded lines in well under a second of CPU', () => {
    const lines = allEventRecordings().flatMap(({ file }) => readFileSync(file, 'utf8').split('\n').filter(Boolean));
    const many: string[] = [];
    while (many.length < 100_000) many.push(...lines);
    many.length = 100_000;
    const started = process.cpuUsage();
    let diagnostics = 0;
    for (const line of many) if (parseEventLine(line).type === 'diagnostic') diagnostics++;
    const cpu = process.cpuUsage(started);
    const ms = (cpu.user + cpu.system) / 1000;
    expect(diagnostics).toBeGreaterThan(0);
    // Generous bound for slow CI machines; typically ~150 ms.
    expect(ms).toBeLessThan(1500);
  });
});
