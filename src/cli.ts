/**
 * Entry point: parse arguments, pick the mode, and import only the front-end
 * that will run. Returns the process exit code.
 */
import { ownPackage } from './packageInfo.js';
import { EXIT, HELP, parseCli, UsageError, type CliOptions } from './args.js';

export function packageVersion(): string {
  return ownPackage().version;
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ecs-wizard: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (options.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  // Chalk, under Ink, ignores NO_COLOR; it must be told before anything loads it.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  const headless = isHeadless(options);
  // A terminal that cannot redraw a screen gets line mode, as --plain asks.
  if (process.env.TERM === 'dumb' && !options.plain) options = { ...options, plain: true };
  switch (options.command) {
    case 'synth': {
      const { runSynth } = await import('./headless/synth.js');
      return runSynth(options);
    }
    case 'plan':
    case 'apply':
    case 'destroy': {
      if (headless) {
        const { runHeadless } = await import('./headless/run.js');
        return runHeadless(options, options.command);
      }
      const { runInteractiveCommand } = await import('./interactive.js');
      return runInteractiveCommand(options, options.command);
    }
    case 'outputs': {
      const { runOutputs } = await import('./headless/outputs.js');
      return runOutputs(options);
    }
    case 'doctor': {
      const { runDoctor } = await import('./headless/doctor.js');
      return runDoctor(options);
    }
    default: {
      if (options.yes) {
        const { runHeadless } = await import('./headless/run.js');
        return runHeadless(options, 'apply');
      }
      if (headless) {
        process.stderr.write(
          'ecs-wizard: no terminal to ask questions in. Run a command (ecs-wizard synth | plan | apply, see --help), or --yes to synth, plan and apply from ecs-wizard.json.\n',
        );
        return EXIT.usage;
      }
      const { runWizardFlow } = await import('./interactive.js');
      return runWizardFlow(options);
    }
  }
}

/**
 * No prompt may ever be shown when --yes is given, when stdin or stdout is not
 * a terminal, or under CI (where Ink would also print only its last frame).
 */
export function isHeadless(options: Pick<CliOptions, 'yes'>, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return options.yes || !process.stdin.isTTY || !process.stdout.isTTY || ci;
}
