// @ts-check
/**
 * moto's cold start, paid when the emulator starts instead of by the stack.
 *
 * moto_server loads a service's code and data on the first request for it:
 * EC2's first answer takes 4 s on an idle 2-core machine (9-10 s under load),
 * every later one about 20 ms. It loads under Python's global lock, so every
 * call Terraform makes at that moment waits with it: the first apply after an
 * emulator start had its VPC take 25 s (the provider's own waits are 20 s)
 * and its ECS cluster 15 s (10 s), with every resource started beside them
 * 4-5 s late. AWS has no such pause, so the emulator takes it on itself: once
 * moto answers, it asks moto one read of each service the stack calls, one
 * after another, in the background. A request that arrives meanwhile waits
 * only for what is still loading.
 *
 * The reads create nothing but what moto makes for any first request of a
 * region (its default VPC, subnets and security group), so a baseline of
 * what exists is the same whether it is taken before or after the warm-up.
 * The region matters little: loading the code is 90 % of the pause, a further
 * region costs moto about 0.3 s more on its first call.
 */

/**
 * One cheap read per service, in the order of what they cost moto to load
 * (measured on moto 5.2.1). `query`: query protocol (Action, Version);
 * `target`: JSON protocol X-Amz-Target; `path`: a REST GET.
 * @type {ReadonlyArray<{ service: string, query?: [string, string], target?: string, path?: string, global?: boolean }>}
 */
export const WARM_READS = [
  { service: 'ec2', query: ['DescribeVpcs', '2016-11-15'] },
  { service: 'rds', query: ['DescribeDBInstances', '2014-10-31'] },
  { service: 's3', path: '/' },
  { service: 'ecs', target: 'AmazonEC2ContainerServiceV20141113.ListClusters' },
  { service: 'elasticloadbalancing', query: ['DescribeLoadBalancers', '2015-12-01'] },
  { service: 'logs', target: 'Logs_20140328.DescribeLogGroups' },
  { service: 'iam', query: ['ListRoles', '2010-05-08'], global: true },
  { service: 'ecr', target: 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' },
  { service: 'secretsmanager', target: 'secretsmanager.ListSecrets' },
  { service: 'ssm', target: 'AmazonSSM.DescribeParameters' },
  { service: 'application-autoscaling', target: 'AnyScaleFrontendService.DescribeScalableTargets', },
  { service: 'monitoring', query: ['DescribeAlarms', '2010-08-01'] },
  { service: 'codepipeline', target: 'CodePipeline_20150709.ListPipelines' },
  { service: 'acm', target: 'CertificateManager.ListCertificates' },
  { service: 'route53', path: '/2013-04-01/hostedzone', global: true },
];

/**
 * Sends WARM_READS to moto, one after another. Never throws: a read that
 * fails is reported and skipped (the stack's own call will load the service).
 * @param {string} motoUrl
 * @param {{ region: string, signal?: AbortSignal }} options
 * @returns {Promise<{ warmed: string[], failed: string[] }>}
 */
export async function warmMoto(motoUrl, options) {
  /** @type {string[]} */
  const warmed = [];
  /** @type {string[]} */
  const failed = [];
  for (const read of WARM_READS) {
    if (options.signal?.aborted) break;
    const region = read.global ? 'us-east-1' : options.region;
    /** @type {Record<string, string>} */
    const headers = {
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${read.service}/aws4_request, SignedHeaders=host, Signature=0`,
    };
    /** @type {string | undefined} */
    let body;
    if (read.query) {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
      body = new URLSearchParams({ Action: read.query[0], Version: read.query[1] }).toString();
    } else if (read.target) {
      headers['content-type'] = 'application/x-amz-json-1.1';
      headers['x-amz-target'] = read.target;
      body = read.service === 'application-autoscaling' ? '{"ServiceNamespace":"ecs"}' : '{}';
    }
    try {
      const response = await fetch(`${motoUrl}${read.path ?? '/'}`, {
        method: read.path ? 'GET' : 'POST',
        headers,
        ...(body === undefined ? {} : { body }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      await response.arrayBuffer();
      (response.ok ? warmed : failed).push(read.service);
    } catch {
      if (options.signal?.aborted) break;
      failed.push(read.service);
    }
  }
  return { warmed, failed };
}
