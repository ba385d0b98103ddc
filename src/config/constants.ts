/** The config file's name and format version: plain data, for modules that must not load the schema (zod). */
export const CONFIG_VERSION = 2;
export const CONFIG_FILE_NAME = 'ecs-wizard.json';
/** Where `$schema` points: the copy shipped in the installed package. */
export const SCHEMA_REFERENCE = './node_modules/ecs-wizard/schema/ecs-wizard.schema.json';
