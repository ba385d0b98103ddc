/**
 * The environment's ECR repository: the pipeline pushes each build's image
 * here and the tasks pull from it. Scanned on push, the oldest images
 * expired. One per environment: the copies of a blue/green environment run
 * images of the same repository.
 */
import { Construct } from './cdktf.js';
import { EcrLifecyclePolicy, EcrRepository } from './aws.js';
import { stableId, type Naming } from './naming.js';

export interface ImageRepositoryProps {
  /** Source of every name. */
  readonly naming: Naming;
  /** ECR keeps this many most recent images. */
  readonly keepImages: number;
}

export class ImageRepository extends Construct {
  /** URL of the repository (`<registry>/<name>`), without a tag. */
  readonly repositoryUrl: string;
  /** ARN of the repository. */
  readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id);
    const { naming } = props;
    const repository = stableId(
      new EcrRepository(this, 'repository', {
        name: naming.name('app'),
        // A tag names one image forever: what ran can always be found again.
        // The pipeline tags by commit and skips the build of a commit it has.
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        // Images are rebuilt from git; they must not block destroying the environment.
        forceDelete: true,
      }),
      'repository',
    );
    stableId(
      new EcrLifecyclePolicy(this, 'repository-lifecycle', {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `Keep the last ${props.keepImages} images`,
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.keepImages },
              action: { type: 'expire' },
            },
          ],
        }),
      }),
      'repository_lifecycle',
    );
    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
  }
}
