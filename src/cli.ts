/**
 * Entry point: parse arguments, pick the mode, and import only the front-end
 * that will run. Returns the process exit code. Every failure of every
 * command ends here, in reportFailure: one place turns it into output.
 */
import { commandHelp, helpText, parseCli, type CliOptions } from './args.js';
import { createOutput, type AboutEvent, type Output } from './app/output.js';
import { agreeOnCi, COMMANDS, runWithoutCommand } from './commands.js';
import { EXIT, reportFailure, type ExitCode } from './errors.js';
import { ownPackage } from './packageInfo.js';
import { surviveClosedTerminal } from './closedTerminal.js';

export { isHeadless } from './commands.js';

export function packageVersion(): string {
  return ownPackage().version;
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  surviveClosedTerminal();
  const separator = argv.indexOf('--');
  const own = separator === -1 ? argv : argv.slice(0, separator);
  // Known before parsing, so that a command line that does not parse is reported as --json asks.
  let output: Output = createOutput({ json: own.includes('--json'), debug: own.includes('--debug') });
  try {
    const options = parseCli(argv, COMMANDS);
    output = createOutput({ json: options.json, debug: options.debug });
    if (options.help) {
      const text = options.command ? commandHelp(options.command, COMMANDS) : helpText(COMMANDS);
      if (!options.json) process.stdout.write(text);
      else about(output, { type: 'help', command: options.command ?? null, text }, `Help for ${options.command ? `ecs-wizard ${options.command}` : 'ecs-wizard'}`);
      return EXIT.ok;
    }
    if (options.version) {
      const version = packageVersion();
      if (!options.json) process.stdout.write(`${version}\n`);
      else about(output, { type: 'version', version }, `ecs-wizard ${version}`);
      return EXIT.ok;
    }
    return await run(options, output);
  } catch (error) {
    return reportFailure(error, output.emit);
  }
}

/** --json is one contract for every command: the answer as an event, then the one `done` every run ends with. */
function about(output: Output, event: AboutEvent, summary: string): void {
  output.result(event, []);
  output.emit({ type: 'done', exitCode: EXIT.ok, summary });
}

async function run(parsed: CliOptions, output: Output): Promise<ExitCode> {
  let options = parsed;
  // Chalk, under Ink, ignores NO_COLOR; it must be told before anything loads it.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  // Likewise Ink's reading of CI, which must be ours: see agreeOnCi.
  agreeOnCi();
  // A terminal that cannot redraw a screen gets line mode, as --plain asks.
  if (process.env.TERM === 'dumb' && !options.plain) options = { ...options, plain: true };
  const command = COMMANDS.find((candidate) => candidate.name === options.command);
  return command ? command.run(options, output) : runWithoutCommand(options, output);
}
