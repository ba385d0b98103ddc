/**
 * The VPC range with the subnets it yields, recomputed on every keystroke,
 * and what the NAT choice costs and risks.
 */
import { Box, Text } from 'ink';
import { Paragraph } from '../components/Paragraph.js';
import { StepScreen } from './StepScreen.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import { natConsequence, subnetPreview } from '../wizard/sentences.js';
import type { ScreenProps } from './types.js';

const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}.`;

export function NetworkScreen(props: ScreenProps) {
  const zones = props.answers['env.availabilityZones'];
  const cidr = props.answers['env.network.vpcCidr'];
  const nat = sentence(natConsequence(props.answers['env.network.natGateways'], zones.length));
  // A CIDR the schema rejects shows its message, not a layout of a range that will not be used.
  const preview = props.issues['env.network.vpcCidr'] === undefined ? subnetPreview(cidr, zones) : undefined;
  const prefix = preview?.rows[0]?.public.split('/')[1];
  const extra = (
    <Box flexDirection="column">
      <Paragraph text={nat} width={props.size.columns} color={theme.color('warning')} />
      {preview ? (
        <>
          <Text>
            Subnets <Text color={theme.color('muted')}>(/{prefix}, {preview.usablePerSubnet.toLocaleString('en-US')} usable addresses each)</Text>
          </Text>
          {preview.rows.map((row) => (
            <Text key={row.zone}>
              {'  '}
              {row.zone.padEnd(16)}public {row.public.padEnd(18)}private {row.private}
            </Text>
          ))}
        </>
      ) : (
        <Text color={theme.color('muted')}>The subnets appear here once the VPC CIDR is valid.</Text>
      )}
    </Box>
  );
  const extraLines = linesOf(nat, props.size.columns) + (preview ? 1 + preview.rows.length : 1);
  return <StepScreen {...props} extra={extra} extraLines={extraLines} />;
}
