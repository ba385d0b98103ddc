// @ts-check
/**
 * EC2 security group rules: DescribeSecurityGroupRules, forwarded to moto and
 * corrected in two ways (ec2 APIReference: SecurityGroupRule,
 * ReferencedSecurityGroup).
 *
 * - description: moto keeps the description of a rule that references another
 *   group (it is in DescribeSecurityGroups' UserIdGroupPairs) but leaves it
 *   out of the rule; AWS returns it. Filled in from DescribeSecurityGroups.
 *   Without it every aws_vpc_security_group_*_rule naming a group plans
 *   "description: null -> ..." forever.
 * - referencedGroupInfo.userId: AWS names the account that owns the
 *   referenced group, and the provider prints the reference as `ACCOUNT/sg-…`
 *   unless that account is its own. Against an emulator the provider runs with
 *   skip_requesting_account_id (it must plan with no AWS at all), so it never
 *   knows its account and reads every same-account reference as foreign: a
 *   perpetual `referenced_security_group_id` diff that real AWS, where the
 *   provider knows its account, never shows. The userId is left out when it is
 *   the caller's own account (the provider then reads the plain group ID, as
 *   on AWS); a reference to another account's group keeps it.
 */
import { Raw } from '../gateway.mjs';
import { child, items, parseXml, serializeXml, textOf } from '../xml.mjs';

/**
 * @typedef {import('../xml.mjs').XmlElement} XmlElement
 */

/**
 * `groupId|egress|protocol|from|to|referencedGroupId` -> description, from DescribeSecurityGroups.
 * @param {XmlElement} root
 */
function pairDescriptions(root) {
  /** @type {Map<string, string>} */
  const descriptions = new Map();
  for (const group of items(root, 'securityGroupInfo')) {
    const groupId = textOf(group, 'groupId');
    for (const [list, egress] of /** @type {const} */ ([['ipPermissions', 'false'], ['ipPermissionsEgress', 'true']])) {
      for (const permission of items(group, list)) {
        for (const pair of items(permission, 'groups')) {
          const description = textOf(pair, 'description');
          if (!description) continue;
          const key = [groupId, egress, textOf(permission, 'ipProtocol'), textOf(permission, 'fromPort'), textOf(permission, 'toPort'), textOf(pair, 'groupId')];
          descriptions.set(key.join('|'), description);
        }
      }
    }
  }
  return descriptions;
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'EC2 security group rules',
  signingNames: ['ec2'],
  operations: {
    async DescribeSecurityGroupRules(_input, { request, forward }) {
      const moto = await forward();
      if (!moto.ok) return new Raw(moto);
      const document = parseXml(moto.body.toString('utf8'));
      const rules = items(document.root, 'securityGroupRuleSet');
      const referencing = rules.filter((rule) => child(rule, 'referencedGroupInfo'));
      if (referencing.length === 0) return new Raw(moto);

      const missing = referencing.filter((rule) => !textOf(rule, 'description'));
      if (missing.length) {
        const groupIds = [...new Set(missing.map((rule) => textOf(rule, 'groupId')))];
        const query = new URLSearchParams({ Action: 'DescribeSecurityGroups', Version: '2016-11-15' });
        groupIds.forEach((id, index) => query.set(`GroupId.${index + 1}`, id));
        const groups = await forward(Buffer.from(query.toString()));
        const descriptions = groups.ok ? pairDescriptions(parseXml(groups.body.toString('utf8')).root) : new Map();
        for (const rule of missing) {
          const reference = child(rule, 'referencedGroupInfo');
          const key = [
            textOf(rule, 'groupId'),
            textOf(rule, 'isEgress'),
            textOf(rule, 'ipProtocol'),
            textOf(rule, 'fromPort'),
            textOf(rule, 'toPort'),
            textOf(reference, 'groupId'),
          ].join('|');
          const description = descriptions.get(key);
          if (description) rule.children.push({ name: 'description', attributes: {}, children: [], text: description });
        }
      }
      for (const rule of referencing) {
        const reference = child(rule, 'referencedGroupInfo');
        if (reference && textOf(reference, 'userId') === request.account) {
          reference.children = reference.children.filter((c) => c.name !== 'userId');
        }
      }
      return Raw.withBody(moto, serializeXml(document));
    },
  },
};
