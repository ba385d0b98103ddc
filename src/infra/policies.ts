/**
 * IAM policy documents as plain JSON strings. A data source
 * (aws_iam_policy_document) would work offline too, but plain JSON keeps the
 * stack free of data sources altogether and reads the same in cdk.tf.json.
 * Token strings (ARNs of resources in this stack) survive JSON.stringify and
 * become Terraform interpolations.
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: 'Allow' | 'Deny';
  /** For a resource policy (a bucket's): who. */
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({ Effect: 'Allow', ...statement })),
  });
}

/**
 * Trust policy letting one AWS service assume a role, only on behalf of this
 * account: `aws:SourceAccount` stops another account from making the service
 * act with this role (the confused deputy problem).
 */
export function assumeRolePolicy(service: string, sourceAccount: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } },
      },
    ],
  });
}

/** A bucket policy statement refusing every request that does not use TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
