// The Ink front-end in a real pseudo-terminal (util-linux `script`): time from
// process start to the first wizard frame, and peak memory while the run view
// shows a replayed apply of 100 resources (a real recording, see
// test/fixtures/terraform/README.md), approved at the confirm bar.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { interleave, stats } from './measure.mjs';
import { BENCH_CACHE } from './source.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'ecs-wizard.js');
const peakModule = join(root, 'bench', 'peak.mjs');

export function hasScript() {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `node ARGS` in a pseudo-terminal. `steps` are [text to wait for, keys to send];
 * resolves with the ms at which each text appeared and the process's peak memory.
 */
function inTerminal(args, { cwd, env = {}, steps, frameText }) {
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-tty-'));
  const peakFile = join(scratch, 'peak');
  const frameFile = join(scratch, 'frame-cpu');
  const command = ['node', '--import', peakModule, ...args].map(quote).join(' ');
  const childEnv = { ...process.env, ...env, ECS_WIZARD_BENCH_PEAK: peakFile, COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' };
  if (frameText) Object.assign(childEnv, { ECS_WIZARD_BENCH_FRAME_TEXT: frameText, ECS_WIZARD_BENCH_FRAME_CPU: frameFile });
  delete childEnv.CI;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], { cwd, env: childEnv });
    let output = '';
    const seen = [];
    let step = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${JSON.stringify(steps[step]?.[0])}; output so far:\n${output.slice(-2000)}`));
    }, 120_000);
    child.stdout.on('data', (chunk) => {
      output += chunk.toString('utf8');
      while (step < steps.length && output.includes(steps[step][0])) {
        seen.push(performance.now() - started);
        const keys = steps[step][1];
        step++;
        if (keys) child.stdin.write(keys);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      let peakMiB;
      let frameCpuMs;
      try {
        peakMiB = Number(readFileSync(peakFile, 'utf8')) / 1024;
      } catch {
        peakMiB = NaN;
      }
      try {
        frameCpuMs = Number(readFileSync(frameFile, 'utf8'));
      } catch {
        frameCpuMs = NaN;
      }
      rmSync(scratch, { recursive: true, force: true });
      if (step < steps.length) reject(new Error(`exited ${code} before ${JSON.stringify(steps[step][0])}:\n${output.slice(-2000)}`));
      else resolve({ seen, peakMiB, frameCpuMs, code, wallMs: performance.now() - started });
    });
  });
}

/** Bundles bench/hello/hello.mjs as scripts/build.mjs bundles the command line. */
async function buildHello() {
  const outdir = join(BENCH_CACHE, 'hello');
  await build({
    absWorkingDir: root,
    entryPoints: { hello: 'bench/hello/hello.mjs' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['react-devtools-core'],
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __helloRequire } from 'node:module'; const require = __helloRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return join(outdir, 'hello.js');
}

/**
 * Time from process start to the first wizard frame, interleaved with the
 * bundled Ink hello world; and the CPU each had used when it wrote that frame.
 */
export async function benchFirstFrame(runs = 9) {
  const hello = await buildHello();
  const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-frame-'));
  const cpu = { anchor: [], subject: [] };
  const frame = async (side, args, text, keys) => {
    const result = await inTerminal(args, { cwd: dir, steps: [[text, keys]], frameText: text });
    cpu[side].push(result.frameCpuMs);
    return result.seen[0];
  };
  try {
    const wall = await interleave({
      runs,
      metric: (ms) => ms,
      anchor: () => frame('anchor', [hello], 'Hello from Ink'),
      // Ctrl-C cancels the wizard once its first frame is up.
      subject: () => frame('subject', [cli], 'App name', '\x03'),
    });
    // The first round is the warm-up, as in interleave().
    const rest = (values) => stats(values.slice(values.length - runs));
    const anchorCpu = rest(cpu.anchor);
    const subjectCpu = rest(cpu.subject);
    return { wall, cpu: { anchor: anchorCpu, subject: subjectCpu, ratio: subjectCpu.median / anchorCpu.median } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchReplayedApply() {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-apply-'));
  try {
    const synth = spawnSync(process.execPath, [cli, 'synth', '--preset', 'starter',
      '--set', 'environments.production.region=eu-west-1',
      '--set', 'environments.production.pipeline.owner=acme',
      '--set', 'environments.production.pipeline.repo=shop'], { cwd: dir, encoding: 'utf8' });
    if (synth.status !== 0) throw new Error(synth.stderr);
    const env = {
      ECS_WIZARD_TERRAFORM: join(root, 'test', 'helpers', 'fakeTerraform.mjs'),
      FAKE_TF_DIR: [join(root, 'test', 'fixtures', 'terraform'), join(root, '..', 'shared', 'fixtures', 'terraform-1.11.4')].join(':'),
      FAKE_TF_SCENARIO_PLAN: 'plan-hundred',
      FAKE_TF_SCENARIO_APPLY: 'apply-hundred',
      // The recording took 27 s; replay it at 4× so the view lives through many frames.
      FAKE_TF_SPEED: '4',
    };
    const result = await inTerminal([cli, 'apply'], {
      cwd: dir,
      env,
      steps: [
        ['Apply these changes', '\r'],
        ['any key', 'q'],
      ],
    });
    return { peakMiB: result.peakMiB, wallMs: result.wallMs, exitCode: result.code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
