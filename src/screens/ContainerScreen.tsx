import { Paragraph } from '../components/Paragraph.js';
import { StepScreen } from './StepScreen.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import { fargateMemoryFor } from '../config/fargate.js';
import type { ScreenProps } from './types.js';

export function ContainerScreen(props: ScreenProps) {
  const cpu = Number(props.answers['app.cpu']);
  const sizes = fargateMemoryFor(cpu);
  const range = sizes.length > 0 ? `${sizes[0]! / 1024}-${sizes[sizes.length - 1]! / 1024} GB` : '';
  const shared = props.context.mode === 'new' ? '' : ' These settings are shared by every environment.';
  const note = `Fargate runs ${cpu / 1024} vCPU with ${range} of memory; only those sizes are offered.${shared}`;
  const extra = <Paragraph text={note} width={props.size.columns} color={theme.color('muted')} />;
  return <StepScreen {...props} extra={extra} extraLines={linesOf(note, props.size.columns)} />;
}
