import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { Annotation, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { useEffect, useRef } from "react";

/** Marks a change that came from outside (a reset, a restore): not the learner typing. */
const external = Annotation.define<boolean>();

type Props = {
  value: string;
  onChange: (text: string) => void;
  /** Shift+Enter. */
  onRun?: () => void;
  label: string;
  /** id of an element describing the editor (e.g. its keyboard shortcuts). */
  describedBy?: string;
  numbered?: boolean;
  className?: string;
};

/** An editable Python editor (CodeMirror 6). Tab moves focus on, as everywhere else. */
export function CodeEditor({ value, onChange, onRun, label, describedBy, numbered = false, className }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onRun });
  useEffect(() => {
    handlers.current = { onChange, onRun };
  });

  useEffect(() => {
    if (!host.current) return;
    // tabindex: already in the tab order as contenteditable, but said explicitly so that
    // checkers (axe) see that the scrolling editor can be reached from the keyboard.
    const attributes: Record<string, string> = { "aria-label": label, tabindex: "0" };
    if (describedBy) attributes["aria-describedby"] = describedBy;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        // The first value; later ones arrive through the effect below.
        doc: value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: "Shift-Enter",
                run: () => {
                  handlers.current.onRun?.();
                  return handlers.current.onRun !== undefined;
                },
              },
            ]),
          ),
          numbered ? lineNumbers() : [],
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          indentUnit.of("    "),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
          python(),
          syntaxHighlighting(classHighlighter),
          EditorView.contentAttributes.of(attributes),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            if (update.transactions.some((t) => t.annotation(external))) return;
            handlers.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once; `value` changes are applied as transactions below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, describedBy, numbered]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) {
      editor.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: external.of(true) });
    }
  }, [value]);

  return <div ref={host} className={`code-view code-editor${className ? ` ${className}` : ""}`} />;
}
