/**
 * A step's questions as a form. Presentational: the reducer decides what
 * each key means (src/wizard/formKeys.ts) and holds the cursors and
 * filters; the form forwards keys and draws the fields.
 */
import { Box, Text } from 'ink';
import type { KeyInput } from '../input/editors.js';
import { choicesOf } from '../wizard/questions.js';
import type { FormUi } from '../wizard/reducer.js';
import type { Answers, FieldId, Question, WizardContext } from '../wizard/types.js';
import { FieldHelp } from '../components/FieldHelp.js';
import { useKeyTarget } from '../components/KeyRouter.js';
import type { Hint } from '../components/KeyHints.js';
import { MultiSelect } from '../components/MultiSelect.js';
import { Paragraph } from '../components/Paragraph.js';
import { SelectList } from '../components/SelectList.js';
import { TextInput } from '../components/TextInput.js';
import { Toggle } from '../components/Toggle.js';
import { theme } from '../components/theme.js';

export interface StepFormProps {
  readonly questions: readonly Question[];
  readonly answers: Answers;
  readonly issues: Partial<Record<FieldId, string>>;
  readonly focus: number;
  readonly help: boolean;
  readonly ui: FormUi;
  readonly context: WizardContext;
  /** Every key pressed, with how far PageUp/PageDown move in the focused list. */
  readonly onKey: (input: string, key: KeyInput, page: number) => void;
  /** Rows the focused list may take. */
  readonly listRows: number;
  readonly columns: number;
  /** False when the screen places (and sizes) the help itself. */
  readonly inlineHelp?: boolean;
}

export function labelWidth(questions: readonly Question[]): number {
  return Math.min(Math.max(...questions.map((entry) => entry.label.length), 4) + 2, 22);
}

/** Columns right of the label column, where values and their messages go. */
export function valueWidth(columns: number, label: number): number {
  return Math.max(columns - label - 2, 20);
}

/** The hints for the focused field: its own keys first, then the form's. */
export function formHints(entry: Question | undefined, options: { readonly canGoBack: boolean; readonly help: boolean; readonly locked?: boolean }): Hint[] {
  const own: Hint[] = [];
  if (entry && !options.locked) {
    if (entry.kind === 'select' && entry.searchable) own.push({ keys: 'type', action: 'filter' }, { keys: '↑↓', action: 'choose' });
    else if (entry.kind === 'select') own.push({ keys: '↑↓', action: 'choose' });
    else if (entry.kind === 'multiselect') own.push({ keys: '↑↓', action: 'move' }, { keys: 'Space', action: 'toggle' });
    else if (entry.kind === 'boolean') own.push({ keys: '←→', action: 'change' });
  }
  return [
    ...own,
    { keys: 'Tab', action: 'field' },
    { keys: 'Enter', action: 'next' },
    ...(options.canGoBack ? [{ keys: 'Esc', action: 'back' }] : []),
    { keys: '?', action: options.help ? 'hide help' : 'help' },
    { keys: '^C', action: 'quit' },
  ];
}

export function StepForm(props: StepFormProps) {
  const page = Math.max(props.listRows - 2, 1);
  useKeyTarget((input, key) => props.onKey(input, key, page));
  const width = labelWidth(props.questions);
  return (
    <Box flexDirection="column">
      {props.questions.map((entry, index) => (
        <FieldRow key={entry.id} entry={entry} props={props} focused={index === props.focus} width={width} />
      ))}
    </Box>
  );
}

/** "1 day", "7 days": units are written plural. */
function unitFor(entry: Question, text: string): string | undefined {
  return entry.unit && text.trim() === '1' && entry.unit.endsWith('s') ? entry.unit.slice(0, -1) : entry.unit;
}

interface FieldRowProps {
  readonly entry: Question;
  readonly props: StepFormProps;
  readonly focused: boolean;
  readonly width: number;
}

function FieldRow({ entry, props, focused, width }: FieldRowProps) {
  const issue = props.issues[entry.id];
  const locked = entry.locked?.(props.context);
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={width + 2} flexShrink={0}>
          <Text color={focused ? theme.color('accent') : undefined} bold={focused}>
            {focused ? '› ' : '  '}
            {entry.label}
          </Text>
        </Box>
        <Box flexDirection="column" flexGrow={1}>
          {locked !== undefined ? (
            <Text color={theme.color('muted')}>{String(props.answers[entry.id])} (fixed)</Text>
          ) : (
            <FieldValue entry={entry} props={props} focused={focused} />
          )}
        </Box>
      </Box>
      {issue !== undefined ? (
        <Box paddingLeft={width + 2}>
          <Paragraph text={`✗ ${issue}`} width={valueWidth(props.columns, width)} color={theme.color('error')} />
        </Box>
      ) : null}
      {focused && locked !== undefined ? (
        <Box paddingLeft={width + 2}>
          <Paragraph text={`fixed: ${locked}`} width={valueWidth(props.columns, width)} color={theme.color('muted')} />
        </Box>
      ) : null}
      {focused && props.help && props.inlineHelp !== false ? <FieldHelp label={entry.label} text={entry.help} columns={props.columns} /> : null}
    </Box>
  );
}

function FieldValue({ entry, props, focused }: Omit<FieldRowProps, 'width'>) {
  const value = props.answers[entry.id];
  const choices = choicesOf(entry, props.answers);
  switch (entry.kind) {
    case 'boolean':
      return <Toggle value={value === true} focused={focused} />;
    case 'multiselect':
      if (!focused) return <Text>{(value as readonly string[]).join(', ') || '(none)'}</Text>;
      return <MultiSelect choices={choices} values={value as readonly string[]} cursor={props.ui.listCursors[entry.id] ?? 0} maxRows={props.listRows} />;
    case 'select': {
      if (focused) {
        const query = props.ui.queries[entry.id] ?? '';
        return (
          <Box flexDirection="column">
            {entry.searchable ? (
              <Text>
                {query === '' ? <Text color={theme.color('muted')}>type to filter </Text> : <Text>filter: {query}</Text>}
                <Text inverse> </Text>
              </Text>
            ) : null}
            <SelectList choices={choices} value={String(value)} query={query} maxRows={props.listRows - (entry.searchable ? 1 : 0)} />
          </Box>
        );
      }
      const choice = choices.find((candidate) => candidate.value === value);
      const hint = entry.hintInRow === false ? undefined : choice?.hint;
      return (
        <Text wrap="truncate-end">
          {choice?.label ?? String(value)}
          {hint ? <Text color={theme.color('muted')}>  {hint}</Text> : null}
        </Text>
      );
    }
    default: {
      const text = String(value);
      return (
        <TextInput value={text} cursor={props.ui.cursors[entry.id] ?? text.length} focused={focused} placeholder={entry.placeholder} unit={unitFor(entry, text)} />
      );
    }
  }
}
