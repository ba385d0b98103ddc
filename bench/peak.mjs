// Preloaded into a measured process (node --import): on exit, writes its peak
// resident memory (KiB) to the file named by ECS_WIZARD_BENCH_PEAK.
import { writeFileSync } from 'node:fs';

const target = process.env.ECS_WIZARD_BENCH_PEAK;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
