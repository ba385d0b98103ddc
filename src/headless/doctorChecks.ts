/**
 * The checks behind `ecs-wizard doctor`. Each says what it found and, when
 * something is wrong, the one thing to do. Credentials are looked for in the
 * environment and the AWS files only: doctor never calls AWS.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { findTerraform, TerraformBinaryError } from '../terraform/binary.js';
import { findProviderMirror } from '../terraform/mirror.js';
import { parseGitHubRemote } from '../wizard/defaults.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix?: string;
}

export interface DoctorContext {
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  readonly terraformPath?: string;
  readonly config?: Config;
  /** The `origin` remote URL, undefined when there is none. */
  readonly gitRemote?: string;
  /** Tells whether the public registry answers; injected so tests stay offline. */
  readonly registryReachable: () => Promise<boolean>;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

export async function checkTerraform(context: DoctorContext): Promise<CheckResult> {
  try {
    const binary = await findTerraform({ explicitPath: context.terraformPath, env: context.env });
    return { name: 'Terraform', status: 'ok', detail: `${binary.flavor} ${binary.version} at ${binary.path}` };
  } catch (error) {
    if (!(error instanceof TerraformBinaryError)) throw error;
    return { name: 'Terraform', status: 'fail', detail: error.message };
  }
}

export async function checkProviderSource(context: DoctorContext): Promise<CheckResult> {
  const configFile = context.env.TF_CLI_CONFIG_FILE ?? join(context.home, '.terraformrc');
  const cliConfig = await readIfExists(configFile);
  if (cliConfig && /filesystem_mirror|network_mirror/.test(cliConfig)) {
    return { name: 'AWS provider', status: 'ok', detail: `installed from the mirror configured in ${configFile}` };
  }
  if (await context.registryReachable()) {
    return { name: 'AWS provider', status: 'ok', detail: 'registry.terraform.io answers; terraform init downloads hashicorp/aws' };
  }
  const mirror = findProviderMirror({ env: context.env });
  if (mirror) {
    return {
      name: 'AWS provider',
      status: 'fail',
      detail: `registry.terraform.io does not answer, but a provider mirror exists at ${mirror.path}`,
      fix: `point Terraform at it: write a CLI config with provider_installation { filesystem_mirror { path = "${mirror.path}" } } and set TF_CLI_CONFIG_FILE to that file`,
    };
  }
  return {
    name: 'AWS provider',
    status: 'fail',
    detail: 'registry.terraform.io does not answer and no provider mirror is configured',
    fix: 'connect to the internet, or configure a provider mirror with TF_CLI_CONFIG_FILE (provider_installation { filesystem_mirror { ... } })',
  };
}

/** Profile names defined in ~/.aws/credentials and ~/.aws/config. */
export async function awsProfiles(env: NodeJS.ProcessEnv, home: string): Promise<Set<string>> {
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')];
  const profiles = new Set<string>();
  for (const file of files) {
    const text = await readIfExists(file);
    for (const match of text?.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm) ?? []) profiles.add(match[1]!);
  }
  return profiles;
}

export async function checkCredentials(context: DoctorContext): Promise<CheckResult[]> {
  const { env } = context;
  const profiles = await awsProfiles(env, context.home);
  const fromEnv = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
  const webIdentity = env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN;
  const container = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ?? env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const environments = Object.entries(context.config?.environments ?? { '(no ecs-wizard.json yet)': undefined });
  return environments.map(([name, environment]): CheckResult => {
    const label = `AWS credentials (${name})`;
    if (environment?.endpoint) {
      return { name: label, status: 'ok', detail: `not needed: every AWS call goes to ${environment.endpoint}` };
    }
    const profile = environment?.awsProfile ?? env.AWS_PROFILE;
    if (profile) {
      return profiles.has(profile)
        ? { name: label, status: 'ok', detail: `profile "${profile}" is defined in the AWS files` }
        : {
            name: label,
            status: 'fail',
            detail: `profile "${profile}" is not defined in ~/.aws/credentials or ~/.aws/config`,
            fix: `create it with "aws configure --profile ${profile}" (or "aws configure sso")`,
          };
    }
    if (fromEnv) return { name: label, status: 'ok', detail: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set' };
    if (webIdentity) return { name: label, status: 'ok', detail: 'web identity (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE) is set' };
    if (container) return { name: label, status: 'ok', detail: 'container credentials are available' };
    if (profiles.has('default')) return { name: label, status: 'ok', detail: 'the default profile is defined in the AWS files' };
    return {
      name: label,
      status: 'fail',
      detail: 'no credentials in the environment or the AWS files',
      fix: 'run "aws configure" (or "aws configure sso"), or set AWS_PROFILE, or set environments.<env>.awsProfile with --set',
    };
  });
}

export function checkGitRemote(context: DoctorContext): CheckResult {
  if (!context.gitRemote) {
    return {
      name: 'Git remote',
      status: 'warn',
      detail: 'no "origin" remote: the pipeline builds from the GitHub repository named in ecs-wizard.json',
      fix: 'add the GitHub repository: git remote add origin git@github.com:OWNER/REPO.git',
    };
  }
  const github = parseGitHubRemote(context.gitRemote);
  if (!github) {
    return { name: 'Git remote', status: 'warn', detail: `origin is ${context.gitRemote}, not GitHub: the pipeline's source is GitHub only` };
  }
  const mismatched = Object.entries(context.config?.environments ?? {}).filter(
    ([, environment]) => environment.pipeline.owner !== github.owner || environment.pipeline.repo !== github.repo,
  );
  if (mismatched.length) {
    return {
      name: 'Git remote',
      status: 'warn',
      detail: `origin is ${github.owner}/${github.repo}, but ${mismatched.map(([name, e]) => `${name} deploys ${e.pipeline.owner}/${e.pipeline.repo}`).join(', ')}`,
    };
  }
  return { name: 'Git remote', status: 'ok', detail: `origin is github.com/${github.owner}/${github.repo}` };
}

export async function runChecks(context: DoctorContext): Promise<CheckResult[]> {
  const [terraform, provider, credentials] = await Promise.all([checkTerraform(context), checkProviderSource(context), checkCredentials(context)]);
  return [terraform, provider, ...credentials, checkGitRemote(context)];
}

export function defaultHome(): string {
  return homedir();
}
