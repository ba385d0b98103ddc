/**
 * After an apply, wait until the service is stable and say how it ended:
 * every task of the new revision running and healthy, the deployment failed
 * (the circuit breaker rolled it back, and why), still rolling out when the
 * bounded wait ran out, or no task at all because no image exists yet.
 *
 * Why ecs-wizard polls rather than the provider's wait_for_steady_state: the
 * provider's wait ends the apply with an error (a new service is then
 * tainted and replaced on the next apply), shows no progress but "Still
 * modifying", and a flag to skip it would be a Terraform variable whose
 * change is itself a diff. Polling after the apply changes nothing in AWS,
 * reports counts as they move, and `--no-service-wait` skips it.
 *
 * Pure but for the injected describe, clock and sleep.
 */
import type { DescribeService, ServiceSnapshot } from '../aws/ecsService.js';

export type ServiceVerdict =
  | { readonly kind: 'stable'; readonly running: number; readonly taskDefinition: string }
  | { readonly kind: 'idle' }
  | { readonly kind: 'rolling'; readonly detail: string }
  | { readonly kind: 'failed'; readonly reason: string };

const revision = (arn: string): string => arn.split('/').pop() ?? arn;

/** One look at the service. */
export function judgeService(service: ServiceSnapshot): ServiceVerdict {
  const primary = service.deployments.find((deployment) => deployment.status === 'PRIMARY');
  if (primary?.rolloutState === 'FAILED') {
    return { kind: 'failed', reason: primary.rolloutStateReason ?? `the deployment of ${revision(primary.taskDefinition)} failed` };
  }
  const settled = service.deployments.length <= 1 && (primary?.rolloutState === undefined || primary.rolloutState === 'COMPLETED');
  if (service.desiredCount === 0 && settled) return { kind: 'idle' };
  if (settled && service.runningCount === service.desiredCount && service.pendingCount === 0) {
    return { kind: 'stable', running: service.runningCount, taskDefinition: primary?.taskDefinition ?? service.taskDefinition };
  }
  const deploying = service.deployments.length > 1 ? `, replacing ${service.deployments.length - 1} older deployment${service.deployments.length > 2 ? 's' : ''}` : '';
  const failed = primary && primary.failedTasks > 0 ? `, ${primary.failedTasks} failed to start` : '';
  return {
    kind: 'rolling',
    detail: `${service.runningCount} of ${service.desiredCount} task${service.desiredCount === 1 ? '' : 's'} running${service.pendingCount ? `, ${service.pendingCount} starting` : ''}${deploying}${failed}`,
  };
}

export type WaitOutcome =
  | { readonly kind: 'stable'; readonly message: string }
  | { readonly kind: 'idle'; readonly message: string; readonly images: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string; readonly events: readonly string[] }
  | { readonly kind: 'timeout'; readonly message: string; readonly events: readonly string[] }
  | { readonly kind: 'missing'; readonly message: string };

export interface WaitOptions {
  readonly describe: DescribeService;
  readonly cluster: string;
  readonly service: string;
  /** Longest wait; ECS keeps deploying after it, the report says so. */
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly signal: AbortSignal;
  /** A line of progress, at every look. */
  readonly onProgress: (line: string) => void;
}

const minutes = (ms: number): string => {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
};

/** The newest service events (ECS explains a failing deploy there: health checks, image pulls, placement). */
const recentEvents = (service: ServiceSnapshot | undefined): string[] => (service?.events ?? []).slice(0, 3).map((event) => event.message);

export async function waitForService(options: WaitOptions): Promise<WaitOutcome> {
  const started = options.now();
  let firstPrimary: string | undefined;
  let last: ServiceSnapshot | undefined;
  for (;;) {
    const service = await options.describe(options.cluster, options.service, options.signal);
    if (!service) return { kind: 'missing', message: `ECS has no service ${options.service} in ${options.cluster}.` };
    last = service;
    const primary = service.deployments.find((deployment) => deployment.status === 'PRIMARY')?.taskDefinition;
    firstPrimary ??= primary;
    const verdict = judgeService(service);
    const elapsed = options.now() - started;
    // The circuit breaker rolls a failing deployment back by starting one of the previous revision.
    if (firstPrimary && primary && primary !== firstPrimary && service.deployments.some((deployment) => /rollback|rolled back|circuit breaker/i.test(deployment.rolloutStateReason ?? ''))) {
      return {
        kind: 'failed',
        message: `the deployment of ${revision(firstPrimary)} failed and ECS rolled the service back to ${revision(primary)}`,
        events: recentEvents(service),
      };
    }
    switch (verdict.kind) {
      case 'stable':
        return { kind: 'stable', message: `${verdict.running} of ${verdict.running} task${verdict.running === 1 ? '' : 's'} running ${revision(verdict.taskDefinition)}` };
      case 'idle':
        return { kind: 'idle', message: 'no task runs (desired count 0)', images: service.images ?? [] };
      case 'failed':
        return { kind: 'failed', message: verdict.reason, events: recentEvents(service) };
      case 'rolling':
        options.onProgress(`${verdict.detail} (${minutes(elapsed)} of at most ${minutes(options.timeoutMs)})`);
    }
    if (elapsed + options.intervalMs > options.timeoutMs) {
      return {
        kind: 'timeout',
        message: `not stable after ${minutes(options.timeoutMs)}: ${judgeService(last).kind === 'rolling' ? (judgeService(last) as { detail: string }).detail : 'still deploying'}`,
        events: recentEvents(last),
      };
    }
    await options.sleep(options.intervalMs, options.signal);
  }
}
