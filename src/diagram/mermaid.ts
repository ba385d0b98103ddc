/**
 * The stack as a Mermaid flowchart, to paste into a GitHub README inside a
 * ```mermaid block: the VPC and its zones as subgraphs, a request's path as
 * solid arrows, a deploy's as dotted ones.
 */
import { copyLabel, engineLabel, memory, tasksLabel, vcpu, type DiagramModel } from './model.js';

/** Mermaid labels: quoted, with the characters that break its parser replaced. */
const label = (text: string) => `"${text.replace(/"/g, "'").replace(/[<>]/g, '')}"`;
const id = (text: string) => text.replace(/[^A-Za-z0-9]/g, '_');

export function renderMermaid(model: DiagramModel): string {
  const out: string[] = ['flowchart TB'];
  const lb = model.loadBalancers;
  out.push(`  internet((${label('Internet')}))`);
  if (model.dns) {
    // The name's records, and each copy's share of them.
    const dns = model.dns;
    const shares = dns.routes.length > 1 ? ` · ${dns.routes.map((route) => `${route.copy} ${route.weight}%`).join(' · ')}` : '';
    out.push(`  ${id(`dns_${dns.name}`)}[${label(`Route 53 ${dns.name} · ALIAS ${dns.types.join('/')}${shares}`)}] --> internet`);
    if (dns.certificate) out.push(`  acm[${label(`ACM certificate${dns.certificate === 'created' ? ' (new, DNS-validated)' : ' (existing)'}`)}]`);
  }
  for (const domain of model.domains.filter((name) => name !== model.dns?.name)) out.push(`  ${id(`dns_${domain}`)}[${label(`DNS ${domain}`)}] --> internet`);
  out.push(`  subgraph vpc[${label(`VPC ${model.vpcCidr ?? ''} · ${model.region}`)}]`);
  out.push('    direction TB');
  if (model.internetGateway) out.push(`    igw[${label('Internet gateway')}]`);
  // During a blue/green change each load balancer is a copy's: its name says which, and its share.
  const copyOf = (index: number) => model.copies?.filter((copy) => copy.loadBalancer)[index];
  lb.forEach((balancer, index) => {
    const listeners = balancer.listeners.map((l) => `${l.protocol} :${l.port}`).join(', ');
    const copy = copyOf(index);
    out.push(`    lb${index}[${label(`${copy ? `Copy ${copyLabel(copy)} · ` : ''}Load balancer ${balancer.name}${listeners ? ` · ${listeners}` : ''}`)}]`);
  });
  for (const zone of model.zones) {
    const z = id(zone.zone);
    out.push(`    subgraph ${z}[${label(zone.zone)}]`);
    out.push('      direction TB');
    out.push(`      ${z}_public[${label(`public ${zone.publicSubnet ?? ''}`)}]`);
    if (zone.nat) out.push(`      ${z}_nat[${label('NAT gateway')}]`);
    out.push(`      ${z}_private[${label(`private ${zone.privateSubnet ?? ''}`)}]`);
    if (zone.tasks && model.service) {
      const names = model.copies?.map((copy) => copy.name).join(' + ');
      out.push(`      ${z}_tasks[${label(names ? `tasks of ${names}` : `${model.service.name} tasks`)}]`);
    }
    if (zone.database && model.database) out.push(`      ${z}_db[(${label(`${engineLabel(model.database.engine)} ${zone.database}`)})]`);
    out.push('    end');
  }
  out.push('  end');
  if (model.repository) out.push(`  ecr[(${label(`ECR ${model.repository}`)})]`);
  if (model.pipeline) {
    out.push(`  subgraph pipeline[${label(`Pipeline ${model.pipeline.name}`)}]`);
    out.push('    direction LR');
    model.pipeline.stages.forEach((stage, index) => out.push(`    stage${index}[${label(`${stage.name}: ${stage.providers.join(', ')}`)}]`));
    for (let index = 1; index < model.pipeline.stages.length; index++) out.push(`    stage${index - 1} --> stage${index}`);
    out.push('  end');
    if (model.pipeline.source) out.push(`  github[${label(`GitHub ${model.pipeline.source}`)}] -.->|push| stage0`);
  }
  // A request.
  const entry = model.internetGateway ? 'igw' : 'internet';
  if (model.internetGateway) out.push('  internet -->|request| igw');
  lb.forEach((_, index) => {
    const copy = copyOf(index);
    out.push(`  ${entry} -->${copy ? `|${copy.routed ? `${copy.weight}%` : 'no traffic yet'}|` : ''} lb${index}`);
  });
  if (model.dns?.certificate) lb.forEach((_, index) => out.push(`  acm -.->|HTTPS| lb${index}`));
  const taskZones = model.zones.filter((zone) => zone.tasks);
  for (const zone of taskZones) {
    // Each copy's load balancer sends to its own tasks, in every zone.
    (model.copies ? lb : lb.slice(0, 1)).forEach((_, index) => out.push(`  lb${index} --> ${id(zone.zone)}_tasks`));
    const primary = model.zones.find((candidate) => candidate.database === 'primary');
    if (primary && model.database) out.push(`  ${id(zone.zone)}_tasks -->|${engineLabel(model.database.engine)}| ${id(primary.zone)}_db`);
  }
  const standby = model.zones.find((zone) => zone.database === 'standby');
  const primary = model.zones.find((zone) => zone.database === 'primary');
  if (standby && primary) out.push(`  ${id(primary.zone)}_db -.-|replica| ${id(standby.zone)}_db`);
  // Outbound through the NAT gateways.
  for (const zone of model.zones.filter((candidate) => candidate.nat)) {
    for (const served of zone.natServes) if (model.zones.find((z) => z.zone === served)?.tasks) out.push(`  ${id(served)}_tasks -.->|outbound| ${id(zone.zone)}_nat`);
    if (model.internetGateway) out.push(`  ${id(zone.zone)}_nat -.-> igw`);
  }
  // A deploy.
  if (model.pipeline && model.repository) {
    const build = model.pipeline.stages.findIndex((stage) => stage.providers.includes('CodeBuild'));
    if (build >= 0) out.push(`  stage${build} -.->|image| ecr`);
    const deploy = model.pipeline.stages.findIndex((stage) => stage.name === 'Deploy');
    if (deploy >= 0) for (const zone of taskZones) out.push(`  stage${deploy} -.->|deploy| ${id(zone.zone)}_tasks`);
  }
  const services = model.copies
    ? model.copies.flatMap((copy) => (copy.service ? [{ note: `service_note_${id(copy.name)}`, text: `Copy ${copy.name} service`, s: copy.service }] : []))
    : model.service
      ? [{ note: 'service_note', text: 'Service', s: model.service }]
      : [];
  for (const { note, text, s } of services) {
    out.push(`  ${note}[${label(`${text} ${s.name}: ${tasksLabel(s.minTasks, s.maxTasks)} × ${vcpu(s.cpu)}, ${memory(s.memoryMiB)}`)}]`);
    if (taskZones[0]) out.push(`  ${note} --- ${id(taskZones[0].zone)}_tasks`);
  }
  if (model.database) {
    const d = model.database;
    out.push(`  db_note[(${label(`${engineLabel(d.engine)} ${d.version} ${d.instanceClass}, ${d.multiAz ? 'multi-AZ' : 'single-AZ'}`)})]`);
    if (primary) out.push(`  db_note --- ${id(primary.zone)}_db`);
  }
  return `${out.join('\n')}\n`;
}
