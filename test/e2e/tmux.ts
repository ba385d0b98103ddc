/**
 * Drives the built CLI in a real terminal: a tmux session of a fixed size,
 * keys through send-keys, the screen through capture-pane.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt } from '../helpers/cli.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

export class TmuxSession {
  private constructor(
    readonly name: string,
    private readonly socket: string,
  ) {}

  /**
   * Starts `command` in a detached 80×24 session; the shell prints EXIT=<code> when it ends.
   * With `record`, every byte the program writes to the terminal is appended to that file,
   * from its first one (the program waits until the recording is on).
   */
  static start(name: string, command: string, options: { cwd: string; env: Record<string, string>; record?: string }): TmuxSession {
    // A socket of our own: no clash with the user's tmux or another test file.
    const socket = `ecs-wizard-test-${process.pid}-${name}`;
    const exports = Object.entries(options.env)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join(' ');
    const session = new TmuxSession(name, socket);
    const wait = options.record ? `tmux -L ${socket} wait-for recording; ` : '';
    session.tmux(['new-session', '-d', '-s', name, '-x', '80', '-y', '24', '-c', options.cwd, `${wait}env ${exports} ${command}; echo EXIT=$?; sleep 600`]);
    if (options.record) {
      session.tmux(['pipe-pane', '-o', '-t', name, `cat >> ${JSON.stringify(options.record)}`]);
      session.tmux(['wait-for', '-S', 'recording']);
    }
    return session;
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.name]);
  }

  /** Sends keys one at a time (tmux key names: Enter, Escape, Tab, Down, C-c…). */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.tmux(['send-keys', '-t', this.name, key]);
      await new Promise((done) => setTimeout(done, 150));
    }
  }

  /**
   * Sends keys in ONE send-keys: text and key names (`'aws_db_instance.db', 'Enter'`)
   * reach the program together, as a paste followed by Enter does.
   */
  burst(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.name, ...keys]);
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (predicate(screen)) return screen;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`Timed out waiting for ${what}. The screen:\n${screen}`);
  }

  waitForText(text: string, timeoutMs?: number): Promise<string> {
    return this.waitFor((screen) => screen.includes(text), JSON.stringify(text), timeoutMs);
  }

  kill(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // Already gone.
    }
  }
}

/**
 * The frame of a describe block of terminal tests: the CLI built once, a
 * temporary folder (`root`, set once the block starts), and every session
 * started through `start` killed at the end, the folder removed.
 */
export function terminalTests(prefix: string): { readonly root: string; start: typeof TmuxSession.start } {
  let root = '';
  const sessions: TmuxSession[] = [];
  beforeAll(async () => {
    await ensureBuilt();
    root = makeTmpDir(prefix);
  }, 240_000);
  afterAll(() => {
    for (const session of sessions) session.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    start(...args) {
      const session = TmuxSession.start(...args);
      sessions.push(session);
      return session;
    },
  };
}
