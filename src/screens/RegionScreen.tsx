import { StepScreen } from './StepScreen.js';
import type { ScreenProps } from './types.js';

/** The region list, filtered as the user types ("irel", "frankfurt", "eu-west"). */
export function RegionScreen(props: ScreenProps) {
  return <StepScreen {...props} />;
}
