import { StepScreen } from './StepScreen.js';
import type { ScreenProps } from './types.js';

/** App name, preset, environment: the names everything else is built from. */
export function ProjectScreen(props: ScreenProps) {
  return <StepScreen {...props} />;
}
