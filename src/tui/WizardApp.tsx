/**
 * The Ink wizard: the start menu when a file exists, then the steps, then
 * one outcome. It writes nothing and runs nothing: the caller saves the
 * config and runs Terraform, possibly in this same Ink instance (see
 * startWizard).
 */
import { UsageError } from '../errors.js';
import { Text, render, useStdin, type Instance } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Config, ConfigInput } from '../config/index.js';
import { KeyRouter } from '../components/KeyRouter.js';
import { useTerminalSize, type TerminalSize } from '../hooks/useTerminalSize.js';
import { useWizard } from '../hooks/useWizard.js';
import { ReviewScreen, STEP_SCREENS, StartScreen } from '../screens/index.js';
import { reviewBlocking, screenProps } from './screenProps.js';
import { theme } from '../components/theme.js';
import { outcomeOf } from '../wizard/outcome.js';
import { buildConfig, environmentKey } from '../wizard/answers.js';
import { drawStackText } from './drawStack.js';
import type { StartChoice } from '../wizard/start.js';
import type { WizardContext, WizardDefaults, WizardOutcome } from '../wizard/types.js';

export interface WizardAppProps {
  /** The project folder: named in the title, never written to. */
  readonly dir: string;
  /** The parsed ecs-wizard.json, when there is one: the app opens on the start menu. */
  readonly existing?: Config;
  /** What a new project or environment starts from; see readWizardDefaults(). */
  readonly defaults: WizardDefaults;
  /** Called once, when the user finishes or cancels. */
  readonly onOutcome: (outcome: WizardOutcome) => void;
  /** Aborted by a stop from outside (a SIGINT before the keys are raw, SIGTERM, SIGHUP): cancels as Ctrl-C does. */
  readonly stop?: AbortSignal;
}

interface FlowProps {
  readonly context: WizardContext;
  readonly size: TerminalSize;
  readonly onDone: (outcome: WizardOutcome) => void;
  /** Esc on the first step of an existing file: back to the start menu. */
  readonly onLeave: () => void;
}

function WizardFlow({ context, size, onDone, onLeave }: FlowProps) {
  const { state, verdicts, dispatch } = useWizard(context);
  // Deliver the outcome once, after the render that reached it.
  useEffect(() => {
    if (state.status === 'done') onDone(outcomeOf(state));
    if (state.status === 'left') onLeave();
  }, [state.status]);

  const props = screenProps(state, verdicts, dispatch, size);
  // One drawing per set of answers: the diagram synthesizes only when they change.
  const draw = useMemo(
    () => () => drawStackText(buildConfig(state.answers, state.context), environmentKey(state.answers, state.context), size.columns),
    [state.answers, state.context, size.columns],
  );
  if (state.step === 'review') return <ReviewScreen {...props} initial={state.initial} {...reviewBlocking(state, verdicts?.issues)} drawDiagram={draw} />;
  const Screen = STEP_SCREENS[state.step];
  return <Screen {...props} />;
}

type Phase = { readonly kind: 'start' } | { readonly kind: 'wizard'; readonly context: WizardContext; readonly id: number };

function Finished({ outcome }: { readonly outcome: WizardOutcome }) {
  if (outcome.kind === 'cancelled') return <Text color={theme.color('muted')}>Cancelled: nothing was written.</Text>;
  return (
    <Text>
      <Text color={theme.color('success')}>✓</Text> {outcome.environment}: {outcome.action === 'generate' ? 'generating the project' : outcome.action}
    </Text>
  );
}

export function WizardApp({ dir, existing, defaults, onOutcome, stop }: WizardAppProps) {
  const size = useTerminalSize();
  // useInput throws on a stdin that cannot go raw; such a terminal gets plain mode from the CLI.
  const { isRawModeSupported } = useStdin();
  const [phase, setPhase] = useState<Phase>(existing ? { kind: 'start' } : { kind: 'wizard', context: { mode: 'new', defaults, dir }, id: 0 });
  const [outcome, setOutcome] = useState<WizardOutcome>();
  // The first outcome wins; it is delivered after the frame that shows it,
  // so a caller that unmounts at once leaves that line in the terminal.
  const finish = useCallback((result: WizardOutcome) => setOutcome((current) => current ?? result), []);
  useEffect(() => {
    if (outcome) onOutcome(outcome);
  }, [outcome]); // onOutcome is called once, for the one outcome
  useEffect(() => {
    if (!stop) return;
    const cancel = () => finish({ kind: 'cancelled' });
    // A stop that came while Ink mounted, before this effect: its event is gone.
    if (stop.aborted) return cancel();
    stop.addEventListener('abort', cancel, { once: true });
    return () => stop.removeEventListener('abort', cancel);
  }, [stop]);
  const isActive = isRawModeSupported && outcome === undefined;

  const flows = useRef(0);
  // Each visit from the start menu is a fresh walk, so the flow remounts.
  const nextId = () => ++flows.current;
  const choose = (choice: StartChoice) => {
    if (!existing) return;
    if (choice.kind === 'add') return setPhase({ kind: 'wizard', context: { mode: 'add', defaults, existing, dir }, id: nextId() });
    if (choice.kind === 'modify') {
      return setPhase({ kind: 'wizard', context: { mode: 'modify', defaults, existing, environment: choice.environment, dir }, id: nextId() });
    }
    // Running Terraform on a saved environment needs no answers: the file is the config.
    finish({ kind: 'done', config: existing as ConfigInput, environment: choice.environment, action: choice.kind });
  };

  let screen;
  if (outcome) screen = <Finished outcome={outcome} />;
  else if (phase.kind === 'start' && existing) screen = <StartScreen config={existing} size={size} onChoose={choose} />;
  else if (phase.kind === 'wizard') {
    screen = <WizardFlow key={phase.id} context={phase.context} size={size} onDone={finish} onLeave={() => setPhase({ kind: 'start' })} />;
  }
  return (
    <KeyRouter isActive={isActive} onCtrlC={() => finish({ kind: 'cancelled' })}>
      {screen}
    </KeyRouter>
  );
}

export interface WizardOptions {
  readonly dir: string;
  readonly existing?: Config;
  readonly defaults: WizardDefaults;
  /** The process's streams unless given (tests pass fakes). */
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
  readonly stderr?: NodeJS.WriteStream;
  /** See WizardAppProps.stop. */
  readonly stop?: AbortSignal;
}

export interface WizardSession {
  /** Settles when the user finishes or cancels; the Ink instance stays mounted. */
  readonly outcome: Promise<WizardOutcome>;
  /** The live Ink instance: `instance.rerender(<RunView …/>)` continues in the same tree. */
  readonly instance: Instance;
}

/** Mounts the wizard and leaves the Ink instance to the caller, for a run phase that follows. */
export function startWizard(options: WizardOptions): WizardSession {
  let deliver!: (outcome: WizardOutcome) => void;
  const outcome = new Promise<WizardOutcome>((resolve) => {
    deliver = resolve;
  });
  const instance = render(<WizardApp dir={options.dir} defaults={options.defaults} onOutcome={deliver} {...(options.existing ? { existing: options.existing } : {})} {...(options.stop ? { stop: options.stop } : {})} />, {
    // Ctrl-C is the app's to handle: cancel here, stop Terraform safely later.
    exitOnCtrlC: false,
    // Console output would tear the frame on the real terminal; given streams are not the console's.
    patchConsole: options.stdout === undefined,
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.stdout ? { stdout: options.stdout } : {}),
    ...(options.stderr ? { stderr: options.stderr } : {}),
  });
  return { outcome, instance };
}

/** Mounts the wizard, waits for the user, unmounts, and resolves with what they chose. */
export async function runWizard(options: WizardOptions): Promise<WizardOutcome> {
  const stdin = options.stdin ?? process.stdin;
  if (!stdin.isTTY) {
    throw new UsageError('the wizard needs an interactive terminal; use --plain for one question per line, or --yes with --set for no questions');
  }
  const { outcome, instance } = startWizard(options);
  const result = await outcome;
  instance.unmount();
  await instance.waitUntilExit();
  return result;
}
