/**
 * Answers ⇄ config. The wizard edits flat answers; the file is built from a
 * complete base (a preset, or the existing file) with the answers laid over
 * it, so everything the wizard does not ask keeps its value.
 */
// The config's data modules, not its barrel: the wizard's first frame loads no schema (zod).
import { DEFAULT_ENGINE_VERSION, type DatabaseEngine } from '../config/databaseClasses.js';
import { defaultAt } from '../config/defaults.js';
import { newEnvironmentBranch, unusedVpcCidr } from '../config/environments.js';
import { presetConfig, presetEnvironment, type PresetName } from '../config/presets.js';
import type { ConfigInput } from '../config/schema.js';
import { QUESTIONS } from './questions.js';
import { joinWords, splitWords } from './words.js';
import type { AnswerValue, Answers, FieldId, Question, WizardContext } from './types.js';

type Json = Record<string, unknown>;
type EnvironmentInput = ConfigInput['environments'][string];

/** Selects whose choices are strings but whose config values are numbers. */
const NUMERIC_SELECTS: ReadonlySet<FieldId> = new Set(['app.cpu', 'app.memory', 'env.service.periodSeconds']);

/** Where an answer lives in the file; undefined for the wizard's own choices. */
export function configPath(id: FieldId, environment: string): string[] | undefined {
  const [root, ...rest] = id.split('.');
  if (root === 'app') return ['app', ...rest];
  if (root === 'env') return ['environments', environment, ...rest];
  return undefined;
}

const configBacked = QUESTIONS.filter((entry) => configPath(entry.id, 'x') !== undefined);

function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function setAt(root: Json, path: readonly string[], value: unknown): void {
  let current = root;
  path.slice(0, -1).forEach((key) => {
    const next = current[key];
    current[key] = next !== null && typeof next === 'object' ? next : {};
    current = current[key] as Json;
  });
  const last = path[path.length - 1]!;
  if (value === undefined) delete current[last];
  else current[last] = value;
}

/** Lists typed on one line, comma-separated. */
const LISTS: ReadonlySet<FieldId> = new Set(['env.deployment.testCidrs']);

function toAnswer(entry: Question, value: unknown): AnswerValue {
  if (entry.id === 'app.migrateCommand') return Array.isArray(value) ? joinWords(value.map(String)) : '';
  if (LISTS.has(entry.id)) return Array.isArray(value) ? value.map(String).join(', ') : '';
  switch (entry.kind) {
    case 'boolean':
      return value === true;
    case 'multiselect':
      return Array.isArray(value) ? value.map(String) : [];
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

/**
 * An empty number is NaN, not "use the default": the schema then says what
 * is expected. Likewise an empty connection ARN stays "" while "existing" is
 * chosen, so it is refused rather than silently creating a new connection.
 */
export function toConfigValue(entry: Question, value: AnswerValue): unknown {
  if (entry.id === 'app.migrateCommand') return splitWords(String(value));
  if (LISTS.has(entry.id)) return String(value).split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (entry.kind === 'number' || NUMERIC_SELECTS.has(entry.id)) {
    const text = String(value).trim();
    return text === '' ? Number.NaN : Number(text);
  }
  return value;
}


interface WizardOnly {
  readonly preset: PresetName;
  readonly environment: string;
}

/** Every answer, read from a config and the environment being edited. */
export function answersFromConfig(config: ConfigInput, environment: string, wizard: WizardOnly): Answers {
  const answers: Record<string, AnswerValue> = {
    'wizard.preset': wizard.preset,
    'wizard.environment': wizard.environment,
    'wizard.action': 'generate',
  };
  for (const entry of configBacked) {
    const path = configPath(entry.id, environment)!;
    answers[entry.id] = toAnswer(entry, valueAt(config, path) ?? defaultAt(path));
  }
  if (answers['env.database.engineVersion'] === '') {
    answers['env.database.engineVersion'] = DEFAULT_ENGINE_VERSION[answers['env.database.engine'] as DatabaseEngine] ?? '';
  }
  answers['wizard.connection'] = answers['env.pipeline.connectionArn'] === '' ? 'new' : 'existing';
  answers['wizard.certificate'] = answers['env.domain.certificateArn'] === '' ? 'new' : 'existing';
  return answers as unknown as Answers;
}

const ENVIRONMENT_SUGGESTIONS = ['production', 'staging', 'dev', 'test', 'qa', 'preview'];

/** A name not used yet, for a new environment beside existing ones. */
export function suggestEnvironmentName(existing: readonly string[]): string {
  return ENVIRONMENT_SUGGESTIONS.find((name) => !existing.includes(name)) ?? `env${existing.length + 1}`;
}

function firstEnvironment(config: ConfigInput): EnvironmentInput | undefined {
  return Object.values(config.environments)[0];
}

/**
 * Where a new environment starts: the preset, in the region and repository
 * the others use, but from a branch of its own (one push must not deploy two
 * environments) and in a VPC range that overlaps none of theirs.
 */
function addedEnvironment(config: ConfigInput, preset: PresetName, region: string, environment: string): EnvironmentInput {
  const siblings = Object.values(config.environments);
  const sibling = firstEnvironment(config);
  const added = presetEnvironment(preset, {
    region,
    github: { owner: sibling?.pipeline.owner ?? '', repo: sibling?.pipeline.repo ?? '', branch: newEnvironmentBranch(environment, siblings) },
  });
  return { ...added, network: { ...added.network, vpcCidr: unusedVpcCidr(siblings) } };
}

export function initialAnswers(context: WizardContext): Answers {
  const { defaults, existing } = context;
  const preset = defaults.preset ?? 'starter';
  const branch = defaults.github?.branch ?? defaults.branch ?? 'main';
  if (context.mode === 'modify' && existing && context.environment) {
    return answersFromConfig(existing, context.environment, { preset, environment: context.environment });
  }
  if (context.mode === 'add' && existing) {
    const environment = suggestEnvironmentName(Object.keys(existing.environments));
    const region = firstEnvironment(existing)?.region ?? defaults.region;
    const config = { ...existing, environments: { [environment]: addedEnvironment(existing, preset, region, environment) } };
    return answersFromConfig(config, environment, { preset, environment });
  }
  const environment = defaults.environment ?? 'production';
  // No GitHub remote: leave owner and repo empty so the schema asks for them,
  // rather than a placeholder that would be saved by someone pressing Enter.
  const github = defaults.github ?? { owner: '', repo: '', branch };
  const config = presetConfig(preset, { appName: defaults.appName, environment, region: defaults.region, github: { ...github, branch } });
  return answersFromConfig(config, environment, { preset, environment });
}

/** The answers a preset gives, for the fields a preset governs. */
export function presetAnswers(preset: PresetName, answers: Answers, context: WizardContext): Partial<Answers> {
  const environment = 'preset';
  const base = presetConfig(preset, { appName: 'preset', environment, region: answers['env.region'] });
  const fromPreset = answersFromConfig(base, environment, { preset, environment });
  const governed = QUESTIONS.filter(
    (entry) =>
      /^env\.(availabilityZones|network\.|database\.|service\.)/.test(entry.id) ||
      // App settings are shared by every environment: adding one must not resize the others.
      (context.mode === 'new' && (entry.id === 'app.cpu' || entry.id === 'app.memory')),
  );
  return Object.fromEntries(governed.map((entry) => [entry.id, fromPreset[entry.id]])) as Partial<Answers>;
}

export function environmentKey(answers: Answers, context: WizardContext): string {
  return context.mode === 'modify' && context.environment ? context.environment : answers['wizard.environment'];
}

/**
 * The whole file these answers describe. `key` overrides the environment's
 * name, so the rest can be validated while the typed name is still invalid.
 */
export function buildConfig(answers: Answers, context: WizardContext, key = environmentKey(answers, context)): ConfigInput {
  const preset = answers['wizard.preset'];
  const region = answers['env.region'];
  let config: Json;
  if (context.mode === 'new' || !context.existing) {
    config = presetConfig(preset, { appName: answers['app.name'], environment: key, region }) as Json;
  } else {
    config = structuredClone(context.existing) as Json;
    if (context.mode === 'add') {
      config.environments = { ...(config.environments as Json), [key]: addedEnvironment(context.existing, preset, region, key) };
    }
  }
  for (const entry of configBacked) {
    const visible = entry.visible?.(answers, context) ?? true;
    setAt(config, configPath(entry.id, key)!, visible ? toConfigValue(entry, answers[entry.id]) : undefined);
  }
  keepDesiredCountInRange(config, key);
  // No name, no domain: the environment keeps plain HTTP.
  if (answers['env.domain.name'].trim() === '') setAt(config, ['environments', key, 'domain'], undefined);
  return config as ConfigInput;
}

/**
 * The wizard asks for min and max only; the starting count follows them
 * (the service ignores later drift, so it matters only at creation).
 */
function keepDesiredCountInRange(config: Json, key: string): void {
  const service = valueAt(config, ['environments', key, 'service']) as Json | undefined;
  if (!service) return;
  const { minCount: min, maxCount: max } = service;
  if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max) || min > max) return;
  const desired = typeof service.desiredCount === 'number' ? service.desiredCount : min;
  service.desiredCount = Math.min(Math.max(desired, min), max);
}
