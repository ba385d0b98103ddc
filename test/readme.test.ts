/**
 * The README's cost table and drawings of the starter preset are the tool's
 * own output: regenerate them (`ecs-wizard cost` / `diagram` with the starter
 * preset in us-east-1) when the estimate or the stack changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../src/cost/estimate.js';
import { factsFromResources } from '../src/cost/facts.js';
import { costReport } from '../src/cost/format.js';
import { PRICE_TABLE } from '../src/cost/priceTable.js';
import { stackResources } from '../src/cost/resources.js';
import { diagramModel, renderMermaid, renderText } from '../src/diagram/index.js';
import { ENV, presetFixture, synthStack } from './helpers/infraSynth.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const block = (marker: string) => {
  const start = readme.indexOf(`<!-- ${marker} -->`);
  expect(start, marker).toBeGreaterThan(-1);
  const fence = readme.indexOf('\n', readme.indexOf('```', start)) + 1;
  return `${readme.slice(fence, readme.indexOf('\n```', fence))}\n`;
};

describe('README', () => {
  const json = synthStack(presetFixture('starter', () => {}, 'us-east-1')) as unknown as Record<string, unknown>;

  it('shows the starter preset’s estimate as `ecs-wizard cost` prints it', () => {
    const estimate = estimateCost({ facts: factsFromResources(stackResources(json)), region: 'us-east-1', prices: PRICE_TABLE });
    expect(block('ecs-wizard cost: starter, us-east-1')).toBe(costReport(ENV, estimate, PRICE_TABLE));
  });

  it('shows the starter preset’s drawing as `ecs-wizard diagram` draws it, in text and Mermaid', () => {
    const model = diagramModel(json, ENV);
    expect(block('ecs-wizard diagram: starter, us-east-1')).toBe(renderText(model));
    expect(block('ecs-wizard diagram --format mermaid: starter, us-east-1')).toBe(renderMermaid(model));
  });

  it('names the price table’s date and every source', () => {
    expect(readme).toContain(`dated **${PRICE_TABLE.date}**`);
    for (const source of Object.values(PRICE_TABLE.sources)) expect(readme).toContain(source.offer);
  });
});
