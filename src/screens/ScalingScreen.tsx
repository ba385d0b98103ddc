import { Paragraph } from '../components/Paragraph.js';
import { StepScreen } from './StepScreen.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import { scalingSentence } from '../wizard/sentences.js';
import type { ScreenProps } from './types.js';

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The numbers, and one sentence that says what they do together. */
export function ScalingScreen(props: ScreenProps) {
  const a = props.answers;
  const text =
    scalingSentence({
      minCount: number(a['env.service.minCount']),
      maxCount: number(a['env.service.maxCount']),
      scaleUpCpuThreshold: number(a['env.service.scaleUpCpuThreshold']),
      scaleDownCpuThreshold: number(a['env.service.scaleDownCpuThreshold']),
      evaluationPeriods: number(a['env.service.evaluationPeriods']),
      periodSeconds: number(a['env.service.periodSeconds']),
    }) ?? 'Fill in the thresholds to see what they do.';
  const extra = <Paragraph text={text} width={props.size.columns} color={theme.color('accent')} />;
  return <StepScreen {...props} extra={extra} extraLines={linesOf(text, props.size.columns)} />;
}
