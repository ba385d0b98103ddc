// @ts-check
/**
 * Application Auto Scaling: the tags of a scalable target, and what a
 * registration does to an ECS service's desired count.
 *
 * moto 5.2.1 registers targets but implements none of the tag operations, and
 * ignores the `Tags` of RegisterScalableTarget. It answers the provider's
 * ListTagsForResource with HTTP 500, which the AWS SDK retries for minutes
 * ("Still creating" on aws_appautoscaling_target). As the API reference
 * documents them (autoscaling/application/APIReference):
 *
 * - RegisterScalableTarget: forwarded; on success the `Tags` given are kept for
 *   the returned ScalableTargetARN. Tags "can be added while creating it": a
 *   call that updates an existing target keeps its tags and adds those given.
 * - DeregisterScalableTarget: forwarded; on success the target's tags go too.
 * - ListTagsForResource {ResourceARN} -> {Tags: {key: value}}.
 * - TagResource {ResourceARN, Tags}: adds or replaces values -> {}.
 * - UntagResource {ResourceARN, TagKeys} -> {}.
 * An ARN never registered is ResourceNotFoundException (HTTP 400).
 *
 * RegisterScalableTarget also moves the resource into the range: "If the
 * specified resource is not active in the target service, this operation does
 * not change the resource's current capacity. Otherwise, it changes the
 * resource's current capacity to a value that is inside of this range." moto
 * registers the range and leaves an ECS service's desired count alone; the
 * stack starts its service that way (a minimum of 0 until the first image,
 * then its real minimum). So after moto registered an `ecs:service:DesiredCount`
 * target, the gateway reads the ACTIVE service and, when its desired count is
 * outside [MinCapacity, MaxCapacity], sets it to the nearest bound with ECS
 * UpdateService.
 */
import { Raw } from '../gateway.mjs';

const ECS = 'AmazonEC2ContainerServiceV20141113';

/**
 * The documented effect of a registration on an ECS service's desired count.
 * @param {any} input  RegisterScalableTarget's input
 * @param {import('../gateway.mjs').HandlerContext} context
 */
async function moveIntoRange(input, context) {
  if (input.ServiceNamespace !== 'ecs' || input.ScalableDimension !== 'ecs:service:DesiredCount') return;
  const [, cluster, service] = String(input.ResourceId).split('/');
  if (!cluster || !service) return;
  const described = await context.call('ecs', `${ECS}.DescribeServices`, { cluster, services: [service] });
  const found = described.ok ? described.json().services?.find((/** @type {any} */ s) => s.status === 'ACTIVE') : undefined;
  if (!found) return; // not active: capacity unchanged
  const min = typeof input.MinCapacity === 'number' ? input.MinCapacity : -Infinity;
  const max = typeof input.MaxCapacity === 'number' ? input.MaxCapacity : Infinity;
  const desired = Math.min(Math.max(found.desiredCount, min), max);
  if (desired !== found.desiredCount) await context.call('ecs', `${ECS}.UpdateService`, { cluster, service, desiredCount: desired });
}
import { AwsError, regional } from '../protocol.mjs';

/** @typedef {{ tags: Map<string, Record<string, string>>, arnByTarget: Map<string, string> }} Store */
const stores = regional(/** @returns {Store} */ () => ({ tags: new Map(), arnByTarget: new Map() }));

/** @param {any} input */
const targetKey = (input) => `${input.ServiceNamespace}|${input.ResourceId}|${input.ScalableDimension}`;

/**
 * @param {Store} store
 * @param {string} arn
 */
function tagsOf(store, arn) {
  const tags = store.tags.get(arn);
  if (!tags) throw new AwsError('ResourceNotFoundException', `Scalable target ${arn} not found.`);
  return tags;
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'Application Auto Scaling',
  signingNames: ['application-autoscaling'],
  reset: () => stores.reset(),
  operations: {
    async RegisterScalableTarget(input, context) {
      const { request, forward } = context;
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
      await moveIntoRange(input, context);
      const store = stores.of(request);
      const arn = String(output.ScalableTargetARN);
      store.arnByTarget.set(targetKey(input), arn);
      store.tags.set(arn, { ...store.tags.get(arn), ...(input.Tags ?? {}) });
      return output;
    },
    async DeregisterScalableTarget(input, { request, forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const store = stores.of(request);
      const arn = store.arnByTarget.get(targetKey(input));
      if (arn) {
        store.tags.delete(arn);
        store.arnByTarget.delete(targetKey(input));
      }
      return moto.json();
    },
    ListTagsForResource(input, { request }) {
      return { Tags: { ...tagsOf(stores.of(request), String(input.ResourceARN)) } };
    },
    TagResource(input, { request }) {
      Object.assign(tagsOf(stores.of(request), String(input.ResourceARN)), input.Tags ?? {});
      return {};
    },
    UntagResource(input, { request }) {
      const tags = tagsOf(stores.of(request), String(input.ResourceARN));
      for (const key of input.TagKeys ?? []) delete tags[key];
      return {};
    },
  },
};
