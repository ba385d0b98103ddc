/**
 * The steps of a blue/green change of the infrastructure, as commands the
 * engine runs (see bluegreen.ts). Apart, so the engine's types name them
 * without loading the steps.
 */
export const BLUEGREEN_COMMANDS = ['bluegreen start', 'bluegreen switch', 'bluegreen rollback', 'bluegreen finish'] as const;
export type BlueGreenCommand = (typeof BLUEGREEN_COMMANDS)[number];

export function isBlueGreenCommand(command: string): command is BlueGreenCommand {
  return (BLUEGREEN_COMMANDS as readonly string[]).includes(command);
}
