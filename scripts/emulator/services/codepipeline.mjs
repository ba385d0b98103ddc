// @ts-check
/**
 * CodePipeline: forwarded to moto, with its timestamps corrected.
 *
 * moto 5.2.1 sends `created` and `updated` as ISO-8601 strings. The JSON
 * protocol of CodePipeline (awsJson1_1) sends a timestamp as epoch seconds, a
 * number, as the API reference's PipelineMetadata and PipelineSummary are read
 * by every SDK; the provider's SDK fails on the string ("expected Timestamp to
 * be a JSON Number"), and the apply errors after the pipeline was created.
 *
 * - GetPipeline: metadata.created, metadata.updated, metadata.pollingDisabledAt.
 * - ListPipelines: pipelines[].created, pipelines[].updated.
 */
import { Raw } from '../gateway.mjs';

/** @param {unknown} value */
function toEpoch(value) {
  if (typeof value !== 'string') return value;
  const millis = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(millis) ? value : millis / 1000;
}

/**
 * @param {any} record
 * @param {readonly string[]} fields
 */
function fixTimes(record, fields) {
  if (!record || typeof record !== 'object') return;
  for (const field of fields) if (field in record) record[field] = toEpoch(record[field]);
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'CodePipeline timestamps',
  signingNames: ['codepipeline'],
  operations: {
    async GetPipeline(_input, { forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
      fixTimes(output.metadata, ['created', 'updated', 'pollingDisabledAt']);
      return output;
    },
    async ListPipelines(_input, { forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const output = moto.json();
      for (const summary of output.pipelines ?? []) fixTimes(summary, ['created', 'updated']);
      return output;
    },
  },
};
