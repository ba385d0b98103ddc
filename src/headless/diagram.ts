/**
 * `ecs-wizard diagram [--env E] [--format text|svg|mermaid] [--out FILE]`:
 * a drawing of one environment, from its synthesized stack. To stdout, or to
 * FILE written whole into a folder that exists. Bad input writes nothing.
 * With --json, one `diagram` event (the drawing as `content`, or the `file`
 * written), then `done`.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import type { CliOptions } from '../args.js';
import type { Output } from '../app/output.js';
import { pickEnvironment, resolveProject } from '../app/project.js';
import { DIAGRAM_FORMATS, environmentModel, renderMermaid, renderSvg, renderText, type DiagramFormat } from '../diagram/index.js';
import { copyRole } from '../cost/layers.js';
import { EXIT, FileSystemError, UsageError, type ExitCode } from '../errors.js';
import { synthesizedEnvironment } from '../app/stack.js';

/** The format asked for, or the one the file name says (.svg, .mmd/.md), or text. */
export function diagramFormat(format: string | undefined, out: string | undefined): DiagramFormat {
  if (format !== undefined) {
    if ((DIAGRAM_FORMATS as readonly string[]).includes(format)) return format as DiagramFormat;
    throw new UsageError(`--format "${format}" is not a format; choose one of ${DIAGRAM_FORMATS.join(', ')}, e.g. --format svg`);
  }
  if (out?.endsWith('.svg')) return 'svg';
  if (out && /\.(mmd|mermaid|md)$/.test(out)) return 'mermaid';
  return 'text';
}

const flag = (options: CliOptions, name: string) => (typeof options.flags[name] === 'string' ? (options.flags[name] as string) : undefined);

export async function runDiagram(options: CliOptions, output: Output): Promise<ExitCode> {
  const out = flag(options, 'out');
  const format = diagramFormat(flag(options, 'format'), out);
  if (out === '') throw new UsageError('--out needs a file name, e.g. --out architecture.svg');
  const project = await resolveProject(options);
  const environment = pickEnvironment(project, options.env);
  // Every stack of the environment: during a blue/green change, the shared layer and both copies.
  const stacks = await synthesizedEnvironment(project.resolved.config, environment);
  const model = environmentModel(
    stacks.map((stack) => ({ json: stack.json, ...(stack.copy ? { copy: copyRole(stack.copy) } : {}) })),
    environment,
  );
  const drawing = format === 'svg' ? renderSvg([model]) : format === 'mermaid' ? renderMermaid(model) : renderText(model);
  if (out === undefined) {
    // A reader that goes away (`| head`) ends the drawing, not the process.
    output.stdout.on('error', () => undefined);
    // With --json the drawing rides in one event, so stdout stays one JSON object per line.
    if (output.json) output.result({ type: 'diagram', environment, format, content: drawing }, []);
    else output.stdout.write(drawing);
  } else {
    // Whole or not at all, and into a folder that exists: a mistyped path must not create folders.
    const temporary = `${out}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, drawing, { flag: 'wx' });
      await rename(temporary, out);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      throw new FileSystemError(`--out ${out} cannot be written (${code}); nothing was written`, EXIT.usage, out, code, {
        cause: error,
        next: 'Choose a file in a folder you can write, e.g. --out architecture.svg',
      });
    }
    output.emit({ type: 'diagram', environment, format, file: out });
  }
  output.emit({ type: 'done', exitCode: EXIT.ok, summary: `${format} drawing of ${environment}${out ? ` in ${out}` : ''}` });
  return EXIT.ok;
}
