/**
 * The CodeBuild buildspecs of the pipeline, inline so the user's repository
 * needs nothing but a Dockerfile: the Build stage's (image, migrations, hand
 * over to the deploy) and the Start step's, after the deploy.
 *
 * Everything they need arrives as environment variables of the CodeBuild
 * project, so the text is the same for every environment. It must never hold
 * `${` or `%{`: Terraform would read those as its own interpolation, so shell
 * variables are written `$NAME` and pieces are cut with `cut`.
 *
 * Everything happens in the build phase: CodeBuild runs post_build even after
 * a failed build, and a failed migration must stop the deploy.
 *
 * The image is tagged by its commit, once: the repository's tags are
 * immutable, so a retried run of a commit built before skips the build. The
 * migrations run that exact image: the build registers a revision of the
 * migrate task definition (its latest revision, which Terraform keeps up to
 * date, with the new image) and runs it. Only after they succeeded is the tag
 * written to the image tag parameter, from which Terraform's next plan takes
 * the deployed image.
 */
import { MIGRATE_CONTAINER } from './containers.js';

/** Environment variables the build commands read, set by the CodeBuild project. */
export const BUILD_VARIABLES = [
  'REPOSITORY_URI',
  'CONTAINER_NAME',
  'CLUSTER',
  'MIGRATE_FAMILY',
  'SUBNETS',
  'SECURITY_GROUP',
  'DOCKERFILE',
  'BUILD_CONTEXT',
  'DATABASE_APP_SECRET',
  'CODEDEPLOY_FAMILIES',
  'CODEDEPLOY_PORTS',
] as const;

export type BuildVariable = (typeof BUILD_VARIABLES)[number];

/** Environment variables the start commands read. */
export const START_VARIABLES = ['CLUSTER', 'SERVICE', 'MIN_COUNT', 'MAX_COUNT', 'CONTAINER_NAME', 'IMAGE_TAG_PARAMETER'] as const;

export type StartVariable = (typeof START_VARIABLES)[number];

/** A copy of the latest migrate revision with the new image in the migrate container, tags kept, empty fields left out. */
const NEXT_MIGRATE_REVISION = [
  '.taskDefinition as $t',
  '| {family: $t.family, taskRoleArn: $t.taskRoleArn, executionRoleArn: $t.executionRoleArn, networkMode: $t.networkMode,',
  'requiresCompatibilities: $t.requiresCompatibilities, cpu: $t.cpu, memory: $t.memory, runtimePlatform: $t.runtimePlatform,',
  'volumes: $t.volumes, containerDefinitions: [$t.containerDefinitions[] | if .name == $name then .image = $image else . end],',
  'tags: .tags}',
  '| with_entries(select(.value != null and .value != []))',
].join(' ');

/**
 * A registrable copy of a task definition with the web container's image left
 * to CodeDeploy (`<IMAGE1_NAME>`): what DescribeTaskDefinition adds (ARN,
 * revision, status, who registered it) dropped, empty fields left out.
 */
const NEXT_TASK_DEFINITION = [
  '{family, taskRoleArn, executionRoleArn, networkMode, requiresCompatibilities, cpu, memory, runtimePlatform, volumes,',
  'containerDefinitions: [.containerDefinitions[] | if .name == $name then .image = "<IMAGE1_NAME>" else . end]}',
  '| with_entries(select(.value != null and .value != []))',
].join(' ');

const build = {
  preBuild: [
    'REGISTRY=$(echo "$REPOSITORY_URI" | cut -d/ -f1)',
    'REPOSITORY_NAME=$(echo "$REPOSITORY_URI" | cut -d/ -f2-)',
    'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
    // Tag by the commit the pipeline fetched, so every image names its source.
    'IMAGE_TAG="$CODEBUILD_RESOLVED_SOURCE_VERSION"',
    'if [ -z "$IMAGE_TAG" ]; then echo "no commit to tag the image with (CODEBUILD_RESOLVED_SOURCE_VERSION is empty)"; exit 1; fi',
  ],
  build: [
    'if aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids imageTag="$IMAGE_TAG" > /dev/null 2>&1; then ' +
      'echo "image $IMAGE_TAG exists: not building it again"; ' +
      'else docker build -f "$BUILD_CONTEXT/$DOCKERFILE" -t "$REPOSITORY_URI:$IMAGE_TAG" "$BUILD_CONTEXT" && docker push "$REPOSITORY_URI:$IMAGE_TAG"; fi',
    // The app's own database password, generated once; the setup step gives it to the app's user.
    'if ! aws secretsmanager describe-secret --secret-id "$DATABASE_APP_SECRET" --query VersionIdsToStages --output text | grep -q AWSCURRENT; then ' +
      'aws secretsmanager put-secret-value --secret-id "$DATABASE_APP_SECRET" ' +
      '--secret-string "$(aws secretsmanager get-random-password --exclude-punctuation --password-length 32 --query RandomPassword --output text)" > /dev/null; ' +
      'echo "generated the password of the app\'s database user"; fi',
    // Migrate with exactly this image: a revision of the migrate task definition that names it.
    'aws ecs describe-task-definition --task-definition "$MIGRATE_FAMILY" --include TAGS > migrate-current.json',
    `jq --arg image "$REPOSITORY_URI:$IMAGE_TAG" --arg name "${MIGRATE_CONTAINER}" '${NEXT_MIGRATE_REVISION}' migrate-current.json > migrate-next.json`,
    "MIGRATE_TASK_DEFINITION=$(aws ecs register-task-definition --cli-input-json file://migrate-next.json --query 'taskDefinition.taskDefinitionArn' --output text)",
    'TASK_ARN=$(aws ecs run-task --cluster "$CLUSTER" --task-definition "$MIGRATE_TASK_DEFINITION" --launch-type FARGATE ' +
      '--network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUP],assignPublicIp=DISABLED}" ' +
      "--query 'tasks[0].taskArn' --output text)",
    'if [ -z "$TASK_ARN" ] || [ "$TASK_ARN" = "None" ]; then echo "could not start the migrate task"; exit 1; fi',
    'echo "migrate task $TASK_ARN ($MIGRATE_TASK_DEFINITION) started; waiting for it to stop"',
    'aws ecs wait tasks-stopped --cluster "$CLUSTER" --tasks "$TASK_ARN"',
    `EXIT_CODE=$(aws ecs describe-tasks --cluster "$CLUSTER" --tasks "$TASK_ARN" --query 'tasks[0].containers[?name==\`${MIGRATE_CONTAINER}\`].exitCode | [0]' --output text)`,
    'if [ "$EXIT_CODE" != "0" ]; then echo "migrate exited with $EXIT_CODE; not deploying (see the migrate log group)"; ' +
      "aws ecs describe-tasks --cluster \"$CLUSTER\" --tasks \"$TASK_ARN\" --query 'tasks[0].[stoppedReason, containers[].[name, exitCode, reason]]' --output text; exit 1; fi",
    // The ECS deploy action reads this file to put the new image in the service.
    'printf \'[{"name":"%s","imageUri":"%s"}]\' "$CONTAINER_NAME" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json',
    // CodeDeployToECS reads the image from imageDetail.json, and per target a
    // task definition (the service's latest, which Terraform keeps current,
    // its image left to the deploy) and an appspec naming the container and port.
    'printf \'{"ImageURI":"%s"}\' "$REPOSITORY_URI:$IMAGE_TAG" > imageDetail.json',
    'N=0; for FAMILY in $CODEDEPLOY_FAMILIES; do N=$((N+1)); PORT=$(echo "$CODEDEPLOY_PORTS" | cut -d" " -f$N); ' +
      `aws ecs describe-task-definition --task-definition "$FAMILY" --query taskDefinition > current-$N.json; ` +
      `jq --arg name "$CONTAINER_NAME" '${NEXT_TASK_DEFINITION}' current-$N.json > taskdef-$N.json; ` +
      'printf \'{"version":0.0,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service","Properties":{"TaskDefinition":"<TASK_DEFINITION>","LoadBalancerInfo":{"ContainerName":"%s","ContainerPort":%s}}}}]}\' "$CONTAINER_NAME" "$PORT" > appspec-$N.yaml; done',
  ],
};

const start = [
  // The image the Deploy action rolled out: the Build's imagedefinitions.json (this step's input).
  `IMAGE_URI=$(jq -r --arg name "$CONTAINER_NAME" '.[] | select(.name == $name) | .imageUri' imagedefinitions.json)`,
  "IMAGE_TAG=$(echo \"$IMAGE_URI\" | sed 's/.*://')",
  'if [ -z "$IMAGE_TAG" ] || [ "$IMAGE_TAG" = "null" ]; then echo "imagedefinitions.json names no image for $CONTAINER_NAME"; exit 1; fi',
  // The scalable target's minimum is 0 until the first image (Terraform's
  // plan raises it too once the image tag exists); raising it starts the
  // tasks. After that this changes nothing.
  'aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount ' +
    '--resource-id "service/$CLUSTER/$SERVICE" --min-capacity "$MIN_COUNT" --max-capacity "$MAX_COUNT"',
  'echo "waiting for $SERVICE to be stable"',
  'aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"',
  // Record only what runs: the primary deployment completed, and the service's revision has this image.
  // After a rollback the service is back on the revision it ran before.
  "PRIMARY=$(aws ecs describe-services --cluster \"$CLUSTER\" --services \"$SERVICE\" --query 'services[0].[deployments[?status==`PRIMARY`] | [0].rolloutState, taskDefinition]' --output text)",
  'ROLLOUT=$(echo "$PRIMARY" | cut -f1)',
  'REVISION=$(echo "$PRIMARY" | cut -f2)',
  'RUNNING_IMAGE=$(aws ecs describe-task-definition --task-definition "$REVISION" --query "taskDefinition.containerDefinitions[?name==\'$CONTAINER_NAME\'].image | [0]" --output text)',
  'if [ "$ROLLOUT" != "COMPLETED" ] || [ "$RUNNING_IMAGE" != "$IMAGE_URI" ]; then ' +
    'echo "$SERVICE runs $RUNNING_IMAGE ($REVISION, rollout $ROLLOUT), not $IMAGE_URI: the deployed image stays as recorded"; exit 1; fi',
  // From now on this is the deployed image: Terraform's next plan keeps it.
  'aws ssm put-parameter --name "$IMAGE_TAG_PARAMETER" --value "$IMAGE_TAG" --type String --overwrite > /dev/null',
];

/** The Build stage's buildspec as JSON (valid YAML), deterministic byte for byte. */
export function buildspec(): string {
  return JSON.stringify(
    {
      version: '0.2',
      phases: {
        pre_build: { commands: build.preBuild },
        build: { commands: build.build },
      },
      artifacts: { files: ['imagedefinitions.json', 'imageDetail.json', 'taskdef-*.json', 'appspec-*.yaml'] },
    },
    null,
    2,
  );
}

/** The Start step's buildspec: after the deploy, make sure the service runs its tasks, then record the image as deployed. */
export function startBuildspec(): string {
  return JSON.stringify({ version: '0.2', phases: { build: { commands: start } } }, null, 2);
}
