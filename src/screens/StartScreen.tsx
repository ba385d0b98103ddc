/**
 * The first screen when ecs-wizard.json exists: change an environment, add
 * one, or run Terraform on one without answering anything again.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { Frame } from '../components/Frame.js';
import { SelectList, editSelect } from '../components/SelectList.js';
import { rowsLeft } from '../components/layout.js';
import type { Config } from '../config/index.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import { parseStartChoice, startChoices, type StartChoice } from '../wizard/start.js';

export interface StartScreenProps {
  readonly config: Config;
  readonly size: TerminalSize;
  readonly isActive: boolean;
  readonly onChoose: (choice: StartChoice) => void;
}

export function StartScreen({ config, size, isActive, onChoose }: StartScreenProps) {
  const choices = startChoices(config);
  const [value, setValue] = useState(choices[0]!.value);
  const live = useRef(value);
  live.current = value;
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') return;
      if (key.return) return onChoose(parseStartChoice(live.current));
      const next = editSelect(choices, { value: live.current, query: '' }, input, key);
      if (next) setValue(next.value);
    },
    { isActive },
  );
  const environments = Object.keys(config.environments).join(', ');
  return (
    <Frame
      title={`${config.app.name} (environments: ${environments})`}
      columns={size.columns}
      hints={[
        { keys: '↑↓', action: 'choose' },
        { keys: 'Enter', action: 'select' },
        { keys: '^C', action: 'quit' },
      ]}
    >
      <Text bold>ecs-wizard.json is here. What would you like to do?</Text>
      <Box marginTop={1}>
        <SelectList choices={choices} value={value} maxRows={rowsLeft(size.rows, 8)} />
      </Box>
    </Frame>
  );
}
