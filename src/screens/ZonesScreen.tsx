import { Paragraph } from '../components/Paragraph.js';
import { StepScreen } from './StepScreen.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import { zonesNote } from '../wizard/sentences.js';
import type { ScreenProps } from './types.js';

export function ZonesScreen(props: ScreenProps) {
  const note = zonesNote(props.answers['env.region'], props.answers['env.availabilityZones'].length);
  const extra = <Paragraph text={note} width={props.size.columns} color={theme.color('muted')} />;
  return <StepScreen {...props} extra={extra} extraLines={linesOf(note, props.size.columns)} />;
}
