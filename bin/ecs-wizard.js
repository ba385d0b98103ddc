#!/usr/bin/env node
import { main } from '../dist/ecs-wizard.js';

// main() reports every failure itself and resolves with the exit code; this
// catch is for a failure of the reporting itself. Still no stack unless asked.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const debug = process.argv.includes('--debug');
    process.stderr.write(`ecs-wizard: internal error: ${debug ? (error?.stack ?? error) : (error?.message ?? error)}\n`);
    process.exitCode = 1;
  },
);
