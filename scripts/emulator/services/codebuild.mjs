// @ts-check
/**
 * CodeBuild projects, kept here instead of in moto. moto 5.2.1 refuses what
 * AWS accepts and lacks what the provider calls:
 * - CreateProject wants a source `location` and an artifacts `location` even
 *   for type CODEPIPELINE, where AWS takes none (the pipeline hands the build
 *   its input and takes its output): "Project source location is required".
 * - UpdateProject is not implemented (HTTP 500, retried for minutes by the SDK:
 *   a second apply that changes the project "hangs").
 * So the project operations are answered here, as the API reference documents
 * them (codebuild/latest/APIReference):
 *
 * - CreateProject -> {project}: name, source, artifacts, environment and
 *   serviceRole are required; a source location is required except for
 *   CODEPIPELINE and NO_SOURCE, an artifacts location for S3 only; a second
 *   project of the same name is ResourceAlreadyExistsException. What AWS fills
 *   in when absent is filled in: timeoutInMinutes 60, queuedTimeoutInMinutes
 *   480, the account's S3 key (alias/aws/s3), cache NO_CACHE, image pull
 *   credentials CODEBUILD, privileged mode off, CloudWatch logs ENABLED and S3
 *   logs DISABLED, the badge off, visibility PRIVATE, timestamps.
 * - UpdateProject -> {project}: each field given replaces the stored one;
 *   unknown name: ResourceNotFoundException.
 * - BatchGetProjects {names (names or ARNs)} -> {projects, projectsNotFound}.
 * - ListProjects -> {projects: names}. DeleteProject {name} -> {}.
 * Builds (StartBuild...) still go to moto, which does not know these projects:
 * nothing in our tests starts a build.
 */
import { AwsError, arn, epochSeconds, regional } from '../protocol.mjs';

const stores = regional(/** @returns {Map<string, any>} */ () => new Map());

/** Fields of CreateProject/UpdateProject that are stored as the Project returns them. */
const PROJECT_FIELDS = [
  'description',
  'source',
  'secondarySources',
  'sourceVersion',
  'secondarySourceVersions',
  'artifacts',
  'secondaryArtifacts',
  'cache',
  'environment',
  'serviceRole',
  'timeoutInMinutes',
  'queuedTimeoutInMinutes',
  'encryptionKey',
  'tags',
  'vpcConfig',
  'logsConfig',
  'fileSystemLocations',
  'buildBatchConfig',
  'concurrentBuildLimit',
  'autoRetryLimit',
];

const NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/;

/** @param {string} message */
const invalid = (message) => new AwsError('InvalidInputException', message);

/** @param {any} input */
function validate(input) {
  if (!NAME.test(String(input.name ?? ''))) throw invalid(`Invalid project name: ${String(input.name ?? '')}`);
  if (!input.source?.type) throw invalid('Project source type is required');
  if (!['CODEPIPELINE', 'NO_SOURCE'].includes(input.source.type) && !input.source.location) {
    throw invalid('Project source location is required');
  }
  if (!input.artifacts?.type) throw invalid('Project artifacts type is required');
  if (input.artifacts.type === 'S3' && !input.artifacts.location) throw invalid('Project artifacts location is required');
  const environment = input.environment;
  if (!environment?.type || !environment.image || !environment.computeType) {
    throw invalid('Project environment type, image and computeType are required');
  }
  if (!input.serviceRole) throw invalid('Project serviceRole is required');
}

/**
 * @param {any} project
 * @param {any} input
 */
function assign(project, input) {
  for (const field of PROJECT_FIELDS) if (input[field] !== undefined) project[field] = structuredClone(input[field]);
  if (input.badgeEnabled !== undefined) project.badge = { badgeEnabled: Boolean(input.badgeEnabled) };
  project.environment = { privilegedMode: false, imagePullCredentialsType: 'CODEBUILD', ...project.environment };
  project.logsConfig = {
    ...project.logsConfig,
    cloudWatchLogs: { status: 'ENABLED', ...project.logsConfig?.cloudWatchLogs },
    s3Logs: { status: 'DISABLED', ...project.logsConfig?.s3Logs },
  };
}

/**
 * @param {Map<string, any>} store
 * @param {unknown} nameOrArn
 */
function lookup(store, nameOrArn) {
  const key = String(nameOrArn ?? '');
  return store.get(key.startsWith('arn:') ? key.slice(key.lastIndexOf('/') + 1) : key);
}

/** @type {import('../gateway.mjs').ServiceModule} */
export default {
  name: 'CodeBuild projects',
  signingNames: ['codebuild'],
  reset: () => stores.reset(),
  operations: {
    CreateProject(input, { request }) {
      validate(input);
      const store = stores.of(request);
      const projectArn = arn(request, 'codebuild', `project/${input.name}`);
      if (store.has(input.name)) throw new AwsError('ResourceAlreadyExistsException', `Project already exists: ${projectArn}`);
      const now = epochSeconds();
      const project = {
        name: input.name,
        arn: projectArn,
        timeoutInMinutes: 60,
        queuedTimeoutInMinutes: 480,
        encryptionKey: arn(request, 'kms', 'alias/aws/s3'),
        cache: { type: 'NO_CACHE' },
        tags: [],
        badge: { badgeEnabled: false },
        projectVisibility: 'PRIVATE',
        created: now,
        lastModified: now,
      };
      assign(project, input);
      store.set(input.name, project);
      return { project: structuredClone(project) };
    },
    UpdateProject(input, { request }) {
      const project = lookup(stores.of(request), input.name);
      if (!project) throw new AwsError('ResourceNotFoundException', `Failed to call UpdateProject, reason: Project ${String(input.name)} not found`);
      assign(project, input);
      project.lastModified = epochSeconds();
      return { project: structuredClone(project) };
    },
    BatchGetProjects(input, { request }) {
      const store = stores.of(request);
      const names = /** @type {unknown[]} */ (input.names ?? []);
      const found = names.map((name) => lookup(store, name)).filter(Boolean);
      const missing = names.filter((name) => !lookup(store, name)).map(String);
      return { projects: structuredClone(found), projectsNotFound: missing };
    },
    ListProjects(_input, { request }) {
      return { projects: [...stores.of(request).keys()].sort() };
    },
    DeleteProject(input, { request }) {
      const store = stores.of(request);
      const project = lookup(store, input.name);
      if (project) store.delete(project.name);
      return {};
    },
  },
};
