/**
 * A step's questions as a form. It owns the keyboard for the step: Tab, ↑↓
 * at the edges, Enter, Esc and ? mean the same on every screen, and every
 * other key goes to the focused field's editor. One input handler per
 * screen, so two components never both react to the same key.
 */
import { Box, Text, useInput } from 'ink';
import type { Key } from 'ink';
import { useRef, useState } from 'react';
import { choicesOf } from '../wizard/questions.js';
import type { AnswerValue, Answers, FieldId, Question, WizardContext } from '../wizard/types.js';
import { FieldHelp } from './FieldHelp.js';
import { Paragraph } from './Paragraph.js';
import type { Hint } from './KeyHints.js';
import { MultiSelect, editMulti } from './MultiSelect.js';
import { SelectList, editSelect } from './SelectList.js';
import { TextInput, editText } from './TextInput.js';
import { Toggle, editToggle } from './Toggle.js';
import { theme } from './theme.js';

export interface FormCallbacks {
  readonly onChange: (field: FieldId, value: AnswerValue) => void;
  readonly onFocus: (direction: 'next' | 'previous', wrap: boolean) => void;
  readonly onToggleHelp: () => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

export interface StepFormProps extends FormCallbacks {
  readonly questions: readonly Question[];
  readonly answers: Answers;
  readonly issues: Partial<Record<FieldId, string>>;
  readonly focus: number;
  readonly help: boolean;
  readonly context: WizardContext;
  readonly isActive: boolean;
  /** Rows the focused list may take. */
  readonly listRows: number;
  readonly columns: number;
  /** False when the screen places (and sizes) the help itself. */
  readonly inlineHelp?: boolean;
}

type Cursors = Partial<Record<FieldId, number>>;
type Queries = Partial<Record<FieldId, string>>;

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

interface Live {
  readonly props: StepFormProps;
  readonly cursors: Cursors;
  readonly queries: Queries;
  readonly multi: Cursors;
}

export function StepForm(props: StepFormProps) {
  const [cursors, setCursors] = useState<Cursors>({});
  const [queries, setQueries] = useState<Queries>({});
  const [multi, setMulti] = useState<Cursors>({});
  // Keys can arrive faster than effects re-subscribe the handler: read the
  // latest render's values through a ref, never a stale closure.
  const live = useRef<Live>({ props, cursors, queries, multi });
  live.current = { props, cursors, queries, multi };

  const edit = (entry: Question, input: string, key: Key): boolean => {
    const { props: p, cursors: c, queries: q, multi: m } = live.current;
    const value = p.answers[entry.id];
    switch (entry.kind) {
      case 'text':
      case 'number': {
        const text = String(value);
        const next = editText({ value: text, cursor: c[entry.id] ?? text.length }, input, key, { digitsOnly: entry.kind === 'number' });
        if (!next) return false;
        if (next.value !== text) p.onChange(entry.id, next.value);
        setCursors({ ...c, [entry.id]: next.cursor });
        return true;
      }
      case 'select': {
        const query = q[entry.id] ?? '';
        const next = editSelect(choicesOf(entry, p.answers), { value: String(value), query }, input, key, {
          searchable: entry.searchable ?? false,
          page: Math.max(p.listRows - 2, 1),
        });
        if (!next) return false;
        if (next.value !== value) p.onChange(entry.id, next.value);
        if (next.query !== query) setQueries({ ...q, [entry.id]: next.query });
        return true;
      }
      case 'multiselect': {
        const values = value as readonly string[];
        const next = editMulti(choicesOf(entry, p.answers), { values, cursor: m[entry.id] ?? 0 }, input, key);
        if (!next) return false;
        if (next.values !== values) p.onChange(entry.id, next.values);
        setMulti({ ...m, [entry.id]: next.cursor });
        return true;
      }
      case 'boolean': {
        const next = editToggle(value === true, input, key);
        if (next === undefined) return false;
        p.onChange(entry.id, next);
        return true;
      }
    }
  };

  useInput(
    (input, key) => {
      const { props: p, queries: q } = live.current;
      // Ctrl-C belongs to the app, which cancels the whole wizard.
      if (key.ctrl && input === 'c') return;
      const entry = p.questions[p.focus];
      if (key.tab) return p.onFocus(key.shift ? 'previous' : 'next', true);
      if (key.return) return p.onNext();
      if (key.escape) {
        if (p.help) return p.onToggleHelp();
        if (entry?.searchable && q[entry.id]) return setQueries({ ...q, [entry.id]: '' });
        return p.onBack();
      }
      if (input === '?') return p.onToggleHelp();
      if (entry && entry.locked?.(p.context) === undefined && edit(entry, input, key)) return;
      if (key.upArrow) p.onFocus('previous', false);
      else if (key.downArrow) p.onFocus('next', false);
    },
    { isActive: props.isActive },
  );

  const width = labelWidth(props.questions);
  return (
    <Box flexDirection="column">
      {props.questions.map((entry, index) => (
        <FieldRow
          key={entry.id}
          entry={entry}
          props={props}
          focused={index === props.focus}
          width={width}
          cursor={cursors[entry.id]}
          query={queries[entry.id] ?? ''}
          multiCursor={multi[entry.id] ?? 0}
        />
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
  readonly cursor: number | undefined;
  readonly query: string;
  readonly multiCursor: number;
}

function FieldRow({ entry, props, focused, width, cursor, query, multiCursor }: FieldRowProps) {
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
            <FieldValue entry={entry} props={props} focused={focused} cursor={cursor} query={query} multiCursor={multiCursor} />
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

function FieldValue({ entry, props, focused, cursor, query, multiCursor }: Omit<FieldRowProps, 'width'>) {
  const value = props.answers[entry.id];
  const choices = choicesOf(entry, props.answers);
  switch (entry.kind) {
    case 'boolean':
      return <Toggle value={value === true} focused={focused} />;
    case 'multiselect':
      if (!focused) return <Text>{(value as readonly string[]).join(', ') || '(none)'}</Text>;
      return <MultiSelect choices={choices} values={value as readonly string[]} cursor={multiCursor} maxRows={props.listRows} />;
    case 'select': {
      if (focused) {
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
      return <TextInput value={text} cursor={cursor ?? text.length} focused={focused} placeholder={entry.placeholder} unit={unitFor(entry, text)} />;
    }
  }
}
