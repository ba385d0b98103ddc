#!/usr/bin/env node
import { main } from '../dist/ecs-wizard.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`ecs-wizard: unexpected error: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
