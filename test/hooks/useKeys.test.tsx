import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { splitKeys, useKeys } from '../../src/hooks/useKeys.js';
import { renderInk, tick, type Rendered } from '../helpers/ink.js';
import { renderScreen } from '../helpers/screens.js';

let app: Rendered | undefined;
afterEach(() => app?.unmount());

const plain = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false };

describe('splitKeys', () => {
  it('leaves single keys and pasted text whole', () => {
    expect(splitKeys('a', plain)).toEqual([{ input: 'a', key: plain }]);
    expect(splitKeys('npm run migrate', plain)).toEqual([{ input: 'npm run migrate', key: plain }]);
  });

  it('splits a burst into its keys', () => {
    const keys = splitKeys('\x7f\x7fab\r\t\x03', plain);
    expect(keys.map(({ input, key }) => (key.backspace ? '⌫' : key.return ? '⏎' : key.tab ? '⇥' : key.ctrl ? `^${input}` : input))).toEqual([
      '⌫',
      '⌫',
      'ab',
      '⏎',
      '⇥',
      '^c',
    ]);
  });
});

function Counter() {
  const [text, setText] = useState('');
  // Each key appends to the text the previous key produced, as a stale closure would not.
  useKeys((input, key) => setText((current) => (key.backspace ? current.slice(0, -1) : current + input)), { isActive: true });
  return <Text>[{text}]</Text>;
}

describe('useKeys', () => {
  it('feeds a burst one key at a time, each seeing the last one’s result', async () => {
    app = await renderInk(<Counter />);
    app.stdin.write('abc\x7f\x7fd');
    await app.waitFor('[ad]');
    expect(app.lastFrame()).toBe('[ad]');
  });

  it('lets a screen take keys that arrive together, as tmux send-keys sends them', async () => {
    const screen = await renderScreen('project');
    screen.stdin.write('\x7f\x7f\x7f\x7fblog\r');
    for (let round = 0; round < 10; round++) await tick();
    expect(screen.state().answers['app.name']).toBe('blog');
    expect(screen.state().step).toBe('region');
    screen.unmount();
  });
});

describe('one keyboard model', () => {
  const src = path.resolve(import.meta.dirname, '..', '..', 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));

  // The code, without its comments.
  const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

  it('reads stdin in one place: no screen or component has a useInput of its own', () => {
    const readers = files(src).filter((file) => /\buseInput\b/.test(code(file)));
    expect(readers.map((file) => path.relative(src, file))).toEqual([path.join('hooks', 'useKeys.ts')]);
  });

  it('keeps no typed text or key state in the run view’s components: it is the run state’s', () => {
    const runView = [path.join(src, 'screens', 'RunScreen.tsx'), path.join(src, 'tui', 'runInInk.tsx'), ...files(path.join(src, 'components', 'run'))];
    for (const file of runView) expect(code(file), path.relative(src, file)).not.toMatch(/\buse(State|Reducer|Input)\b/);
  });
});
