/**
 * The stack as text within 80 columns: the zones side by side (three to a
 * row), each with its public and private subnet and what lives there, then
 * the service, database, images and pipeline, and the paths of a request and
 * of a deploy. What the wizard's Review shows on a key.
 */
import { copyLabel, deployPath, dnsLine, engineLabel, memory, requestPath, tasksLabel, vcpu, type DiagramModel, type ZoneView } from './model.js';

const ZONES_PER_ROW = 3;

function wrapWith(label: string, text: string, columns: number): string[] {
  const indent = ' '.repeat(label.length);
  const out: string[] = [];
  let current = label;
  for (const word of text.split(' ')) {
    if (current.trim() !== label.trim() && current.length + 1 + word.length > columns) {
      out.push(current);
      current = `${indent}${word}`;
    } else current = current.endsWith(' ') || current === label ? `${current}${word}` : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

function zoneLines(zone: ZoneView, model: DiagramModel, single: string | undefined): string[] {
  const lines = [`public ${zone.publicSubnet ?? '-'}`];
  const copies = model.copies?.map((copy) => copy.name).join(' + ');
  if (zone.loadBalancer) lines.push(copies ? `· LB: ${copies}` : '· load balancer node');
  if (zone.nat) lines.push('· NAT gateway');
  lines.push(`private ${zone.privateSubnet ?? '-'}`);
  if (zone.tasks) lines.push(copies ? `· tasks: ${copies}` : '· service tasks');
  if (zone.database && model.database) lines.push(`· ${engineLabel(model.database.engine)} ${zone.database}`);
  if (!zone.nat && single && zone.privateSubnet) lines.push(`· out via ${single}`);
  return lines;
}

function zoneRows(model: DiagramModel, columns: number): string[] {
  const out: string[] = [];
  const natZones = model.zones.filter((zone) => zone.nat);
  const single = natZones.length === 1 ? natZones[0]!.zone : undefined;
  for (let start = 0; start < model.zones.length; start += ZONES_PER_ROW) {
    const row = model.zones.slice(start, start + ZONES_PER_ROW);
    const width = Math.min(Math.floor((columns - (row.length - 1)) / row.length), 38);
    const inner = width - 4;
    const bodies = row.map((zone) => zoneLines(zone, model, single));
    const height = Math.max(...bodies.map((body) => body.length));
    out.push(row.map((zone) => `┌ ${zone.zone} ${'─'.repeat(Math.max(width - zone.zone.length - 4, 0))}┐`).join(' '));
    for (let index = 0; index < height; index++) {
      out.push(bodies.map((body) => `│ ${fit(body[index] ?? '', inner)} │`).join(' '));
    }
    out.push(row.map(() => `└${'─'.repeat(width - 2)}┘`).join(' '));
  }
  return out;
}

export function renderText(model: DiagramModel, columns = 80): string {
  const out: string[] = [];
  const lb = model.loadBalancers[0];
  out.push(...wrapWith('', `${model.environment} · ${model.region}${model.vpcCidr ? ` · VPC ${model.vpcCidr}` : ''}`, columns));
  const entry = [
    ...(model.domains.length ? [model.domains.join(', ')] : []),
    'Internet',
    ...(model.internetGateway ? ['internet gateway'] : []),
    ...(model.copies ? [`the copies' load balancers (${model.copies.map((copy) => `${copy.name} ${copy.routed ? `${copy.weight}%` : 'no traffic'}`).join(', ')})`] : model.loadBalancers).map(
      (balancer) =>
        typeof balancer === 'string'
          ? balancer
          : `load balancer ${balancer.name}${balancer.listeners.length ? ` (${balancer.listeners.map((l) => `${l.protocol} :${l.port}`).join(', ')})` : ''}`,
    ),
  ];
  out.push(...wrapWith('', entry.join(' ─► '), columns));
  out.push(...zoneRows(model, columns));
  const rows: Array<[string, string]> = [];
  for (const copy of model.copies ?? []) {
    // Each copy of the serving layer: its share of the traffic, its load balancer and its service.
    const balancer = copy.loadBalancer;
    const s = copy.service;
    rows.push([
      `Copy ${copy.name}`,
      [
        copyLabel(copy).slice(copy.name.length + 2),
        ...(balancer ? [`load balancer ${balancer.name}${balancer.listeners.length ? ` (${balancer.listeners.map((l) => `${l.protocol} :${l.port}`).join(', ')})` : ''}`] : []),
        ...(s ? [`${s.name}: ${tasksLabel(s.minTasks, s.maxTasks)} × ${vcpu(s.cpu)}, ${memory(s.memoryMiB)}${s.containerPort ? `, port ${s.containerPort}` : ''}`] : []),
      ].join('; '),
    ]);
  }
  if (model.service && !model.copies) {
    const s = model.service;
    rows.push(['Service', `${s.name}: ${tasksLabel(s.minTasks, s.maxTasks)} × ${vcpu(s.cpu)}, ${memory(s.memoryMiB)}${s.containerPort ? `, port ${s.containerPort}` : ''}`]);
  }
  if (model.database) {
    const d = model.database;
    const standby = model.zones.find((zone) => zone.database === 'standby');
    rows.push([
      'Database',
      `${engineLabel(d.engine)} ${d.version} ${d.instanceClass}, ${d.multiAz ? `multi-AZ (standby${standby ? ` e.g. in ${standby.zone}` : ''}; AWS picks the zones)` : 'single-AZ'}`,
    ]);
  }
  if (model.dns) rows.push(['Domain', dnsLine(model.dns)]);
  if (model.repository) rows.push(['Images', `ECR ${model.repository}`]);
  rows.push(['Request', requestPath(model).join(' → ')]);
  const natZones = model.zones.filter((zone) => zone.nat);
  if (natZones.length) {
    rows.push([
      'Outbound',
      `tasks → ${natZones.length === 1 ? `one NAT gateway (${natZones[0]!.zone})` : 'the NAT gateway of their zone'} → internet gateway → Internet`,
    ]);
  }
  const deploy = deployPath(model);
  if (deploy.length) rows.push(['Deploy', `${deploy.join(' → ')}${model.repository ? `; the build pushes the image to ECR ${model.repository}` : ''}`]);
  if (lb && !lb.internetFacing) rows.push(['Note', 'the load balancer is internal']);
  const labelWidth = Math.max(9, ...rows.map(([label]) => label.length));
  for (const [label, text] of rows) out.push(...wrapWith(`${label.padEnd(labelWidth)} `, text, columns));
  return `${out.join('\n')}\n`;
}
