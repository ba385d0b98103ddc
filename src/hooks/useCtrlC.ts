import { useInput } from 'ink';

/**
 * Ink runs with exitOnCtrlC off, so in raw mode Ctrl-C arrives here as a
 * key and whoever owns the screen decides what it means: in the wizard,
 * before any Terraform runs, it cancels cleanly.
 */
export function useCtrlC(onCtrlC: () => void, isActive: boolean): void {
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') onCtrlC();
    },
    { isActive },
  );
}
