// @ts-check
/**
 * ECS services: CreateService, UpdateService, DescribeServices and
 * DeleteService are forwarded to moto, and the Service object of each answer
 * completed with the settings moto 5.2.1 accepts but neither stores nor
 * returns (ecs APIReference: Service, CreateService, UpdateService):
 *
 * - deploymentConfiguration (maximumPercent, minimumHealthyPercent,
 *   deploymentCircuitBreaker...): AWS defaults, when none is given, to 200 /
 *   100 and a circuit breaker that is off;
 * - healthCheckGracePeriodSeconds (returned when given);
 * - enableECSManagedTags and enableExecuteCommand (false unless given);
 * - availabilityZoneRebalancing: "For create service requests, when no value is
 *   specified ... defaults the value to ENABLED. For update service requests
 *   ... defaults to the existing service's value".
 * Without them the provider reads 0, false or "" after every apply and plans
 * to set them again (health_check_grace_period_seconds 0 -> 60,
 * enable_ecs_managed_tags false -> true, availability_zone_rebalancing "" ->
 * "DISABLED").
 */
import { Raw } from '../gateway.mjs';
import { regional } from '../protocol.mjs';

/** Settings kept per service ARN. */
const stores = regional(/** @returns {Map<string, Record<string, unknown>>} */ () => new Map());

const KEPT = ['deploymentConfiguration', 'healthCheckGracePeriodSeconds', 'enableECSManagedTags', 'enableExecuteCommand', 'availabilityZoneRebalancing'];

/** @param {any} input */
function given(input) {
  /** @type {Record<string, unknown>} */
  const settings = {};
  for (const key of KEPT) if (input[key] !== undefined && input[key] !== null) settings[key] = structuredClone(input[key]);
  return settings;
}

/**
 * @param {Map<string, Record<string, unknown>>} store
 * @param {any} service  a Service object of moto's answer, completed in place
 */
function complete(store, service) {
  if (!service?.serviceArn) return;
  const settings = store.get(service.serviceArn);
  if (settings) Object.assign(service, structuredClone(settings));
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'ECS service settings',
  signingNames: ['ecs'],
  reset: () => stores.reset(),
  operations: {
    async CreateService(input, { request, forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
      const store = stores.of(request);
      store.set(output.service.serviceArn, {
        deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: false, rollback: false } },
        enableECSManagedTags: false,
        enableExecuteCommand: false,
        availabilityZoneRebalancing: 'ENABLED',
        ...given(input),
      });
      complete(store, output.service);
      return output;
    },
    async UpdateService(input, { request, forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
      const store = stores.of(request);
      const arn = output.service?.serviceArn;
      if (arn) store.set(arn, { ...store.get(arn), ...given(input) });
      complete(store, output.service);
      return output;
    },
    async DescribeServices(_input, { request, forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
      const store = stores.of(request);
      for (const service of output.services ?? []) complete(store, service);
      return output;
    },
    async DeleteService(_input, { request, forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
      const store = stores.of(request);
      complete(store, output.service);
      if (output.service?.serviceArn) store.delete(output.service.serviceArn);
      return output;
    },
  },
};
