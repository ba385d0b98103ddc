/**
 * Your own name over HTTPS, or none: what each answer sets up, said as the
 * name is typed, so the consequence is on screen before Enter.
 */
import { Paragraph } from '../components/Paragraph.js';
import { StepScreen } from './StepScreen.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import { domainSentence } from '../wizard/sentences.js';
import type { ScreenProps } from './types.js';

export function DomainScreen(props: ScreenProps) {
  const text = domainSentence({
    name: props.answers['env.domain.name'],
    valid: props.issues['env.domain.name'] === undefined,
    existingCertificate: props.answers['wizard.certificate'] === 'existing',
  });
  const extra = <Paragraph text={text} width={props.size.columns} color={theme.color('muted')} />;
  return <StepScreen {...props} extra={extra} extraLines={linesOf(text, props.size.columns)} />;
}
