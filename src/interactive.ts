/**
 * The two front-ends for a person at a terminal: the Ink wizard and run view,
 * and line mode (`--plain`: one question per line, listr2's own renderer).
 * Whatever the person answered is saved before anything can fail, so no
 * answer is ever lost. Like cli.ts, this file only chooses: the work is in
 * src/app/ and in the front-end it loads (src/tui/ or src/line/).
 */
import { PassThrough } from 'node:stream';
import type { CliOptions } from './args.js';
import type { Output } from './app/output.js';
import type { STOPPED, StopRequests } from './app/stopRequests.js';
// Until the wizard's first frame is drawn, nothing here loads the schema (zod): the
// project's paths come from app/paths.ts, and app/project.ts (which resolves and
// saves with the schema) and the schema's messages load when they are used.
import { projectPaths, shownPath } from './app/paths.js';
import type { ResolvedProject } from './app/project.js';
import { ConfigError, EXIT, problemCount, UsageError, type ExitCode } from './errors.js';
import { loadConfigFile } from './project/configFile.js';
import type { EngineCommand } from './tasks/engine.js';
import { readWizardDefaults } from './wizard/defaults.js';
import type { WizardOutcome } from './wizard/types.js';

type Runner = (project: ResolvedProject, environment: string, command: EngineCommand) => Promise<ExitCode>;

/** Runs the task graph in the chosen front-end; `instance` continues an Ink app the wizard left mounted. */
async function runner(options: CliOptions, instance?: import('ink').Instance): Promise<Runner> {
  if (options.plain) {
    const { runLineMode } = await import('./line/run.js');
    return (project, environment, command) => runLineMode(project, environment, command, options);
  }
  // Loaded when a run starts, not before the first frame: the engine brings listr2 and execa.
  const [{ runInInk }, { engineOptions, locateTerraform }] = await Promise.all([import('./tui/runInInk.js'), import('./app/engine.js')]);
  return async (project, environment, command) => {
    let binary;
    try {
      binary = await locateTerraform(options);
    } catch (error) {
      // The error is reported on the terminal once Ink has let go of it.
      instance?.unmount();
      await instance?.waitUntilExit();
      throw error;
    }
    // Under Ink the synth step must not print: a stray line tears the frame.
    const quiet = new PassThrough().resume();
    const config = project.resolved.config.environments[environment];
    return runInInk({
      ...(instance ? { instance } : {}),
      engine: engineOptions(project, environment, command, binary, options, quiet),
      ...(config ? { branch: config.pipeline.branch } : {}),
    });
  };
}

/** `ecs-wizard plan|apply|destroy` at a terminal: the run view, no questions. */
export async function runInteractiveCommand(options: CliOptions, command: EngineCommand): Promise<ExitCode> {
  const { resolveProject, pickEnvironment } = await import('./app/project.js');
  const project = await resolveProject(options);
  const environment = pickEnvironment(project, options.env);
  return (await runner(options))(project, environment, command);
}

/** `npx ecs-wizard` at a terminal: the wizard, then what the person chose. */
export async function runWizardFlow(options: CliOptions, output: Output, stop: StopRequests): Promise<ExitCode> {
  if (options.sets.length || options.preset) {
    stop.dispose();
    throw new UsageError('--set and --preset go with a command (synth, plan, apply) or --yes; the wizard asks instead.');
  }
  let asked;
  try {
    asked = await askWizard(options, stop);
  } finally {
    stop.dispose();
  }
  if (asked === stop.stopped) return EXIT.interrupted;
  return afterWizard(options, output, asked);
}

interface Asked {
  readonly dir: string;
  readonly configPath: string;
  readonly loaded: Awaited<ReturnType<typeof loadConfigFile>>;
  readonly outcome: WizardOutcome;
  readonly instance: import('ink').Instance | undefined;
}

/** Reads what the wizard starts from and asks; STOPPED when a signal came before Ink took the keys. */
async function askWizard(options: CliOptions, stop: StopRequests): Promise<Asked | typeof STOPPED> {
  // Ink and the screens load while the config file and git are read, and git runs while the file is read.
  const wizardApp = options.plain ? undefined : import('./tui/WizardApp.js');
  wizardApp?.catch(() => {}); // awaited below; a failure surfaces there
  const { dir, configPath } = projectPaths(options);
  const defaultsRead = readWizardDefaults({ dir });
  defaultsRead.catch(() => {}); // likewise
  const loaded = await stop.before(loadConfigFile(configPath));
  if (loaded === stop.stopped) return stop.stopped;
  if (loaded.kind === 'invalid') {
    const { renderProblem } = await import('./config/problems.js');
    throw new ConfigError(
      loaded.problems.map(renderProblem),
      `${shownPath(configPath)} has ${problemCount(loaded.problems.length)}; fix ${loaded.problems.length === 1 ? 'it' : 'them'} and the wizard starts from the file.`,
    );
  }
  const defaults = await stop.before(defaultsRead);
  if (defaults === stop.stopped) return stop.stopped;
  const existing = loaded.kind === 'loaded' ? { existing: loaded.config } : {};

  if (options.plain) {
    const line = await stop.before(import('./line/askQuestions.js'));
    if (line === stop.stopped) return stop.stopped;
    // Plain mode's prompts take Ctrl-C themselves, as they always have.
    stop.dispose();
    return { dir, configPath, loaded, outcome: await line.askQuestions({ dir, defaults, ...existing }), instance: undefined };
  }
  const tui = await stop.before(wizardApp!);
  if (tui === stop.stopped) return stop.stopped;
  // Mounted, the wizard answers a stop itself, as the Ctrl-C key: "Cancelled", Ink unmounted, then 130.
  const session = tui.startWizard({ dir, defaults, ...existing, stop: stop.signal });
  return { dir, configPath, loaded, outcome: await session.outcome, instance: session.instance };
}

/** Saves what the wizard was told, then generates or runs it. */
async function afterWizard(options: CliOptions, output: Output, asked: Asked): Promise<ExitCode> {
  const { dir, configPath, loaded, outcome } = asked;
  let { instance } = asked;
  const finishInk = async () => {
    instance?.unmount();
    await instance?.waitUntilExit();
  };
  if (outcome.kind === 'cancelled') {
    await finishInk();
    return EXIT.interrupted;
  }

  const [{ parseConfig }, { renderProblem }, { saveAnswers, writeProjectFiles }] = await Promise.all([
    import('./config/validate.js'),
    import('./config/problems.js'),
    import('./app/project.js'),
  ]);
  const parsed = parseConfig(outcome.config);
  if (!parsed.ok) {
    await finishInk();
    throw new ConfigError(parsed.problems.map(renderProblem), `the answers have ${problemCount(parsed.problems.length)}; nothing was written.`);
  }
  // The answers are saved first, holding the project lock (with the generate
  // step under the same lock): whatever fails next (Terraform missing, an
  // edited file, AWS), running again starts from them.
  const generate = outcome.action === 'generate';
  if (generate) await finishInk();
  const say = (message: string) => {
    // A line on stderr would tear Ink's frame: it lets go first (the run mounts its own).
    instance?.unmount();
    instance = undefined;
    output.emit({ type: 'warning', message });
  };
  let answers;
  try {
    answers = await saveAnswers({
      options,
      started: loaded.kind === 'loaded' ? loaded.config : undefined,
      answers: parsed.config,
      say,
      then: async (config) => (generate ? writeProjectFiles(dir, config, options) : undefined),
    });
  } catch (error) {
    await finishInk();
    throw error;
  }
  if (answers.merged) say(`${shownPath(configPath)} changed while the wizard was open (another run saved it): your answers were saved on top of it.`);

  if (outcome.action === 'generate') {
    const { written, environments, recovered } = answers.then!;
    if (answers.saved) output.emit({ type: 'config', path: configPath, saved: true, message: `${shownPath(configPath)} (${loaded.kind === 'missing' ? 'new project' : 'updated'})` });
    if (recovered) say(recovered);
    output.emit({ type: 'synth', dir, environments, written });
    output.stderr.write(`Next: npx ecs-wizard plan${Object.keys(answers.config.environments).length > 1 ? ` --env ${outcome.environment}` : ''}\n`);
    return EXIT.ok;
  }
  return (await runner(options, instance))(answers.project, outcome.environment, outcome.action);
}
