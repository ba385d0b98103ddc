/**
 * An environment in the middle of a blue/green change of its infrastructure
 * (`copies` in ecs-wizard.json) is the shared layer plus one serving layer
 * per copy. The estimate (the `cost` command, its --json event, and the
 * wizard's Review) prices both copies, each line saying which copy it is;
 * the drawing (text, SVG, Mermaid, synth's architecture.svg) draws both
 * copies with their weights and which one is live. Before this, both read
 * the shared layer only and lost the copies' load balancers, tasks, logs
 * and alarms.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeProject } from '../../src/infra/projectWriter.js';
import { synthesizedEnvironment } from '../../src/app/stack.js';
import { estimateEnvironment } from '../../src/headless/cost.js';
import { costEvent, costReport } from '../../src/cost/format.js';
import { copyRole, layersFromConfig, mergeFacts } from '../../src/cost/layers.js';
import { factsFromConfig } from '../../src/cost/facts.js';
import { configEstimate } from '../../src/wizard/cost.js';
import { environmentModel, renderMermaid, renderSvg, renderText } from '../../src/diagram/index.js';
import type { Config } from '../../src/config/index.js';
import { ENV, presetFixture } from '../helpers/infraSynth.js';

type Copies = { live: 'blue' | 'green'; next?: 'blue' | 'green'; nextWeight?: number };

const fixture = (copies?: Copies) =>
  presetFixture(
    'production',
    (_, env) => {
      env.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
      if (copies) env.copies = copies;
    },
    'us-east-1',
  );

const estimateOf = async (config: Config) => estimateEnvironment(config, ENV, await synthesizedEnvironment(config, ENV));
const modelOf = async (config: Config) =>
  environmentModel(
    (await synthesizedEnvironment(config, ENV)).map((stack) => ({ json: stack.json, ...(stack.copy ? { copy: copyRole(stack.copy) } : {}) })),
    ENV,
  );
const cents = (value: number) => Math.round(value * 100) / 100;

describe('cost of an environment in the middle of a blue/green change', () => {
  const midChange = fixture({ live: 'blue', next: 'green', nextWeight: 10 });

  it('prices both copies: each copy’s load balancer, addresses, tasks at min and max, alarms and Container Insights, named after the copy', async () => {
    const before = await estimateOf(fixture());
    const during = await estimateOf(midChange);
    const item = (name: string) => during.lines.find((line) => line.item === name);
    // By hand, us-east-1, one copy of production's serving layer: ALB 730 h × $0.0225, 3 public IPv4 × 730 h × $0.005,
    // Fargate 0.5 vCPU × 2-10 tasks × 730 h × $0.04048 and 1 GB × $0.004445, 2 alarms × $0.10, Container Insights
    // 30 metrics × $0.30, an access-log bucket 1 GB × $0.023.
    for (const copy of ['blue', 'green']) {
      expect(item(`${copy}: Application Load Balancer × 1`)!.monthly).toEqual({ min: 16.425, max: 16.425 });
      expect(cents(item(`${copy}: Public IPv4 address × 3`)!.monthly!.min)).toBe(10.95);
      const vcpu = item(`${copy}: Fargate vCPU: 0.5 vCPU × 2-10 tasks`)!.monthly!;
      expect([cents(vcpu.min), cents(vcpu.max)]).toEqual([29.55, 147.75]);
      expect(item(`${copy}: CloudWatch alarm × 2`)).toBeDefined();
      expect(item(`${copy}: Container Insights × 1`)!.monthly!.min).toBeCloseTo(9, 6);
    }
    expect(item('blue: Application Load Balancer × 1')!.assumption).toContain('copy blue (live, 90% of the traffic)');
    expect(item('green: Application Load Balancer × 1')!.assumption).toContain('copy green (new, 10% of the traffic)');
    // The traffic is the environment's, split by the records' weights: 10 GB × 90% and × 10% of LCU and data out.
    expect(item('blue: Load balancer capacity (LCU)')!.monthly!.min).toBeCloseTo(9 * 0.008, 9);
    expect(item('green: Load balancer capacity (LCU)')!.monthly!.min).toBeCloseTo(1 * 0.008, 9);
    expect(item('green: Data out to the internet')!.monthly!.min).toBeCloseTo(1 * 0.09, 9);
    // Logs are one volume for the environment, across every layer's log groups, priced once.
    expect(during.lines.filter((line) => line.key.startsWith('logs.ingest'))).toHaveLength(1);
    expect(item('CloudWatch Logs ingestion')!.assumption).toContain('across 8 log groups');
    // Shared once: NAT, database, ECR, pipeline, zone.
    expect(during.lines.filter((line) => line.item.startsWith('NAT gateway ×'))).toHaveLength(1);
    expect(during.lines.filter((line) => line.key.startsWith('rds.instance'))).toHaveLength(1);
    // The change costs one more serving layer (traffic and logs move, they do not double).
    const extra = { min: 16.425 + 10.95 + 29.5504 + 6.4897 + 0.2 + 9 + 0.023, max: 16.425 + 10.95 + 147.752 + 32.4485 + 0.2 + 9 + 0.023 };
    expect(during.monthly.min - before.monthly.min).toBeCloseTo(extra.min, 6);
    expect(during.monthly.max - before.monthly.max).toBeCloseTo(extra.max, 6);
    expect(during.unknown).toBe(0);
  });

  it('the --json event and the table name the copies; a copy not yet in DNS gets no traffic', async () => {
    const starting = await estimateOf(fixture({ live: 'blue', next: 'green' }));
    const event = costEvent(ENV, starting);
    const green = event.lines.find((line) => line.item === 'green: Load balancer capacity (LCU)')!;
    expect(green.monthly).toBe(0);
    expect(green.assumption).toContain('copy green (new, no traffic yet: not in DNS)');
    expect(event.lines.find((line) => line.item === 'blue: Load balancer capacity (LCU)')!.monthly).toBe(0.08);
    const table = costReport(ENV, starting);
    expect(table).toMatch(/green: Application Load Balancer × 1\s+\$16\.43/);
    // One heading per component, as for one stack.
    expect(table.split('\n').filter((line) => line === 'Load balancer')).toHaveLength(1);
    for (const line of table.trimEnd().split('\n').slice(0, -1)) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('the wizard’s Review prices the same layers from the config alone', async () => {
    const fromStacks = await estimateOf(midChange);
    const layers = layersFromConfig(midChange, ENV);
    expect(layers.map((layer) => layer.copy?.name ?? 'shared')).toEqual(['shared', 'blue', 'green']);
    expect(mergeFacts(layers).services).toHaveLength(2);
    expect(mergeFacts(layers).loadBalancers).toEqual(factsFromConfig(midChange, ENV).loadBalancers);
    const wizard = configEstimate(midChange as never, ENV, 'production')!;
    expect(cents(wizard.monthly.min)).toBe(cents(fromStacks.monthly.min));
    expect(cents(wizard.monthly.max)).toBe(cents(fromStacks.monthly.max));
    expect(wizard.lines.map((line) => line.item)).toEqual(fromStacks.lines.map((line) => line.item));
  });
});

describe('drawing of an environment in the middle of a blue/green change', () => {
  const midChange = fixture({ live: 'blue', next: 'green', nextWeight: 10 });

  it('the model holds both copies: their load balancers, services, weights and which is live', async () => {
    const model = await modelOf(midChange);
    expect(model.copies!.map((copy) => [copy.name, copy.role, copy.weight, copy.loadBalancer?.name, copy.service?.name])).toEqual([
      ['blue', 'live', 90, 'shop-production-alb', 'shop-production-web'],
      ['green', 'next', 10, 'shop-production-green-alb', 'shop-production-green-web'],
    ]);
    expect(model.loadBalancers).toHaveLength(2);
    expect(model.zones.every((zone) => zone.tasks && zone.loadBalancer)).toBe(true);
    expect(model.database).toMatchObject({ engine: 'postgres', multiAz: true });
  });

  it('text: a line per copy with its share, load balancer and service, within 80 columns', async () => {
    const text = renderText(await modelOf(midChange));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Copy blue live, 90% of the traffic; load balancer shop-production-alb (HTTP :80, HTTPS :443); shop-production-web: 2-10 tasks');
    expect(flat).toContain('Copy green new, 10% of the traffic; load balancer shop-production-green-alb');
    expect(flat).toContain("the copies' load balancers (blue 90%, green 10%)");
    expect(flat).toContain('· tasks: blue + green');
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('mermaid: a load balancer per copy, each reached with its weight', async () => {
    const mermaid = renderMermaid(await modelOf(midChange));
    expect(mermaid).toContain('lb0["Copy blue: live, 90% of the traffic · Load balancer shop-production-alb');
    expect(mermaid).toContain('lb1["Copy green: new, 10% of the traffic · Load balancer shop-production-green-alb');
    expect(mermaid).toContain('igw -->|90%| lb0');
    expect(mermaid).toContain('igw -->|10%| lb1');
    expect(mermaid).toContain('service_note_green["Copy green service shop-production-green-web');
  });

  it('svg: both copies’ load balancers side by side with their shares, well-formed', async () => {
    const svg = renderSvg([await modelOf(midChange)]);
    expect(svg).toContain('>Copy blue: live, 90% of the traffic</text>');
    expect(svg).toContain('>Copy green: new, 10% of the traffic</text>');
    expect(svg).toContain('>load balancer shop-production-green-alb · HTTP :80, HTTPS :443</text>');
    expect(svg).toContain('>Fargate tasks: blue + green</text>');
    expect(svg.match(/<svg /g)).toHaveLength(1);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it("synth's architecture.svg draws the environment once, with both copies", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecs-wizard-bluegreen-svg-'));
    try {
      const result = await writeProject({ dir, config: midChange, versions: { ecsWizard: '0.1.0', cdktf: '0.21.0', providerAws: '20.1.0', constructs: '10.4.2' } });
      expect(result.ok).toBe(true);
      const svg = await readFile(join(dir, 'architecture.svg'), 'utf8');
      expect(svg.match(/>production · us-east-1</g)).toHaveLength(1);
      expect(svg).toContain('>Copy green: new, 10% of the traffic</text>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
