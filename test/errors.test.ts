/**
 * One error type, one place for exit codes: every failure becomes a CliError
 * with one sentence; reportFailure is what turns it into output; no other
 * file in src/ writes an exit-code number.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOutput, type CliEvent } from '../src/app/output.js';
import { CliError, ConfigError, EXIT, FileSystemError, InternalError, reportFailure, toCliError, UsageError } from '../src/errors.js';
import { RunFailure } from '../src/tasks/failures.js';
import { REPO_ROOT } from './helpers/fakeTerraformHarness.js';

function errno(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file, errno: -1 });
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('toCliError', () => {
  it('keeps a CliError and its subclasses as they are', () => {
    const usage = new UsageError('--env "x" is not an environment');
    expect(toCliError(usage)).toBe(usage);
    const failure = new RunFailure('terraform plan failed', EXIT.failure, { logFile: '/p/log' });
    expect(toCliError(failure)).toBe(failure);
    expect(failure).toBeInstanceOf(CliError);
    expect(new ConfigError(['a: b', 'c: d']).message).toBe('the configuration has 2 problems; nothing was written.');
    expect(new ConfigError(['a: b']).exitCode).toBe(EXIT.usage);
  });

  it.each([
    ['EISDIR', 'read', '/p/ecs-wizard.json', EXIT.usage, /^\/p\/ecs-wizard\.json is a folder where ecs-wizard needs a file: move the folder away/],
    ['EACCES', 'open', '/p/infra/main.ts', EXIT.usage, /^cannot open \/p\/infra\/main\.ts: permission denied\. Make it writable for you \(ls -ld \/p\/infra; chown or chmod\)/],
    ['EPERM', 'mkdir', '/p/.ecs-wizard', EXIT.usage, /^cannot create the folder \/p\/\.ecs-wizard: permission denied/],
    ['EROFS', 'open', '/p/x', EXIT.usage, /read-only\. Run from a writable folder with --dir\.$/],
    ['ENOSPC', 'write', '/p/cdktf.out/x.json', EXIT.failure, /^cannot write \/p\/cdktf\.out\/x\.json: the disk is full\. Free some space, then run the same command again\.$/],
    ['ENOENT', 'open', '/nowhere/x', EXIT.usage, /^\/nowhere\/x does not exist/],
    ['EBUSY', 'rename', '/p/y', EXIT.failure, /^cannot replace \/p\/y: EBUSY\. /],
  ])('%s from %s: one sentence with the path and the fix', (code, syscall, file, exitCode, message) => {
    const error = toCliError(errno(code, syscall, file));
    expect(error).toBeInstanceOf(FileSystemError);
    expect(error.exitCode).toBe(exitCode);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('ENOTDIR names the file that stands where a folder should be', () => {
    const file = path.join(REPO_ROOT, 'package.json');
    const error = toCliError(errno('ENOTDIR', 'open', path.join(file, 'ecs-wizard.json')));
    expect(error.message).toBe(`${file} is a file where ecs-wizard needs a folder: point --dir at a folder (or move the file away).`);
  });

  it('a bug (TypeError, a plain Error, a thrown string) is an internal error with the --debug hint, exit 1', () => {
    for (const thrown of [new TypeError("Cannot read properties of undefined (reading 'x')"), new Error('no question x'), 'boom']) {
      const error = toCliError(thrown);
      expect(error).toBeInstanceOf(InternalError);
      expect(error.exitCode).toBe(EXIT.failure);
      expect(error.message).toMatch(/^ecs-wizard hit an internal error: /);
      expect(error.next).toContain('--debug');
    }
  });

  it("a lower layer's own error (it names itself) keeps its message, exit 1", () => {
    class PlanReadError extends Error {
      override readonly name = 'PlanReadError';
    }
    const error = toCliError(new PlanReadError('the plan file is not a Terraform plan'));
    expect(error).not.toBeInstanceOf(InternalError);
    expect([error.message, error.exitCode]).toEqual(['the plan file is not a Terraform plan', EXIT.failure]);
  });
});

describe('reportFailure: the one way a failure becomes output', () => {
  it('emits failure then done, and returns the exit code', () => {
    const events: CliEvent[] = [];
    const code = reportFailure(new ConfigError(['app.cpu: expects a number, e.g. 256']), (event) => events.push(event));
    expect(code).toBe(EXIT.usage);
    expect(events.map((event) => event.type)).toEqual(['failure', 'done']);
    expect(events[0]).toMatchObject({ message: 'the configuration has a problem; nothing was written.', problems: ['app.cpu: expects a number, e.g. 256'], diagnostics: [] });
    expect(events[1]).toEqual({ type: 'done', exitCode: EXIT.usage, summary: 'the configuration has a problem; nothing was written.' });
  });

  it('no stack trace reaches the user without --debug, in text or JSON; with --debug both show it', () => {
    const bug = new TypeError('x is not a function');
    for (const debug of [false, true]) {
      const stdout = collect();
      const stderr = collect();
      const output = createOutput({ json: true, debug }, { stdout: stdout.stream, stderr: stderr.stream });
      expect(reportFailure(bug, output.emit)).toBe(EXIT.failure);
      const json = stdout.text().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(json.map((event) => event['type'])).toEqual(['failure', 'done']);
      expect(stderr.text()).toMatch(/^✖ ecs-wizard hit an internal error: x is not a function\n {2}Next: Run the same command again with --debug/);
      const stackShown = /\n\s+at /;
      expect(stackShown.test(stderr.text())).toBe(debug);
      expect(json[0]!['stack'] !== undefined).toBe(debug);
      if (debug) expect(String(json[0]!['stack'])).toContain('x is not a function');
    }
  });
});

/** src/ without comments: what the program does, not what it says about itself. */
function sourceFiles(dir: string): Array<{ file: string; code: string }> {
  const found: Array<{ file: string; code: string }> = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry)) {
      const code = readFileSync(full, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      found.push({ file: path.relative(REPO_ROOT, full), code });
    }
  }
  return found;
}

/** Ways to write one of our exit codes as a number. */
const EXIT_NUMBER = [
  /\bexitCode\s*(?::|===?|!==?|=(?!=))\s*\d/,
  /\bnew\s+(?:RunFailure|CliError|FileSystemError)\s*\((?:[^()]|\([^()]*\))*?,\s*\d+\s*[,)]/,
  /\bprocess\.exit(?:Code)?\b/,
  /\breturn\s+(?:1|2|3|130)\s*;/,
  /\b(?:const|let)\s+EXIT\s*=/,
];

describe('no exit-code number outside src/errors.ts', () => {
  it('the check catches each way of writing one', () => {
    const samples = [
      'return { approved: false, exitCode: 3, reason }',
      "throw new RunFailure('Interrupted.', 130);",
      "throw new RunFailure(\n  `terraform ${label} failed`,\n  1,\n  { logFile },\n);",
      'process.exitCode = 2;',
      'if (!binary) return 2;',
      'const EXIT = { ok: 0 };',
      'if (event.exitCode === 0) write();',
    ];
    for (const sample of samples) expect(EXIT_NUMBER.some((pattern) => pattern.test(sample)), sample).toBe(true);
    for (const fine of ['throw new RunFailure(STOPPED_SAFELY, EXIT.interrupted);', 'return EXIT.usage;', 'exitCode: EXIT.blocked', "a < b ? -1 : 1"]) {
      expect(EXIT_NUMBER.some((pattern) => pattern.test(fine)), fine).toBe(false);
    }
  });

  it('holds for every file in src/ (Terraform\'s own exit codes, in src/terraform/, are not ours)', () => {
    const offenders = sourceFiles(path.join(REPO_ROOT, 'src'))
      .filter(({ file }) => file !== path.join('src', 'errors.ts') && !file.startsWith(path.join('src', 'terraform') + path.sep))
      .flatMap(({ file, code }) =>
        EXIT_NUMBER.flatMap((pattern) =>
          [...code.matchAll(new RegExp(pattern.source, 'g'))].map((match) => {
            const line = code.slice(0, match.index).split('\n').length;
            return `${file}:${line}: ${match[0].replace(/\s+/g, ' ')}`;
          }),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
