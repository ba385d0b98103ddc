/**
 * The layers of GUIDE §1, held by a check instead of by convention: every
 * import in src/ (static, dynamic, `export … from`, type-only included) is
 * an arrow, and a wrong arrow or a cycle fails here with the file that drew it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fakeTerraformHarness.js';

const SRC = path.join(REPO_ROOT, 'src');

interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return listFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every arrow between files of src/, as paths relative to src/ ("app/project.ts"). */
function arrows(): Arrow[] {
  const files = new Set(listFiles(SRC));
  const found: Arrow[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const match of text.matchAll(IMPORT)) {
      const spec = (match[2] ?? match[3])!;
      // Data shipped beside the code (the price table) is no layer.
      if (spec.endsWith('.json')) continue;
      const base = path.resolve(path.dirname(file), spec).replace(/\.js$/, '');
      const target = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => files.has(candidate));
      if (!target) throw new Error(`${path.relative(SRC, file)} imports ${spec}, which is no file of src/`);
      found.push({ from: path.relative(SRC, file), to: path.relative(SRC, target), typeOnly: Boolean(match[1]) });
    }
  }
  return found;
}

/** The folder a file lives in ("config"), or the file itself for the top level ("cli.ts"). */
const layerOf = (file: string): string => file.split(path.sep)[0]!;

const FRONT_ENDS = ['headless', 'line', 'tui'];
/** They choose a front-end, so they may import one; nothing else may. */
const DISPATCHERS = ['cli.ts', 'commands.ts', 'interactive.ts'];

interface Rule {
  readonly name: string;
  readonly broken: (arrow: Arrow) => boolean;
}

const RULES: Rule[] = [
  { name: 'config imports nothing of ours', broken: ({ from, to }) => layerOf(from) === 'config' && layerOf(to) !== 'config' },
  { name: 'terraform imports nothing of ours', broken: ({ from, to }) => layerOf(from) === 'terraform' && layerOf(to) !== 'terraform' },
  { name: 'input (pure key editing) imports nothing of ours', broken: ({ from, to }) => layerOf(from) === 'input' && layerOf(to) !== 'input' },
  {
    name: 'components import neither screens nor wizard',
    broken: ({ from, to }) => layerOf(from) === 'components' && (layerOf(to) === 'screens' || layerOf(to) === 'wizard'),
  },
  {
    name: 'front-ends do not import each other',
    broken: ({ from, to }) => FRONT_ENDS.includes(layerOf(from)) && FRONT_ENDS.includes(layerOf(to)) && layerOf(from) !== layerOf(to),
  },
  {
    name: 'only the dispatchers import a front-end',
    broken: ({ from, to }) =>
      (FRONT_ENDS.includes(layerOf(to)) || DISPATCHERS.includes(to)) && !FRONT_ENDS.includes(layerOf(from)) && !DISPATCHERS.includes(from),
  },
  {
    name: 'interactive.ts chooses between the terminal front-ends (line, tui) and borrows nothing from headless',
    broken: ({ from, to }) => from === 'interactive.ts' && layerOf(to) === 'headless',
  },
  {
    name: 'errors.ts loads nothing of ours (every command loads it, --help included)',
    broken: ({ from, typeOnly }) => from === 'errors.ts' && !typeOnly,
  },
  {
    name: 'cdktf lives in infra: only infra, and app/ writing a project, reach into it',
    broken: ({ from, to }) =>
      layerOf(to) === 'infra' &&
      !['infra', 'app'].includes(layerOf(from)) &&
      // The stack folder's name and the destroy variables are the contract between infra and its callers.
      to !== path.join('infra', 'contract.ts'),
  },
];

/** Cycles among runtime imports (type-only imports vanish when compiled). */
function cycles(all: readonly Arrow[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const { from, to, typeOnly } of all) {
    if (typeOnly) continue;
    graph.set(from, [...(graph.get(from) ?? []), to]);
  }
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('layers that a check holds', () => {
  const all = arrows();

  it('finds the arrows (the check would pass on nothing otherwise)', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all).toContainEqual({ from: path.join('headless', 'run.ts'), to: path.join('app', 'project.ts'), typeOnly: false });
    expect(all).toContainEqual({ from: 'cli.ts', to: 'commands.ts', typeOnly: false });
    // Dynamic imports count: the front-ends are loaded that way.
    expect(all.some((arrow) => arrow.from === 'commands.ts' && arrow.to === path.join('headless', 'synth.ts'))).toBe(true);
  });

  for (const rule of RULES) {
    it(rule.name, () => {
      expect(all.filter(rule.broken).map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
    });
  }

  it('each rule catches the arrow it forbids', () => {
    const samples: Record<string, Arrow> = {
      'config imports nothing of ours': { from: 'config/schema.ts', to: 'errors.ts', typeOnly: true },
      'terraform imports nothing of ours': { from: 'terraform/runner.ts', to: 'tasks/runEvents.ts', typeOnly: true },
      'input (pure key editing) imports nothing of ours': { from: 'input/editors.ts', to: 'wizard/types.ts', typeOnly: true },
      'components import neither screens nor wizard': { from: 'components/StepForm.tsx', to: 'wizard/types.ts', typeOnly: true },
      'front-ends do not import each other': { from: 'line/run.ts', to: 'headless/run.ts', typeOnly: false },
      'only the dispatchers import a front-end': { from: 'app/engine.ts', to: 'headless/decider.ts', typeOnly: false },
      'interactive.ts chooses between the terminal front-ends (line, tui) and borrows nothing from headless': { from: 'interactive.ts', to: 'headless/run.ts', typeOnly: false },
      'errors.ts loads nothing of ours (every command loads it, --help included)': { from: 'errors.ts', to: 'config/problems.ts', typeOnly: false },
      'cdktf lives in infra: only infra, and app/ writing a project, reach into it': { from: 'tasks/engine.ts', to: 'infra/app.ts', typeOnly: false },
    };
    for (const rule of RULES) {
      const sample = samples[rule.name]!;
      expect(rule.broken({ ...sample, from: sample.from.split('/').join(path.sep), to: sample.to.split('/').join(path.sep) }), rule.name).toBe(true);
    }
  });

  it('no cycles', () => {
    expect(cycles(all).map((cycle) => cycle.join(' → '))).toEqual([]);
    expect(cycles([
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'a.ts', typeOnly: false },
    ])).toHaveLength(1);
  });
});
