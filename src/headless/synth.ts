/**
 * `ecs-wizard synth`: config in, CDKTF project out, no prompt. Every problem
 * is reported at once and nothing is written unless all of it is valid.
 */
import { projectDir } from '../project/projectDir.js';
import { relative, resolve } from 'node:path';
import { EXIT, type CliOptions } from '../args.js';
import { ownPackage } from '../packageInfo.js';
import { renderProblem, type Problem } from '../config/problems.js';
import { configPathFor, saveConfigFile } from '../project/configFile.js';
import { resolveConfig, type ResolvedConfig } from '../project/resolveConfig.js';
import { readWizardDefaults } from '../wizard/defaults.js';
import type { TemplateVersions } from '../infra/projectTemplates.js';

export function reportProblems(problems: readonly Problem[], stream: NodeJS.WritableStream = process.stderr): void {
  stream.write(`ecs-wizard: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was written.\n`);
  for (const problem of problems) stream.write(`  ✖ ${renderProblem(problem)}\n`);
}

/** Versions the generated package.json pins: exactly the ones this release runs. */
export function templateVersions(): TemplateVersions {
  const own = ownPackage();
  return {
    ecsWizard: own.version,
    cdktf: own.dependencies.cdktf!,
    providerAws: own.dependencies['@cdktf/provider-aws']!,
    constructs: own.dependencies.constructs!,
  };
}

export interface ResolvedProject {
  readonly dir: string;
  readonly configPath: string;
  readonly resolved: Extract<ResolvedConfig, { ok: true }>;
}

/** Resolves the config (file, preset, --set); reports every problem and returns undefined when invalid. */
export async function resolveProject(options: CliOptions, out: NodeJS.WritableStream = process.stderr): Promise<ResolvedProject | undefined> {
  const dir = projectDir(options.dir);
  const configPath = configPathFor(dir, options.config);
  const resolved = await resolveConfig({
    configPath,
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
    ...(options.env !== undefined ? { environment: options.env } : {}),
    sets: options.sets,
    defaults: () => readWizardDefaults({ dir }),
  });
  if (!resolved.ok) {
    reportProblems(resolved.problems, out);
    return undefined;
  }
  return { dir, configPath, resolved };
}

export class GenerationConflict extends Error {
  override readonly name = 'GenerationConflict';
}

/**
 * Writes the project, then saves the config; throws GenerationConflict (with
 * the whole explanation as its message) when a generated file was edited.
 */
export async function writeResolvedProject(project: ResolvedProject, options: Pick<CliOptions, 'force' | 'preset'>, out: NodeJS.WritableStream): Promise<void> {
  const { dir, configPath, resolved } = project;
  const { writeProject, describeConflict } = await import('../infra/projectWriter.js');
  const result = await writeProject({ dir, config: resolved.config, versions: templateVersions(), force: options.force });
  if (!result.ok) {
    throw new GenerationConflict(
      [
        'regeneration stopped, nothing was written:',
        ...result.conflicts.map((conflict) => `  ✖ ${describeConflict(conflict)}`),
        '  Your edits would be lost. Put the change into ecs-wizard.json (every setting is there), or keep it in a',
        '  file of your own; then delete or restore the file above, or run again with --force to overwrite it.',
      ].join('\n'),
    );
  }
  const savedConfig = await saveConfigFile(configPath, resolved.config);
  const shown = (path: string) => relative(process.cwd(), resolve(dir, path)) || '.';
  if (savedConfig) {
    const why = resolved.created
      ? `new project from the ${options.preset ?? 'starter'} preset`
      : resolved.migratedFrom !== undefined
        ? `migrated from version ${resolved.migratedFrom}`
        : resolved.environmentAdded
          ? `added environment ${resolved.environmentAdded}`
          : 'updated';
    out.write(`✔ ${shown(configPath)} (${why})\n`);
  }
  for (const file of result.written) out.write(`✔ ${shown(file)}\n`);
  if (!savedConfig && result.written.length === 0) out.write('✔ everything is up to date\n');
}

export async function runSynth(options: CliOptions): Promise<number> {
  const project = await resolveProject(options);
  if (!project) return EXIT.usage;
  try {
    await writeResolvedProject(project, options, process.stderr);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof GenerationConflict) {
      process.stderr.write(`ecs-wizard: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
