import { useRef, useState } from "react";
import { progress } from "../api/client";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { describeImport } from "./format";

type Notice = { kind: "ok" | "error"; text: string } | null;

/** Export my progress (a download) and Import progress… (file → confirm → replace everything). */
export function Transfer({ onImported }: { onImported: () => void }) {
  const picker = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  async function importFile(chosen: File) {
    setFile(null);
    setBusy(true);
    setNotice(null);
    try {
      const summary = await progress.importFile(chosen);
      setNotice({ kind: "ok", text: describeImport(summary) });
      onImported();
    } catch (e) {
      setNotice({
        kind: "error",
        text: `Could not import ${chosen.name}: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="transfer">
      <p className="muted transfer-text">
        One file with everything: reading, quiz and lab attempts, reviews, study time, settings and all your code with
        its versions. Move it to another computer, or keep it as a backup.
      </p>
      <div className="transfer-actions">
        <a className="button-secondary" href={progress.exportUrl} download>
          <span aria-hidden="true">⤓ </span>Export my progress
        </a>
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => {
            picker.current?.click();
          }}
        >
          <span aria-hidden="true">⤒ </span>
          {busy ? "Importing…" : "Import progress…"}
        </button>
        <input
          ref={picker}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Progress file to import"
          data-testid="import-file"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            e.target.value = ""; // choosing the same file again still asks
            if (chosen) setFile(chosen);
          }}
        />
      </div>
      <div role="status" aria-live="polite">
        {notice?.kind === "ok" ? (
          <p className="transfer-notice transfer-ok" data-testid="import-result">
            <span aria-hidden="true">✓ </span>
            {notice.text}
          </p>
        ) : null}
      </div>
      {notice?.kind === "error" ? (
        <p className="transfer-notice transfer-error" role="alert" data-testid="import-error">
          {notice.text}
        </p>
      ) : null}
      <ConfirmDialog
        open={file !== null}
        title="Replace all your progress?"
        confirmLabel="Replace my progress"
        onConfirm={() => {
          if (file) void importFile(file);
        }}
        onCancel={() => {
          setFile(null);
        }}
      >
        <p>
          Importing <strong>{file?.name}</strong> replaces everything la4ai holds for you — lessons read, quiz and lab
          attempts, hints, reviews, study time, your goal and all your saved code — with what the file holds.
        </p>
        <p>This cannot be undone. Export your progress first if you might want it back.</p>
      </ConfirmDialog>
    </div>
  );
}
