// @ts-check
/**
 * Just enough of the AWS wire protocols for the gateway to tell which
 * operation a request is and to answer the JSON ones itself.
 *
 * Which service: the SigV4 credential scope names it
 * (`Credential=AKID/20260101/eu-west-1/codebuild/aws4_request`), with the
 * region. Which operation: `X-Amz-Target: Service_20161006.CreateProject` for
 * the JSON protocols, `Action=...` in the form body for the query protocol.
 * REST services (S3, Route 53...) carry it in the method and path; the
 * gateway forwards those untouched.
 */

/**
 * @typedef {object} AwsRequest
 * @property {string} method
 * @property {string} url          path and query, as received
 * @property {Record<string, string | string[] | undefined>} headers
 * @property {Buffer} body
 * @property {string} service      SigV4 signing name, e.g. `codebuild`; '' when unsigned
 * @property {string} region
 * @property {string} operation    e.g. `CreateProject`; '' when not found
 * @property {'json' | 'query' | 'rest'} protocol
 * @property {string} account      the account moto answers as
 */

/** moto's account unless MOTO_ACCOUNT_ID says otherwise. */
export const ACCOUNT_ID = process.env['MOTO_ACCOUNT_ID'] ?? '123456789012';

/**
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} incoming
 * @param {Buffer} body
 * @returns {AwsRequest}
 */
export function describeRequest(incoming, body) {
  const headers = incoming.headers;
  const auth = String(headers['authorization'] ?? '');
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  const region = scope?.[1] ?? 'us-east-1';
  const service = scope?.[2] ?? '';
  const target = String(headers['x-amz-target'] ?? '');
  const contentType = String(headers['content-type'] ?? '');
  let operation = '';
  /** @type {AwsRequest['protocol']} */
  let protocol = 'rest';
  if (target) {
    protocol = 'json';
    operation = target.slice(target.lastIndexOf('.') + 1);
  } else if (contentType.startsWith('application/x-www-form-urlencoded') && incoming.method === 'POST') {
    const action = new URLSearchParams(body.toString('utf8')).get('Action');
    if (action) {
      protocol = 'query';
      operation = action;
    }
  }
  if (service === 's3' && protocol === 'rest') operation = s3Operation(incoming.method ?? 'GET', incoming.url ?? '/');
  return {
    method: incoming.method ?? 'GET',
    url: incoming.url ?? '/',
    headers,
    body,
    service,
    region,
    operation,
    protocol,
    account: ACCOUNT_ID,
  };
}

/**
 * The S3 operations the gateway has a word on, named as the API reference
 * names them, from the method and the path style URL; '' for the rest.
 * @param {string} method
 * @param {string} url
 */
export function s3Operation(method, url) {
  const { bucket, key, query } = s3Target(url);
  if (!bucket || key) return '';
  const verb = { GET: 'Get', PUT: 'Put', DELETE: 'Delete' }[method];
  if (!verb) return '';
  if (query.has('policy')) return `${verb}BucketPolicy`;
  if ([...query.keys()].length === 0 && method === 'DELETE') return 'DeleteBucket';
  return '';
}

/**
 * Bucket, key and query of a path-style S3 URL (`/bucket/key?query`).
 * @param {string} url
 */
export function s3Target(url) {
  const parsed = new URL(url, 'http://s3.local');
  const [, bucket = '', ...rest] = parsed.pathname.split('/');
  return { bucket: decodeURIComponent(bucket), key: rest.map(decodeURIComponent).join('/'), query: parsed.searchParams };
}

/** An error as AWS returns it: code, message and HTTP status. */
export class AwsError extends Error {
  /**
   * @param {string} code      e.g. `ResourceNotFoundException`
   * @param {string} message
   * @param {number} [status]
   */
  constructor(code, message, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {Buffer} body
 */

/**
 * A JSON-protocol answer, in the content type the request used
 * (`application/x-amz-json-1.0` or `-1.1`).
 * @param {AwsRequest} request
 * @param {unknown} output
 * @returns {Reply}
 */
export function jsonReply(request, output) {
  return {
    status: 200,
    headers: { 'content-type': jsonContentType(request), 'x-amzn-requestid': requestId() },
    body: Buffer.from(JSON.stringify(output ?? {})),
  };
}

/**
 * A JSON-protocol error: `__type` carries the code, as the SDKs read it.
 * @param {AwsRequest} request
 * @param {AwsError} error
 * @returns {Reply}
 */
export function jsonError(request, error) {
  return {
    status: error.status,
    headers: { 'content-type': jsonContentType(request), 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId() },
    body: Buffer.from(JSON.stringify({ __type: error.code, message: error.message })),
  };
}

/** @param {AwsRequest} request */
function jsonContentType(request) {
  const given = String(request.headers['content-type'] ?? '');
  return given.startsWith('application/x-amz-json-') ? given.split(';')[0] ?? given : 'application/x-amz-json-1.1';
}

/** @returns {string} */
export function requestId() {
  return crypto.randomUUID();
}

/**
 * The JSON body of a request (`{}` when empty).
 * @param {AwsRequest} request
 * @returns {any}
 */
export function jsonInput(request) {
  const text = request.body.toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
}

/**
 * An ARN's region and account in one place.
 * @param {AwsRequest} request
 * @param {string} service  the ARN's service part, e.g. `codebuild`
 * @param {string} resource e.g. `project/name`
 */
export function arn(request, service, resource) {
  return `arn:aws:${service}:${request.region}:${request.account}:${resource}`;
}

/** Epoch seconds with milliseconds, as the JSON protocols send a timestamp. */
export function epochSeconds(date = new Date()) {
  return Math.round(date.getTime()) / 1000;
}

/**
 * A map of stores, one per account and region, as AWS keeps resources.
 * @template T
 * @param {() => T} create
 */
export function regional(create) {
  /** @type {Map<string, T>} */
  const stores = new Map();
  return {
    /** @param {AwsRequest} request */
    of(request) {
      const key = `${request.account}/${request.region}`;
      let store = stores.get(key);
      if (!store) {
        store = create();
        stores.set(key, store);
      }
      return store;
    },
    /** Everything, for /moto-api/reset. */
    reset() {
      stores.clear();
    },
  };
}
