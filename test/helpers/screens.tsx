/**
 * Mounts one wizard screen on the real reducer, at a chosen step, so screen
 * tests type into the same wiring the app uses and can read the state back.
 */
import { useEffect, useMemo, useReducer } from 'react';
import { KeyRouter } from '../../src/components/KeyRouter.js';
import { useTerminalSize } from '../../src/hooks/useTerminalSize.js';
import { ReviewScreen, STEP_SCREENS } from '../../src/screens/index.js';
import { reviewBlocking, screenProps } from '../../src/tui/screenProps.js';
import { createWizardState, wizardReducer, type WizardState } from '../../src/wizard/reducer.js';
import type { StepId, WizardContext } from '../../src/wizard/types.js';
import { validateAnswers } from '../../src/wizard/validation.js';
import { stepCostLines } from '../../src/wizard/cost.js';
import { renderInk, type Rendered } from './ink.js';
import { drawStackText } from '../../src/tui/drawStack.js';
import { buildConfig, environmentKey } from '../../src/wizard/answers.js';
import { NEW } from './wizard.js';

interface HarnessProps {
  readonly context: WizardContext;
  readonly step: StepId;
  readonly prepare?: (state: WizardState) => WizardState;
  readonly onState: (state: WizardState) => void;
  readonly onLeave?: () => void;
}

function ScreenHarness({ context, step, prepare, onState, onLeave }: HarnessProps) {
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => {
    const initial = { ...createWizardState(context), step };
    return prepare ? prepare(initial) : initial;
  });
  const size = useTerminalSize();
  const issues = useMemo(() => validateAnswers(state.answers, state.context), [state.answers, state.context]);
  useEffect(() => onState(state), [state, onState]);
  useEffect(() => {
    if (state.status === 'left') onLeave?.();
  }, [state.status, onLeave]);
  const props = screenProps(state, { issues, costLines: stepCostLines }, dispatch, size);
  // As the app does: the drawing Review shows on `d`, from the answers' synthesized stack.
  const draw = useMemo(() => () => drawStackText(buildConfig(state.answers, state.context), environmentKey(state.answers, state.context), size.columns), [state.answers, state.context, size.columns]);
  // Like the app: next and back show the neighbouring screen, and one router owns the keys.
  const Screen = state.step === 'review' ? undefined : STEP_SCREENS[state.step];
  return (
    <KeyRouter isActive>
      {Screen ? <Screen {...props} /> : <ReviewScreen {...props} initial={state.initial} {...reviewBlocking(state, issues)} drawDiagram={draw} />}
    </KeyRouter>
  );
}

export interface ScreenTest extends Rendered {
  /** The reducer's state after the last key. */
  state(): WizardState;
}

export async function renderScreen(
  step: StepId,
  options: {
    context?: WizardContext;
    prepare?: (state: WizardState) => WizardState;
    onLeave?: () => void;
    columns?: number;
    rows?: number;
  } = {},
): Promise<ScreenTest> {
  let latest: WizardState | undefined;
  const rendered = await renderInk(
    <ScreenHarness
      context={options.context ?? NEW}
      step={step}
      {...(options.prepare ? { prepare: options.prepare } : {})}
      {...(options.onLeave ? { onLeave: options.onLeave } : {})}
      onState={(state) => {
        latest = state;
      }}
    />,
    { columns: options.columns ?? 80, rows: options.rows ?? 24 },
  );
  return {
    ...rendered,
    state: () => {
      if (!latest) throw new Error('no state yet');
      return latest;
    },
  };
}
