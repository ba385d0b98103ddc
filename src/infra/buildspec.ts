/**
 * The CodeBuild buildspec of the pipeline's Build stage, inline so the user's
 * repository needs nothing but a Dockerfile.
 *
 * Everything it needs arrives as environment variables of the CodeBuild
 * project, so the text is the same for every environment. It must never hold
 * `${` or `%{`: Terraform would read those as its own interpolation, so shell
 * variables are written `$NAME` and pieces are cut with `cut`.
 *
 * Everything happens in the build phase: CodeBuild runs post_build even after
 * a failed build, and a failed migration must stop the deploy.
 */

/** Environment variables the commands read, set by the CodeBuild project. */
export const BUILD_VARIABLES = [
  'REPOSITORY_URI',
  'CONTAINER_NAME',
  'CLUSTER',
  'MIGRATE_TASK_DEFINITION',
  'SUBNETS',
  'SECURITY_GROUP',
  'DOCKERFILE',
  'BUILD_CONTEXT',
] as const;

export type BuildVariable = (typeof BUILD_VARIABLES)[number];

const commands = {
  preBuild: [
    'REGISTRY=$(echo "$REPOSITORY_URI" | cut -d/ -f1)',
    'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
    // Tag by the commit the pipeline fetched, so every image names its source.
    'IMAGE_TAG=$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c 1-7)',
    'test -n "$IMAGE_TAG" || IMAGE_TAG=build-$CODEBUILD_BUILD_NUMBER',
  ],
  build: [
    'docker build -f "$BUILD_CONTEXT/$DOCKERFILE" -t "$REPOSITORY_URI:$IMAGE_TAG" -t "$REPOSITORY_URI:latest" "$BUILD_CONTEXT"',
    'docker push "$REPOSITORY_URI:$IMAGE_TAG"',
    // The migrate task definition runs `latest`, which is now this commit.
    'docker push "$REPOSITORY_URI:latest"',
    'TASK_ARN=$(aws ecs run-task --cluster "$CLUSTER" --task-definition "$MIGRATE_TASK_DEFINITION" --launch-type FARGATE ' +
      '--network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUP],assignPublicIp=DISABLED}" ' +
      "--query 'tasks[0].taskArn' --output text)",
    'if [ -z "$TASK_ARN" ] || [ "$TASK_ARN" = "None" ]; then echo "could not start the migrate task"; exit 1; fi',
    'echo "migrate task $TASK_ARN started; waiting for it to stop"',
    'aws ecs wait tasks-stopped --cluster "$CLUSTER" --tasks "$TASK_ARN"',
    "EXIT_CODE=$(aws ecs describe-tasks --cluster \"$CLUSTER\" --tasks \"$TASK_ARN\" --query 'tasks[0].containers[0].exitCode' --output text)",
    'if [ "$EXIT_CODE" != "0" ]; then echo "migrate exited with $EXIT_CODE; not deploying (see its log group)"; exit 1; fi',
    // The ECS deploy action reads this file to put the new image in the service.
    'printf \'[{"name":"%s","imageUri":"%s"}]\' "$CONTAINER_NAME" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json',
  ],
};

/** The buildspec as JSON (valid YAML), deterministic byte for byte. */
export function buildspec(): string {
  return JSON.stringify(
    {
      version: '0.2',
      phases: {
        pre_build: { commands: commands.preBuild },
        build: { commands: commands.build },
      },
      artifacts: { files: ['imagedefinitions.json'] },
    },
    null,
    2,
  );
}
