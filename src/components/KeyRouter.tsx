/**
 * The one keyboard listener of the wizard. Screens do not subscribe to
 * stdin themselves: a screen's useInput is attached in an effect, after its
 * first frame, so keys arriving between two screens (Enter, Enter typed
 * quickly, or sent together by tmux) would be lost. Here the listener stays
 * put and the screen on show claims the keys while it renders.
 */
import { createContext, useContext, useRef, type ReactNode } from 'react';
import type { Key } from 'ink';
import { useKeys } from '../hooks/useKeys.js';

export type KeyHandler = (input: string, key: Key) => void;

const KeyTarget = createContext<{ current: KeyHandler | undefined } | null>(null);

export interface KeyRouterProps {
  /** False when stdin cannot go raw (useInput would throw), or once the wizard is done. */
  readonly isActive: boolean;
  /** Ctrl-C, before any screen sees it. */
  readonly onCtrlC?: () => void;
  readonly children: ReactNode;
}

export function KeyRouter({ isActive, onCtrlC, children }: KeyRouterProps) {
  const target = useRef<KeyHandler | undefined>(undefined);
  useKeys(
    (input, key) => {
      if (key.ctrl && input === 'c') onCtrlC?.();
      else target.current?.(input, key);
    },
    { isActive },
  );
  return <KeyTarget.Provider value={target}>{children}</KeyTarget.Provider>;
}

/**
 * Sends the keys to this component while it is the one rendered. Set during
 * render, not in an effect, so the next screen receives keys from its first
 * frame on. Handlers should dispatch to a reducer: keys of one burst arrive
 * before React renders.
 */
export function useKeyTarget(handler: KeyHandler): void {
  const target = useContext(KeyTarget);
  if (target) target.current = handler;
}
