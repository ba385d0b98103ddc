/**
 * The first screen when ecs-wizard.json exists: change an environment, add
 * one, or run Terraform on one without answering anything again.
 */
import { Box, Text } from 'ink';
import { useEffect, useReducer } from 'react';
import { Frame } from '../components/Frame.js';
import { SelectList } from '../components/SelectList.js';
import { rowsLeft } from '../components/layout.js';
import type { Config } from '../config/index.js';
import { useKeyTarget } from '../components/KeyRouter.js';
import type { TerminalSize } from '../hooks/useTerminalSize.js';
import { editSelect, type KeyInput } from '../input/editors.js';
import { parseStartChoice, startChoices, type StartChoice } from '../wizard/start.js';
import type { Choice } from '../wizard/types.js';

export interface StartScreenProps {
  readonly config: Config;
  readonly size: TerminalSize;
  readonly onChoose: (choice: StartChoice) => void;
}

interface Menu {
  readonly choices: readonly Choice[];
  readonly value: string;
  readonly chosen: boolean;
}

/** A reducer, like the wizard's, so keys that arrive together apply in order. */
function menuReducer(menu: Menu, press: { readonly input: string; readonly key: KeyInput }): Menu {
  if (menu.chosen) return menu;
  if (press.key.return) return { ...menu, chosen: true };
  const next = editSelect(menu.choices, { value: menu.value, query: '' }, press.input, press.key);
  return next ? { ...menu, value: next.value } : menu;
}

export function StartScreen({ config, size, onChoose }: StartScreenProps) {
  const [menu, dispatch] = useReducer(menuReducer, config, (file): Menu => {
    const choices = startChoices(file);
    return { choices, value: choices[0]!.value, chosen: false };
  });
  useKeyTarget((input, key) => dispatch({ input, key }));
  useEffect(() => {
    if (menu.chosen) onChoose(parseStartChoice(menu.value));
  }, [menu.chosen]); // onChoose and the value are read once, when chosen
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
        <SelectList choices={menu.choices} value={menu.value} maxRows={rowsLeft(size.rows, 8)} />
      </Box>
    </Frame>
  );
}
