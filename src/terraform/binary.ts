/**
 * Finds the Terraform (or OpenTofu) binary and checks it speaks UI 1.2.
 *
 * Order, first match wins: an explicit path (`--terraform PATH`), then
 * `ECS_WIZARD_TERRAFORM`, then `terraform` on PATH, then `tofu` on PATH.
 * A path the user named explicitly is never silently replaced by another
 * binary: if it is missing or too old, that is the error. Only the PATH
 * lookups fall through (an old `terraform` next to a recent `tofu` still works).
 */
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';

/** UI version 1.2 (typed `-json` events with `ui: "1.2"`) arrived in Terraform 1.6. */
export const MIN_TERRAFORM_VERSION = '1.6.0';

export const INSTALL_HINT =
  'Install Terraform 1.6 or newer (https://developer.hashicorp.com/terraform/install, ' +
  'e.g. `brew install hashicorp/tap/terraform` or your package manager), or OpenTofu 1.6 or newer ' +
  '(https://opentofu.org/docs/intro/install/). If it is installed somewhere unusual, pass ' +
  '--terraform PATH or set ECS_WIZARD_TERRAFORM=PATH.';

export type BinaryFlavor = 'terraform' | 'tofu';
export type BinarySource = 'option' | 'env' | 'path';

export interface TerraformBinary {
  /** Absolute path of the executable. */
  readonly path: string;
  readonly flavor: BinaryFlavor;
  /** e.g. `1.11.4` (a pre-release keeps its suffix: `1.12.0-beta1`). */
  readonly version: string;
  /** e.g. `linux_amd64`, when the binary said. */
  readonly platform: string | undefined;
  /** How it was found, for `doctor` and error messages. */
  readonly source: BinarySource;
  /** Candidates passed over on the way (too old, unusable), for `doctor`. */
  readonly skipped: readonly string[];
}

export interface FindTerraformOptions {
  /** `--terraform PATH`. */
  readonly explicitPath?: string | undefined;
  /** Environment to read `ECS_WIZARD_TERRAFORM` and `PATH` from; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Resolves a relative explicit path; defaults to process.cwd(). */
  readonly cwd?: string;
  /** Minimum version; defaults to MIN_TERRAFORM_VERSION. */
  readonly minVersion?: string;
}

export type TerraformBinaryErrorCode = 'not-found' | 'too-old' | 'unusable';

export class TerraformBinaryError extends Error {
  override readonly name = 'TerraformBinaryError';
  constructor(
    readonly code: TerraformBinaryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function findTerraform(options: FindTerraformOptions = {}): Promise<TerraformBinary> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const minVersion = options.minVersion ?? MIN_TERRAFORM_VERSION;

  const named: { value: string | undefined; source: BinarySource; label: string }[] = [
    { value: options.explicitPath, source: 'option', label: '--terraform' },
    { value: env['ECS_WIZARD_TERRAFORM'], source: 'env', label: 'ECS_WIZARD_TERRAFORM' },
  ];
  for (const { value, source, label } of named) {
    if (value === undefined || value.trim() === '') continue;
    const resolved = await resolveNamed(value, env, cwd);
    if (!resolved) {
      throw new TerraformBinaryError(
        'not-found',
        `${label} points to "${value}", which is not an executable file. ${INSTALL_HINT}`,
      );
    }
    const version = await inspect(resolved, env);
    if (!isAtLeast(version.version, minVersion)) throw tooOld(resolved, version, minVersion);
    return { ...version, path: resolved, source, skipped: [] };
  }

  const skipped: string[] = [];
  const tooOldFound: { path: string; info: VersionInfo }[] = [];
  for (const name of ['terraform', 'tofu']) {
    const found = await whichCommand(name, env);
    if (!found) continue;
    let info: VersionInfo;
    try {
      info = await inspect(found, env);
    } catch (error) {
      skipped.push(`${found}: ${(error as Error).message}`);
      continue;
    }
    if (!isAtLeast(info.version, minVersion)) {
      skipped.push(`${found}: version ${info.version} is older than ${minVersion}`);
      tooOldFound.push({ path: found, info });
      continue;
    }
    return { ...info, path: found, source: 'path', skipped };
  }
  const firstOld = tooOldFound[0];
  if (firstOld) throw tooOld(firstOld.path, firstOld.info, minVersion);
  if (skipped.length > 0) {
    throw new TerraformBinaryError('unusable', `No usable Terraform found (${skipped.join('; ')}). ${INSTALL_HINT}`);
  }
  throw new TerraformBinaryError(
    'not-found',
    `Terraform was not found: neither \`terraform\` nor \`tofu\` is on PATH. ${INSTALL_HINT}`,
  );
}

function tooOld(file: string, info: VersionInfo, minVersion: string): TerraformBinaryError {
  const product = info.flavor === 'tofu' ? 'OpenTofu' : 'Terraform';
  return new TerraformBinaryError(
    'too-old',
    `${product} ${info.version} at ${file} is too old: ecs-wizard needs ${minVersion.replace(/\.0$/, '')} or newer ` +
      `(it reads the machine-readable UI version 1.2). ${INSTALL_HINT}`,
  );
}

export interface VersionInfo {
  readonly version: string;
  readonly platform: string | undefined;
  readonly flavor: BinaryFlavor;
}

/**
 * Runs `<binary> version -json` and reads it. CHECKPOINT_DISABLE stops
 * Terraform phoning home for its upgrade check, which would otherwise hang this
 * call for seconds on a machine without internet.
 */
export async function inspect(binary: string, env: NodeJS.ProcessEnv = process.env): Promise<VersionInfo> {
  const result = await execa(binary, ['version', '-json'], {
    env: { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
    extendEnv: false,
    reject: false,
    timeout: 30_000,
    stdin: 'ignore',
  });
  if (result.failed && result.exitCode === undefined) {
    throw new TerraformBinaryError('unusable', `could not run ${binary}: ${result.shortMessage}`);
  }
  const parsed = parseVersionOutput(String(result.stdout ?? ''), path.basename(binary));
  if (!parsed) {
    const said = `${String(result.stdout ?? '')} ${String(result.stderr ?? '')}`.trim().slice(0, 200);
    throw new TerraformBinaryError(
      'unusable',
      `${binary} did not report a Terraform version (exit ${String(result.exitCode)}: ${said || 'no output'}).`,
    );
  }
  return parsed;
}

/**
 * Reads `version -json` output, or the text of a binary too old for `-json`
 * (`Terraform v0.12.31`). The flavor comes from the text or the file name:
 * OpenTofu's JSON uses the same `terraform_version` key as Terraform.
 */
export function parseVersionOutput(stdout: string, fileName = 'terraform'): VersionInfo | undefined {
  const nameSaysTofu = /tofu/i.test(fileName);
  try {
    const json: unknown = JSON.parse(stdout);
    if (typeof json === 'object' && json !== null) {
      const o = json as Record<string, unknown>;
      const version = [o['terraform_version'], o['tofu_version'], o['opentofu_version']].find(
        (v): v is string => typeof v === 'string' && /^\d+\.\d+\.\d+/.test(v),
      );
      if (version) {
        const platform = typeof o['platform'] === 'string' ? o['platform'] : undefined;
        const flavor: BinaryFlavor = nameSaysTofu || 'tofu_version' in o || 'opentofu_version' in o ? 'tofu' : 'terraform';
        return { version, platform, flavor };
      }
    }
  } catch {
    // Not JSON: an old binary that printed text. Fall through.
  }
  const text = /(OpenTofu|Terraform)\s+v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)/.exec(stdout);
  if (!text?.[2]) return undefined;
  const platform = /on\s+(\w+_\w+)/.exec(stdout)?.[1];
  return { version: text[2], platform, flavor: text[1] === 'OpenTofu' || nameSaysTofu ? 'tofu' : 'terraform' };
}

/**
 * Semver-ish comparison on major.minor.patch. A pre-release of the minimum
 * (1.6.0-beta1) counts as older: betas of 1.6 did not all have UI 1.2.
 */
export function isAtLeast(version: string, minimum: string): boolean {
  const a = splitVersion(version);
  const b = splitVersion(minimum);
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) {
    const x = a.parts[i] ?? 0;
    const y = b.parts[i] ?? 0;
    if (x !== y) return x > y;
  }
  return !(a.prerelease && !b.prerelease);
}

function splitVersion(v: string): { parts: number[]; prerelease: boolean } | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-.+)?/.exec(v.trim());
  if (!m) return undefined;
  return { parts: [Number(m[1]), Number(m[2]), Number(m[3])], prerelease: m[4] !== undefined };
}

/** Is this a file we may execute? */
async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const s = await stat(file);
    if (!s.isFile()) return false;
    await access(file, process.platform === 'win32' ? fsConstants.F_OK : fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An explicit value may be a path (`./bin/terraform`) or a bare command name (`tofu`). */
async function resolveNamed(value: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | undefined> {
  if (value.includes('/') || value.includes(path.sep)) {
    const file = path.resolve(cwd, value);
    return (await isExecutableFile(file)) ? file : undefined;
  }
  return whichCommand(value, env);
}

/** Looks a command name up on the PATH of `env`, like a shell would. */
export async function whichCommand(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const pathValue = env['PATH'] ?? env['Path'] ?? '';
  const extensions =
    process.platform === 'win32' ? ['', ...(env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  for (const dir of pathValue.split(path.delimiter)) {
    if (dir === '') continue; // an empty PATH entry means "cwd": never pick up a binary from the project folder
    for (const ext of extensions) {
      const candidate = path.join(dir, name + ext);
      if (await isExecutableFile(candidate)) return path.resolve(candidate);
    }
  }
  return undefined;
}

/**
 * Does this binary accept `init -json`? Terraform added it in 1.9.0, OpenTofu
 * in 1.7.0; older ones reject the flag and fail the init.
 */
export function supportsInitJson(binary: Pick<TerraformBinary, 'flavor' | 'version'>): boolean {
  return isAtLeast(binary.version, binary.flavor === 'tofu' ? '1.7.0' : '1.9.0');
}
