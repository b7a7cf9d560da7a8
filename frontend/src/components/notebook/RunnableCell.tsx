import { useEffect, useId } from "react";
import type { CodeBlock } from "../../api/client";
import { useCellRun } from "../../kernel/useKernelSession";
import { useDraft } from "../../workspace/useWorkspace";
import type { FileDraft } from "../../workspace/files";
import { CodeEditor } from "../CodeEditor";
import { CopyButton } from "../CopyButton";
import { OutputArea } from "../outputs/OutputArea";
import { SaveConflict } from "../SaveConflict";
import { currentCode, type Notebook } from "./NotebookContext";

function saveNote(draft: FileDraft | undefined, modified: boolean): string {
  if (!draft) return "";
  if (draft.status === "retrying") return "Not saved — retrying";
  if (draft.status !== "saved") return "Saving…";
  return modified ? "Saved" : "";
}

/** A lesson cell the learner can edit and run: Shift+Enter or Run, output below, Reset. */
export function RunnableCell({ block, notebook }: { block: CodeBlock; notebook: Notebook }) {
  const { session, files } = notebook;
  const hintId = useId();
  useEffect(() => {
    files.ensure(block.id, block.source);
  }, [files, block.id, block.source]);
  const draft = useDraft(files, block.id);
  const run = useCellRun(session, block.id);
  const code = draft?.content ?? block.source;
  const modified = code !== (draft?.original ?? block.source);
  const busy = run !== undefined && run.phase !== "done";
  const number = block.id.replace("cell-", "");
  const label = `Python cell ${number}`;

  function runCell() {
    session.run(block.id, currentCode(notebook, block));
  }

  function reset() {
    files.reset(block.id).catch(() => {
      // The server could not reset it now: put the lesson's code back; autosave keeps trying.
      files.edit(block.id, draft?.original ?? block.source);
    });
  }

  return (
    <figure className="code-cell runnable" data-cell-id={block.id} aria-busy={busy} aria-label={label}>
      <figcaption className="code-cell-bar">
        <span className="code-cell-label">
          In [{number}]
          {block.raises ? <span className="badge badge-warn">raises {block.raises} on purpose</span> : null}
          {modified ? <span className="badge">edited</span> : null}
        </span>
        <span className="cell-actions">
          <span className="cell-save" role="status">
            {saveNote(draft, modified)}
          </span>
          <button type="button" className="button-quiet button-run" onClick={runCell} aria-label={`Run ${label}`} title="Run (Shift+Enter)">
            ▶ Run
          </button>
          {busy ? (
            <button
              type="button"
              className="button-quiet"
              onClick={() => {
                session.interrupt();
              }}
              aria-label={`Interrupt ${label}`}
            >
              ■ Interrupt
            </button>
          ) : null}
          <button
            type="button"
            className="button-quiet"
            onClick={reset}
            disabled={!modified}
            aria-label={`Reset ${label} to the lesson's code`}
            title="Back to the lesson's code"
          >
            Reset
          </button>
          <CopyButton text={code} label={label} />
        </span>
      </figcaption>
      <span id={hintId} className="visually-hidden">
        Editable. Shift+Enter runs the cell; Tab leaves the editor.
      </span>
      <CodeEditor
        value={code}
        label={label}
        describedBy={hintId}
        onChange={(text) => {
          files.edit(block.id, text);
        }}
        onRun={runCell}
      />
      {draft?.conflict != null ? (
        <SaveConflict files={files} name={block.id} what={`Cell ${number}`} text={draft.conflict} />
      ) : null}
      {run ? (
        <OutputArea run={run} name={`cell ${number}`} />
      ) : block.expected_output !== null && !modified ? (
        <div className="code-output" aria-label={`Expected output of ${label}`}>
          <span className="code-output-label">Out</span>
          <pre>{block.expected_output.replace(/\n$/, "")}</pre>
        </div>
      ) : null}
    </figure>
  );
}
