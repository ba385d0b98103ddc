import { Box } from 'ink';
import { Paragraph } from '../components/Paragraph.js';
import { linesOf } from '../components/layout.js';
import { StepScreen } from './StepScreen.js';
import { theme } from '../components/theme.js';
import type { ScreenProps } from './types.js';

export function PipelineScreen(props: ScreenProps) {
  const { answers, context } = props;
  const notes: string[] = [];
  if (context.mode === 'new' && !context.defaults.github) {
    // Say why none was found (no git, no repository, no origin, another host), so the fix is plain.
    const why = context.defaults.noGitHub ?? 'no "origin" remote in this folder';
    notes.push(`No GitHub repository found: ${why}. Enter the repository CodePipeline should watch.`);
  }
  if (answers['wizard.connection'] === 'new') {
    notes.push('After the first apply, authorise the new connection once: AWS console › Developer Tools › Connections.');
  }
  const extra =
    notes.length > 0 ? (
      <Box flexDirection="column">
        {notes.map((note) => (
          <Paragraph key={note} text={note} width={props.size.columns} color={theme.color('muted')} />
        ))}
      </Box>
    ) : undefined;
  const extraLines = notes.reduce((total, note) => total + linesOf(note, props.size.columns), 0);
  return <StepScreen {...props} extra={extra} extraLines={extraLines} />;
}
