// Writes schema/ecs-wizard.schema.json from the zod schema (the single source
// of truth), so editors complete and check ecs-wizard.json through "$schema".
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '../dist/config/schema.js';

const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
schema.title = 'ecs-wizard.json';
schema.description = 'Saved answers of ecs-wizard: the app, its environments, and the Terraform state backend.';
const target = new URL('../schema/ecs-wizard.schema.json', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
