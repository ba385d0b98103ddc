// @ts-check
/**
 * RDS: every DB instance gets its own DbiResourceId.
 *
 * moto 5.2.1 gives every DB instance the same DbiResourceId
 * ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U"). AWS documents it as "the Amazon Web
 * Services Region-unique, immutable identifier for the DB instance". The
 * provider keeps it as the instance's ID and reads the instance back with
 * DescribeDBInstances filtered on `dbi-resource-id`: with two instances in one
 * account (two environments) it finds two and fails ("couldn't find
 * resource").
 *
 * So each instance the gateway sees gets a unique ID, fixed for its lifetime
 * (a new instance of the same name, after a delete, gets a new one), written
 * into every DBInstance of the answers below; and a DescribeDBInstances
 * filtered on `dbi-resource-id` is asked of moto without that filter and
 * filtered here on the IDs the gateway gave.
 */
import { createHash } from 'node:crypto';
import { Raw } from '../gateway.mjs';
import { regional } from '../protocol.mjs';
import { descendants, parseXml, serializeXml, textOf } from '../xml.mjs';

/** @typedef {{ ids: Map<string, string>, generation: number }} Store */
const stores = regional(/** @returns {Store} */ () => ({ ids: new Map(), generation: 0 }));

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * `db-` and 26 characters of A-Z2-7, as AWS's look.
 * @param {string} seed
 */
function resourceId(seed) {
  const bytes = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < 26; i += 1) id += BASE32[(bytes[i] ?? 0) % 32];
  return `db-${id}`;
}

/**
 * @param {import('../protocol.mjs').AwsRequest} request
 * @param {string} identifier
 */
function idFor(request, identifier) {
  const store = stores.of(request);
  let id = store.ids.get(identifier);
  if (!id) {
    store.generation += 1;
    id = resourceId(`${request.account}/${request.region}/${identifier}/${store.generation}`);
    store.ids.set(identifier, id);
  }
  return id;
}

/**
 * moto's answer with our IDs in it, and only the instances `keep` accepts.
 * @param {import('../protocol.mjs').AwsRequest} request
 * @param {import('../gateway.mjs').MotoReply} moto
 * @param {(id: string) => boolean} [keep]
 */
function withIds(request, moto, keep) {
  const text = moto.body.toString('utf8');
  if (!text.includes('<DBInstance>')) return new Raw(moto);
  const document = parseXml(text);
  for (const instance of descendants(document.root, 'DBInstance')) {
    const id = idFor(request, textOf(instance, 'DBInstanceIdentifier'));
    const field = instance.children.find((c) => c.name === 'DbiResourceId');
    if (field) field.text = id;
    else instance.children.push({ name: 'DbiResourceId', attributes: {}, children: [], text: id });
  }
  if (keep) {
    for (const list of descendants(document.root, 'DBInstances')) {
      list.children = list.children.filter((instance) => keep(textOf(instance, 'DbiResourceId')));
    }
  }
  return Raw.withBody(moto, serializeXml(document));
}

/**
 * The query parameters without the `dbi-resource-id` filters (the others
 * renumbered from 1, as moto reads a list until the first gap), and the IDs
 * those filters asked for.
 * @param {Buffer} body
 */
function splitFilters(body) {
  const params = new URLSearchParams(body.toString('utf8'));
  /** @type {Map<number, { name: string, values: string[], raw: [string, string][] }>} */
  const filters = new Map();
  const rest = new URLSearchParams();
  for (const [key, value] of params) {
    const match = /^Filters\.Filter\.(\d+)\.(.+)$/.exec(key);
    if (!match) {
      rest.append(key, value);
      continue;
    }
    const index = Number(match[1]);
    const filter = filters.get(index) ?? { name: '', values: [], raw: [] };
    if (match[2] === 'Name') filter.name = value;
    else if (match[2]?.startsWith('Values.')) filter.values.push(value);
    filter.raw.push([match[2] ?? '', value]);
    filters.set(index, filter);
  }
  /** @type {string[] | undefined} */
  let wanted;
  let next = 1;
  for (const [, filter] of [...filters].sort(([a], [b]) => a - b)) {
    if (filter.name === 'dbi-resource-id') {
      wanted = [...(wanted ?? []), ...filter.values];
      continue;
    }
    for (const [suffix, value] of filter.raw) rest.append(`Filters.Filter.${next}.${suffix}`, value);
    next += 1;
  }
  return { body: Buffer.from(rest.toString()), wanted };
}

/** @type {import('../gateway.mjs').Handler} */
async function answerWithIds(_input, { request, forward }) {
  const moto = await forward();
  if (!moto.ok) return new Raw(moto);
  return withIds(request, moto);
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'RDS instance IDs',
  signingNames: ['rds'],
  reset: () => stores.reset(),
  operations: {
    async CreateDBInstance(input, context) {
      // A new instance: a new ID, even under a name used before.
      stores.of(context.request).ids.delete(String(input.DBInstanceIdentifier));
      return answerWithIds(input, context);
    },
    async DescribeDBInstances(_input, { request, forward }) {
      const { body, wanted } = splitFilters(request.body);
      const moto = await forward(wanted ? body : undefined);
      if (!moto.ok) return new Raw(moto);
      return withIds(request, moto, wanted ? (id) => wanted.includes(id) : undefined);
    },
    ModifyDBInstance: answerWithIds,
    RebootDBInstance: answerWithIds,
    StartDBInstance: answerWithIds,
    StopDBInstance: answerWithIds,
    // The ID stays while the instance is deleting: the provider waits on it.
    DeleteDBInstance: answerWithIds,
  },
};
