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

export interface ParagraphProps {
  readonly text: string;
  readonly width: number;
  readonly color?: string | undefined;
  readonly bold?: boolean;
}

export function Paragraph({ text, width, color, bold = false }: ParagraphProps) {
  return (
    <Box flexDirection="column">
      {wrapWords(text, width).map((line, index) => (
        <Text key={index} color={color} bold={bold}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
