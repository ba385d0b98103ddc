// The programmatic API: the config model, for tools that read or write
// ecs-wizard.json. The CLI lives in cli.ts; the constructs in 'ecs-wizard/infra'.
export * from './config/index.js';
