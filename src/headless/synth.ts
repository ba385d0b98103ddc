/**
 * `ecs-wizard synth`: config in, CDKTF project out, no prompt. Every problem
 * is reported at once and nothing is written unless all of it is valid. The
 * config is saved here whatever changed it: writing the project is synth's job.
 */
import type { CliOptions } from '../args.js';
import type { Output } from '../app/output.js';
import { rereadProject, resolveProject, saveProjectConfig, shownPath, withCommandLock, writeProjectFiles } from '../app/project.js';
import { EXIT, type ExitCode } from '../errors.js';

export async function runSynth(options: CliOptions, output: Output): Promise<ExitCode> {
  // Resolved first to report a bad --set at once, then again holding the lock:
  // a synth that waited for a run builds on what that run saved.
  const early = await resolveProject(options);
  const say = (message: string) => output.emit({ type: 'warning', message });
  const { project, written, environments, recovered, saved } = await withCommandLock(early.dir, 'synth', options, say, async () => {
    const { project, changed } = await rereadProject(early);
    if (changed) say(`${shownPath(project.configPath)} changed while synth waited (another run saved it): synth uses the file as it is now${project.change ? `, with ${project.change} on top` : ''}.`);
    const write = await writeProjectFiles(project.dir, project.resolved.config, options);
    return { project, ...write, saved: await saveProjectConfig(project, options) };
  });
  if (recovered) say(recovered);
  if (saved) output.emit({ type: 'config', path: project.configPath, saved: true, message: saved });
  output.emit({ type: 'synth', dir: project.dir, environments, written });
  const stacks = environments.map((name) => `cdktf.out/stacks/${name}`).join(', ');
  output.emit({
    type: 'done',
    exitCode: EXIT.ok,
    summary: saved || written.length ? `Synthesized ${stacks}` : `Everything is up to date (${stacks})`,
  });
  return EXIT.ok;
}
