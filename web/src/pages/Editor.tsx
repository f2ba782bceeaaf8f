import { useEffect, useRef } from 'react';
import { EditorView, keymap, placeholder as placeholderExt, drawSelection, highlightSpecialChars } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, completionKeymap } from '@codemirror/autocomplete';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { classHighlighter } from '@lezer/highlight';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import { pathPrefix } from '../api';

// One completion client for the whole page: it caches metric names, label names and metadata between panels.
let shared: PromQLExtension | undefined;
function promql(): PromQLExtension {
  shared ??= new PromQLExtension().setComplete({
    remote: { url: pathPrefix(), httpMethod: 'GET' },
    maxMetricsMetadata: 10000,
  });
  return shared;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  onExecute: (expr: string) => void;
}

/** The PromQL editor: highlighting, autocompletion from the API, linting; Enter or Ctrl/Cmd+Enter runs the query. */
export function Editor({ value, onChange, onExecute }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Callbacks change every render; the editor reads them through refs so it is created once.
  const callbacks = useRef({ onChange, onExecute });
  callbacks.current = { onChange, onExecute };

  useEffect(() => {
    const run = (v: EditorView) => {
      closeCompletion(v);
      callbacks.current.onExecute(v.state.doc.toString());
      return true;
    };
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          highlightSpecialChars(),
          history(),
          drawSelection(),
          bracketMatching(),
          closeBrackets(),
          autocompletion({ activateOnTyping: true, maxRenderedOptions: 100 }),
          syntaxHighlighting(classHighlighter),
          placeholderExt('Expression (press Shift+Enter for newlines)'),
          EditorView.lineWrapping,
          promql().asExtension(),
          // Enter runs the query unless the completion popup is open (its own keymap wins first).
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run }])),
          keymap.of([
            ...closeBracketsKeymap,
            ...completionKeymap,
            { key: 'Enter', run },
            { key: 'Shift-Enter', run: insertNewlineAndIndent },
            ...defaultKeymap,
            ...historyKeymap,
            ...lintKeymap,
          ]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'PromQL expression', 'data-testid': 'expression' }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // The editor is created once; later value changes from outside are applied by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="editor" ref={host} />;
}
