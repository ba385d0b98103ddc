/**
 * The stack drawn as text, inside Review, while `d` is held on: drawn from
 * the synthesized stack of the answers, so it shows what would be built.
 */
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { theme } from '../components/theme.js';

export interface ReviewDiagramProps {
  /** Draws the answers' stack; absent when this front-end cannot synthesize. */
  readonly draw?: () => Promise<string>;
  readonly rows: number;
}

export function ReviewDiagram({ draw, rows }: ReviewDiagramProps) {
  const [drawing, setDrawing] = useState<{ text?: string; error?: string }>({});
  useEffect(() => {
    let live = true;
    if (!draw) return;
    draw().then(
      (text) => live && setDrawing({ text }),
      (error: Error) => live && setDrawing({ error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [draw]);
  if (!draw) return <Text color={theme.color('muted')}>Run ecs-wizard diagram to see the drawing.</Text>;
  if (drawing.error) return <Text color={theme.color('error')}>Could not draw the stack: {drawing.error}</Text>;
  if (drawing.text === undefined) return <Text color={theme.color('muted')}>Drawing the stack from its synthesized Terraform…</Text>;
  const lines = drawing.text.trimEnd().split('\n');
  const shown = lines.length > rows ? lines.slice(0, Math.max(rows - 1, 1)) : lines;
  return (
    <>
      {shown.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {shown.length < lines.length ? <Text color={theme.color('muted')}>… {lines.length - shown.length} more lines: ecs-wizard diagram shows them all</Text> : null}
    </>
  );
}
