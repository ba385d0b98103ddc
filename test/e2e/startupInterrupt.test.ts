/**
 * One Ctrl-C in the first moments of `npx ecs-wizard` ends it cleanly: while
 * the bundle loads, while the config file and git are read, while Ink mounts
 * and right after its first frame (before the key listener is attached, when
 * the terminal still turns Ctrl-C into a SIGINT). Each time the wizard exits
 * 130 by itself (not killed by the signal, which leaves a drawn frame behind
 * and tells a parent "killed"), the terminal is back in its normal modes with
 * the cursor shown, and nothing is written to the project folder.
 *
 * The moments are hit by timing, so the delays sweep the start: under load
 * each lands somewhere else in it, but every one must end the same way. They
 * are points of the process's CPU time: ecs-wizard listens for the stop from
 * about 180 ms of it here (node's own start is about 140 ms: before that no
 * code of ours runs, and a Ctrl-C takes node's default action, as for any
 * program), and draws its first frame at about 450 ms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject } from '../helpers/cli.js';
import { hasTmux, terminalTests } from './tmux.js';

const available = hasTmux();
if (!available) console.warn('*** SKIPPED: tmux is not installed; the startup Ctrl-C tests did not run (apt-get install tmux) ***');

const REPORT = fileURLToPath(new URL('./exitReport.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the process has used `ms` of CPU (all its threads, as
 * /proc/<pid>/stat counts them in clock ticks). CPU time, unlike wall time,
 * barely moves with the machine's load, so each moment of the start is hit
 * at about the same point of its work on a busy machine as on an idle one.
 */
async function untilCpu(pid: number, ms: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    // After the command's name in parentheses: state is field 3, utime and stime fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (ticks * 10 >= ms) return;
    if (Date.now() > deadline) throw new Error(`process ${pid} did not reach ${ms} ms of CPU`);
    await sleep(2);
  }
}

/** The pid of the wizard, as exitReport.mjs prints it. */
const wizardPid = (record: string) => Number(/STARTED pid=(\d+)/.exec(record)![1]);

async function untilRecorded(file: string, text: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const recorded = existsSync(file) ? readFileSync(file, 'latin1') : '';
    if (recorded.includes(text)) return recorded;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; recorded:\n${recorded.slice(-2000)}`);
    await sleep(5);
  }
}

describe.skipIf(!available)('Ctrl-C while the wizard starts', () => {
  let count = 0;
  const terminal = terminalTests('ecs-wizard-e2e-startup-');

  /** A new project: a git repository with a GitHub remote, so git runs at startup. */
  function project(): string {
    const dir = path.join(terminal.root, `shop${++count}`);
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    return dir;
  }

  /** A project made by synth (ecs-wizard.json and the generated files), in a git repository. */
  async function withConfig(): Promise<string> {
    const dir = await makeProject();
    execFileSync('git', ['init', '-q', dir]);
    count++;
    return dir;
  }

  /** Every file under dir with its size and modification time: what "nothing written" compares. */
  function tree(dir: string, prefix = ''): string[] {
    return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      if (entry.isDirectory()) return relative === '.git' ? [] : [`${relative}/`, ...tree(dir, relative)];
      const stat = statSync(path.join(dir, relative));
      return [`${relative} ${stat.size} ${stat.mtimeMs}`];
    });
  }

  /** Starts the wizard, presses Ctrl-C when `when` says, and returns what it wrote to the terminal and how it ended. */
  async function interrupt(dir: string, when: (record: string) => Promise<void>) {
    const record = path.join(terminal.root, `terminal-${count}.log`);
    const before = tree(dir);
    const name = `startup${count}`;
    const session = terminal.start(name, `env -u CI node ${REPORT} node ${CLI}`, {
      cwd: dir,
      env: { NO_COLOR: '1', TERM: 'xterm-256color', AWS_REGION: 'eu-west-1' },
      record,
    });
    await when(record);
    session.burst('C-c');
    const recorded = await untilRecorded(record, 'ENDED', 15_000);
    session.kill();
    const ended = /ENDED code=(\S+) signal=(\S+) icanon=(\S+) echo=(\S+)/.exec(recorded)!;
    const output = recorded.slice(recorded.indexOf('STARTED'), recorded.lastIndexOf('ENDED'));
    return {
      code: ended[1],
      signal: ended[2],
      icanon: ended[3],
      echo: ended[4],
      // Shown again after every hide: the last hide is followed by a show.
      cursorShown: output.lastIndexOf('\x1b[?25h') >= output.lastIndexOf('\x1b[?25l'),
      written: [...tree(dir).filter((entry) => !before.includes(entry)), ...before.filter((entry) => !tree(dir).includes(entry)).map((entry) => `gone: ${entry}`)],
      output,
    };
  }

  function expectClean(result: Awaited<ReturnType<typeof interrupt>>, moment: string): void {
    const tail = JSON.stringify(result.output.slice(-400));
    expect({ moment, code: result.code, signal: result.signal }, tail).toEqual({ moment, code: '130', signal: 'null' });
    expect({ moment, icanon: result.icanon, echo: result.echo, cursorShown: result.cursorShown }).toEqual({ moment, icanon: 'true', echo: 'true', cursorShown: true });
    expect({ moment, written: result.written }).toEqual({ moment, written: [] });
  }

  it('ends cleanly with 130 from a Ctrl-C at any moment of the start, before, while and just after Ink draws', async () => {
    for (const cpu of [250, 300, 350, 400]) {
      const result = await interrupt(project(), async (record) => untilCpu(wizardPid(await untilRecorded(record, 'STARTED')), cpu));
      expectClean(result, `at ${cpu} ms of CPU`);
    }
    // The instant the first frame is on screen: Ink has drawn, its key listener is not attached yet.
    for (const round of [1, 2, 3]) {
      const result = await interrupt(project(), (record) => untilRecorded(record, 'App name').then(() => undefined));
      expectClean(result, `on the first frame (${round})`);
      expect(result.output).toContain('App name');
    }
  }, 120_000);

  it('ends cleanly with 130 while an existing config file is read and validated, and on the start menu it opens', async () => {
    for (const cpu of [250, 320, 400]) {
      const result = await interrupt(await withConfig(), async (record) => untilCpu(wizardPid(await untilRecorded(record, 'STARTED')), cpu));
      expectClean(result, `at ${cpu} ms of CPU, with a config file`);
    }
    const result = await interrupt(await withConfig(), (record) => untilRecorded(record, 'What would you like to do').then(() => undefined));
    expectClean(result, 'on the start menu');
  }, 120_000);
});
