/**
 * Finds a local provider mirror and writes a Terraform CLI configuration that
 * installs providers from it, so `terraform init` works without the registry
 * (air-gapped machines, CI, tests).
 *
 * A filesystem mirror has one of two layouts, both accepted by Terraform:
 *   unpacked: HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_*
 *   packed:   HOST/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where ecs-wizard looks when ECS_WIZARD_TF_MIRROR is not set. */
export const DEFAULT_MIRROR_DIRS: readonly string[] = ['/opt/tf-plugins'];

export const AWS_PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';

export interface MirroredProvider {
  /** e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly source: string;
  readonly version: string;
  /** e.g. `linux_amd64`. */
  readonly platform: string;
  readonly layout: 'unpacked' | 'packed';
  /** The provider executable or zip. */
  readonly file: string;
}

export interface ProviderMirror {
  /** Root of the mirror (the folder holding `registry.terraform.io`). */
  readonly path: string;
  /** Every copy of the wanted provider found, any platform. */
  readonly providers: readonly MirroredProvider[];
  /** Those usable on this machine. */
  readonly forThisPlatform: readonly MirroredProvider[];
}

export interface FindMirrorOptions {
  /** Reads ECS_WIZARD_TF_MIRROR from here; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Folders to try after the env var; defaults to DEFAULT_MIRROR_DIRS. */
  readonly candidates?: readonly string[];
  /** Provider wanted; defaults to the AWS provider. */
  readonly source?: string;
  /** Platform wanted; defaults to this machine's (`linux_amd64`...). */
  readonly platform?: string;
}

/** Terraform's name for this machine's platform. */
export function currentPlatform(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

/**
 * The first candidate folder holding the provider for this platform:
 * ECS_WIZARD_TF_MIRROR first, then the defaults. Returns undefined when none
 * does (a mirror with only other platforms' builds is no use here).
 */
export function findProviderMirror(options: FindMirrorOptions = {}): ProviderMirror | undefined {
  const env = options.env ?? process.env;
  const fromEnv = env['ECS_WIZARD_TF_MIRROR'];
  const dirs = [...(fromEnv ? [fromEnv] : []), ...(options.candidates ?? DEFAULT_MIRROR_DIRS)];
  for (const dir of dirs) {
    const mirror = inspectMirror(dir, options);
    if (mirror && mirror.forThisPlatform.length > 0) return mirror;
  }
  return undefined;
}

/** What a folder holds for one provider, or undefined if it is not a mirror of it. */
export function inspectMirror(dir: string, options: Omit<FindMirrorOptions, 'env' | 'candidates'> = {}): ProviderMirror | undefined {
  const source = options.source ?? AWS_PROVIDER_SOURCE;
  const platform = options.platform ?? currentPlatform();
  const root = path.resolve(dir);
  const typeDir = path.join(root, ...source.split('/'));
  if (!isDir(typeDir)) return undefined;
  const type = source.split('/').pop() ?? '';
  const prefix = `terraform-provider-${type}_`;
  const providers: MirroredProvider[] = [];
  for (const entry of safeList(typeDir)) {
    const entryPath = path.join(typeDir, entry);
    if (isDir(entryPath)) {
      // unpacked: VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION_x5
      for (const plat of safeList(entryPath)) {
        const platDir = path.join(entryPath, plat);
        if (!isDir(platDir)) continue;
        const exe = safeList(platDir).find((f) => f.startsWith(prefix));
        if (exe) providers.push({ source, version: entry, platform: plat, layout: 'unpacked', file: path.join(platDir, exe) });
      }
    } else {
      // packed: terraform-provider-TYPE_VERSION_OS_ARCH.zip
      const m = new RegExp(`^${escapeRegExp(prefix)}(.+)_([a-z0-9]+_[a-z0-9]+)\\.zip$`).exec(entry);
      if (m?.[1] && m[2]) providers.push({ source, version: m[1], platform: m[2], layout: 'packed', file: entryPath });
    }
  }
  if (providers.length === 0) return undefined;
  return { path: root, providers, forThisPlatform: providers.filter((p) => p.platform === platform) };
}

/**
 * CLI configuration text installing `include` from the mirror at `mirrorPath`.
 * Other providers may still come from their registries (the `direct` block):
 * without it, any provider not in the mirror would have no install method.
 */
export function mirrorCliConfig(mirrorPath: string, include: readonly string[] = [AWS_PROVIDER_SOURCE]): string {
  const list = include.map(hclString).join(', ');
  return [
    '# Written by ecs-wizard: install these providers from a local mirror.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${hclString(mirrorPath)}`,
    `    include = [${list}]`,
    '  }',
    '  direct {',
    `    exclude = [${list}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * Writes mirrorCliConfig() to `file` (folders created) and returns the
 * environment to run Terraform with: `{ TF_CLI_CONFIG_FILE: file }`.
 */
export async function writeMirrorCliConfig(
  file: string,
  mirror: Pick<ProviderMirror, 'path'>,
  include: readonly string[] = [AWS_PROVIDER_SOURCE],
): Promise<{ TF_CLI_CONFIG_FILE: string }> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, mirrorCliConfig(mirror.path, include), 'utf8');
  return { TF_CLI_CONFIG_FILE: file };
}

/** An HCL quoted string. JSON escapes are valid HCL escapes; HCL also treats `${` and `%{` as templates. */
function hclString(value: string): string {
  // Function replacements: in a replacement string, `$$` would itself mean `$`.
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function safeList(dir: string): string[] {
  try {
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  } catch {
    return [];
  }
}
