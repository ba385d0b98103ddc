/**
 * The prompts plain mode needs, as an interface: the real ones come from
 * @inquirer/prompts (loaded only when plain mode runs), tests pass fakes.
 */
export interface PromptChoice {
  readonly value: string;
  readonly name: string;
  readonly description?: string;
}

export interface Prompts {
  input(config: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
  select(config: { message: string; choices: readonly PromptChoice[]; default?: string; pageSize?: number }): Promise<string>;
  /** A select filtered by typing, for long lists (regions). */
  search(config: { message: string; source: (term: string | undefined) => readonly PromptChoice[]; pageSize?: number }): Promise<string>;
  checkbox(config: {
    message: string;
    choices: ReadonlyArray<PromptChoice & { readonly checked: boolean }>;
    validate?: (selected: ReadonlyArray<{ readonly value: string }>) => boolean | string;
    pageSize?: number;
  }): Promise<string[]>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
}

/** Streams for the prompts; the process's own unless given. */
export interface PromptStreams {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
}

export async function inquirerPrompts(streams: PromptStreams = {}): Promise<Prompts> {
  const inquirer = await import('@inquirer/prompts');
  const context = { ...(streams.input ? { input: streams.input } : {}), ...(streams.output ? { output: streams.output } : {}) };
  return {
    input: (config) => inquirer.input(config, context),
    select: (config) => inquirer.select<string>({ ...config, choices: [...config.choices] }, context),
    search: (config) => inquirer.search<string>({ ...config, source: (term) => [...config.source(term)] }, context),
    checkbox: (config) =>
      inquirer.checkbox<string>(
        {
          ...config,
          choices: [...config.choices],
          ...(config.validate ? { validate: config.validate } : {}),
        },
        context,
      ),
    confirm: (config) => inquirer.confirm(config, context),
  };
}

/** Ctrl-C (or a closed terminal) during a prompt: the user left, nothing failed. */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
