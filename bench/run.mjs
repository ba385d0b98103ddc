// `npm run bench`: the speed and memory figures the issues set goals for.
// Each row is a ratio against an anchor measured side by side, interleaved,
// in this run; absolute figures move with the machine's load, ratios much less.
// Figures, not assertions: read them, compare runs.
//
// ECS_WIZARD_BENCH_ONLY=install,synth,cdktf,envs,frame,version,events,plan,apply,emulator
// runs only the named sections (all by default).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, printComparison, row, runMeasured, statsLine } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'ecs-wizard.js');
const only = process.env.ECS_WIZARD_BENCH_ONLY?.split(',').map((name) => name.trim());
const wanted = (name) => !only || only.includes(name);
const atMost = (limit) => ({ text: `<= ${limit}`, holds: (value) => value <= limit });

console.log(`ecs-wizard benchmarks (node ${process.version}, ${new Date().toISOString()})`);

if (wanted('install')) {
  console.log('\nInstall: npm install of the packed tarball vs cdktf + @cdktf/provider-aws alone (empty folder, empty cache, from the registry)');
  const { benchInstall, registryAnswers } = await import('./install.mjs');
  if (!registryAnswers()) console.log('  SKIPPED: the npm registry does not answer');
  else {
    const result = await benchInstall(Number(process.env.ECS_WIZARD_BENCH_INSTALL_RUNS ?? 3));
    printComparison('install time', result.time, { anchorLabel: `npm install ${result.anchorSpecs.join(' ')}`, subjectLabel: 'npm install ./ecs-wizard-x.y.z.tgz', unit: 'ms' });
    console.log(row('  install time, ecs-wizard (median)', `${(result.time.subject.median / 1000).toFixed(1)} s`, '<= 5 s'));
    const size = (s) => `${s.megabytes.toFixed(1)} MB, ${s.packages} package folders`;
    console.log(row('  node_modules, ecs-wizard', size(result.subjectSize), '<= 30 MB'));
    console.log(row('  node_modules, anchor', size(result.anchorSize)));
    console.log(row('  size ratio', (result.subjectSize.megabytes / result.anchorSize.megabytes).toFixed(3)));
  }
}

if (wanted('synth')) {
  console.log('\nSynth of the production preset vs the hand-written reference stack (CPU of a fresh process)');
  const { benchSynthAgainstReference } = await import('./synth.mjs');
  const result = await benchSynthAgainstReference(cli);
  console.log(`  (reference and ecs-wizard write ${result.architecture})`);
  printComparison('synth CPU', result.comparison, { anchorLabel: 'node bench/reference/main.cjs', subjectLabel: 'ecs-wizard synth', unit: 'ms', goal: atMost(0.85) });
  console.log(statsLine('peak memory of ecs-wizard synth (goal < 100)', result.peak, 'MiB'));
}

if (wanted('envs')) {
  console.log('\nSynth with 1, 2 and 3 environments (copies of production; CPU, interleaved)');
  const { benchEnvironments } = await import('./synth.mjs');
  const result = await benchEnvironments(cli);
  result.cpu.forEach((s, index) => console.log(statsLine(`${index + 1} environment${index ? 's' : ''}`, s, 'ms')));
  const [one, two, three] = result.cpu.map((s) => s.median);
  console.log(row('  per extra environment (median: 1→2, 2→3)', `${(two - one).toFixed(0)} ms, ${(three - two).toFixed(0)} ms`, 'linear'));
  // Each step alone is within this machine's noise; the line through 1 and 3 is steadier.
  console.log(row('  per extra environment (1→3, halved)', `${((three - one) / 2).toFixed(0)} ms; 2 environments ${(two - (one + three) / 2).toFixed(0)} ms off that line`));
  result.peaks.forEach((s, index) => console.log(statsLine(`peak memory, ${index + 1} environment${index ? 's' : ''}`, s, 'MiB')));
}

if (wanted('cdktf')) {
  console.log('\nSynth vs `npx cdktf synth` of the generated project (CPU of the whole process tree)');
  const { registryAnswers } = await import('./install.mjs');
  if (process.env.ECS_WIZARD_BENCH_SKIP_CDKTF || !registryAnswers()) console.log('  SKIPPED: ECS_WIZARD_BENCH_SKIP_CDKTF is set or the npm registry does not answer');
  else {
    const { benchSynthAgainstCdktf } = await import('./synth.mjs');
    const result = await benchSynthAgainstCdktf(cli);
    console.log(`  (cdk.tf.json of both ${result.identical ? 'byte-identical' : 'DIFFERS'})`);
    printComparison('synth CPU', result.comparison, { anchorLabel: 'npx cdktf synth', subjectLabel: 'ecs-wizard synth', unit: 'ms' });
  }
}

if (wanted('frame')) {
  console.log('\nFirst wizard frame vs a bundled Ink hello world, in a pseudo-terminal (util-linux script)');
  const { benchFirstFrame, hasScript } = await import('./tui.mjs');
  if (!hasScript()) console.log('  SKIPPED: no `script` command (util-linux) to make a pseudo-terminal');
  else {
    const frame = await benchFirstFrame();
    printComparison('process start to first frame (wall)', frame.wall, { anchorLabel: 'Ink hello world, bundled', subjectLabel: 'npx ecs-wizard: "App name"', unit: 'ms', goal: atMost(1.2) });
    printComparison('CPU used by the first frame', frame.cpu, { anchorLabel: 'Ink hello world, bundled', subjectLabel: 'npx ecs-wizard: "App name"', unit: 'ms', goal: atMost(1.2) });
  }
}

if (wanted('version')) {
  console.log('\n--version vs node -e 0 (wall time of a fresh process)');
  const comparison = await interleave({
    runs: 15,
    metric: (measured) => measured.wallMs,
    anchor: () => runMeasured('-e', ['0'], { node: true }),
    subject: () => runMeasured(cli, ['--version'], { node: true }),
  });
  printComparison('--version', comparison, { anchorLabel: 'node -e 0', subjectLabel: 'ecs-wizard --version', unit: 'ms', goal: atMost(1.25) });
}

if (wanted('events')) {
  console.log('\nParsing and rendering Terraform events');
  const { benchEventParsing } = await import('./events.mjs');
  const events = benchEventParsing(100_000);
  console.log(row(`parse + progress + lines, ${events.lines} event lines`, `${events.cpuMs.toFixed(0)} ms CPU (${events.perLineUs.toFixed(2)} µs/line)`, '< 1000 ms CPU'));
}

if (wanted('plan')) {
  console.log('\necs-wizard plan --yes vs terraform init && terraform plan by hand (wall time)');
  const { benchPlanRatio } = await import('./planRatio.mjs');
  const ratio = await benchPlanRatio(cli);
  if (ratio.skipped) console.log(`  SKIPPED: ${ratio.skipped}`);
  else printComparison('plan', ratio, { anchorLabel: 'terraform init && terraform plan', subjectLabel: 'ecs-wizard plan --yes', unit: 'ms', goal: atMost(1.15) });
}

if (wanted('apply')) {
  console.log('\nThe run view in a pseudo-terminal through a replayed 100-resource apply');
  const { benchReplayedApply, hasScript } = await import('./tui.mjs');
  if (!hasScript()) console.log('  SKIPPED: no `script` command (util-linux) to make a pseudo-terminal');
  else {
    const apply = await benchReplayedApply();
    console.log(row('peak memory', `${apply.peakMiB.toFixed(0)} MiB (exit ${apply.exitCode}, ${(apply.wallMs / 1000).toFixed(1)} s)`));
  }
}

if (wanted('emulator')) {
  console.log('\necs-wizard apply --yes vs terraform init, plan -out and apply by hand of the same stack, each against a fresh emulator (wall time)');
  const { benchApplyRatio } = await import('./applyRatio.mjs');
  const result = await benchApplyRatio(cli, Number(process.env.ECS_WIZARD_BENCH_APPLY_RUNS ?? 2));
  if (result.skipped) console.log(`  SKIPPED: ${result.skipped}`);
  else {
    printComparison('apply of the starter preset', result.time, { anchorLabel: 'terraform init, plan -out, apply PLAN', subjectLabel: 'ecs-wizard apply --yes', unit: 'ms', goal: atMost(1.05) });
    console.log(statsLine('peak memory of ecs-wizard during its apply (goal <= 150)', result.peak, 'MiB'));
  }
}
