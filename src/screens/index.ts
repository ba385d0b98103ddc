import type { ComponentType } from 'react';
import type { StepId } from '../wizard/types.js';
import { ContainerScreen } from './ContainerScreen.js';
import { DatabaseScreen } from './DatabaseScreen.js';
import { DeploysScreen } from './DeploysScreen.js';
import { DomainScreen } from './DomainScreen.js';
import { NetworkScreen } from './NetworkScreen.js';
import { PipelineScreen } from './PipelineScreen.js';
import { ProjectScreen } from './ProjectScreen.js';
import { RegionScreen } from './RegionScreen.js';
import { ScalingScreen } from './ScalingScreen.js';
import type { ScreenProps } from './types.js';
import { ZonesScreen } from './ZonesScreen.js';

export { ReviewScreen, type ReviewScreenProps } from './ReviewScreen.js';
export { StartScreen, type StartScreenProps } from './StartScreen.js';
export type { ScreenProps } from './types.js';

/** The screen of each step before review (review takes extra props). */
export const STEP_SCREENS: Record<Exclude<StepId, 'review'>, ComponentType<ScreenProps>> = {
  project: ProjectScreen,
  region: RegionScreen,
  zones: ZonesScreen,
  network: NetworkScreen,
  database: DatabaseScreen,
  container: ContainerScreen,
  scaling: ScalingScreen,
  domain: DomainScreen,
  pipeline: PipelineScreen,
  deploys: DeploysScreen,
};
