// @ts-check
/**
 * CodeStar Connections (and its new name, CodeConnections): missing from
 * moto 5.2.1 altogether, so a stack that creates its own GitHub connection
 * cannot be applied. Kept here, per account and region, as the API reference
 * documents them (codestar-connections/latest/APIReference, same shapes under
 * codeconnections):
 *
 * - CreateConnection {ConnectionName, ProviderType | HostArn, Tags}
 *   -> {ConnectionArn, Tags}. A connection made through the API starts PENDING
 *   ("You can make its status AVAILABLE by updating the connection in the
 *   console"). The reference documents no error for a repeated name, so
 *   none is invented here.
 * - GetConnection {ConnectionArn} -> {Connection}; unknown: ResourceNotFoundException.
 * - ListConnections {ProviderTypeFilter, HostArnFilter} -> {Connections}.
 * - DeleteConnection {ConnectionArn} -> {}; unknown: ResourceNotFoundException.
 * - ListTagsForResource {ResourceArn} -> {Tags: [{Key, Value}]},
 *   TagResource {ResourceArn, Tags}, UntagResource {ResourceArn, TagKeys}.
 */
import { AwsError, arn, regional } from '../protocol.mjs';

/**
 * @typedef {{ ConnectionArn: string, ConnectionName: string, ConnectionStatus: string, OwnerAccountId: string, ProviderType?: string, HostArn?: string }} Connection
 * @typedef {{ connection: Connection, tags: Map<string, string> }} Entry
 */
const stores = regional(/** @returns {Map<string, Entry>} */ () => new Map());

/**
 * @param {Map<string, Entry>} store
 * @param {unknown} connectionArn
 */
function find(store, connectionArn) {
  const entry = store.get(String(connectionArn));
  if (!entry) throw new AwsError('ResourceNotFoundException', `Connection ${String(connectionArn)} not found`);
  return entry;
}

/** @param {Map<string, string>} tags */
const tagList = (tags) => [...tags].map(([Key, Value]) => ({ Key, Value }));

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'CodeStar Connections',
  signingNames: ['codestar-connections', 'codeconnections'],
  reset: () => stores.reset(),
  operations: {
    CreateConnection(input, { request }) {
      const store = stores.of(request);
      const name = String(input.ConnectionName ?? '');
      if (!name || name.length > 32) {
        throw new AwsError('ValidationException', 'ConnectionName must be 1 to 32 characters long.');
      }
      if (!input.ProviderType && !input.HostArn) {
        throw new AwsError('ValidationException', 'Either ProviderType or HostArn must be given.');
      }
      const service = request.service === 'codeconnections' ? 'codeconnections' : 'codestar-connections';
      const connectionArn = arn(request, service, `connection/${crypto.randomUUID()}`);
      /** @type {Connection} */
      const connection = {
        ConnectionArn: connectionArn,
        ConnectionName: name,
        ConnectionStatus: 'PENDING',
        OwnerAccountId: request.account,
        ...(input.ProviderType ? { ProviderType: String(input.ProviderType) } : {}),
        ...(input.HostArn ? { HostArn: String(input.HostArn) } : {}),
      };
      const tags = new Map((input.Tags ?? []).map((/** @type {any} */ tag) => [String(tag.Key), String(tag.Value ?? '')]));
      store.set(connectionArn, { connection, tags });
      return { ConnectionArn: connectionArn, Tags: tagList(tags) };
    },
    GetConnection(input, { request }) {
      return { Connection: { ...find(stores.of(request), input.ConnectionArn).connection } };
    },
    ListConnections(input, { request }) {
      const connections = [...stores.of(request).values()]
        .map((entry) => entry.connection)
        .filter((c) => !input.ProviderTypeFilter || c.ProviderType === input.ProviderTypeFilter)
        .filter((c) => !input.HostArnFilter || c.HostArn === input.HostArnFilter);
      return { Connections: connections.map((c) => ({ ...c })) };
    },
    DeleteConnection(input, { request }) {
      const store = stores.of(request);
      find(store, input.ConnectionArn);
      store.delete(String(input.ConnectionArn));
      return {};
    },
    ListTagsForResource(input, { request }) {
      return { Tags: tagList(find(stores.of(request), input.ResourceArn).tags) };
    },
    TagResource(input, { request }) {
      const { tags } = find(stores.of(request), input.ResourceArn);
      for (const tag of input.Tags ?? []) tags.set(String(tag.Key), String(tag.Value ?? ''));
      return {};
    },
    UntagResource(input, { request }) {
      const { tags } = find(stores.of(request), input.ResourceArn);
      for (const key of input.TagKeys ?? []) tags.delete(String(key));
      return {};
    },
  },
};
