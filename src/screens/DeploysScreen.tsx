/**
 * How each release goes out: rolling, or blue/green through CodeDeploy, and
 * what that means for traffic, the test listener and a running service.
 */
import { Paragraph } from '../components/Paragraph.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import { deploysSentence } from '../wizard/sentences.js';
import { StepScreen } from './StepScreen.js';
import type { ScreenProps } from './types.js';

export function DeploysScreen(props: ScreenProps) {
  const { answers, context } = props;
  const saved = context.mode === 'modify' && context.environment ? context.existing?.environments[context.environment]?.deployment.strategy : undefined;
  const text =
    deploysSentence({
      strategy: answers['env.deployment.strategy'],
      traffic: answers['env.deployment.traffic'],
      keepOldMinutes: answers['env.deployment.keepOldMinutes'],
      testCidrs: answers['env.deployment.testCidrs'],
      domain: answers['env.domain.name'].trim() !== '',
      ...(saved !== undefined ? { saved } : {}),
    }) ?? 'Rolling: new tasks start beside the old ones a few at a time; a circuit breaker rolls a failing release back.';
  const extra = <Paragraph text={text} width={props.size.columns} color={theme.color('muted')} />;
  return <StepScreen {...props} extra={extra} extraLines={linesOf(text, props.size.columns)} />;
}
