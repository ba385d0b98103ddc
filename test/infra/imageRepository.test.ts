import { describe, expect, test } from 'vitest';
import { Containers, ImageRepository } from '../../src/infra/index.js';
import { naming, resource, synthConstruct } from '../helpers/infraSynth.js';

const containerProps = {
  naming,
  region: 'eu-west-1',
  containerPort: 3000,
  cpu: 256,
  memory: 512,
  migrateCommand: ['npm', 'run', 'migrate'],
  environment: {},
  secrets: {},
  logRetentionDays: 14,
  containerInsights: false,
  readonlyRootFilesystem: false,
};
const synth = (keepImages: number) => synthConstruct((scope) => new ImageRepository(scope, 'images', { naming, keepImages }));

describe('ImageRepository', () => {
  test('ECR scans on push, keeps the last N images, never moves a tag, and can be deleted with the environment', () => {
    const json = synth(12);
    expect(resource(json, 'aws_ecr_repository', 'repository')).toMatchObject({
      name: 'shop-production-app',
      image_scanning_configuration: { scan_on_push: true },
      image_tag_mutability: 'IMMUTABLE',
      force_delete: true,
    });
    const lifecycle = resource(json, 'aws_ecr_lifecycle_policy', 'repository_lifecycle');
    expect(lifecycle['repository']).toBe('${aws_ecr_repository.repository.name}');
    expect(JSON.parse(lifecycle['policy'] as string).rules).toEqual([
      expect.objectContaining({
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 12 },
        action: { type: 'expire' },
      }),
    ]);
  });

  test('its URL and ARN are what the tasks pull and the execution role may pull from', () => {
    const json = synthConstruct((scope) => {
      const images = new ImageRepository(scope, 'images', { naming, keepImages: 5 });
      new Containers(scope, 'containers', { ...containerProps, repositoryUrl: images.repositoryUrl, repositoryArn: images.repositoryArn });
    });
    const web = JSON.parse(resource(json, 'aws_ecs_task_definition', 'web')['container_definitions'] as string)[0];
    expect(web.image).toBe('${aws_ecr_repository.repository.repository_url}:${aws_ssm_parameter.image_tag.insecure_value}');
    expect(JSON.stringify(json.resource['aws_iam_role_policy'])).toContain('${aws_ecr_repository.repository.arn}');
  });
});
