import { describe, expect, test } from 'vitest';
import { BUILD_VARIABLES, buildspec } from '../../src/infra/index.js';

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

  test('builds with the configured Dockerfile and context, tagged by short commit and latest', () => {
    expect(all).toContain('IMAGE_TAG=$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c 1-7)');
    expect(build[indexOf('docker build')]).toBe(
      'docker build -f "$BUILD_CONTEXT/$DOCKERFILE" -t "$REPOSITORY_URI:$IMAGE_TAG" -t "$REPOSITORY_URI:latest" "$BUILD_CONTEXT"',
    );
  });

  test('pushes both tags, then migrates, then writes imagedefinitions.json, in that order', () => {
    const order = ['docker push "$REPOSITORY_URI:$IMAGE_TAG"', 'docker push "$REPOSITORY_URI:latest"', 'aws ecs run-task', 'aws ecs wait tasks-stopped', 'exitCode', 'imagedefinitions.json'].map(
      indexOf,
    );
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
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
  });

  test('reads only variables the CodeBuild project sets (or CodeBuild itself provides)', () => {
    const provided = new Set<string>([...BUILD_VARIABLES, 'AWS_DEFAULT_REGION', 'CODEBUILD_RESOLVED_SOURCE_VERSION', 'CODEBUILD_BUILD_NUMBER']);
    const assigned = new Set(all.flatMap((command) => [...command.matchAll(/^([A-Z_]+)=/g)].map((match) => match[1]!)));
    const read = new Set(all.flatMap((command) => [...command.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]!)));
    expect([...read].filter((name) => !provided.has(name) && !assigned.has(name))).toEqual([]);
    // Every variable the project sets is used.
    expect(BUILD_VARIABLES.filter((name) => !read.has(name))).toEqual([]);
  });
});
