// @ts-check
/**
 * The thin gateway in front of moto: one HTTP server on loopback. Each request
 * is identified (protocol.mjs); when a service module answers that operation
 * (services/*.mjs), the module's handler runs, maybe asking moto first through
 * `forward()`; everything else goes to moto untouched, byte for byte.
 *
 * `POST /moto-api/reset` resets moto AND the state the gateway keeps itself.
 * `GET /ecs-wizard-emulator/<view>` answers a module's view (see ServiceModule).
 */
import http from 'node:http';
import { AwsError, describeRequest, jsonError, jsonInput, jsonReply, s3Target } from './protocol.mjs';

/**
 * @typedef {import('./protocol.mjs').AwsRequest} AwsRequest
 * @typedef {import('./protocol.mjs').Reply} Reply
 */

/**
 * What moto said, for a handler that asks moto first and corrects the answer.
 * @typedef {object} MotoReply
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {Buffer} body
 * @property {boolean} ok       2xx
 * @property {() => any} json   the parsed JSON body
 */

/**
 * @typedef {object} HandlerContext
 * @property {AwsRequest} request
 * @property {(body?: Buffer | object) => Promise<MotoReply>} forward
 *   Sends the request (or the request with this body instead) to moto.
 * @property {(signingName: string, target: string, input: object) => Promise<MotoReply>} call
 *   Asks moto another JSON-protocol operation, in the request's region
 *   (`target` is the X-Amz-Target, e.g. `AmazonEC2ContainerServiceV20141113.UpdateService`):
 *   for an operation whose documented effect reaches another service.
 * @property {(signingName: string, action: string, version: string, params: Record<string, string>) => Promise<MotoReply>} query
 *   Asks moto a query-protocol operation (EC2, IAM...), in the request's
 *   region: `query('ec2', 'DescribeSubnets', '2016-11-15', { 'SubnetId.1': id })`.
 */

/**
 * A handler gets the operation's input (the parsed JSON body, the query
 * protocol's form parameters, or for S3 `{ bucket, key, query, body }`) and
 * returns its output (serialized as the JSON
 * protocol does), a Raw reply to send as is (moto's error, an edited XML
 * answer), or throws AwsError (JSON protocols only).
 * @typedef {(input: any, context: HandlerContext) => Promise<unknown> | unknown} Handler
 */

/**
 * @typedef {object} ServiceModule
 * @property {string} name
 * @property {readonly string[]} signingNames  SigV4 service names it answers for
 * @property {Record<string, Handler>} operations  by operation name
 * @property {() => void} [reset]
 * @property {Record<string, () => unknown>} [views]
 *   What the module keeps, by name, for tests to read: not an AWS API. `GET
 *   /ecs-wizard-emulator/<name>` answers the view's value as JSON.
 */

/** Where the modules' views are read (not an AWS path: no service answers it). */
const VIEWS = '/ecs-wizard-emulator/';

/**
 * A request of the gateway's own to moto, in the same region as `request`:
 * a POST to `/`, signed (moto reads only the credential scope) for `signingName`.
 * @param {AwsRequest} request
 * @param {string} signingName
 * @param {Record<string, string>} headers the content type, and the JSON protocol's target
 * @returns {AwsRequest}
 */
function signedPost(request, signingName, headers) {
  return {
    ...request,
    method: 'POST',
    url: '/',
    headers: {
      host: String(request.headers['host'] ?? ''),
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${request.region}/${signingName}/aws4_request, SignedHeaders=host, Signature=0`,
      ...headers,
    },
  };
}

/** A reply sent back exactly as given (e.g. moto's own error). */
export class Raw {
  /** @param {Reply} reply */
  constructor(reply) {
    this.reply = reply;
  }

  /**
   * moto's reply with another body (an edited XML document, say).
   * @param {MotoReply} moto
   * @param {string} body
   */
  static withBody(moto, body) {
    return new Raw({ status: moto.status, headers: moto.headers, body: Buffer.from(body) });
  }
}

/**
 * @param {{ port: number, motoUrl: string, services: readonly ServiceModule[], log?: (line: string) => void }} options
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startGateway(options) {
  const moto = new URL(options.motoUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  /** @type {Map<string, Map<string, Handler>>} */
  const bySigningName = new Map();
  for (const module of options.services) {
    for (const signingName of module.signingNames) {
      const table = bySigningName.get(signingName) ?? new Map();
      for (const [operation, handler] of Object.entries(module.operations)) table.set(operation, handler);
      bySigningName.set(signingName, table);
    }
  }
  /** @type {Map<string, () => unknown>} */
  const views = new Map();
  for (const module of options.services) {
    for (const [name, view] of Object.entries(module.views ?? {})) views.set(name, view);
  }
  const log = options.log ?? (() => {});

  /**
   * @param {AwsRequest} request
   * @param {Buffer} body
   * @returns {Promise<MotoReply>}
   */
  const toMoto = (request, body) =>
    new Promise((resolve, reject) => {
      const headers = { ...request.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      // A body the gateway replaced no longer matches the checksums the SDK sent.
      if (body !== request.body) {
        for (const name of Object.keys(headers)) {
          if (name === 'content-md5' || name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm') delete headers[name];
        }
        if (headers['x-amz-content-sha256']) headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      }
      // The answer may be rewritten: never let it come back compressed.
      delete headers['accept-encoding'];
      const outgoing = http.request(
        { host: moto.hostname, port: moto.port, method: request.method, path: request.url, headers, agent },
        (response) => {
          /** @type {Buffer[]} */
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const replyBody = Buffer.concat(chunks);
            /** @type {Record<string, string>} */
            const replyHeaders = {};
            for (const [key, value] of Object.entries(response.headers)) {
              if (value !== undefined && key !== 'transfer-encoding' && key !== 'connection') replyHeaders[key] = String(value);
            }
            const status = response.statusCode ?? 500;
            resolve({
              status,
              headers: replyHeaders,
              body: replyBody,
              ok: status >= 200 && status < 300,
              json: () => JSON.parse(replyBody.toString('utf8') || '{}'),
            });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  /**
   * @param {http.IncomingMessage} incoming
   * @param {http.ServerResponse} outgoing
   */
  const handle = async (incoming, outgoing) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const request = describeRequest(incoming, Buffer.concat(chunks));

    if (request.method === 'POST' && request.url.startsWith('/moto-api/reset')) {
      for (const module of options.services) module.reset?.();
    }

    if (request.method === 'GET' && request.url.startsWith(VIEWS)) {
      const view = views.get(request.url.slice(VIEWS.length).split('?')[0] ?? '');
      const body = Buffer.from(JSON.stringify(view ? view() : { message: `no view ${request.url}; views: ${[...views.keys()].join(', ')}` }));
      log(`gateway view ${request.url} ${view ? 200 : 404}`);
      outgoing.writeHead(view ? 200 : 404, { 'content-type': 'application/json', 'content-length': String(body.length) });
      outgoing.end(body);
      return;
    }

    const handler = bySigningName.get(request.service)?.get(request.operation);
    /** @type {Reply} */
    let reply;
    let how = 'moto';
    if (handler) {
      how = 'gateway';
      /** @type {HandlerContext} */
      const context = {
        request,
        forward: (replacement) =>
          toMoto(
            request,
            replacement === undefined ? request.body : Buffer.isBuffer(replacement) ? replacement : Buffer.from(JSON.stringify(replacement)),
          ),
        call: (signingName, target, input) =>
          toMoto(signedPost(request, signingName, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }), Buffer.from(JSON.stringify(input))),
        query: (signingName, action, version, params) =>
          toMoto(
            signedPost(request, signingName, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
            Buffer.from(new URLSearchParams({ Action: action, Version: version, ...params }).toString()),
          ),
      };
      try {
        const input =
          request.protocol === 'json'
            ? jsonInput(request)
            : request.protocol === 'query'
              ? Object.fromEntries(new URLSearchParams(request.body.toString('utf8')))
              : { ...s3Target(request.url), body: request.body };
        const output = await handler(input, context);
        reply = output instanceof Raw ? output.reply : jsonReply(request, output);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        reply = jsonError(request, error);
      }
    } else {
      reply = await toMoto(request, request.body);
    }
    log(`${how} ${request.service || '-'} ${request.operation || `${request.method} ${request.url.split('?')[0]}`} ${reply.status}`);
    outgoing.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
    outgoing.end(reply.body);
  };

  const server = http.createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error) => {
      log(`error ${String(error?.stack ?? error)}`);
      if (!outgoing.headersSent) {
        outgoing.writeHead(500, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ __type: 'InternalFailure', message: `ecs-wizard emulator gateway: ${String(error?.message ?? error)}` }));
      } else {
        outgoing.destroy();
      }
    });
  });
  // Terraform's provider keeps connections open; don't let them hold close() up.
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
