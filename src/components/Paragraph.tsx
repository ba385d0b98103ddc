/**
 * Prose wrapped by words before Ink sees it. Ink's own wrapping keeps the
 * space at the start of each continuation line; wrapping here also lets the
 * screens count exactly the rows a sentence takes.
 */
import { Box, Text } from 'ink';

export function wrapWords(text: string, width: number): string[] {
  const limit = Math.max(width, 10);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > limit) {
        if (line) lines.push(line);
        lines.push(word.slice(0, limit));
        word = word.slice(limit);
        line = '';
      }
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= limit) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** At most `maxLines` lines, the last one ending in "…" when text was cut. */
export function clipLines(lines: readonly string[], maxLines: number, width: number): string[] {
  if (lines.length <= maxLines) return [...lines];
  const kept = lines.slice(0, Math.max(maxLines, 1));
  const last = kept[kept.length - 1]!;
  kept[kept.length - 1] = `${last.length + 2 > width ? last.slice(0, width - 2) : last} …`;
  return kept;
}

export interface ParagraphProps {
  readonly text: string;
  readonly width: number;
  readonly color?: string | undefined;
  readonly bold?: boolean;
  /** Cut to this many lines when the screen has no more room. */
  readonly maxLines?: number;
}

export function Paragraph({ text, width, color, bold = false, maxLines }: ParagraphProps) {
  const lines = wrapWords(text, width);
  return (
    <Box flexDirection="column">
      {(maxLines === undefined ? lines : clipLines(lines, maxLines, width)).map((line, index) => (
        <Text key={index} color={color} bold={bold}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
