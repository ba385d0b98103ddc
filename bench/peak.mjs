// Preloaded into a measured process (node --import): on exit, writes its peak
// resident memory (KiB) to the file named by ECS_WIZARD_BENCH_PEAK. With
// ECS_WIZARD_BENCH_FRAME_TEXT, also writes the CPU ms the process had used
// when it first wrote that text to stdout (its first frame) to
// ECS_WIZARD_BENCH_FRAME_CPU: unlike wall time, that figure barely moves with
// the machine's load.
import { writeFileSync } from 'node:fs';

const target = process.env.ECS_WIZARD_BENCH_PEAK;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));

const frameText = process.env.ECS_WIZARD_BENCH_FRAME_TEXT;
const frameCpu = process.env.ECS_WIZARD_BENCH_FRAME_CPU;
if (frameText && frameCpu) {
  const write = process.stdout.write;
  let seen = false;
  process.stdout.write = function (chunk, ...rest) {
    if (!seen && String(chunk).includes(frameText)) {
      seen = true;
      const used = process.cpuUsage();
      writeFileSync(frameCpu, String((used.user + used.system) / 1000));
    }
    return write.call(this, chunk, ...rest);
  };
}
