import { useEffect, useId, useRef, useState } from "react";
import type { Receipt } from "../api/client";
import { CodeView } from "../components/CodeCell";
import { CodeEditor } from "../components/CodeEditor";
import { CopyButton } from "../components/CopyButton";
import { OutputArea } from "../components/outputs/OutputArea";
import type { KernelSession } from "../kernel/session";
import { useCellRun } from "../kernel/useKernelSession";

type ReceiptProps = {
  receipt: Receipt;
  /** Names the kernel cell the receipt opens in; unique in the page. */
  cellId: string;
  session: KernelSession;
};

/**
 * The receipt's code in an editable cell of the page's kernel: run it again, change it,
 * see what it prints. The edits live as long as the panel does (they are scratch work).
 */
function ReceiptCell({ receipt, cellId, session, onClose }: ReceiptProps & { onClose: () => void }) {
  const [code, setCode] = useState(receipt.code);
  const run = useCellRun(session, cellId);
  const busy = run !== undefined && run.phase !== "done";
  const hintId = useId();
  const figure = useRef<HTMLElement>(null);
  const label = `Cell with the code of “${receipt.title}”`;

  useEffect(() => {
    // The learner asked for this cell: take them into it.
    figure.current?.querySelector<HTMLElement>(".cm-content")?.focus();
  }, []);

  function runCell() {
    session.run(cellId, code);
  }

  return (
    <figure ref={figure} className="code-cell runnable tutor-cell" data-cell-id={cellId} aria-busy={busy} aria-label={label}>
      <figcaption className="code-cell-bar">
        <span className="code-cell-label">
          Your cell{code !== receipt.code ? <span className="badge">edited</span> : null}
        </span>
        <span className="cell-actions">
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
            disabled={code === receipt.code}
            onClick={() => {
              setCode(receipt.code);
            }}
            aria-label={`Reset ${label} to the tutor's code`}
          >
            Reset
          </button>
          <button type="button" className="button-quiet" onClick={onClose} aria-label={`Close ${label}`}>
            Close
          </button>
        </span>
      </figcaption>
      <span id={hintId} className="visually-hidden">
        Editable. Shift+Enter runs the cell in this page's Python kernel; Tab leaves the editor.
      </span>
      <CodeEditor value={code} label={label} describedBy={hintId} onChange={setCode} onRun={runCell} />
      {run ? <OutputArea run={run} name={`the cell with the code of “${receipt.title}”`} /> : null}
    </figure>
  );
}

/**
 * One receipt, folded: what the tutor ran to check its answer and what that printed, whether
 * it passed, and "Open in a cell" to run or change it.
 */
export function ReceiptView({ receipt, cellId, session }: ReceiptProps) {
  const [expanded, setExpanded] = useState(false);
  const [cellOpen, setCellOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const outcome = receipt.passed ? "passed" : "failed";
  return (
    <li className="tutor-receipt" data-passed={receipt.passed}>
      <details
        open={expanded}
        onToggle={(event) => {
          setExpanded(event.currentTarget.open);
        }}
      >
        <summary>
          <span className="tutor-receipt-mark" aria-hidden="true">
            {receipt.passed ? "✓" : "✗"}
          </span>
          <span className="tutor-receipt-title">{receipt.title}</span>
          <span className={`tutor-receipt-outcome outcome-${outcome}`}>{receipt.passed ? "passed" : "failed"}</span>
        </summary>
        {expanded ? (
          <div className="tutor-receipt-body">
            <figure className="code-cell tutor-receipt-code">
              <figcaption className="code-cell-bar">
                <span className="code-cell-label">Code the tutor ran</span>
                <CopyButton text={receipt.code} label={`code of “${receipt.title}”`} />
              </figcaption>
              <CodeView source={receipt.code} label={`Code of “${receipt.title}”`} wrap />
              <div className="code-output" aria-label={`Output of “${receipt.title}”`}>
                <span className="code-output-label">Out</span>
                <pre>{receipt.output.replace(/\n$/, "") || "(no output)"}</pre>
              </div>
            </figure>
            {cellOpen ? null : (
              <button
                ref={opener}
                type="button"
                className="button-secondary tutor-open-cell"
                onClick={() => {
                  setCellOpen(true);
                }}
              >
                Open in a cell
              </button>
            )}
          </div>
        ) : null}
      </details>
      {cellOpen ? (
        <ReceiptCell
          receipt={receipt}
          cellId={cellId}
          session={session}
          onClose={() => {
            setCellOpen(false);
            setExpanded(true);
            window.requestAnimationFrame(() => opener.current?.focus());
          }}
        />
      ) : null}
    </li>
  );
}
