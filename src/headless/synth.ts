/**
 * `ecs-wizard synth`: config in, CDKTF project out, no prompt. Every problem
 * is reported at once and nothing is written unless all of it is valid.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { EXIT, type CliOptions } from '../args.js';
import { renderProblem, type Problem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { configPathFor, saveConfigFile } from '../project/configFile.js';
import { resolveConfig } from '../project/resolveConfig.js';
import type { TemplateVersions } from '../infra/projectTemplates.js';

export function reportProblems(problems: readonly Problem[], stream: NodeJS.WritableStream = process.stderr): void {
  stream.write(`ecs-wizard: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was written.\n`);
  for (const problem of problems) stream.write(`  ✖ ${renderProblem(problem)}\n`);
}

/** Versions the generated package.json pins: exactly the ones this release runs. */
export function templateVersions(): TemplateVersions {
  const own = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  return {
    ecsWizard: own.version,
    cdktf: own.dependencies.cdktf!,
    providerAws: own.dependencies['@cdktf/provider-aws']!,
    constructs: own.dependencies.constructs!,
  };
}

export function defaultRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

export type PreparedProject = { ok: true; config: Config; configPath: string } | { ok: false; code: number };

/** Resolves the config (file, preset, --set), saves it and writes the project. */
export async function prepareProject(options: CliOptions, out: NodeJS.WritableStream = process.stderr): Promise<PreparedProject> {
  const dir = resolve(options.dir);
  const configPath = configPathFor(dir, options.config);
  const resolved = await resolveConfig({
    dir,
    configPath,
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
    ...(options.env !== undefined ? { environment: options.env } : {}),
    sets: options.sets,
    defaultRegion: defaultRegion(),
  });
  if (!resolved.ok) {
    reportProblems(resolved.problems, out);
    return { ok: false, code: EXIT.usage };
  }
  const { writeProject, describeConflict } = await import('../infra/projectWriter.js');
  const result = await writeProject({ dir, config: resolved.config, versions: templateVersions(), force: options.force });
  if (!result.ok) {
    out.write('ecs-wizard: regeneration stopped, nothing was written:\n');
    for (const conflict of result.conflicts) out.write(`  ✖ ${describeConflict(conflict)}\n`);
    out.write(
      '  Your edits would be lost. Put the change into ecs-wizard.json (every setting is there), or keep it in a\n' +
        '  file of your own; then delete or restore the file above, or run again with --force to overwrite it.\n',
    );
    return { ok: false, code: EXIT.usage };
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
  return { ok: true, config: resolved.config, configPath };
}

export async function runSynth(options: CliOptions): Promise<number> {
  const prepared = await prepareProject(options);
  return prepared.ok ? EXIT.ok : prepared.code;
}
