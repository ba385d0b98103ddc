import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
const startCommands = () => (JSON.parse(startBuildspec()) as typeof spec).phases['build']!.commands;

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

  test('pushes, migrates with that exact image, then writes imagedefinitions.json, in that order', () => {
    const order = [
      'docker push "$REPOSITORY_URI:$IMAGE_TAG"',
      'aws ecs describe-task-definition --task-definition "$MIGRATE_FAMILY"',
      'aws ecs register-task-definition',
      'aws ecs run-task',
      'aws ecs wait tasks-stopped',
      'exitCode',
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

  test('the build never records the image tag: an image that is built is not yet deployed', () => {
    // A deploy the circuit breaker rolls back would leave a failed image
    // "deployed", and the next ecs-wizard change would roll it out again.
    expect(buildspec()).not.toContain('ssm');
    expect(buildspec()).not.toContain('IMAGE_TAG_PARAMETER');
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
    expect(spec.artifacts.files).toEqual(['imagedefinitions.json', 'imageDetail.json', 'taskdef-*.json', 'appspec-*.yaml']);
  });

  test('holds no Terraform template sequences, which Terraform would try to evaluate', () => {
    expect(buildspec()).not.toMatch(/\$\{|%\{/);
    expect(startBuildspec()).not.toMatch(/\$\{|%\{/);
  });

  test('the Start step raises the scalable target to the configured range and waits for a stable service', () => {
    const start = startCommands();
    expect(start).toContain(
      'aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount ' +
        '--resource-id "service/$CLUSTER/$SERVICE" --min-capacity "$MIN_COUNT" --max-capacity "$MAX_COUNT"',
    );
    expect(start).toContain('aws ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"');
    const read = new Set(start.flatMap((command) => [...command.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]!)));
    const assigned = new Set(start.flatMap((command) => [...command.matchAll(/^([A-Z_]+)=/g)].map((match) => match[1]!)));
    expect([...read].filter((name) => !assigned.has(name)).sort()).toEqual([...START_VARIABLES].sort());
  });

  test('Start records the tag last, once the service is stable and its primary deployment runs this image', () => {
    const start = startCommands();
    const at = (fragment: string) => start.findIndex((command) => command.includes(fragment));
    // The image the Deploy action rolled out, from the Build's imagedefinitions.json.
    expect(start[at('imagedefinitions.json')]).toContain(`jq -r --arg name "$CONTAINER_NAME" '.[] | select(.name == $name) | .imageUri' imagedefinitions.json`);
    const order = ['imagedefinitions.json', 'register-scalable-target', 'wait services-stable', 'describe-services', 'describe-task-definition', 'aws ssm put-parameter'].map(at);
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(start.at(-1)).toBe('aws ssm put-parameter --name "$IMAGE_TAG_PARAMETER" --value "$IMAGE_TAG" --type String --overwrite > /dev/null');
    // A service back on another image (rolled back) or a rollout not completed: nothing recorded, the step fails.
    const check = start[at('RUNNING_IMAGE" != "$IMAGE_URI"')]!;
    expect(check).toMatch(/^if \[ "\$ROLLOUT" != "COMPLETED" \] \|\| \[ "\$RUNNING_IMAGE" != "\$IMAGE_URI" \]; then .*exit 1; fi$/);
    expect(at('RUNNING_IMAGE" != "$IMAGE_URI"')).toBe(start.length - 2);
  });

  test('reads only variables the CodeBuild project sets (or CodeBuild itself provides)', () => {
    const provided = new Set<string>([...BUILD_VARIABLES, 'AWS_DEFAULT_REGION', 'CODEBUILD_RESOLVED_SOURCE_VERSION']);
    // Assigned at the start of a command, after `;`, or as a `for` loop's variable.
    const assigned = new Set(all.flatMap((command) => [...command.matchAll(/(?:^|;\s*|\bfor\s+)([A-Z_]+)(?:=|\s+in\b)/g)].map((match) => match[1]!)));
    const read = new Set(all.flatMap((command) => [...command.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]!)));
    expect([...read].filter((name) => !provided.has(name) && !assigned.has(name))).toEqual([]);
    // Every variable the project sets is used.
    expect(BUILD_VARIABLES.filter((name) => !read.has(name))).toEqual([]);
  });
});

describe('buildspec: the files CodeDeployToECS reads', () => {
  const command = build[indexOf('CODEDEPLOY_FAMILIES')]!;
  const registered = {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-production-web:7',
    family: 'shop-production-web',
    revision: 7,
    status: 'ACTIVE',
    taskRoleArn: 'arn:aws:iam::123456789012:role/shop-production-task',
    executionRoleArn: 'arn:aws:iam::123456789012:role/shop-production-execution',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    compatibilities: ['EC2', 'FARGATE'],
    cpu: '256',
    memory: '512',
    volumes: [],
    registeredAt: '2026-01-01T00:00:00Z',
    registeredBy: 'arn:aws:iam::123456789012:user/terraform',
    requiresAttributes: [{ name: 'ecs.capability.execution-role-awslogs' }],
    containerDefinitions: [
      { name: 'web', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-production-app:abc1234', portMappings: [{ containerPort: 3000 }] },
      { name: 'sidecar', image: 'public.ecr.aws/sidecar:1' },
    ],
  };

  /** Runs the command in bash with a fake `aws` that answers DescribeTaskDefinition per family. */
  function run(families: string, ports: string): Record<string, string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-buildspec-'));
    try {
      const bin = path.join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(path.join(dir, 'registered.json'), JSON.stringify(registered));
      // `aws ecs describe-task-definition --task-definition F --query taskDefinition`: the family's latest revision.
      writeFileSync(
        path.join(bin, 'aws'),
        `#!/bin/sh\n[ "$1 $2 $3" = "ecs describe-task-definition --task-definition" ] || exit 9\njq --arg family "$4" '.family = $family' "${path.join(dir, 'registered.json')}"\n`,
      );
      chmodSync(path.join(bin, 'aws'), 0o755);
      execFileSync('bash', ['-c', command], {
        cwd: dir,
        env: { PATH: `${bin}:${process.env.PATH}`, CONTAINER_NAME: 'web', CODEDEPLOY_FAMILIES: families, CODEDEPLOY_PORTS: ports },
      });
      return Object.fromEntries(readdirSync(dir).filter((name) => /^(taskdef|appspec)-/.test(name)).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('per CodeDeploy target: its family latest revision, registrable, with the web image left to the deploy, and an appspec', () => {
    const files = run('shop-production-web shop-production-green-web', '3000 3000');
    expect(Object.keys(files).sort()).toEqual(['appspec-1.yaml', 'appspec-2.yaml', 'taskdef-1.json', 'taskdef-2.json']);
    const taskdef = JSON.parse(files['taskdef-1.json']!);
    // What RegisterTaskDefinition refuses (ARN, revision, status, who and when) is gone; empty lists too.
    expect(Object.keys(taskdef).sort()).toEqual(['containerDefinitions', 'cpu', 'executionRoleArn', 'family', 'memory', 'networkMode', 'requiresCompatibilities', 'taskRoleArn']);
    expect(taskdef.containerDefinitions).toEqual([
      { name: 'web', image: '<IMAGE1_NAME>', portMappings: [{ containerPort: 3000 }] },
      { name: 'sidecar', image: 'public.ecr.aws/sidecar:1' },
    ]);
    expect(JSON.parse(files['taskdef-2.json']!).family).toBe('shop-production-green-web');
    // YAML is a superset of JSON: the appspec CodeDeploy reads, with the placeholder it fills.
    expect(JSON.parse(files['appspec-1.yaml']!)).toEqual({
      version: 0,
      Resources: [{ TargetService: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: '<TASK_DEFINITION>', LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 3000 } } } }],
    });
  });

  test('a rolling environment (no families) writes none of them', () => {
    expect(run('', '')).toEqual({});
  });

  test('writes imageDetail.json with the commit-tagged image', () => {
    expect(build[indexOf('imageDetail.json')]).toBe('printf \'{"ImageURI":"%s"}\' "$REPOSITORY_URI:$IMAGE_TAG" > imageDetail.json');
  });
});
