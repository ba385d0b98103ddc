/**
 * The drawing is read from the synthesized stack, never a fixed picture: the
 * zones, subnets, NAT gateways, load balancer and listeners, tasks, database
 * and standby, ECR, the pipeline's stages and the two paths all come from
 * resources, and change when the stack does. Text fits 80 columns; SVG is
 * well-formed; Mermaid declares what it links.
 */
import { describe, expect, it } from 'vitest';
import { deployPath, diagramModel, renderMermaid, renderSvg, renderText, requestPath } from '../../src/diagram/index.js';
import { ENV, presetFixture, synthStack, terraformVariants } from '../helpers/infraSynth.js';

const model = (config: Parameters<typeof synthStack>[0]) => diagramModel(synthStack(config) as unknown as Record<string, unknown>, ENV);
const starter = model(presetFixture('starter'));
const production = model(presetFixture('production'));

describe('the model, from the synthesized resources', () => {
  it('starter: two zones, one NAT serving both, a single-AZ database, the pipeline’s three stages', () => {
    expect(starter.region).toBe('eu-west-1');
    expect(starter.vpcCidr).toBe('10.0.0.0/16');
    expect(starter.zones.map((zone) => [zone.zone, zone.publicSubnet, zone.privateSubnet, zone.nat, zone.tasks, zone.database ?? null])).toEqual([
      ['eu-west-1a', '10.0.0.0/20', '10.0.128.0/20', true, true, 'primary'],
      ['eu-west-1b', '10.0.16.0/20', '10.0.144.0/20', false, true, null],
    ]);
    expect(starter.zones[0]!.natServes).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(starter.loadBalancers).toEqual([{ name: 'shop-production-alb', internetFacing: true, listeners: [{ protocol: 'HTTP', port: 80 }] }]);
    expect(starter.service).toEqual({ name: 'shop-production-web', cpu: 256, memoryMiB: 512, minTasks: 1, maxTasks: 2, containerPort: 3000 });
    expect(starter.database).toEqual({ engine: 'postgres', version: '16', instanceClass: 'db.t4g.micro', multiAz: false, port: 5432 });
    expect(starter.repository).toBe('shop-production-app');
    expect(starter.pipeline!.stages.map((stage) => `${stage.name}:${stage.providers.join('+')}`)).toEqual(['Source:CodeStarSourceConnection', 'Build:CodeBuild', 'Deploy:ECS+CodeBuild']); // the deploy, then the Start step
    expect(starter.pipeline!.source).toBe('acme/shop@main');
    expect(requestPath(starter)).toEqual(['Internet', 'internet gateway', 'load balancer (HTTP :80)', 'shop-production-web tasks :3000', 'PostgreSQL :5432']);
    expect(deployPath(starter)).toEqual(['GitHub acme/shop@main', 'Source (CodeStarSourceConnection)', 'Build (CodeBuild)', 'Deploy (ECS, CodeBuild)', 'shop-production-web tasks']);
  });

  it('production: a NAT in each of three zones, each serving its own, and a standby database', () => {
    expect(production.zones.map((zone) => [zone.nat, zone.natServes, zone.database ?? null])).toEqual([
      [true, ['eu-west-1a'], 'primary'],
      [true, ['eu-west-1b'], 'standby'],
      [true, ['eu-west-1c'], null],
    ]);
    expect(production.service).toMatchObject({ minTasks: 2, maxTasks: 10 });
  });

  it('follows the stack: a MySQL database, another region and an existing connection are drawn as they are', () => {
    const variant = model(terraformVariants()['starter-3az-mysql']!);
    expect(variant.region).toBe('us-east-1');
    expect(variant.zones.map((zone) => zone.zone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(variant.database!.engine).toBe('mysql');
    expect(requestPath(variant).at(-1)).toBe('MySQL :3306');
  });

  it('draws a domain when the stack has one (Route 53 records are read, not assumed)', () => {
    const json = synthStack(presetFixture('starter')) as unknown as { resource: Record<string, Record<string, unknown>> };
    json.resource.aws_route53_record = { app: { name: 'shop.example.com', type: 'A' } };
    const withDomain = diagramModel(json as unknown as Record<string, unknown>, ENV);
    expect(withDomain.domains).toEqual(['shop.example.com']);
    expect(requestPath(withDomain)[0]).toBe('shop.example.com');
    expect(renderText(withDomain)).toContain('shop.example.com ─► Internet');
  });
});

describe('text', () => {
  it('fits 80 columns, for two to six zones', () => {
    for (const zones of [2, 3, 4, 6]) {
      const config = presetFixture('production', (_, env) => {
        env.availabilityZones = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'].slice(0, zones);
      }, 'us-east-1');
      const lines = renderText(model(config)).trimEnd().split('\n');
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
      expect(lines.filter((line) => line.startsWith('┌')).join(' ')).toContain(zones > 3 ? 'us-east-1d' : 'us-east-1a');
    }
  });

  it('names every part and both paths', () => {
    const text = renderText(starter);
    for (const part of ['VPC 10.0.0.0/16', 'internet gateway', 'shop-production-alb (HTTP :80)', 'public 10.0.0.0/20', 'private 10.0.144.0/20', '· NAT gateway', '· out via eu-west-1a', 'PostgreSQL primary', 'ECR shop-production-app', 'Request ', 'Deploy ', 'Outbound ']) {
      expect(text).toContain(part);
    }
  });
});

describe('svg', () => {
  it('is well-formed, escapes text, and draws every zone, the database, ECR and the stages', () => {
    const svg = renderSvg([production, starter]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // Every element opened is closed, in order.
    const stack: string[] = [];
    for (const match of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = match;
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name!);
    }
    expect(stack).toEqual([]);
    for (const part of ['eu-west-1a', 'eu-west-1c', 'NAT gateway', 'PostgreSQL', 'standby', 'ECR', '1. Source', '3. Deploy', 'GitHub acme/shop@main', 'a request', 'a deploy']) {
      expect(svg).toContain(part);
    }
    expect(renderSvg([{ ...starter, environment: 'a<b&c' }])).toContain('a&lt;b&amp;c');
  });
});

describe('mermaid', () => {
  it('is a flowchart whose subgraphs close and whose links join declared nodes', () => {
    const text = renderMermaid(production);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart TB');
    expect(lines.filter((line) => /^\s*subgraph /.test(line)).length).toBe(lines.filter((line) => /^\s*end$/.test(line)).length);
    const declared = new Set(
      lines.flatMap((line) => [...line.matchAll(/(?:^|\s)([A-Za-z0-9_]+)(?=\[|\(\(|\[\()/g)].map((match) => match[1]!)),
    );
    const linked = lines.flatMap((line) => {
      const match = /^\s*([A-Za-z0-9_]+)(?:\[[^\]]*\])?\s*(?:-->|-\.->|-\.-|---)(?:\|[^|]*\|)?\s*([A-Za-z0-9_]+)\s*$/.exec(line);
      return match ? [match[1]!, match[2]!] : [];
    });
    expect(linked.length).toBeGreaterThan(10);
    for (const node of linked) expect(declared.has(node), node).toBe(true);
    expect(text).toContain('eu_west_1b_db[("PostgreSQL standby")]');
  });
});

describe('the domain, when there is one', () => {
  const withDomain = (certificateArn?: string, copies?: { live: 'blue' | 'green'; next?: 'blue' | 'green'; nextWeight?: number }) =>
    presetFixture('starter', (_, env) => {
      env.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', ...(certificateArn ? { certificateArn } : {}) };
      if (copies) env.copies = copies;
    });

  it('draws the ALIAS records at the load balancer, the HTTPS listener and its new certificate', () => {
    const drawn = model(withDomain());
    expect(drawn.dns).toEqual({
      name: 'shop.example.com',
      zoneId: 'Z0123456789ABCDEFGHIJ',
      types: ['A', 'AAAA'],
      routes: [{ copy: 'blue', weight: 100, target: 'shop-production-alb' }],
      certificate: 'created',
    });
    expect(drawn.loadBalancers[0]!.listeners).toEqual([
      { protocol: 'HTTP', port: 80 },
      { protocol: 'HTTPS', port: 443 },
    ]);
    const text = renderText(drawn);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Domain shop.example.com: ALIAS A/AAAA in zone Z0123456789ABCDEFGHIJ → shop-production-alb; HTTPS with a new ACM certificate, validated by DNS');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const mermaid = renderMermaid(drawn);
    expect(mermaid).toContain('Route 53 shop.example.com · ALIAS A/AAAA');
    expect(mermaid).toContain('acm -.->|HTTPS| lb0');
    expect(renderSvg([drawn])).toContain('HTTPS · ACM certificate (new, DNS-validated)');
  });

  it('an existing certificate is drawn as such; without a domain nothing of it', () => {
    expect(model(withDomain('arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666')).dns?.certificate).toBe('existing');
    expect(starter.dns).toBeUndefined();
    expect(renderText(starter)).not.toContain('Domain');
  });

  it('during a blue/green change: both copies with their weights, from the shared layer', () => {
    const config = withDomain(undefined, { live: 'blue', next: 'green', nextWeight: 10 });
    const shared = diagramModel(synthStack(config, ENV) as unknown as Record<string, unknown>, ENV);
    expect(shared.dns!.routes).toEqual([
      { copy: 'blue', weight: 90, target: "copy blue's load balancer" },
      { copy: 'green', weight: 10, target: "copy green's load balancer" },
    ]);
    expect(renderText(shared).replace(/\s+/g, ' ')).toContain("blue 90% (copy blue's load balancer), green 10% (copy green's load balancer)");
    expect(renderMermaid(shared)).toContain('blue 90% · green 10%');
  });
});
