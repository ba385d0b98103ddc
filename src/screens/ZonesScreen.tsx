import { Paragraph } from '../components/Paragraph.js';
import { StepScreen } from './StepScreen.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import { findRegion } from '../config/index.js';
import type { ScreenProps } from './types.js';

export function ZonesScreen(props: ScreenProps) {
  const zones = props.answers['env.availabilityZones'];
  const total = findRegion(props.answers['env.region'])?.zones.length ?? 0;
  const note = `${zones.length} of ${total} selected; each zone gets a public and a private subnet.`;
  const extra = <Paragraph text={note} width={props.size.columns} color={theme.color('muted')} />;
  return <StepScreen {...props} extra={extra} extraLines={linesOf(note, props.size.columns)} />;
}
