/**
 * The two front-ends for a person at a terminal: the Ink wizard and run view,
 * and line mode (`--plain`: one question per line, listr2's own renderer).
 * Whatever the person answered is saved before anything can fail, so no
 * answer is ever lost.
 */
import { projectDir } from './project/projectDir.js';
import { PassThrough } from 'node:stream';
import { relative } from 'node:path';
import { EXIT, type CliOptions } from './args.js';
import { renderProblem } from './config/problems.js';
import { parseConfig } from './config/validate.js';
import { configPathFor, loadConfigFile, saveConfigFile } from './project/configFile.js';
import { pickEnvironment } from './project/resolveConfig.js';
import { engineBase, locateTerraform } from './headless/run.js';
import { GenerationConflict, reportProblems, resolveProject, writeResolvedProject, type ResolvedProject } from './headless/synth.js';
import type { EngineCommand } from './tasks/engine.js';
import { readWizardDefaults } from './wizard/defaults.js';
import type { WizardOutcome } from './wizard/types.js';

type Runner = (project: ResolvedProject, environment: string, command: EngineCommand) => Promise<number>;

/** Runs the task graph in the chosen front-end; `instance` continues an Ink app the wizard left mounted. */
async function runner(options: CliOptions, instance?: import('ink').Instance): Promise<Runner> {
  if (options.plain) {
    const { runLineMode } = await import('./line/run.js');
    return (project, environment, command) => runLineMode(project, environment, command, options);
  }
  const { runInInk } = await import('./tui/runInInk.js');
  return async (project, environment, command) => {
    const binary = await locateTerraform(options, process.stderr);
    if (!binary) {
      instance?.unmount();
      return EXIT.usage;
    }
    // Under Ink the synth step must not print: a stray line tears the frame.
    const quiet = new PassThrough().resume();
    const config = project.resolved.config.environments[environment];
    return runInInk({
      ...(instance ? { instance } : {}),
      engine: engineBase(project, environment, command, binary, options, quiet),
      ...(config ? { branch: config.pipeline.branch } : {}),
    });
  };
}

/** `ecs-wizard plan|apply|destroy` at a terminal: the run view, no questions. */
export async function runInteractiveCommand(options: CliOptions, command: EngineCommand): Promise<number> {
  const project = await resolveProject(options, process.stderr);
  if (!project) return EXIT.usage;
  const environment = pickEnvironment(project.resolved.config, options.env);
  if (!environment.ok) {
    process.stderr.write(`ecs-wizard: ${renderProblem(environment.problem)}\n`);
    return EXIT.usage;
  }
  return (await runner(options))(project, environment.name, command);
}

/** `npx ecs-wizard` at a terminal: the wizard, then what the person chose. */
export async function runWizardFlow(options: CliOptions): Promise<number> {
  if (options.sets.length || options.preset) {
    process.stderr.write('ecs-wizard: --set and --preset go with a command (synth, plan, apply) or --yes; the wizard asks instead.\n');
    return EXIT.usage;
  }
  const dir = projectDir(options.dir);
  const configPath = configPathFor(dir, options.config);
  const loaded = await loadConfigFile(configPath);
  if (loaded.kind === 'invalid') {
    process.stderr.write(`ecs-wizard: ${configPath} cannot be pre-filled until it is fixed:\n`);
    for (const problem of loaded.problems) process.stderr.write(`  ✖ ${renderProblem(problem)}\n`);
    return EXIT.usage;
  }
  const defaults = await readWizardDefaults({ dir });
  const existing = loaded.kind === 'loaded' ? { existing: loaded.config } : {};

  let outcome: WizardOutcome;
  let instance: import('ink').Instance | undefined;
  if (options.plain) {
    const { askQuestions } = await import('./line/askQuestions.js');
    outcome = await askQuestions({ dir, defaults, ...existing });
  } else {
    const { startWizard } = await import('./tui/WizardApp.js');
    const session = startWizard({ dir, defaults, ...existing });
    instance = session.instance;
    outcome = await session.outcome;
  }
  const finishInk = async () => {
    instance?.unmount();
    await instance?.waitUntilExit();
  };
  if (outcome.kind === 'cancelled') {
    await finishInk();
    return EXIT.interrupted;
  }

  const parsed = parseConfig(outcome.config);
  if (!parsed.ok) {
    await finishInk();
    reportProblems(parsed.problems);
    return EXIT.usage;
  }
  const project: ResolvedProject = { dir, configPath, resolved: { ok: true, config: parsed.config, created: loaded.kind === 'missing' } };
  // The answers are saved first: whatever fails next (Terraform missing, an
  // edited file, AWS), running again starts from them.
  const saved = await saveConfigFile(configPath, parsed.config);

  if (outcome.action === 'generate') {
    await finishInk();
    if (saved) process.stderr.write(`✔ ${relative(process.cwd(), configPath) || configPath} (${loaded.kind === 'missing' ? 'new project' : 'updated'})\n`);
    try {
      await writeResolvedProject(project, options, process.stderr);
    } catch (error) {
      if (!(error instanceof GenerationConflict)) throw error;
      process.stderr.write(`ecs-wizard: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`Next: npx ecs-wizard plan${Object.keys(parsed.config.environments).length > 1 ? ` --env ${outcome.environment}` : ''}\n`);
    return EXIT.ok;
  }
  return (await runner(options, instance))(project, outcome.environment, outcome.action);
}
