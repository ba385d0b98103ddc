/**
 * A CodeBuild project of the deployed stack, run here as CodeBuild runs it:
 * its buildspec and environment variables read back from the emulator
 * (BatchGetProjects), the phases in order (install, pre_build, build) in one
 * shell that stops at the first failing command (`sh -ec`, variables kept
 * from phase to phase as in buildspec version 0.2), in a folder holding the
 * build's input, with the real aws CLI pointed at the emulator, and
 * `docker` the stub of test/helpers/dockerStub.mjs (its calls recorded).
 *
 *   const run = await runCodeBuildProject(emu, 'shop-staging-build', { parent, sourceVersion: COMMIT, files: { Dockerfile: 'FROM scratch\n' } });
 *   run.exitCode, run.output, run.file('imagedefinitions.json'), run.docker
 *
 * What CodeBuild adds is added: CODEBUILD_RESOLVED_SOURCE_VERSION (the commit
 * the pipeline's source fetched), CODEBUILD_SRC_DIR, AWS_REGION and
 * AWS_DEFAULT_REGION. A post_build phase is refused (CodeBuild runs it after
 * a failed build, which one shell cannot), as are variables of a type other
 * than PLAINTEXT.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningEmulator } from './emulator.js';
import { REPO_ROOT } from './fakeTerraformHarness.js';

export const DOCKER_STUB = path.join(REPO_ROOT, 'test', 'helpers', 'dockerStub.mjs');

/** One `docker` command the build ran, and what it read on stdin. */
export interface DockerCall {
  readonly argv: readonly string[];
  readonly stdin: string;
}

export interface CodeBuildRun {
  readonly exitCode: number;
  /** stdout and stderr of the shell. */
  readonly output: string;
  /** The build's folder (its input, and what it wrote). */
  readonly dir: string;
  /** The docker commands, in order. */
  readonly docker: readonly DockerCall[];
  /** The project's environment variables, as read back from the emulator. */
  readonly variables: Readonly<Record<string, string>>;
  /** A file the build left in its folder, or undefined. */
  file(name: string): string | undefined;
}

export interface CodeBuildOptions {
  /** A folder for the run's own folder. */
  readonly parent: string;
  /** CODEBUILD_RESOLVED_SOURCE_VERSION: the commit the source stage fetched. */
  readonly sourceVersion?: string;
  /** The input artifact: files by path, written into the build's folder. */
  readonly files?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

const PHASES = ['install', 'pre_build', 'build'] as const;

/** The shell commands of a buildspec (JSON, as the stack writes it), phase after phase. */
export function buildspecCommands(buildspec: string): string[] {
  const spec = JSON.parse(buildspec) as { version: string; phases: Record<string, { commands?: string[] }> };
  if (spec.version !== '0.2') throw new Error(`buildspec version ${spec.version}: only 0.2 is run here`);
  const unknown = Object.keys(spec.phases).filter((phase) => !(PHASES as readonly string[]).includes(phase));
  if (unknown.length) throw new Error(`buildspec phases ${unknown.join(', ')} are not run here (CodeBuild runs post_build even after a failed build)`);
  return PHASES.flatMap((phase) => spec.phases[phase]?.commands ?? []);
}

export async function runCodeBuildProject(emu: RunningEmulator, project: string, options: CodeBuildOptions): Promise<CodeBuildRun> {
  const { projects } = await emu.aws.json('codebuild', 'BatchGetProjects', { names: [project] });
  const found = projects?.[0];
  if (!found) throw new Error(`no CodeBuild project ${project} in the emulator`);
  const commands = buildspecCommands(found.source.buildspec);
  const variables: Record<string, string> = {};
  for (const variable of found.environment.environmentVariables ?? []) {
    if ((variable.type ?? 'PLAINTEXT') !== 'PLAINTEXT') throw new Error(`${project}: variable ${variable.name} is ${variable.type}; only PLAINTEXT is run here`);
    variables[variable.name] = variable.value;
  }
  const dir = mkdtempSync(path.join(options.parent, `${project}-`));
  for (const [file, content] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  // The stub, first on PATH; its state (and its log) outside the build's folder.
  const bin = mkdtempSync(path.join(options.parent, 'bin-'));
  const state = mkdtempSync(path.join(options.parent, 'docker-'));
  writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\nexec "${process.execPath}" "${DOCKER_STUB}" "$@"\n`);
  chmodSync(path.join(bin, 'docker'), 0o755);
  const region = emu.aws.region;
  const result = await new Promise<{ exitCode: number; output: string }>((resolve) => {
    execFile(
      'sh',
      ['-ec', commands.join('\n')],
      {
        cwd: dir,
        timeout: options.timeoutMs ?? 180_000,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`,
          HOME: dir,
          ...variables,
          ...(options.sourceVersion !== undefined ? { CODEBUILD_RESOLVED_SOURCE_VERSION: options.sourceVersion } : {}),
          CODEBUILD_SRC_DIR: dir,
          AWS_REGION: region,
          AWS_DEFAULT_REGION: region,
          AWS_ENDPOINT_URL: emu.endpoint,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_CONFIG_FILE: path.join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
          DOCKER_STUB_STATE: state,
        },
      },
      (error, stdout, stderr) => resolve({ exitCode: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
  const log = path.join(state, 'calls.jsonl');
  const docker = existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as DockerCall)
    : [];
  return {
    ...result,
    dir,
    docker,
    variables,
    file: (name) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : undefined),
  };
}
