// The anchor of the first-frame figure: Ink's hello world, bundled by
// bench/tui.mjs with the same esbuild settings as ecs-wizard's command line,
// so the ratio shows what ecs-wizard adds before its first frame.
import React from 'react';
import { render, Text } from 'ink';

render(React.createElement(Text, null, 'Hello from Ink'));
