/**
 * The one keyboard listener of the wizard and of the run view. Screens do
 * not subscribe to stdin themselves: a screen's useInput is attached in an
 * effect, after its first frame, so keys arriving between two screens
 * (Enter, Enter typed quickly, or sent together by tmux) would be lost, and
 * two listeners each reading their own copy of the state lose keys of one
 * burst. Here the listener stays put, splits a burst into its keys, and
 * hands them out by rank: Ctrl-C first (to `onCtrlC` when given), then the
 * screen on show, which claims the keys while it renders.
 */
import { createContext, useContext, useRef, type ReactNode } from 'react';
import type { Key } from 'ink';
import { useKeys } from '../hooks/useKeys.js';

export type KeyHandler = (input: string, key: Key) => void;

const KeyTarget = createContext<{ current: KeyHandler | undefined } | null>(null);

export interface KeyRouterProps {
  /** False when stdin cannot go raw (useInput would throw), or once the wizard is done. */
  readonly isActive: boolean;
  /** Ctrl-C, before any screen sees it. Without it, Ctrl-C goes to the screen, first in its own ranking (the run view's). */
  readonly onCtrlC?: () => void;
  readonly children: ReactNode;
}

export function KeyRouter({ isActive, onCtrlC, children }: KeyRouterProps) {
  const target = useRef<KeyHandler | undefined>(undefined);
  useKeys(
    (input, key) => {
      if (key.ctrl && input === 'c' && onCtrlC) onCtrlC();
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
export function useKeyTarget(handler: KeyHandler | undefined): void {
  const target = useContext(KeyTarget);
  if (target) target.current = handler;
}
