// `npm run bench`: the speed and memory figures the issues set goals for.
// Figures, not assertions: the machine's load moves them; read them, compare runs.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode, row } from './measure.mjs';
import { benchEventParsing } from './events.mjs';
import { benchPlanRatio } from './planRatio.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'ecs-wizard.js');

console.log(`ecs-wizard benchmarks (node ${process.version}, ${new Date().toISOString()})`);

console.log('\nStart-up (fresh process, median of 9)');
const baseline = measureNode(['-e', '0'], { runs: 9 });
console.log(row('node -e 0', `${baseline.wallMs.toFixed(0)} ms, ${baseline.peakMiB.toFixed(0)} MiB`));
const version = measureNode([cli, '--version'], { runs: 9 });
console.log(row('ecs-wizard --version', `${version.wallMs.toFixed(0)} ms, ${version.peakMiB.toFixed(0)} MiB`, '< 100 ms'));

console.log('\nSynth of the full production preset (fresh process, fresh folder, median of 7)');
const template = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-template-'));
const sets = [
  '--preset', 'production',
  '--set', 'environments.production.region=eu-west-1',
  '--set', 'environments.production.pipeline.owner=acme',
  '--set', 'environments.production.pipeline.repo=shop',
];
measureNode([cli, 'synth', ...sets], { runs: 1, prepare: () => template });
const scratch = [];
const synth = measureNode([cli, 'synth'], {
  runs: 7,
  prepare: () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-synth-'));
    cpSync(join(template, 'ecs-wizard.json'), join(dir, 'ecs-wizard.json'));
    scratch.push(dir);
    return dir;
  },
});
console.log(row('ecs-wizard synth (production preset)', `${synth.wallMs.toFixed(0)} ms, ${synth.peakMiB.toFixed(0)} MiB`, '< 500 ms'));
for (const dir of [template, ...scratch]) rmSync(dir, { recursive: true, force: true });

console.log('\nParsing and rendering Terraform events');
const events = benchEventParsing(100_000);
console.log(row(`parse + progress + lines, ${events.lines} event lines`, `${events.cpuMs.toFixed(0)} ms CPU (${events.perLineUs.toFixed(2)} µs/line)`, '< 1000 ms CPU'));

console.log('\necs-wizard plan --yes vs terraform init && terraform plan by hand');
const ratio = await benchPlanRatio(cli);
if (ratio.skipped) console.log(`  SKIPPED: ${ratio.skipped}`);
else {
  console.log(row('terraform init && terraform plan (by hand)', `${ratio.byHandMs.toFixed(0)} ms`));
  console.log(row('ecs-wizard plan --yes', `${ratio.wizardMs.toFixed(0)} ms`));
  console.log(row('ratio', ratio.ratio.toFixed(2), '<= 1.15'));
}

console.log('\nThe Ink front-end in a pseudo-terminal (util-linux script)');
const { benchFirstFrame, benchReplayedApply, hasScript } = await import('./tui.mjs');
if (!hasScript()) console.log('  SKIPPED: no `script` command (util-linux) to make a pseudo-terminal');
else {
  const frame = await benchFirstFrame();
  console.log(row('process start to the first wizard frame', `${frame.firstFrameMs.toFixed(0)} ms`, '< 400 ms'));
  console.log(row('  (the same harness printing at once: node alone)', `${frame.baselineMs.toFixed(0)} ms`));
  const apply = await benchReplayedApply();
  console.log(row('peak memory, run view through a replayed 100-resource apply', `${apply.peakMiB.toFixed(0)} MiB (exit ${apply.exitCode}, ${(apply.wallMs / 1000).toFixed(1)} s)`));
}
