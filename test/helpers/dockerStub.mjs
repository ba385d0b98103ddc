// @ts-check
/**
 * `docker` for a buildspec run against the emulator (test/helpers/codebuild.ts
 * puts it on PATH): no daemon, no image, but the three commands the Build
 * stage runs behave as docker's do where a buildspec could get them wrong,
 * and the push reaches ECR for real.
 *
 * - `login --username U --password-stdin REGISTRY`: the password is read
 *   from stdin (empty: fails); the registry counts as logged in.
 * - `build -f FILE -t IMAGE... CONTEXT`: fails as docker does when the
 *   context folder or the Dockerfile is missing; otherwise the image exists
 *   "locally" with its tags.
 * - `push IMAGE`: fails for an image never built and for a registry never
 *   logged in to; otherwise it puts the image into the emulator's ECR
 *   (PutImage with a schema 2 manifest whose layer is the Dockerfile's
 *   digest), so DescribeImages finds it, as after a real push.
 * Anything else fails.
 *
 * Every call is appended to $DOCKER_STUB_STATE/calls.jsonl as
 * {argv, stdin}: the test reads what ran (the password included).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const state = process.env['DOCKER_STUB_STATE'];
if (!state) fail('DOCKER_STUB_STATE is not set (test/helpers/codebuild.ts sets it)');
const argv = process.argv.slice(2);
const [command, ...args] = argv;

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** @template T @param {string} name @param {T} empty @returns {T} */
function load(name, empty) {
  const file = path.join(/** @type {string} */ (state), name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : empty;
}

/** @param {string} name @param {unknown} value */
function save(name, value) {
  writeFileSync(path.join(/** @type {string} */ (state), name), JSON.stringify(value));
}

async function readStdin() {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** @param {string} text */
const sha256 = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** `host/name:tag` -> its parts; the host is the registry. */
function parseImage(/** @type {string} */ image) {
  const slash = image.indexOf('/');
  const colon = image.lastIndexOf(':');
  if (slash < 0 || colon < slash) return undefined;
  return { registry: image.slice(0, slash), repository: image.slice(slash + 1, colon), tag: image.slice(colon + 1) };
}

const stdin = command === 'login' && args.includes('--password-stdin') ? await readStdin() : '';
appendFileSync(path.join(/** @type {string} */ (state), 'calls.jsonl'), `${JSON.stringify({ argv, stdin })}\n`);

if (command === 'login') {
  const registry = args.filter((arg, n) => !arg.startsWith('-') && !['--username', '-u'].includes(args[n - 1] ?? ''))[0];
  if (!registry) fail('"docker login" requires a server address');
  if (!args.includes('--password-stdin')) fail('stub docker: login reads the password from stdin only (--password-stdin)');
  const password = stdin.replace(/\r?\n$/, '');
  if (!password) fail('Error: Password Required');
  save('logins.json', [...load('logins.json', /** @type {string[]} */ ([])), registry]);
  process.stdout.write('Login Succeeded\n');
} else if (command === 'build') {
  /** @type {string[]} */
  const tags = [];
  let file = '';
  /** @type {string[]} */
  const positional = [];
  for (let n = 0; n < args.length; n++) {
    const arg = /** @type {string} */ (args[n]);
    if (arg === '-f' || arg === '--file') file = args[++n] ?? '';
    else if (arg === '-t' || arg === '--tag') tags.push(args[++n] ?? '');
    else if (arg.startsWith('-')) fail(`stub docker: build option ${arg} is not known here`);
    else positional.push(arg);
  }
  if (positional.length !== 1) fail('"docker build" requires exactly 1 argument.');
  const context = /** @type {string} */ (positional[0]);
  if (!existsSync(context) || !statSync(context).isDirectory()) fail(`unable to prepare context: path "${context}" not found`);
  const dockerfile = file || path.join(context, 'Dockerfile');
  if (!existsSync(dockerfile)) fail(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${path.resolve(dockerfile)}: no such file or directory`);
  const layer = readFileSync(dockerfile, 'utf8');
  const images = load('images.json', /** @type {Record<string, string>} */ ({}));
  for (const tag of tags) images[tag] = layer;
  save('images.json', images);
  process.stdout.write(`Successfully built ${sha256(layer).slice(7, 19)}\n${tags.map((tag) => `Successfully tagged ${tag}\n`).join('')}`);
} else if (command === 'push') {
  const image = args.find((arg) => !arg.startsWith('-')) ?? '';
  const layer = load('images.json', /** @type {Record<string, string>} */ ({}))[image];
  if (layer === undefined) fail(`An image does not exist locally with the tag: ${image}`);
  const parts = parseImage(image);
  const ecr = parts && /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/.exec(parts.registry);
  if (!parts || !ecr) fail(`stub docker: ${image} is not an ECR image (ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME:TAG)`);
  if (!load('logins.json', /** @type {string[]} */ ([])).includes(/** @type {any} */ (parts).registry)) fail('no basic auth credentials');
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(/** @type {string} */ (layer))] } });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: Buffer.byteLength(/** @type {string} */ (layer)), digest: sha256(/** @type {string} */ (layer)) }],
  });
  const [, account, region] = /** @type {RegExpExecArray} */ (ecr);
  const endpoint = process.env['AWS_ENDPOINT_URL_ECR'] ?? process.env['AWS_ENDPOINT_URL'];
  if (!endpoint) fail('stub docker: no AWS_ENDPOINT_URL to push to');
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/ecr/aws4_request, SignedHeaders=host, Signature=0`,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.PutImage',
    },
    body: JSON.stringify({
      registryId: account,
      repositoryName: /** @type {any} */ (parts).repository,
      imageTag: /** @type {any} */ (parts).tag,
      imageManifest: manifest,
      imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    }),
  });
  const body = await response.text();
  if (!response.ok) fail(`push to ${image} refused: HTTP ${response.status} ${body}`);
  const digest = JSON.parse(body).image?.imageId?.imageDigest;
  process.stdout.write(`${/** @type {any} */ (parts).tag}: digest: ${digest} size: ${manifest.length}\n`);
} else {
  fail(`stub docker: "${command ?? ''}" is not one of the commands the Build runs (login, build, push)`);
}
