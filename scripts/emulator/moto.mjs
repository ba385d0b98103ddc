// @ts-check
/**
 * Starts `moto_server` on a loopback port and makes sure it never outlives us.
 *
 * moto runs under a tiny `sh` watchdog whose stdin is a pipe from this
 * process. The watchdog blocks reading that pipe; the pipe reaches end of file
 * when we close it (stop()) and ALSO when this process dies in any way, SIGKILL
 * included, because the kernel closes a dead process's descriptors. Either way
 * the watchdog then sends moto SIGTERM, waits for it, and exits. So no moto is
 * left behind, whatever kills the parent.
 *
 * The watchdog leads its own process group (detached), so a Ctrl-C typed at
 * the terminal reaches only us; we then stop moto ourselves, once. It ignores
 * SIGINT and SIGHUP besides, so nothing but the pipe (or an explicit SIGTERM
 * from us) ends it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * moto's own settings, each overridable from the environment.
 *
 * MOTO_ACM_VALIDATION_WAIT: seconds an ACM certificate requested with DNS
 * validation stays PENDING_VALIDATION before moto reports it ISSUED (moto's
 * default is 60). AWS issues once it sees the validation record, in minutes;
 * the stack waits for issuance either way (aws_acm_certificate_validation),
 * so a short wait keeps the same sequence of states without a minute of
 * nothing in every apply that creates a certificate.
 */
export const MOTO_SETTINGS = { MOTO_ACM_VALIDATION_WAIT: '2' };

/** Why moto cannot run here, in words a test's SKIPPED line can carry. */
export class MotoMissing extends Error {
  constructor(message) {
    super(message);
    this.name = 'MotoMissing';
  }
}

/**
 * The `moto_server` executable: ECS_WIZARD_MOTO_SERVER, or the first on PATH.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function findMotoServer(env = process.env) {
  const explicit = env['ECS_WIZARD_MOTO_SERVER'];
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'moto_server');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A free TCP port on 127.0.0.1, as the kernel hands one out. Another process
 * may take it before moto binds it; start() retries on a new port then.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// $1 is moto_server, $2 the port. A reader in the background holds the pipe
// (fd 3: an asynchronous list's stdin would otherwise be /dev/null); end of
// file there means stop, or that the parent died: it sends moto SIGTERM. The
// main shell waits for moto, so a moto that dies by itself ends the watchdog
// too, and the parent sees it exit.
const WATCHDOG = [
  'trap "" INT HUP',
  'exec 3<&0',
  '"$1" -H 127.0.0.1 -p "$2" </dev/null 3<&- &',
  'moto=$!',
  '( read _ignored <&3; kill -TERM "$moto" 2>/dev/null ) &',
  'reader=$!',
  'exec 3<&-',
  'wait "$moto"',
  'status=$?',
  'kill "$reader" 2>/dev/null',
  'exit "$status"',
].join('\n');

/**
 * @typedef {object} RunningMoto
 * @property {string} url           http://127.0.0.1:PORT
 * @property {number} port
 * @property {() => Promise<void>} stop  Stops moto and its watchdog; resolves when both are gone.
 * @property {Promise<number | null>} exited  Resolves when the watchdog exits (moto is gone by then).
 * @property {() => string} output  What moto printed so far (its request log and errors).
 */

/**
 * @param {{ port?: number, env?: NodeJS.ProcessEnv, readyTimeoutMs?: number }} [options]
 * @returns {Promise<RunningMoto>}
 */
export async function startMoto(options = {}) {
  const env = options.env ?? process.env;
  const executable = findMotoServer(env);
  if (!executable) {
    throw new MotoMissing('moto_server not found on PATH (install moto[server], or set ECS_WIZARD_MOTO_SERVER)');
  }
  let lastError;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(executable, port, env, options.readyTimeoutMs ?? 30_000);
    } catch (error) {
      lastError = error;
      // A port someone else took between freePort() and moto's bind: try another.
      if (options.port !== undefined || !(error instanceof PortTaken)) throw error;
    }
  }
  throw lastError;
}

class PortTaken extends Error {}

/**
 * @param {string} executable
 * @param {number} port
 * @param {NodeJS.ProcessEnv} env
 * @param {number} readyTimeoutMs
 * @returns {Promise<RunningMoto>}
 */
async function launch(executable, port, env, readyTimeoutMs) {
  const child = spawn('sh', ['-c', WATCHDOG, 'moto-watchdog', executable, String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...MOTO_SETTINGS, ...env, PYTHONUNBUFFERED: '1' },
  });
  let output = '';
  const keep = (/** @type {Buffer} */ chunk) => {
    output += chunk.toString('utf8');
    // Keep the tail only: a long run logs every request.
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // The pipe is the watchdog's lifeline; an EPIPE after it died is harmless.
  child.stdin?.on('error', () => {});
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });

  const stop = async () => {
    if (!gone) {
      child.stdin?.end();
      const timer = setTimeout(() => {
        // moto ignored SIGTERM for 10 s: kill the whole group.
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (gone) {
      if (/Address already in use|port .* is in use/i.test(output)) throw new PortTaken(`port ${port} is taken`);
      throw new Error(`moto_server exited before it answered:\n${output.slice(-4000)}`);
    }
    if (await answers(url)) {
      return { url, port, stop, exited, output: () => output };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`moto_server did not answer on ${url} within ${readyTimeoutMs} ms:\n${output.slice(-4000)}`);
}

/** @param {string} url */
async function answers(url) {
  try {
    const response = await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
