// The command line's cdktf/lib/tokens/private/stack-trace.js: see
// stackTracesOnDebug in scripts/buildOptions.mjs. cdktf calls captureStackTrace
// for every token it makes, to quote the stack if that token fails to resolve.
// Without --debug, a token's creation stack is empty, as cdktf leaves it for
// tokens made with `stackTrace: false`; with --debug, cdktf's own module
// (which the build serves under this name) captures it.
'use strict';

module.exports = process.argv.includes('--debug') ? require('ecs-wizard:cdktf-stack-trace') : { captureStackTrace: () => [] };
