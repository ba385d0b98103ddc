/**
 * The health probe against a real HTTPS server on loopback, with a
 * certificate for the domain from a throw-away authority: the same TLS and
 * SNI path a copy's load balancer takes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHealth } from '../../src/tasks/healthProbe.js';
import { makeTmpDir } from '../helpers/fakeTerraformHarness.js';

const dir = makeTmpDir('ecs-wizard-probe-');
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
let ca = '';
let server: Server;
let port = 0;
const seen: Array<{ host?: string; servername?: string; path?: string }> = [];
let answers: number[] = [];

beforeAll(async () => {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=ecs-wizard test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'site.key', '-out', 'site.csr', '-subj', '/CN=shop.test');
  writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=DNS:shop.test\n');
  openssl('x509', '-req', '-in', 'site.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'site.pem', '-days', '1', '-extfile', 'ext.cnf');
  ca = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  server = createServer({ key: readFileSync(path.join(dir, 'site.key')), cert: readFileSync(path.join(dir, 'site.pem')) }, (req, res) => {
    seen.push({ host: req.headers.host, servername: (req.socket as unknown as { servername?: string }).servername, path: req.url });
    res.statusCode = answers.shift() ?? 200;
    res.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
}, 60_000);
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const probe = (overrides: Partial<Parameters<typeof probeHealth>[0]> = {}) =>
  probeHealth({ host: '127.0.0.1', port, domain: 'shop.test', path: '/health', ca, intervalMs: 10, deadlineMs: 2000, timeoutMs: 1000, ...overrides });

describe('probeHealth', () => {
  it('asks the load balancer with the domain as SNI and Host, and wants answers in a row', async () => {
    seen.length = 0;
    answers = [503, 200, 200, 200];
    const result = await probe();
    expect(result).toEqual({ healthy: true, attempts: 4, last: 'HTTP 200' });
    expect(seen[0]).toEqual({ host: 'shop.test', servername: 'shop.test', path: '/health' });
  });

  it('a redirect counts as healthy, as the target group\'s 200-399 matcher says', async () => {
    answers = [301, 302, 399];
    expect(await probe()).toMatchObject({ healthy: true, attempts: 3 });
  });

  it('gives up at the deadline with the last answer', async () => {
    answers = Array(1000).fill(503);
    const result = await probe({ deadlineMs: 200 });
    expect(result.healthy).toBe(false);
    expect(result.last).toBe('HTTP 503');
    answers = [];
  });

  it('refuses a certificate that is not for the domain', async () => {
    const result = await probe({ domain: 'other.test', deadlineMs: 100 });
    expect(result.healthy).toBe(false);
    expect(result.last).toMatch(/other\.test|altnames/i);
  });

  it('refuses a certificate from an authority nobody trusts', async () => {
    const result = await probe({ ca: undefined, deadlineMs: 100 });
    expect(result.healthy).toBe(false);
    expect(result.last).toMatch(/certificate/i);
  });
});
