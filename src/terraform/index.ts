// The Terraform layer's public API. Plain Node: no React, no listr2, no config.
export * from './events.js';
export * from './parser.js';
export * from './binary.js';
export * from './args.js';
export * from './runner.js';
export * from './jsonCommands.js';
export * from './mask.js';
export * from './components.js';
export * from './planReader.js';
export * from './guard.js';
export * from './mirror.js';
