// Wall time of `ecs-wizard apply --yes` of the starter preset against
// `terraform init && terraform plan -out && terraform apply PLAN` by hand of
// the same synthesized stack, each against a FRESH emulator (moto + our
// gateway: scripts/emulator.mjs) so neither finds what the other made,
// interleaved (anchor, subject, subject, anchor…); and the wizard's own peak
// memory (its node process, not Terraform's) during its applies.
//
// The processes are spawned asynchronously: the gateway runs in this process,
// and a spawnSync would stop it from answering the apply it waits for.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, peakModule, stats } from './measure.mjs';
import { starterSynthArgs, terraformWithMirror } from './terraformSetup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command to its end without blocking this process; resolves with its wall time in ms. */
function timed(command, args, options) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

/**
 * @param {string} cli
 * @param {number} runs  runs of each side
 */
export async function benchApplyRatio(cli, runs = 2) {
  const { findMotoServer, startEmulator } = await import(join(root, 'scripts/emulator/index.mjs'));
  if (!findMotoServer()) return { skipped: 'no moto_server on PATH (the emulator needs it)' };
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-wizard-bench-apply-'));
  try {
    const setup = await terraformWithMirror(scratch);
    if (setup.skipped) return { skipped: setup.skipped };
    const { terraform } = setup;
    const env = { ...process.env, ...setup.env };
    const peaks = [];
    /** A fresh emulator and a project pointed at it; `body` runs the apply. */
    const fresh = async (name, body) => {
      const emulator = await startEmulator({ warmRegion: 'eu-west-1' });
      try {
        const dir = join(scratch, name);
        // moto's cold start (scripts/emulator/warm.mjs) paid before either side's clock starts.
        await emulator.warmed;
        await timed(process.execPath, [cli, ...starterSynthArgs(dir, emulator.endpoint)], { env });
        return { wallMs: await body(dir) };
      } finally {
        await emulator.stop();
      }
    };
    const time = await interleave({
      runs,
      warmup: 0,
      metric: (measured) => measured.wallMs,
      anchor: (i) =>
        fresh(`hand-${i}`, async (dir) => {
          const stack = join(dir, 'cdktf.out/stacks/production');
          return (
            (await timed(terraform.path, ['init', '-input=false'], { cwd: stack, env })) +
            (await timed(terraform.path, ['plan', '-input=false', '-out=plan.tfplan'], { cwd: stack, env })) +
            (await timed(terraform.path, ['apply', '-input=false', 'plan.tfplan'], { cwd: stack, env }))
          );
        }),
      subject: (i) =>
        fresh(`wizard-${i}`, async (dir) => {
          const peakFile = join(scratch, `peak-${i}`);
          const wallMs = await timed(process.execPath, ['--import', peakModule, cli, 'apply', '--yes', '--dir', dir], { env: { ...env, ECS_WIZARD_BENCH_PEAK: peakFile } });
          peaks.push(Number(readFileSync(peakFile, 'utf8')) / 1024);
          return wallMs;
        }),
    });
    return { time, peak: stats(peaks) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
