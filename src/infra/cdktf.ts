/**
 * The cdktf and constructs values the stack uses, loaded with require() for
 * the same reason as ./aws.ts: they are CommonJS, and Node's ESM loader would
 * lex every file of them to find named exports. The generated project's
 * main.ts imports them normally; only ecs-wizard's own start-up cares.
 */
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as cdktf from 'cdktf';
import type * as constructs from 'constructs';

const load = createRequire(import.meta.url);

/**
 * cdktf requires `archiver` at load time (for TerraformAsset zips) and it
 * costs ~50 ms, a tenth of a synth; this stack makes no assets. Until the
 * first call, cdktf gets a stand-in that loads the real archiver then.
 */
function deferArchiver(): void {
  const cdktfRequire = createRequire(load.resolve('cdktf'));
  const path = cdktfRequire.resolve('archiver');
  if (load.cache[path]) return;
  const stand = new Module(path);
  stand.filename = path;
  stand.paths = [dirname(path)];
  stand.loaded = true;
  stand.exports = (...args: unknown[]) => {
    delete load.cache[path];
    const real = cdktfRequire('archiver') as (...args: unknown[]) => unknown;
    return real(...args);
  };
  load.cache[path] = stand;
}
deferArchiver();

const cdktfModule = load('cdktf') as typeof cdktf;
const constructsModule = load('constructs') as typeof constructs;

export const App = cdktfModule.App;
export type App = cdktf.App;
export const Fn = cdktfModule.Fn;
export type Fn = cdktf.Fn;
export const LocalBackend = cdktfModule.LocalBackend;
export type LocalBackend = cdktf.LocalBackend;
export const S3Backend = cdktfModule.S3Backend;
export type S3Backend = cdktf.S3Backend;
export const TerraformLocal = cdktfModule.TerraformLocal;
export type TerraformLocal = cdktf.TerraformLocal;
export const TerraformOutput = cdktfModule.TerraformOutput;
export type TerraformOutput = cdktf.TerraformOutput;
export const TerraformStack = cdktfModule.TerraformStack;
export type TerraformStack = cdktf.TerraformStack;
export const TerraformVariable = cdktfModule.TerraformVariable;
export type TerraformVariable = cdktf.TerraformVariable;
export const Construct = constructsModule.Construct;
export type Construct = constructs.Construct;
