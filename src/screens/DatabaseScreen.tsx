import { Paragraph } from '../components/Paragraph.js';
import { StepScreen } from './StepScreen.js';
import { linesOf } from '../components/layout.js';
import { theme } from '../components/theme.js';
import type { ScreenProps } from './types.js';

export function DatabaseScreen(props: ScreenProps) {
  const { answers } = props;
  // The combination that loses data is worth a line of its own, not only a help text.
  const risky = answers['wizard.environment'] === 'production' && !answers['env.database.deletionProtection'];
  const warning = 'Without deletion protection, a destroy of production deletes its database (a final snapshot is kept).';
  if (!risky) return <StepScreen {...props} />;
  const extra = <Paragraph text={warning} width={props.size.columns} color={theme.color('warning')} />;
  return <StepScreen {...props} extra={extra} extraLines={linesOf(warning, props.size.columns)} />;
}
