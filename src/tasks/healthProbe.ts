/**
 * Is a copy ready for traffic? Asked the way a visitor would: HTTPS to the
 * copy's own load balancer, with the domain as the server name (SNI) and the
 * Host header, so the answer proves the certificate attachment, the
 * listener, the target group and a healthy task all at once. The load
 * balancer answers 503 while no target is healthy, so a 2xx or 3xx from the
 * app's health check path (what the target group's health check accepts) is
 * a copy with healthy targets.
 *
 * Plain HTTPS, no AWS credentials: it works wherever the copy's load
 * balancer is reachable. Several answers in a row must be healthy, so one
 * lucky answer from a task still starting does not move traffic.
 */
import { request } from 'node:https';

export interface ProbeRequest {
  /** Where to connect: the copy's load balancer DNS name. */
  readonly host: string;
  /** The domain: the certificate must be valid for it; sent as SNI and Host. */
  readonly domain: string;
  /** The app's health check path, e.g. /health. */
  readonly path: string;
  readonly port?: number;
  /** Healthy answers in a row needed. */
  readonly consecutive?: number;
  /** How long to keep trying, in all. */
  readonly deadlineMs?: number;
  /** Pause between two attempts. */
  readonly intervalMs?: number;
  /** Time one attempt may take. */
  readonly timeoutMs?: number;
  /** Extra trusted certificate authority (tests); the system's authorities otherwise. */
  readonly ca?: string;
  readonly signal?: AbortSignal;
  /** Told of each attempt, for a progress line. */
  readonly onAttempt?: (attempt: ProbeAttempt) => void;
}

export interface ProbeAttempt {
  readonly status?: number;
  readonly error?: string;
  readonly healthy: boolean;
}

export interface ProbeResult {
  readonly healthy: boolean;
  readonly attempts: number;
  /** The last answer, in words: "HTTP 200", "HTTP 503", "connect ECONNREFUSED…". */
  readonly last: string;
}

export type HealthProbe = (request: ProbeRequest) => Promise<ProbeResult>;

const isHealthy = (status: number) => status >= 200 && status < 400;

function attempt(options: ProbeRequest): Promise<ProbeAttempt> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: options.host,
        port: options.port ?? 443,
        path: options.path,
        method: 'GET',
        servername: options.domain,
        headers: { host: options.domain, 'user-agent': 'ecs-wizard health check' },
        timeout: options.timeoutMs ?? 5000,
        // Node checks the certificate against `servername`: the domain, not the load balancer's own name.
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve({ status, healthy: isHealthy(status) });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 5000} ms`)));
    req.on('error', (error) => resolve({ error: error.message, healthy: false }));
    req.end();
  });
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** Tries until `consecutive` healthy answers in a row, or the deadline. */
export const probeHealth: HealthProbe = async (options) => {
  const needed = options.consecutive ?? 3;
  const deadline = Date.now() + (options.deadlineMs ?? 120_000);
  let inRow = 0;
  let attempts = 0;
  let last = 'no answer yet';
  while (!options.signal?.aborted) {
    const result = await attempt(options);
    attempts += 1;
    last = result.status !== undefined ? `HTTP ${result.status}` : (result.error ?? 'no answer');
    options.onAttempt?.(result);
    inRow = result.healthy ? inRow + 1 : 0;
    if (inRow >= needed) return { healthy: true, attempts, last };
    if (Date.now() >= deadline) break;
    await pause(options.intervalMs ?? 5000, options.signal);
  }
  return { healthy: false, attempts, last };
};
