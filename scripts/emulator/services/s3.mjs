// @ts-check
/**
 * S3 bucket policies: moto evaluates a bucket policy's Deny statements with
 * none of the request's context, so a condition such as
 * `"Bool": {"aws:SecureTransport": "false"}` is taken as met on every
 * request, and a TLS-only policy (the state bucket's, as AWS's own guidance
 * writes it) refuses everything: HeadObject answers 403 to Terraform's S3
 * backend. AWS evaluates the condition against the request (IAM User Guide:
 * "Conditions with multiple context keys or values"; aws:SecureTransport is
 * true over HTTPS, which every AWS SDK uses).
 *
 * - PutBucketPolicy: forwarded with the Deny statements that carry a Condition
 *   left out (moto cannot evaluate them; it allows anything not denied, as it
 *   does without a policy); the policy as put is kept here.
 * - GetBucketPolicy: the policy as put, when the gateway kept one; else moto.
 * - DeleteBucketPolicy, DeleteBucket: forwarded; the kept policy goes too.
 */
import { Raw } from '../gateway.mjs';
import { regional } from '../protocol.mjs';

/** Policies as put, by bucket. S3 buckets are global: one store for the account. */
const stores = regional(/** @returns {Map<string, string>} */ () => new Map());
/** @param {import('../protocol.mjs').AwsRequest} request */
const storeOf = (request) => stores.of({ ...request, region: 'global' });

/**
 * @param {string} text
 * @returns {string | undefined} what moto can evaluate, or undefined when it is not JSON
 */
function evaluable(text) {
  let policy;
  try {
    policy = JSON.parse(text);
  } catch {
    return undefined;
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const kept = statements.filter((/** @type {any} */ s) => !(s && s.Effect === 'Deny' && s.Condition));
  if (kept.length === statements.length) return text;
  if (kept.length === 0) {
    // moto wants a statement; this one grants nothing moto does not allow anyway.
    kept.push({ Sid: 'EcsWizardGatewayNoop', Effect: 'Allow', Principal: '*', Action: 's3:GetBucketLocation', Resource: '*' });
  }
  return JSON.stringify({ ...policy, Statement: kept });
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'S3 bucket policies',
  signingNames: ['s3'],
  reset: () => stores.reset(),
  operations: {
    async PutBucketPolicy(input, { request, forward }) {
      const text = input.body.toString('utf8');
      const forMoto = evaluable(text);
      // Not JSON: moto answers MalformedPolicy as AWS does.
      const moto = await forward(forMoto === undefined ? undefined : Buffer.from(forMoto));
      if (moto.ok) storeOf(request).set(input.bucket, text);
      return new Raw(moto);
    },
    async GetBucketPolicy(input, { request, forward }) {
      const moto = await forward();
      const kept = storeOf(request).get(input.bucket);
      if (!moto.ok || kept === undefined) return new Raw(moto);
      return Raw.withBody(moto, kept);
    },
    async DeleteBucketPolicy(input, { request, forward }) {
      const moto = await forward();
      if (moto.ok) storeOf(request).delete(input.bucket);
      return new Raw(moto);
    },
    async DeleteBucket(input, { request, forward }) {
      const moto = await forward();
      if (moto.ok) storeOf(request).delete(input.bucket);
      return new Raw(moto);
    },
  },
};
