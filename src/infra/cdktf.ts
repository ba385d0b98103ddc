/**
 * The cdktf and constructs values the stack uses. Static imports, as in
 * ./aws.ts: the command line's bundle carries cdktf and constructs, and the
 * library build (ecs-wizard/infra) takes them from the importing project.
 * cdktf's `archiver` (TerraformAsset zips; this stack makes none) is loaded
 * by the bundle only on first use: see lazyArchiver in scripts/buildOptions.mjs.
 */
export { App, Fn, LocalBackend, Op, S3Backend, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
export { Construct } from 'constructs';
