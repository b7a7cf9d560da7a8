import { python } from "@codemirror/lang-python";
import { syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { useEffect, useRef } from "react";
import type { CodeBlock } from "../api/client";
import { CopyButton } from "./CopyButton";
import { useNotebook } from "./notebook/NotebookContext";
import { RunnableCell } from "./notebook/RunnableCell";

/**
 * Python source, highlighted by CodeMirror, read-only. `wrap` wraps long lines (for narrow
 * places: a read-only view cannot take the focus to scroll sideways).
 */
export function CodeView({ source, label, wrap = false }: { source: string; label: string; wrap?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: source.replace(/\n$/, ""),
        extensions: [
          python(),
          syntaxHighlighting(classHighlighter),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          ...(wrap ? [EditorView.lineWrapping] : []),
          EditorView.contentAttributes.of({ "aria-label": label }),
        ],
      }),
    });
    return () => {
      view.destroy();
    };
  }, [source, label, wrap]);
  return <div ref={host} className="code-view" />;
}

/** A code block: runnable cells become editors on a page with a kernel; the rest are read-only. */
export function CodeCell({ block }: { block: CodeBlock }) {
  const notebook = useNotebook();
  if (block.runnable && notebook) return <RunnableCell block={block} notebook={notebook} />;
  const isPython = block.language === "python";
  const label = block.runnable ? `Python cell ${block.id.replace("cell-", "")}` : `${block.language} code`;

  return (
    <figure className={`code-cell${block.runnable ? " runnable" : ""}`} data-cell-id={block.id || undefined}>
      <figcaption className="code-cell-bar">
        <span className="code-cell-label">
          {block.runnable ? `In [${block.id.replace("cell-", "")}]` : block.language}
          {block.raises ? <span className="badge badge-warn">raises {block.raises} on purpose</span> : null}
        </span>
        <CopyButton text={block.source} label={label} />
      </figcaption>
      {isPython ? (
        <CodeView source={block.source} label={label} />
      ) : (
        <pre className="code-plain">
          <code>{block.source}</code>
        </pre>
      )}
      {block.expected_output !== null ? (
        <div className="code-output" aria-label={`Output of ${label}`}>
          <span className="code-output-label">Out</span>
          <pre>{block.expected_output.replace(/\n$/, "")}</pre>
        </div>
      ) : null}
    </figure>
  );
}
