/**
 * The stack as an SVG drawing: the VPC with a column per zone (public subnet
 * above private), the internet gateway on its edge, the load balancer across
 * the public subnets, the tasks and the database in the private ones, ECR and
 * the pipeline beside it. Solid blue arrows follow a request, dashed orange
 * ones a deploy, dotted grey ones outbound traffic through NAT. Several
 * environments stack one under the other.
 */
import { copyLabel, engineLabel, memory, tasksLabel, vcpu, type DiagramModel } from './model.js';

const COLORS = {
  text: '#1f2933',
  muted: '#52606d',
  vpc: '#f4f7fb',
  vpcLine: '#7b8794',
  zoneLine: '#9aa5b1',
  public: '#e3f8e9',
  publicLine: '#3f9142',
  private: '#e6f0ff',
  privateLine: '#2f6fd6',
  request: '#1c64f2',
  deploy: '#d9480f',
  outbound: '#7b8794',
  box: '#ffffff',
  nat: '#fff4e0',
  natLine: '#c77700',
  db: '#f3e8ff',
  dbLine: '#7e3ab8',
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Canvas {
  readonly parts: string[];
}

function rect(c: Canvas, x: number, y: number, w: number, h: number, fill: string, stroke: string, options: { dash?: string; radius?: number } = {}) {
  c.parts.push(
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${options.radius ?? 6}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"${options.dash ? ` stroke-dasharray="${options.dash}"` : ''}/>`,
  );
}

function text(c: Canvas, x: number, y: number, content: string, options: { size?: number; weight?: string; color?: string; anchor?: string } = {}) {
  c.parts.push(
    `<text x="${x}" y="${y}" font-size="${options.size ?? 12}" font-weight="${options.weight ?? 'normal'}" fill="${options.color ?? COLORS.text}" text-anchor="${options.anchor ?? 'start'}">${escape(content)}</text>`,
  );
}

function arrow(c: Canvas, points: ReadonlyArray<readonly [number, number]>, kind: 'request' | 'deploy' | 'outbound') {
  const color = COLORS[kind];
  const dash = kind === 'deploy' ? ' stroke-dasharray="7 4"' : kind === 'outbound' ? ' stroke-dasharray="2 3"' : '';
  c.parts.push(
    `<polyline points="${points.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="${color}" stroke-width="${kind === 'request' ? 2 : 1.6}"${dash} marker-end="url(#arrow-${kind})"/>`,
  );
}

function cylinder(c: Canvas, x: number, y: number, w: number, h: number, fill: string, stroke: string) {
  const ry = 6;
  c.parts.push(
    `<path d="M${x},${y + ry} a${w / 2},${ry} 0 0,1 ${w},0 v${h - 2 * ry} a${w / 2},${ry} 0 0,1 ${-w},0 z" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`,
    `<path d="M${x},${y + ry} a${w / 2},${ry} 0 0,0 ${w},0" fill="none" stroke="${stroke}" stroke-width="1.5"/>`,
  );
}

const ZONE_W = 210;
const ZONE_GAP = 16;
const SIDE_W = 250;
/** Where, across a zone, the request arrow and the outbound one run: clear of the labels on the left. */
const REQUEST_X = ZONE_W - 30;
const OUTBOUND_X = ZONE_W - 52;
const NAT_W = 126;

/** One environment's panel; returns its height. */
function panel(c: Canvas, model: DiagramModel, top: number, width: number): number {
  const zones = model.zones.length;
  const vpcX = 30;
  const vpcW = zones * ZONE_W + (zones - 1) * ZONE_GAP + 40;
  const sideX = vpcX + vpcW + 40;
  text(c, vpcX, top + 22, `${model.environment} · ${model.region}`, { size: 18, weight: 'bold' });
  if (model.dns) {
    // The name, its records' shares per copy and its certificate, right of the title.
    const dns = model.dns;
    const shares = dns.routes.length > 1 ? ` · ${dns.routes.map((route) => `${route.copy} ${route.weight}%`).join(' · ')}` : '';
    // Above the GitHub box, which starts at top + 40.
    text(c, width - 30, top + 16, `${dns.name} · Route 53 ALIAS ${dns.types.join('/')}${shares}`, { size: 13, color: COLORS.muted, anchor: 'end' });
    if (dns.certificate) text(c, width - 30, top + 32, dns.certificate === 'created' ? 'HTTPS · ACM certificate (new, DNS-validated)' : 'HTTPS · existing ACM certificate', { size: 12, color: COLORS.muted, anchor: 'end' });
  } else if (model.domains.length) text(c, width - 30, top + 22, model.domains.join(', '), { size: 13, color: COLORS.muted, anchor: 'end' });

  // Internet, above the VPC.
  const internetY = top + 40;
  const centerX = vpcX + vpcW / 2;
  rect(c, centerX - 70, internetY, 140, 34, COLORS.box, COLORS.vpcLine, { radius: 17 });
  text(c, centerX, internetY + 22, 'Internet', { anchor: 'middle', weight: 'bold' });

  const vpcY = internetY + 80;
  const lbY = vpcY + 44;
  const zonesY = lbY + 64;
  const publicH = 96;
  const privateY = zonesY + 30 + publicH + 14;
  const privateH = 136;
  const vpcH = privateY + privateH + 20 - vpcY;
  rect(c, vpcX, vpcY, vpcW, vpcH, COLORS.vpc, COLORS.vpcLine, { radius: 10 });
  text(c, vpcX + 14, vpcY + 22, `VPC ${model.vpcCidr ?? ''}`, { weight: 'bold', color: COLORS.muted });

  // Internet gateway on the VPC's top edge.
  if (model.internetGateway) {
    rect(c, centerX - 80, vpcY - 14, 160, 28, COLORS.box, COLORS.vpcLine);
    text(c, centerX, vpcY + 5, 'Internet gateway', { anchor: 'middle', size: 12 });
    arrow(c, [[centerX, internetY + 34], [centerX, vpcY - 16]], 'request');
  }

  // Load balancer across the public subnets.
  const lb = model.loadBalancers[0];
  const zoneX = (index: number) => vpcX + 20 + index * (ZONE_W + ZONE_GAP);
  const copies = model.copies?.filter((copy) => copy.loadBalancer) ?? [];
  if (copies.length) {
    // During a blue/green change: each copy's own load balancer side by side, with its share of the traffic.
    const gap = 16;
    const boxW = (vpcW - 40 - gap * (copies.length - 1)) / copies.length;
    copies.forEach((copy, index) => {
      const bx = vpcX + 20 + index * (boxW + gap);
      const balancer = copy.loadBalancer!;
      const live = copy.role === 'live';
      rect(c, bx, lbY, boxW, 40, live ? '#eef2ff' : '#f0fdf4', live ? COLORS.request : COLORS.publicLine, copy.routed ? {} : { dash: '6 4' });
      text(c, bx + boxW / 2, lbY + 17, `Copy ${copyLabel(copy)}`, { anchor: 'middle', weight: 'bold', size: 12 });
      const listeners = balancer.listeners.map((l) => `${l.protocol} :${l.port}`).join(', ');
      text(c, bx + boxW / 2, lbY + 33, `load balancer ${balancer.name} · ${listeners || 'no listener'}`, { anchor: 'middle', size: 10, color: COLORS.muted });
      if (copy.routed) {
        const ax = bx + boxW / 2;
        arrow(c, [[centerX, vpcY + 14], [centerX, vpcY + 26], [ax, vpcY + 26], [ax, lbY - 2]], 'request');
        text(c, ax + 6, lbY - 6, `${copy.weight}%`, { size: 11, weight: 'bold', color: COLORS.request });
      }
    });
  } else if (lb) {
    const lbW = vpcW - 40;
    rect(c, vpcX + 20, lbY, lbW, 40, '#eef2ff', COLORS.request);
    const listeners = lb.listeners.map((l) => `${l.protocol} :${l.port}`).join(', ');
    text(c, vpcX + 20 + lbW / 2, lbY + 17, `Load balancer ${lb.name}`, { anchor: 'middle', weight: 'bold' });
    text(c, vpcX + 20 + lbW / 2, lbY + 33, `${lb.internetFacing ? 'internet-facing' : 'internal'} · ${listeners || 'no listener'} · a node in each public subnet`, {
      anchor: 'middle',
      size: 11,
      color: COLORS.muted,
    });
    arrow(c, [[centerX, vpcY + 14], [centerX, lbY - 2]], 'request');
  }
  if (model.loadBalancers.length > 1 && !copies.length) {
    text(c, vpcX + vpcW - 20, lbY - 6, `+ ${model.loadBalancers.length - 1} more load balancer(s): ${model.loadBalancers.slice(1).map((b) => b.name).join(', ')}`, {
      anchor: 'end',
      size: 11,
      color: COLORS.muted,
    });
  }

  const primary = model.zones.findIndex((zone) => zone.database === 'primary');
  model.zones.forEach((zone, index) => {
    const x = zoneX(index);
    rect(c, x, zonesY, ZONE_W, privateY + privateH - zonesY + 8, 'none', COLORS.zoneLine, { dash: '5 4', radius: 8 });
    text(c, x + 10, zonesY + 18, zone.zone, { weight: 'bold', color: COLORS.muted });
    // Public subnet.
    const py = zonesY + 30;
    rect(c, x + 8, py, ZONE_W - 16, publicH, COLORS.public, COLORS.publicLine);
    text(c, x + 16, py + 17, `public ${zone.publicSubnet ?? ''}`, { size: 11, color: COLORS.publicLine, weight: 'bold' });
    if (zone.loadBalancer) text(c, x + 16, py + 36, '◆ load balancer node', { size: 11 });
    if (zone.nat) {
      rect(c, x + 16, py + 46, NAT_W, 40, COLORS.nat, COLORS.natLine);
      text(c, x + 16 + NAT_W / 2, py + 63, 'NAT gateway', { anchor: 'middle', size: 12, weight: 'bold' });
      text(c, x + 16 + NAT_W / 2, py + 78, 'and its public IPv4', { anchor: 'middle', size: 10, color: COLORS.muted });
    } else if (model.zones.some((other) => other.nat)) {
      text(c, x + 16, py + 64, 'no NAT here:', { size: 11, color: COLORS.muted });
      text(c, x + 16, py + 78, 'out via another zone', { size: 11, color: COLORS.muted });
    }
    // Private subnet.
    rect(c, x + 8, privateY, ZONE_W - 16, privateH, COLORS.private, COLORS.privateLine);
    text(c, x + 16, privateY + 17, `private ${zone.privateSubnet ?? ''}`, { size: 11, color: COLORS.privateLine, weight: 'bold' });
    if (zone.tasks && model.service) {
      rect(c, x + 22, privateY + 30, ZONE_W - 44, 38, COLORS.box, COLORS.privateLine);
      rect(c, x + 18, privateY + 26, ZONE_W - 44, 38, COLORS.box, COLORS.privateLine);
      const names = model.copies?.map((copy) => copy.name).join(' + ');
      text(c, x + ZONE_W / 2 - 2, privateY + 43, names ? `Fargate tasks: ${names}` : 'Fargate tasks', { anchor: 'middle', weight: 'bold', size: 12 });
      text(c, x + ZONE_W / 2 - 2, privateY + 58, `${vcpu(model.service.cpu)}, ${memory(model.service.memoryMiB)} each`, { anchor: 'middle', size: 11, color: COLORS.muted });
      if (lb) arrow(c, [[x + REQUEST_X, lbY + 40], [x + REQUEST_X, privateY + 24]], 'request');
    }
    if (zone.database && model.database) {
      cylinder(c, x + 40, privateY + 80, ZONE_W - 80, 46, COLORS.db, COLORS.dbLine);
      text(c, x + ZONE_W / 2, privateY + 104, engineLabel(model.database.engine), { anchor: 'middle', weight: 'bold', size: 12 });
      text(c, x + ZONE_W / 2, privateY + 118, zone.database, { anchor: 'middle', size: 11, color: COLORS.muted });
    }
    if (zone.tasks && model.database && primary >= 0) {
      const px = zoneX(primary) + ZONE_W / 2;
      if (index === primary) arrow(c, [[x + ZONE_W / 2, privateY + 66], [x + ZONE_W / 2, privateY + 82]], 'request');
      else arrow(c, [[x + 30, privateY + 66], [x + 30, privateY + privateH - 6], [px + (index > primary ? 36 : -36), privateY + privateH - 6], [px + (index > primary ? 36 : -36), privateY + 122]], 'request');
    }
  });
  // Outbound: tasks to the NAT that serves their zone.
  for (const [natIndex, zone] of model.zones.entries()) {
    if (!zone.nat) continue;
    for (const served of zone.natServes) {
      const index = model.zones.findIndex((candidate) => candidate.zone === served);
      if (index < 0 || !model.zones[index]!.tasks) continue;
      // Up from the tasks beside the request arrow, into the NAT's right side.
      const from = zoneX(index) + OUTBOUND_X;
      const natRight = zoneX(natIndex) + 16 + NAT_W;
      const natY = zonesY + 30 + 66;
      if (index === natIndex) arrow(c, [[from, privateY + 26], [from, natY], [natRight + 2, natY]], 'outbound');
      else arrow(c, [[from, privateY + 26], [from, privateY - 7], [zoneX(natIndex) + OUTBOUND_X, privateY - 7], [zoneX(natIndex) + OUTBOUND_X, natY], [natRight + 2, natY]], 'outbound');
    }
  }

  // Beside the VPC: ECR and the pipeline, GitHub at the top.
  let y = vpcY;
  if (model.pipeline) {
    if (model.pipeline.source) {
      rect(c, sideX, internetY, SIDE_W, 34, COLORS.box, COLORS.deploy, { radius: 17 });
      text(c, sideX + SIDE_W / 2, internetY + 22, `GitHub ${model.pipeline.source}`, { anchor: 'middle', weight: 'bold' });
      arrow(c, [[sideX + SIDE_W / 2, internetY + 34], [sideX + SIDE_W / 2, y + 4]], 'deploy');
    }
    rect(c, sideX, y + 6, SIDE_W, 40 + model.pipeline.stages.length * 46, '#fff8f3', COLORS.deploy, { radius: 10 });
    text(c, sideX + 12, y + 26, `CodePipeline ${model.pipeline.name}`, { weight: 'bold', size: 12 });
    model.pipeline.stages.forEach((stage, index) => {
      const sy = y + 38 + index * 46;
      rect(c, sideX + 14, sy, SIDE_W - 28, 34, COLORS.box, COLORS.deploy);
      text(c, sideX + 24, sy + 21, `${index + 1}. ${stage.name}`, { weight: 'bold', size: 12 });
      text(c, sideX + SIDE_W - 22, sy + 21, stage.providers.join(', '), { anchor: 'end', size: 11, color: COLORS.muted });
      if (index > 0) arrow(c, [[sideX + SIDE_W / 2, sy - 12], [sideX + SIDE_W / 2, sy - 1]], 'deploy');
    });
    const deployIndex = model.pipeline.stages.findIndex((stage) => stage.name === 'Deploy');
    const firstTasks = model.zones.map((zone, index) => (zone.tasks ? index : -1)).filter((index) => index >= 0).at(-1);
    if (deployIndex >= 0 && firstTasks !== undefined) {
      const sy = y + 38 + deployIndex * 46 + 17;
      arrow(c, [[sideX + 14, sy], [vpcX + vpcW + 20, sy], [vpcX + vpcW + 20, privateY + 45], [zoneX(firstTasks) + ZONE_W - 16, privateY + 45]], 'deploy');
    }
    y += 40 + model.pipeline.stages.length * 46 + 24;
    if (model.repository) {
      const buildIndex = model.pipeline.stages.findIndex((stage) => stage.providers.includes('CodeBuild'));
      const ry = y + 10;
      cylinder(c, sideX + 30, ry, SIDE_W - 60, 54, '#fff8f3', COLORS.deploy);
      text(c, sideX + SIDE_W / 2, ry + 30, 'ECR', { anchor: 'middle', weight: 'bold' });
      text(c, sideX + SIDE_W / 2, ry + 45, model.repository, { anchor: 'middle', size: 11, color: COLORS.muted });
      if (buildIndex >= 0) {
        const by = vpcY + 38 + buildIndex * 46 + 17;
        arrow(c, [[sideX + SIDE_W - 14, by], [sideX + SIDE_W + 10, by], [sideX + SIDE_W + 10, ry + 27], [sideX + SIDE_W - 28, ry + 27]], 'deploy');
        text(c, sideX + SIDE_W + 14, (by + ry + 27) / 2, 'push', { size: 10, color: COLORS.deploy });
      }
      y = ry + 64;
    }
  } else if (model.repository) {
    cylinder(c, sideX + 30, y + 10, SIDE_W - 60, 54, '#fff8f3', COLORS.deploy);
    text(c, sideX + SIDE_W / 2, y + 40, `ECR ${model.repository}`, { anchor: 'middle', size: 11 });
    y += 74;
  }

  // Facts under the pipeline: sizes and counts.
  // [text, a heading]: each heading with its details under it.
  const facts: Array<readonly [string, boolean]> = [];
  if (model.copies) {
    for (const copy of model.copies) {
      const service = copy.service;
      facts.push([`Copy ${copy.name}${service ? `: ${service.name}` : ''}`, true], [`  ${copyLabel(copy).slice(copy.name.length + 2)}`, false]);
      if (service) facts.push([`  ${tasksLabel(service.minTasks, service.maxTasks)} × ${vcpu(service.cpu)}, ${memory(service.memoryMiB)}`, false]);
    }
  } else if (model.service) {
    facts.push([`Service ${model.service.name}`, true], [`  ${tasksLabel(model.service.minTasks, model.service.maxTasks)} × ${vcpu(model.service.cpu)}, ${memory(model.service.memoryMiB)}`, false]);
  }
  if (model.database) {
    const d = model.database;
    facts.push([`${engineLabel(d.engine)} ${d.version} ${d.instanceClass}`, true], [`  ${d.multiAz ? 'multi-AZ: primary and standby' : 'single-AZ'}`, false]);
  }
  facts.forEach(([line, heading], index) => text(c, sideX, y + 18 + index * 16, line, { size: 12, color: heading ? COLORS.text : COLORS.muted, weight: heading ? 'bold' : 'normal' }));

  const bottom = Math.max(vpcY + vpcH, y + facts.length * 16 + 10) + 16;
  // Legend.
  const legend: Array<[string, 'request' | 'deploy' | 'outbound']> = [
    ['a request', 'request'],
    ['a deploy', 'deploy'],
    ['outbound through NAT', 'outbound'],
  ];
  legend.forEach(([label, kind], index) => {
    const lx = vpcX + index * 200;
    arrow(c, [[lx, bottom + 8], [lx + 40, bottom + 8]], kind);
    text(c, lx + 50, bottom + 12, label, { size: 12, color: COLORS.muted });
  });
  return bottom + 30 - top;
}

export function panelWidth(model: DiagramModel): number {
  const zones = Math.max(model.zones.length, 1);
  return 30 + zones * ZONE_W + (zones - 1) * ZONE_GAP + 40 + 40 + SIDE_W + 40;
}

export function renderSvg(models: readonly DiagramModel[]): string {
  const width = Math.max(...models.map(panelWidth), 600);
  const c: Canvas = { parts: [] };
  let top = 10;
  for (const model of models) top += panel(c, model, top, width) + 20;
  const height = top;
  const marker = (kind: 'request' | 'deploy' | 'outbound') =>
    `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLORS[kind]}"/></marker>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escape(models.map((model) => `${model.environment} (${model.region})`).join(', '))}: ECS Fargate stack drawn by ecs-wizard</title>`,
    `<defs>${marker('request')}${marker('deploy')}${marker('outbound')}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...c.parts,
    '</svg>',
    '',
  ].join('\n');
}
