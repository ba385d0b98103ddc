// Writes schema/ecs-wizard.schema.json from the zod schema (the single source
// of truth), so editors complete and check ecs-wizard.json through "$schema".
// The schema module is bundled from src/ with esbuild and run here: dist/
// holds only bundles, and zod's JSON Schema writer must see the same zod the
// schema was built with.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

const entry = `
import { z } from 'zod';
import { configSchema } from './src/config/schema.ts';
const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
schema.title = 'ecs-wizard.json';
schema.description = 'Saved answers of ecs-wizard: the app, its environments, and the Terraform state backend.';
export default schema;
`;

export async function writeSchema(target) {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents: entry, resolveDir: root, sourcefile: 'write-schema-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  const schema = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).default;
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(schema, null, 2)}\n`);
  renameSync(temporary, target);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeSchema(path.join(root, 'schema', 'ecs-wizard.schema.json'));
