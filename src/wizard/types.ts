/**
 * The vocabulary shared by the Ink wizard and plain mode: what a step is,
 * what an answer is, and what the wizard hands back to the CLI.
 */
import type { Config, ConfigInput, PresetName } from '../config/index.js';
import type { Choice } from '../input/choice.js';

export type { Choice };

export const STEP_IDS = ['project', 'region', 'zones', 'network', 'database', 'container', 'scaling', 'domain', 'pipeline', 'deploys', 'review'] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * Every answer, keyed by where it lands. `app.*` and `env.*` map onto the
 * config file (`env.` is the environment being edited); `wizard.*` are
 * choices that shape the file without being stored in it.
 *
 * Text and number answers stay the text that was typed, so a half-typed
 * "30a" can be shown, validated by the schema and corrected, never lost.
 */
export interface AnswerTypes {
  'app.name': string;
  'wizard.preset': PresetName;
  'wizard.environment': string;
  'env.region': string;
  'env.availabilityZones': readonly string[];
  'env.network.vpcCidr': string;
  'env.network.natGateways': string;
  'env.database.engine': string;
  'env.database.engineVersion': string;
  'env.database.instanceClass': string;
  'env.database.allocatedStorage': string;
  'env.database.maxAllocatedStorage': string;
  'env.database.multiAz': boolean;
  'env.database.backupRetentionDays': string;
  'env.database.deletionProtection': boolean;
  'app.cpu': string;
  'app.memory': string;
  'app.containerPort': string;
  'app.healthCheckPath': string;
  'app.migrateCommand': string;
  'env.service.minCount': string;
  'env.service.maxCount': string;
  'env.service.scaleUpCpuThreshold': string;
  'env.service.scaleDownCpuThreshold': string;
  'env.service.evaluationPeriods': string;
  'env.service.periodSeconds': string;
  'env.domain.name': string;
  'env.domain.hostedZoneId': string;
  'wizard.certificate': string;
  'env.domain.certificateArn': string;
  'env.pipeline.owner': string;
  'env.pipeline.repo': string;
  'env.pipeline.branch': string;
  'wizard.connection': string;
  'env.pipeline.connectionArn': string;
  'env.deployment.strategy': string;
  'env.deployment.traffic': string;
  'env.deployment.keepOldMinutes': string;
  'env.deployment.testCidrs': string;
  'wizard.action': string;
}
export type FieldId = keyof AnswerTypes;
export type Answers = { readonly [K in FieldId]: AnswerTypes[K] };
export type AnswerValue = string | boolean | readonly string[];

export type QuestionKind = 'text' | 'number' | 'select' | 'multiselect' | 'boolean';


/**
 * new: no ecs-wizard.json yet. add: a new environment in an existing file.
 * modify: change an existing environment; answers start from the file.
 */
export type WizardMode = 'new' | 'add' | 'modify';

export interface GitHubDefaults {
  readonly owner: string;
  readonly repo: string;
  readonly branch?: string;
}

/** What a new project starts from; see readWizardDefaults(). */
export interface WizardDefaults {
  /** The folder's name, cut to the schema's name pattern. */
  readonly appName: string;
  readonly region: string;
  /** From `git remote get-url origin`, when it points at GitHub. */
  readonly github?: GitHubDefaults;
  /** Why there is no `github`: no git, no repository, no origin, another host. */
  readonly noGitHub?: string;
  /** The current branch; "main" when unknown. */
  readonly branch?: string;
  readonly preset?: PresetName;
  readonly environment?: string;
}

export interface WizardContext {
  readonly mode: WizardMode;
  /** The project folder, named in the title so nobody answers for the wrong one. */
  readonly dir?: string;
  readonly defaults: WizardDefaults;
  /** The parsed file; present for add and modify. */
  readonly existing?: Config;
  /** The environment being modified (modify only). */
  readonly environment?: string;
}

export interface Question {
  readonly id: FieldId;
  readonly step: StepId;
  /** Short, for the form's label column and the review ("Instance class"). */
  readonly label: string;
  /** What `?` shows: what the choice means and what it costs or risks. */
  readonly help: string;
  readonly kind: QuestionKind;
  /** Choices can depend on other answers (zones of the chosen region). */
  readonly choices?: (answers: Answers) => readonly Choice[];
  /** False when the screen explains the choice at length elsewhere (the NAT consequence). */
  readonly hintInRow?: boolean;
  /** Long lists filter as the user types. */
  readonly searchable?: boolean;
  /** Shown after a number ("GiB", "%"). */
  readonly unit?: string;
  readonly placeholder?: string;
  /** An empty answer is a choice (no domain: plain HTTP), not a missing one. */
  readonly blankAllowed?: boolean;
  readonly visible?: (answers: Answers, context: WizardContext) => boolean;
  /** Why the answer is shown but cannot be changed here, when it cannot. */
  readonly locked?: (context: WizardContext) => string | undefined;
}

export type WizardAction = 'generate' | 'plan' | 'apply' | 'destroy';

export type WizardOutcome =
  | { readonly kind: 'cancelled' }
  | {
      readonly kind: 'done';
      /** The whole ecs-wizard.json to save. */
      readonly config: ConfigInput;
      readonly environment: string;
      readonly action: WizardAction;
    };
