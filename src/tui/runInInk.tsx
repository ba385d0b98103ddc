/**
 * Runs the task graph under Ink: the listr2 graph reports through the Ink
 * renderer (listr2's own renderer never runs beside Ink), the engine's events
 * and questions go through one store, Ctrl-C is a key that stops Terraform
 * safely, and the done screen stays until a key is pressed.
 *
 * Call it on its own (it mounts Ink), or right after the wizard in the same
 * Ink instance: `startWizard()` leaves its instance mounted, and
 * `runInInk({ instance, engine })` continues in it, so the screen never
 * flashes between the last question and the first task.
 */
import { render, useStdin, type Instance, type Key } from 'ink';
import { useEffect } from 'react';
import type { ExitCode } from '../errors.js';
import { KeyRouter } from '../components/KeyRouter.js';
import { useClock, useRun } from '../hooks/useRun.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { RunScreen } from '../screens/RunScreen.js';
import type { EngineCommand, EngineOptions } from '../tasks/engine.js';
import { runEngine } from '../tasks/run.js';
import { InkRenderer } from '../tasks/inkRenderer.js';
import { createInterruptController, listenToProcessSignals } from '../tasks/interrupts.js';
import type { RunListener } from '../tasks/runEvents.js';
import { runKeyEvents } from '../tasks/runKeys.js';
import { isRunning } from '../tasks/runState.js';
import { createRunStore, type RunStore } from '../tasks/runStore.js';

export interface RunAppProps {
  readonly store: RunStore;
  readonly command: EngineCommand;
  readonly environment: string;
  readonly branch?: string;
  /** Ctrl-C while the run goes on. */
  readonly onInterrupt: () => void;
  /** The run is over and the user has seen it (a key, or at once without a terminal). */
  readonly onExit: () => void;
  /** Wait for a key on the done screen; only possible where stdin goes raw. Default true. */
  readonly waitForKey?: boolean;
}

export function RunApp({ store, command, environment, branch, onInterrupt, onExit, waitForKey = true }: RunAppProps) {
  const state = useRun(store);
  const size = useTerminalSize();
  const now = useClock(isRunning(state));
  // useInput throws on a stdin that cannot go raw (a pipe): then no keys, and no waiting for one.
  const { isRawModeSupported } = useStdin();
  const waiting = waitForKey && isRawModeSupported;
  // Each key of a burst is read against the store's latest state, which the
  // key before it has already changed; `state` is what is on screen.
  // exitOnCtrlC is off, so raw mode hands Ctrl-C over as a key like any other.
  const onKey = (input: string, key: Key) => {
    for (const event of runKeyEvents(store.getState(), input, key, state)) {
      switch (event.type) {
        case 'interrupt':
          onInterrupt();
          break;
        case 'exit':
          onExit();
          break;
        case 'answer':
          store.getState().decision?.resolve(event.decision);
          break;
        case 'prompt':
          store.prompt(event.typed, event.mismatch);
          break;
      }
    }
  };
  useEffect(() => {
    if (state.done && !waiting) onExit();
  }, [state.done, waiting]);
  return (
    <KeyRouter isActive={isRawModeSupported}>
      <RunScreen
        state={state}
        command={command}
        environment={environment}
        size={size}
        now={now}
        isActive={isRawModeSupported}
        waitingForKey={waiting}
        onKey={onKey}
        {...(branch ? { branch } : {})}
      />
    </KeyRouter>
  );
}

export interface RunInInkOptions {
  /** The run; the decider, the event sink and the cancellation signals are this front-end's. */
  readonly engine: Omit<EngineOptions, 'decider' | 'emit' | 'signal' | 'forceSignal'>;
  /**
   * An Ink instance to continue in (the wizard's, from startWizard); it must
   * have been rendered with exitOnCtrlC: false. Without one, Ink is mounted
   * on the given streams. Either way it is unmounted when the run returns.
   */
  readonly instance?: Instance;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
  readonly stderr?: NodeJS.WriteStream;
  /** Also told every run event (a JSON log, a test). */
  readonly onEvent?: RunListener;
  /** The branch the pipeline deploys from, for the done screen's next steps. */
  readonly branch?: string;
  /** Wait for a key on the done screen (where stdin is a terminal). Default true. */
  readonly waitForKey?: boolean;
  /** Route the process's SIGINT, SIGTERM and SIGHUP to the run as well (`kill`, a closing terminal). Default true. */
  readonly processSignals?: boolean;
}

/** Runs plan, apply or destroy under Ink and resolves with the exit code (0, 1, 2, 3 or 130). */
export async function runInInk(options: RunInInkOptions): Promise<ExitCode> {
  const store = createRunStore();
  const emit: RunListener = (event) => {
    store.emit(event);
    options.onEvent?.(event);
  };
  const interrupts = createInterruptController(emit);
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => {
    exit = resolve;
  });
  // SIGTERM or SIGHUP (the terminal closed, the tmux pane killed) stop the
  // run like Ctrl-C; once it is over, it ends without waiting for a key
  // nobody can press.
  let finished = false;
  let noKeyWillCome = false;
  const stopListening =
    options.processSignals === false
      ? () => undefined
      : listenToProcessSignals(interrupts, (signal) => {
          if (signal === 'SIGINT') return;
          noKeyWillCome = true;
          if (finished) exit();
        });

  const app = (
    <RunApp
      store={store}
      command={options.engine.command}
      environment={options.engine.environment}
      onInterrupt={() => interrupts.interrupt()}
      onExit={exit}
      {...(options.branch ? { branch: options.branch } : {})}
      {...(options.waitForKey === false ? { waitForKey: false } : {})}
    />
  );
  let instance: Instance;
  if (options.instance) {
    instance = options.instance;
    instance.rerender(app);
  } else {
    instance = render(app, {
      exitOnCtrlC: false,
      // Console output would tear the frame on the real terminal; given streams are not the console's.
      patchConsole: options.stdout === undefined,
      ...(options.stdin ? { stdin: options.stdin } : {}),
      ...(options.stdout ? { stdout: options.stdout } : {}),
      ...(options.stderr ? { stderr: options.stderr } : {}),
    });
  }

  try {
    const result = await runEngine(
      { ...options.engine, decider: store.decider, emit, signal: interrupts.signal, forceSignal: interrupts.forceSignal },
      { renderer: InkRenderer, rendererOptions: { onUpdate: (tasks) => store.onTasks(tasks) } },
    );
    store.flush();
    finished = true;
    if (!noKeyWillCome) await exited;
    return result.exitCode;
  } finally {
    stopListening();
    store.dispose();
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
}
