import { useState } from "react";
import { workspaces, type VersionInfo, type WorkspaceKind } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import type { WorkspaceFiles } from "../../workspace/files";
import { ErrorPanel } from "../Status";

type Props = {
  id: string;
  kind: WorkspaceKind;
  moduleId: string;
  name: string;
  files: WorkspaceFiles;
  /** The file's current version: the list is fetched again when it changes. */
  currentVersion: number;
  onRestored: (message: string) => void;
};

const REASONS: Record<VersionInfo["reason"], string> = { save: "saved", restore: "restored", reset: "reset" };

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function Preview({ kind, moduleId, name, version, onRestore }: Omit<Props, "id" | "files" | "currentVersion" | "onRestored"> & { version: number; onRestore: () => void }) {
  const [state, reload] = useAsync(() => workspaces.version(kind, moduleId, name, version), `version:${name}:${version}`);
  if (state.status === "loading") return <p className="muted">Loading version {version}…</p>;
  if (state.status === "error") return <ErrorPanel error={state.error} retry={reload} />;
  return (
    <div className="version-preview" data-version={version}>
      <pre aria-label={`Version ${version} of ${name}`} tabIndex={0}>
        {state.data.content}
      </pre>
      <button type="button" className="button" onClick={onRestore}>
        Restore version {version}
      </button>
    </div>
  );
}

/** Every saved version of a file: preview one, restore it (which saves it as a new version). */
export function VersionsPanel({ id, kind, moduleId, name, files, currentVersion, onRestored }: Props) {
  const [list, reload] = useAsync(() => workspaces.versions(kind, moduleId, name), `versions:${name}:${currentVersion}`);
  const [selected, setSelected] = useState<number | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);

  function restore(version: number) {
    setFailure(null);
    files.restore(name, version).then(
      () => {
        setSelected(null);
        onRestored(`Restored version ${version}.`);
      },
      (error: unknown) => {
        setFailure(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  return (
    <section id={id} className="versions-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Versions of {name}</h2>
      {list.status === "loading" ? <p className="muted">Loading versions…</p> : null}
      {list.status === "error" ? <ErrorPanel error={list.error} retry={reload} /> : null}
      {list.status === "ready" && list.data.length === 0 ? (
        <p className="muted">No saved versions yet: your edits are saved as you type.</p>
      ) : null}
      {list.status === "ready" && list.data.length > 0 ? (
        <ol className="version-list">
          {[...list.data]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <li key={v.version} data-version={v.version}>
                <button
                  type="button"
                  className={`version-item${selected === v.version ? " selected" : ""}`}
                  aria-pressed={selected === v.version}
                  onClick={() => {
                    setSelected(selected === v.version ? null : v.version);
                  }}
                >
                  <span className="version-number">
                    Version {v.version}
                    {v.version === currentVersion ? " (current)" : ""}
                  </span>
                  <span className="version-meta">
                    {REASONS[v.reason]} · {when(v.created_at)} · {v.size} bytes
                  </span>
                  <code className="version-preview-line">{v.preview || "(empty)"}</code>
                </button>
              </li>
            ))}
        </ol>
      ) : null}
      {failure ? <ErrorPanel error={failure} /> : null}
      {selected !== null ? (
        <Preview
          kind={kind}
          moduleId={moduleId}
          name={name}
          version={selected}
          onRestore={() => {
            restore(selected);
          }}
        />
      ) : null}
    </section>
  );
}
