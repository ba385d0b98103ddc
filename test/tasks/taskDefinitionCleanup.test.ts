/**
 * The pure parts of the cleanup after a destroy: which families a stack has,
 * and which revisions ECS lists are theirs.
 */
import { describe, expect, it } from 'vitest';
import { familyOf, manualCleanup, revisionOf, taskDefinitionFamilies } from '../../src/tasks/taskDefinitionCleanup.js';

describe('task definition cleanup', () => {
  it('reads the literal family of each aws_ecs_task_definition of the stack, once, sorted', () => {
    const stack = {
      resource: {
        aws_ecs_task_definition: {
          web: { family: 'shop-staging-web' },
          migrate: { family: 'shop-staging-migrate' },
          again: { family: 'shop-staging-web' },
          computed: { family: '${var.family}' },
        },
        aws_ecs_service: { service: { family: 'not-a-task-definition' } },
      },
    };
    expect(taskDefinitionFamilies(JSON.stringify(stack))).toEqual(['shop-staging-migrate', 'shop-staging-web']);
    expect(taskDefinitionFamilies(JSON.stringify({ resource: {} }))).toEqual([]);
  });

  it('parses the family and revision of an ARN exactly (a longer family is another family)', () => {
    const arn = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-staging-web-worker:12';
    expect(revisionOf(arn)).toBe('shop-staging-web-worker:12');
    expect(familyOf(arn)).toBe('shop-staging-web-worker');
    expect(familyOf(arn)).not.toBe('shop-staging-web');
  });

  it('the commands to finish by hand carry the profile and endpoint of the environment', () => {
    expect(manualCleanup({ region: 'us-east-1', profile: 'ops', endpoint: 'http://127.0.0.1:4566' }, ['a'], ['a:3'])).toBe(
      'aws ecs deregister-task-definition --region us-east-1 --profile ops --endpoint-url http://127.0.0.1:4566 --task-definition a:3',
    );
  });
});
