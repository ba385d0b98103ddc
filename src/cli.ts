/**
 * Entry point: parse arguments, pick the mode, and import only the front-end
 * that will run. Returns the process exit code.
 */
import { readFileSync } from 'node:fs';
import { EXIT, HELP, parseCli, UsageError, type CliOptions } from './args.js';

export function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
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
  switch (options.command) {
    case 'synth': {
      const { runSynth } = await import('./headless/synth.js');
      return runSynth(options);
    }
    case 'plan':
    case 'apply':
    case 'destroy': {
      const { runHeadless } = await import('./headless/run.js');
      return runHeadless(options, options.command);
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
      process.stderr.write('ecs-wizard: the interactive wizard is not available yet; run "ecs-wizard synth" or "ecs-wizard plan" (see --help).\n');
      return EXIT.usage;
    }
  }
}
