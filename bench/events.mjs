// Parsing plus rendering N recorded Terraform event lines, in this process:
// every line parsed, folded into the resource-progress model, and formatted
// as the headless view prints it. CPU time, not wall time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSource } from './source.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { parseEventLine } = await importSource('terraform/parser.ts');
const { emptyProgress, reduceProgress, progressTotals } = await importSource('tasks/progress.ts');

function recordedLines() {
  const dirs = [join(root, 'test/fixtures/terraform'), join(root, '..', 'shared', 'fixtures', 'terraform-1.11.4')];
  const lines = [];
  for (const dir of dirs) {
    let files = [];
    try {
      files = readdirSync(dir).filter((file) => file.endsWith('.jsonl'));
    } catch {
      continue;
    }
    for (const file of files) lines.push(...readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean));
  }
  return lines;
}

export function benchEventParsing(count) {
  const source = recordedLines();
  if (source.length === 0) throw new Error('no recordings found');
  const lines = Array.from({ length: count }, (_, i) => source[i % source.length]);
  const started = process.cpuUsage();
  let progress = emptyProgress;
  let bytes = 0;
  for (const line of lines) {
    const event = parseEventLine(line);
    progress = reduceProgress(progress, event, 0);
    const text = `[${event.timestamp ?? ''}] ${event.message}`;
    bytes += text.length;
  }
  const totals = progressTotals(progress, 0);
  const used = process.cpuUsage(started);
  const cpuMs = (used.user + used.system) / 1000;
  return { lines: count, cpuMs, perLineUs: (cpuMs * 1000) / count, bytes, resources: totals.total };
}
