import { describe, expect, test } from 'vitest';
import { BUILD_VARIABLES, buildspec, START_VARIABLES, startBuildspec } from '../../src/infra/index.js';

const spec = JSON.parse(buildspec()) as {
  version: string;
  phases: Record<string, { commands: string[] }>;
  artifacts: { files: string[] };
};
const all = Object.values(spec.phases).flatMap((phase) => phase.commands);
const build = spec.phases['build']!.commands;
const indexOf = (fragment: string) => build.findIndex((command) => command.includes(fragment));

describe('buildspec', () => {
  test('logs in to ECR with the registry of the repository', () => {
    expect(spec.version).toBe('0.2');
    expect(all.some((command) => command.includes('aws ecr get-login-password') && command.includes('docker login'))).toBe(true);
  });

  test('tags the image by its full commit only, never latest, and does not rebuild a commit it has', () => {
    expect(all).toContain('IMAGE_TAG="$CODEBUILD_RESOLVED_SOURCE_VERSION"');
    // Without a commit there is no tag: stop rather than invent one.
    expect(all.find((command) => command.includes('[ -z "$IMAGE_TAG" ]'))).toMatch(/exit 1/);
    const step = build[indexOf('docker build')]!;
    expect(step).toContain('docker build -f "$BUILD_CONTEXT/$DOCKERFILE" -t "$REPOSITORY_URI:$IMAGE_TAG" "$BUILD_CONTEXT" && docker push "$REPOSITORY_URI:$IMAGE_TAG"');
    // Tags are immutable: a retried run of the same commit finds the image and skips the push.
    expect(step).toMatch(/^if aws ecr describe-images --repository-name "\$REPOSITORY_NAME" --image-ids imageTag="\$IMAGE_TAG"/);
    expect(buildspec()).not.toContain('latest');
  });

  test('pushes, migrates with that exact image, records the tag, then writes imagedefinitions.json, in that order', () => {
    const order = [
      'docker push "$REPOSITORY_URI:$IMAGE_TAG"',
      'aws ecs describe-task-definition --task-definition "$MIGRATE_FAMILY"',
      'aws ecs register-task-definition',
      'aws ecs run-task',
      'aws ecs wait tasks-stopped',
      'exitCode',
      'aws ssm put-parameter',
      'imagedefinitions.json',
    ].map(indexOf);
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('the migrate revision is a copy of the latest one with the new image in the migrate container only', () => {
    const copy = build[indexOf('jq ')]!;
    expect(copy).toContain('--arg image "$REPOSITORY_URI:$IMAGE_TAG" --arg name "migrate"');
    expect(copy).toContain('if .name == $name then .image = $image else . end');
    // Tags kept (Terraform reads this revision as its own: track_latest), empty fields dropped.
    expect(copy).toContain('tags: .tags');
    expect(copy).toContain('with_entries(select(.value != null and .value != []))');
    expect(build[indexOf('describe-task-definition')]).toContain('--include TAGS');
  });

  test('records the deployed tag only once migrations succeeded', () => {
    expect(build[indexOf('aws ssm put-parameter')]).toBe('aws ssm put-parameter --name "$IMAGE_TAG_PARAMETER" --value "$IMAGE_TAG" --type String --overwrite > /dev/null');
  });

  test("fills the app's database password once, when the secret has no value yet", () => {
    const step = build[indexOf('put-secret-value')]!;
    expect(step).toMatch(/^if ! aws secretsmanager describe-secret --secret-id "\$DATABASE_APP_SECRET" --query VersionIdsToStages --output text \| grep -q AWSCURRENT; then/);
    expect(step).toContain('get-random-password --exclude-punctuation --password-length 32');
    expect(indexOf('put-secret-value')).toBeLessThan(indexOf('aws ecs run-task'));
  });

  test('runs migrate in the private subnets with the tasks group and no public IP, and fails unless it exits 0', () => {
    const runTask = build[indexOf('aws ecs run-task')]!;
    expect(runTask).toContain('--task-definition "$MIGRATE_TASK_DEFINITION"');
    expect(runTask).toContain('--launch-type FARGATE');
    expect(runTask).toContain('awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUP],assignPublicIp=DISABLED}');
    expect(build[indexOf('!= "0"')]).toMatch(/exit 1/);
  });

  test('the deploy gets the commit-tagged image of container web', () => {
    expect(build[indexOf('imagedefinitions.json')]).toBe(
      'printf \'[{"name":"%s","imageUri":"%s"}]\' "$CONTAINER_NAME" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json',
    );
    expect(spec.artifacts.files).toEqual(['imagedefinitions.json']);
  });

  test('holds no Terraform template sequences, which Terraform would try to evaluate', () => {
    expect(buildspec()).not.toMatch(/\$\{|%\{/);
    expect(startBuildspec()).not.toMatch(/\$\{|%\{/);
  });

  test('the Start step raises the scalable target to the configured range and waits for a stable service', () => {
    const start = (JSON.parse(startBuildspec()) as typeof spec).phases['build']!.commands;
    expect(start[0]).toBe(
      'aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount ' +
        '--resource-id "service/$CLUSTER/$SERVICE" --min-capacity "$MIN_COUNT" --max-capacity "$MAX_COUNT"',
    );
    expect(start.at(-1)).toBe('aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"');
    const read = new Set(start.flatMap((command) => [...command.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]!)));
    expect([...read].sort()).toEqual([...START_VARIABLES].sort());
  });

  test('reads only variables the CodeBuild project sets (or CodeBuild itself provides)', () => {
    const provided = new Set<string>([...BUILD_VARIABLES, 'AWS_DEFAULT_REGION', 'CODEBUILD_RESOLVED_SOURCE_VERSION']);
    const assigned = new Set(all.flatMap((command) => [...command.matchAll(/^([A-Z_]+)=/g)].map((match) => match[1]!)));
    const read = new Set(all.flatMap((command) => [...command.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]!)));
    expect([...read].filter((name) => !provided.has(name) && !assigned.has(name))).toEqual([]);
    // Every variable the project sets is used.
    expect(BUILD_VARIABLES.filter((name) => !read.has(name))).toEqual([]);
  });
});
