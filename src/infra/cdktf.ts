/**
 * The cdktf and constructs values the stack uses. Static imports, as in
 * ./aws.ts: the command line's bundle carries cdktf and constructs, and the
 * library build (ecs-wizard/infra) takes them from the importing project.
 * The command line's bundle carries no `archiver` (TerraformAsset zips; this
 * stack makes none): see withoutArchiver in scripts/buildOptions.mjs.
 */
export {
  App,
  DefaultTokenResolver,
  Fn,
  LocalBackend,
  Op,
  S3Backend,
  StringConcat,
  TerraformElement,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} from 'cdktf';
export { Construct } from 'constructs';
