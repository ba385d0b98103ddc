// @ts-check
/**
 * EC2 subnet IPv6 blocks: CreateSubnet, DescribeSubnets,
 * AssociateSubnetCidrBlock and DisassociateSubnetCidrBlock, forwarded to moto
 * and corrected (ec2 APIReference: SubnetIpv6CidrBlockAssociation,
 * SubnetCidrBlockState, DescribeSubnets).
 *
 * - ipv6CidrBlockState.state: AWS sends the state code (`associating`,
 *   `associated`, `disassociating`, `disassociated`, `failing`, `failed`);
 *   moto 5.2.1 renders its own Python dict there (`{'State': 'associated'}`).
 *   The provider then never sees the block associated: it associates it a
 *   second time after CreateSubnet and waits three minutes for a state that
 *   never comes. The code is sent as AWS sends it.
 * - DescribeSubnets filters `ipv6-cidr-block-association.association-id`,
 *   `.ipv6-cidr-block` and `.state`: AWS documents them, moto answers HTTP 500.
 *   The provider waits on the first when an IPv6 block is associated with an
 *   existing subnet. moto is asked without them, and the subnets are filtered
 *   here as AWS filters them: a subnet matches when one of its IPv6 blocks
 *   matches every such filter (any of a filter's values).
 */
import { Raw } from '../gateway.mjs';
import { child, items, parseXml, serializeXml, textOf } from '../xml.mjs';

/** `<state>{'State': 'associated'}</state>` → `<state>associated</state>`. */
const PYTHON_STATE = /<state>\{'State': '([a-z]+)'(?:, 'StatusMessage': '[^']*')?\}<\/state>/g;

/** @param {string} body */
const correct = (body) => body.replace(PYTHON_STATE, '<state>$1</state>');

/** @type {import('../gateway.mjs').Handler} */
async function correctStates(_input, { forward }) {
  const moto = await forward();
  if (!moto.ok) return new Raw(moto);
  const body = moto.body.toString('utf8');
  const corrected = correct(body);
  return corrected === body ? new Raw(moto) : Raw.withBody(moto, corrected);
}

const ASSOCIATION_FILTER = 'ipv6-cidr-block-association.';

/**
 * The query's filters as { name, values }, and the form without the IPv6
 * association ones (renumbered, so moto sees a well-formed list).
 * @param {Record<string, string>} input
 */
function splitFilters(input) {
  /** @type {Map<string, { name: string, values: string[] }>} */
  const filters = new Map();
  const rest = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    const match = /^Filter\.(\d+)\.(Name|Value\.\d+)$/.exec(key);
    if (!match) {
      rest.set(key, value);
      continue;
    }
    const filter = filters.get(match[1]) ?? { name: '', values: [] };
    if (match[2] === 'Name') filter.name = value;
    else filter.values.push(value);
    filters.set(match[1], filter);
  }
  const kept = [...filters.values()].filter((filter) => !filter.name.startsWith(ASSOCIATION_FILTER));
  kept.forEach((filter, index) => {
    rest.set(`Filter.${index + 1}.Name`, filter.name);
    filter.values.forEach((value, at) => rest.set(`Filter.${index + 1}.Value.${at + 1}`, value));
  });
  return { ipv6: [...filters.values()].filter((filter) => filter.name.startsWith(ASSOCIATION_FILTER)), rest };
}

/** @type {import('../gateway.mjs').Handler} */
async function describeSubnets(input, context) {
  const { ipv6, rest } = splitFilters(input);
  if (ipv6.length === 0) return correctStates(input, context);
  const moto = await context.forward(Buffer.from(rest.toString()));
  if (!moto.ok) return new Raw(moto);
  const document = parseXml(correct(moto.body.toString('utf8')));
  const field = { 'association-id': 'associationId', 'ipv6-cidr-block': 'ipv6CidrBlock', state: 'state' };
  const set = child(document.root, 'subnetSet');
  if (set) {
    set.children = set.children.filter((subnet) =>
      items(subnet, 'ipv6CidrBlockAssociationSet').some((association) =>
        ipv6.every((filter) => {
          const name = /** @type {keyof typeof field} */ (filter.name.slice(ASSOCIATION_FILTER.length));
          const value = name === 'state' ? textOf(child(association, 'ipv6CidrBlockState'), 'state') : textOf(association, field[name] ?? name);
          return filter.values.includes(value);
        }),
      ),
    );
  }
  return Raw.withBody(moto, serializeXml(document));
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'EC2 subnet IPv6 blocks',
  signingNames: ['ec2'],
  operations: {
    CreateSubnet: correctStates,
    DescribeSubnets: describeSubnets,
    AssociateSubnetCidrBlock: correctStates,
    DisassociateSubnetCidrBlock: correctStates,
  },
};
