// @ts-check
/**
 * Application Auto Scaling: the tags of a scalable target.
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
 */
import { Raw } from '../gateway.mjs';
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
    async RegisterScalableTarget(input, { request, forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
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
