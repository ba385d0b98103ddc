// The anchor of the first-frame figure: Ink's hello world, bundled by
// bench/tui.mjs as plainly as a careful user would (one ESM bundle with lazy
// chunks, React's production build; none of ecs-wizard's build plugins), so
// the ratio shows what ecs-wizard adds to, or saves from, what Ink costs.
import React from 'react';
import { render, Text } from 'ink';

render(React.createElement(Text, null, 'Hello from Ink'));
